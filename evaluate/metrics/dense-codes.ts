/** Remaps arbitrary integer labels (cluster ids, −1 for noise, sparse codes) to dense 0..k−1. */

/** Dense relabelling: `codes[i]` in 0..k−1, `sizes[c]` the number of rows with dense code c. */
export interface DenseCodes {
  readonly codes: Int32Array;
  readonly k: number;
  readonly sizes: Float64Array;
}

/** Assigns dense codes in order of first appearance; any Int32 values are accepted. */
export function denseCodes(labels: Int32Array): DenseCodes {
  const n = labels.length;
  const codes = new Int32Array(n);
  const index = new Map<number, number>();
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    let code = index.get(label);
    if (code === undefined) {
      code = counts.length;
      index.set(label, code);
      counts.push(0);
    }
    codes[i] = code;
    counts[code]!++;
  }
  return { codes, k: counts.length, sizes: Float64Array.from(counts) };
}
