/** A small dense, standardised matrix of a frame's rows for the landmarkers (not a model's preprocessing). */
import { BOOL_MISSING, CODE_MISSING, type Column, type Frame } from "../../data/frame.js";

/** One-hot at most this many most frequent levels of a categorical column. */
const MAX_LEVELS = 10;
/** At most this many matrix columns: wide data gets its first features only. */
const MAX_WIDTH = 200;

export interface DenseSample {
  /** rows × width, row-major, standardised (missing → 0, the mean). */
  x: Float64Array;
  rows: number;
  width: number;
}

function numericOf(c: Column, rows: readonly number[]): Float64Array | null {
  const out = new Float64Array(rows.length);
  if (c.kind === "numeric" || c.kind === "datetime") {
    rows.forEach((r, i) => {
      const v = c.values[r] as number;
      out[i] = Number.isFinite(v) ? v : Number.NaN;
    });
    return out;
  }
  if (c.kind === "boolean") {
    rows.forEach((r, i) => {
      const v = c.values[r] as number;
      out[i] = v === BOOL_MISSING ? Number.NaN : v;
    });
    return out;
  }
  return null;
}

/** Standardises in place (population std; constant → all 0); NaN becomes 0. */
function standardise(v: Float64Array): void {
  let n = 0;
  let mean = 0;
  for (const x of v) {
    if (Number.isNaN(x)) continue;
    n++;
    mean += (x - mean) / n;
  }
  let ss = 0;
  for (const x of v) if (!Number.isNaN(x)) ss += (x - mean) * (x - mean);
  const sd = n > 0 ? Math.sqrt(ss / n) : 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i] as number;
    v[i] = Number.isNaN(x) || sd === 0 ? 0 : (x - mean) / sd;
  }
}

/** Numeric, boolean and datetime features standardised; categoricals one-hot (top levels); text left out. */
export function denseSample(frame: Frame, target: string, rows: readonly number[]): DenseSample {
  const cols: Float64Array[] = [];
  for (const c of frame.columns) {
    if (c.name === target || cols.length >= MAX_WIDTH) continue;
    const num = numericOf(c, rows);
    if (num !== null) {
      standardise(num);
      cols.push(num);
      continue;
    }
    if (c.kind !== "categorical") continue;
    const counts = new Map<number, number>();
    for (const r of rows) {
      const code = c.codes[r] as number;
      if (code !== CODE_MISSING) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const top = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, MAX_LEVELS)
      .map(([code]) => code);
    for (const code of top) {
      if (cols.length >= MAX_WIDTH) break;
      const v = new Float64Array(rows.length);
      rows.forEach((r, i) => {
        v[i] = c.codes[r] === code ? 1 : 0;
      });
      standardise(v);
      cols.push(v);
    }
  }
  const width = cols.length;
  const x = new Float64Array(rows.length * width);
  cols.forEach((col, j) => {
    for (let i = 0; i < rows.length; i++) x[i * width + j] = col[i] as number;
  });
  return { x, rows: rows.length, width };
}
