/** Date/time text formats Alchemist recognises, and their parsers (UTC unless the text has a zone). */

export interface DateFormat {
  /** Human label, e.g. `YYYY-MM-DD` or `DD/MM/YYYY HH:mm`. */
  readonly label: string;
  /** Epoch ms, or NaN when the text does not match this format or names an impossible date. */
  parse(text: string): number;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function build(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  tzMin: number,
): number {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 60) return Number.NaN;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC maps years 0-99 to 1900-1999; four-digit years from the regexes never hit that path.
  return t - tzMin * 60_000;
}

const TIME = String.raw`(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?`;
const ZONE = String.raw`\s*(Z|[+-]\d{2}:?\d{2})?`;

function time(m: RegExpExecArray, at: number): [number, number, number, number] {
  const frac = m[at + 3];
  return [
    Number(m[at] ?? 0),
    Number(m[at + 1] ?? 0),
    Number(m[at + 2] ?? 0),
    frac ? Math.round(Number(`0.${frac}`) * 1000) : 0,
  ];
}

function zone(z: string | undefined): number {
  if (!z || z === "Z") return 0;
  const sign = z[0] === "-" ? -1 : 1;
  const digits = z.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}${ZONE}$`);
const YMD_SLASH = new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${TIME}$`);
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const SLASHED = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})${TIME}$`);
const DAY_MON_YEAR = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})$/;
const MON_DAY_YEAR = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;

/** ISO 8601 dates and date-times (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm:ss.sssZ`, …). */
export const ISO_FORMAT: DateFormat = {
  label: "YYYY-MM-DD",
  parse(text) {
    const m = ISO.exec(text);
    if (!m) return Number.NaN;
    const [h, mi, s, ms] = time(m, 4);
    return build(Number(m[1]), Number(m[2]), Number(m[3]), h, mi, s, ms, zone(m[8]));
  },
};

const YMD_SLASH_FORMAT: DateFormat = {
  label: "YYYY/MM/DD",
  parse(text) {
    const m = YMD_SLASH.exec(text);
    if (!m) return Number.NaN;
    const [h, mi, s, ms] = time(m, 4);
    return build(Number(m[1]), Number(m[2]), Number(m[3]), h, mi, s, ms, 0);
  },
};

const YEAR_MONTH_FORMAT: DateFormat = {
  label: "YYYY-MM",
  parse(text) {
    const m = YEAR_MONTH.exec(text);
    return m ? build(Number(m[1]), Number(m[2]), 1, 0, 0, 0, 0, 0) : Number.NaN;
  },
};

function slashed(dayFirst: boolean): DateFormat {
  return {
    label: dayFirst ? "DD/MM/YYYY" : "MM/DD/YYYY",
    parse(text) {
      const m = SLASHED.exec(text);
      if (!m) return Number.NaN;
      const a = Number(m[1]);
      const b = Number(m[3]);
      const [h, mi, s, ms] = time(m, 5);
      return dayFirst
        ? build(Number(m[4]), b, a, h, mi, s, ms, 0)
        : build(Number(m[4]), a, b, h, mi, s, ms, 0);
    },
  };
}

const DAY_MON_YEAR_FORMAT: DateFormat = {
  label: "D MMM YYYY",
  parse(text) {
    const m = DAY_MON_YEAR.exec(text);
    const mo = m ? MONTHS[(m[2] as string).toLowerCase()] : undefined;
    return m && mo ? build(Number(m[3]), mo, Number(m[1]), 0, 0, 0, 0, 0) : Number.NaN;
  },
};

const MON_DAY_YEAR_FORMAT: DateFormat = {
  label: "MMM D, YYYY",
  parse(text) {
    const m = MON_DAY_YEAR.exec(text);
    const mo = m ? MONTHS[(m[1] as string).toLowerCase()] : undefined;
    return m && mo ? build(Number(m[3]), mo, Number(m[2]), 0, 0, 0, 0, 0) : Number.NaN;
  },
};

export const DAY_FIRST_FORMAT = slashed(true);
export const MONTH_FIRST_FORMAT = slashed(false);

/** Every format, most specific first. Slash dates appear twice (day-first, month-first). */
export const DATE_FORMATS: readonly DateFormat[] = [
  ISO_FORMAT,
  YMD_SLASH_FORMAT,
  YEAR_MONTH_FORMAT,
  MONTH_FIRST_FORMAT,
  DAY_FIRST_FORMAT,
  DAY_MON_YEAR_FORMAT,
  MON_DAY_YEAR_FORMAT,
];

/** Whether a parsed text carried a time of day (used to label formats `... HH:mm`). */
export function textHasTime(text: string): boolean {
  return /\d{1,2}:\d{2}/.test(text);
}
