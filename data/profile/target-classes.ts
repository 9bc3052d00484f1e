/** A target column read as classes: one dense class index per row, with labels and counts. */
import { AlchemistError } from "../../core/errors.js";
import { BOOL_MISSING, type Column } from "../frame.js";

/** Class view of a column: `codes[i]` indexes `labels` (`-1` missing); labels in level (or ascending value) order. */
export interface TargetClasses {
  labels: string[];
  counts: number[];
  codes: Int32Array;
}

/** Dense classes of a categorical/text/boolean/numeric column: only observed values become classes. */
export function targetClasses(col: Column): TargetClasses {
  switch (col.kind) {
    case "categorical":
    case "text":
      return fromCodes(col.codes, col.levels);
    case "boolean": {
      const codes = new Int32Array(col.values.length);
      const v = col.values;
      for (let i = 0; i < v.length; i++) codes[i] = v[i] === BOOL_MISSING ? -1 : v[i] === 0 ? 0 : 1;
      return compact(codes, 2, (k) => (k === 1 ? "true" : "false"));
    }
    case "numeric":
      return fromNumbers(col.values);
    case "datetime":
      throw new AlchemistError(
        "INVALID_TARGET",
        `Target '${col.name}' is a datetime: it cannot be read as classes.`,
        {
          column: col.name,
        },
      );
  }
}

function fromCodes(src: Int32Array, levels: readonly string[]): TargetClasses {
  const codes = new Int32Array(src.length);
  const n = levels.length;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    codes[i] = c >>> 0 < n ? c : -1;
  }
  return compact(codes, n, (k) => levels[k]!);
}

/** Drops labels no row uses and renumbers the codes (in place), keeping label order. */
function compact(codes: Int32Array, nLabels: number, labelOf: (k: number) => string): TargetClasses {
  const counts = new Int32Array(nLabels);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c >= 0) counts[c]!++;
  }
  const remap = new Int32Array(nLabels).fill(-1);
  const kept: string[] = [];
  const keptCounts: number[] = [];
  for (let k = 0; k < nLabels; k++) {
    if (counts[k] === 0) continue;
    remap[k] = kept.length;
    kept.push(labelOf(k));
    keptCounts.push(counts[k]!);
  }
  if (kept.length !== nLabels) {
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i]!;
      if (c >= 0) codes[i] = remap[c]!;
    }
  }
  return { labels: kept, counts: keptCounts, codes };
}

/** Numbers as classes, ascending; `NaN` missing. Small integer ranges use an offset table, others a Map. */
function fromNumbers(v: Float64Array): TargetClasses {
  const n = v.length;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integer = true;
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    if (Number.isNaN(x)) continue;
    if (x < min) min = x;
    if (x > max) max = x;
    if (integer && Math.floor(x) !== x) integer = false;
  }
  const codes = new Int32Array(n);
  if (integer && max - min <= 1_000_000) {
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      codes[i] = Number.isNaN(x) ? -1 : x - min;
    }
    return compact(codes, max >= min ? max - min + 1 : 0, (k) => String(k + min));
  }
  const index = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    if (Number.isNaN(x)) codes[i] = -1;
    else {
      const key = x === 0 ? 0 : x;
      let k = index.get(key);
      if (k === undefined) {
        k = index.size;
        index.set(key, k);
      }
      codes[i] = k;
    }
  }
  // Renumber so classes are in ascending value order.
  const values = [...index.keys()].sort((a, b) => a - b);
  const order = new Int32Array(values.length);
  values.forEach((x, rank) => {
    order[index.get(x)!] = rank;
  });
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (c >= 0) codes[i] = order[c]!;
  }
  return compact(codes, values.length, (k) => String(values[k]));
}
