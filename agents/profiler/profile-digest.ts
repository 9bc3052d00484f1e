/** A compact view of a Profile for prompts: the facts an agent reasons with, numbers rounded, lists capped. */
import type { ColumnProfile } from "../../data/profile/column-schema.js";
import type { Profile } from "../../data/profile/profile-schema.js";

/** Columns past this many are left out of the prompt (counted in `omittedColumns`). */
export const DIGEST_MAX_COLUMNS = 300;
const MAX_COERCIONS = 30;
const MAX_CLASSES = 20;
const MAX_LEVELS = 5;

/** 4 significant digits: enough to reason with, fewer tokens. */
function r(x: number | null): number | null {
  return x === null || !Number.isFinite(x) ? x : Number(x.toPrecision(4));
}

function columnDigest(c: ColumnProfile): Record<string, unknown> {
  const flags = Object.entries(c.flags)
    .filter(([, on]) => on)
    .map(([flag]) => flag);
  const base: Record<string, unknown> = {
    name: c.name,
    kind: c.kind,
    role: c.role,
    missing: c.missing,
    missingRate: r(c.missingRate),
    cardinality: c.cardinality,
  };
  if (flags.length > 0) base.flags = flags;
  switch (c.kind) {
    case "numeric": {
      const s = c.numeric;
      base.stats = {
        min: r(s.min),
        median: r(s.quantiles?.p50 ?? null),
        max: r(s.max),
        mean: r(s.mean),
        std: r(s.std),
        skewness: r(s.skewness),
        zeros: s.zeros,
        negatives: s.negatives,
        infinite: s.infinite,
        iqrOutliers: s.iqrOutliers,
        integerValued: s.integerValued,
      };
      break;
    }
    case "categorical":
    case "text": {
      const s = c.kind === "categorical" ? c.categorical : c.text;
      base.topLevels = s.topLevels.slice(0, MAX_LEVELS).map((l) => [l.level, l.count]);
      base.rareLevels = s.rareLevels;
      if (c.kind === "text") base.meanLength = r(c.text.lengthMean);
      break;
    }
    case "boolean":
      base.trueRate = r(c.boolean.trueRate);
      break;
    case "datetime":
      base.range = [c.datetime.min, c.datetime.max];
      base.monotonic = c.datetime.monotonic;
      base.frequency = c.datetime.frequency?.description ?? null;
      base.duplicateTimestamps = c.datetime.duplicateTimestamps;
      break;
  }
  return base;
}

/** The digest sent to the model instead of the full profile (which can be megabytes for wide tables). */
export function profileDigest(profile: Profile): Record<string, unknown> {
  const target = profile.target;
  const cls = target?.classification;
  const reg = target?.regression;
  return {
    nRows: profile.nRows,
    nColumns: profile.nColumns,
    duplicateRows: profile.duplicateRows,
    missingCellRate: r(profile.missingCellRate),
    task: profile.task,
    taskReason: profile.taskReason,
    timeColumn: profile.timeColumn,
    target: target && {
      name: target.name,
      kind: target.kind,
      missing: target.missing,
      classes: cls && {
        nClasses: cls.nClasses,
        counts: cls.classes.slice(0, MAX_CLASSES).map((c) => [c.level, c.count]),
        imbalanceRatio: r(cls.imbalanceRatio),
      },
      values: reg && {
        min: r(reg.min),
        max: r(reg.max),
        mean: r(reg.mean),
        std: r(reg.std),
        skewness: r(reg.skewness),
        distinct: reg.distinct,
        logTransformMayHelp: reg.logTransformMayHelp,
      },
    },
    leakage: profile.leakage.map((l) => ({ column: l.column, metric: l.metric, score: r(l.score) })),
    quality: { score: profile.quality.score, reasons: profile.quality.reasons.map((x) => x.message) },
    readerNotes: profile.coercions.slice(0, MAX_COERCIONS).map((c) => c.message),
    columns: profile.columns.slice(0, DIGEST_MAX_COLUMNS).map(columnDigest),
    ...(profile.columns.length > DIGEST_MAX_COLUMNS
      ? { omittedColumns: profile.columns.length - DIGEST_MAX_COLUMNS }
      : {}),
  };
}
