/** Number parsing straight from bytes, correctly rounded, without creating a string per field. */

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];
const latin1 = new TextDecoder("latin1");

/**
 * Parses `buf[start, end)` as a decimal number (`12`, `-3.5`, `.5`, `1e-3`, `inf`, `-Infinity`),
 * ignoring surrounding spaces. Returns NaN when the text is not a number (including "NaN" itself:
 * callers treat such tokens as values to report, not as numbers).
 *
 * Fast path (Clinger): up to 15 significant digits and a power of ten within 10^±22 are exact
 * doubles, so one multiplication or division rounds correctly; anything else goes to `Number()`.
 */
export function parseNumberBytes(buf: Uint8Array, start: number, end: number): number {
  while (start < end && buf[start] === 32) start++;
  while (end > start && buf[end - 1] === 32) end--;
  if (start === end) return Number.NaN;
  let i = start;
  let negative = false;
  let c = buf[i] as number;
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
    if (i === end) return Number.NaN;
  }
  let mantissa = 0;
  let digits = 0;
  let significant = 0;
  let scale = 0;
  for (; i < end; i++) {
    c = (buf[i] as number) - 48;
    if (c < 0 || c > 9) break;
    digits++;
    if (significant > 0 || c !== 0) {
      mantissa = mantissa * 10 + c;
      significant++;
    }
  }
  if (i < end && buf[i] === 46) {
    i++;
    for (; i < end; i++) {
      c = (buf[i] as number) - 48;
      if (c < 0 || c > 9) break;
      digits++;
      scale--;
      if (significant > 0 || c !== 0) {
        mantissa = mantissa * 10 + c;
        significant++;
      }
    }
  }
  if (digits === 0) return parseSpecial(buf, start, end);
  if (i < end && (buf[i] === 101 || buf[i] === 69)) {
    i++;
    let expNegative = false;
    if (i < end && (buf[i] === 45 || buf[i] === 43)) {
      expNegative = buf[i] === 45;
      i++;
    }
    let exp = 0;
    let expDigits = 0;
    for (; i < end; i++) {
      c = (buf[i] as number) - 48;
      if (c < 0 || c > 9) break;
      if (exp < 100000) exp = exp * 10 + c;
      expDigits++;
    }
    if (expDigits === 0) return Number.NaN;
    scale += expNegative ? -exp : exp;
  }
  if (i !== end) return Number.NaN;
  if (significant <= 15 && scale >= -22 && scale <= 22) {
    const v = scale >= 0 ? mantissa * (POW10[scale] as number) : mantissa / (POW10[-scale] as number);
    return negative ? -v : v;
  }
  return Number(latin1.decode(buf.subarray(start, end)));
}

function parseSpecial(buf: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len < 3 || len > 9) return Number.NaN;
  const text = latin1.decode(buf.subarray(start, end)).toLowerCase();
  switch (text) {
    case "inf":
    case "+inf":
    case "infinity":
    case "+infinity":
      return Number.POSITIVE_INFINITY;
    case "-inf":
    case "-infinity":
      return Number.NEGATIVE_INFINITY;
    default:
      return Number.NaN;
  }
}

/** The same rules for a JS string (JSON values, overrides). */
export function parseNumberText(text: string): number {
  const bytes = new TextEncoder().encode(text);
  return parseNumberBytes(bytes, 0, bytes.length);
}
