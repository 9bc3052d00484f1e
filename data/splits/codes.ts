/** Checks class or group codes against the row count and renumbers them densely, in order of first appearance. */
import { AlchemistError } from "../../core/errors.js";

/** Dense codes: `encoded[i]` in 0..m-1 per row, `values[c]` the original code of class c, `counts[c]` its rows. */
export interface DenseCodes {
  encoded: Int32Array;
  values: Int32Array;
  counts: Int32Array;
}

/**
 * Refuses a length other than n (LENGTH_MISMATCH) and negative codes (INVALID_ARGUMENT, naming the
 * first such row): a split cannot place a row whose class or group is missing.
 */
export function denseCodes(codes: Int32Array, n: number, parameter: "y" | "groups"): DenseCodes {
  if (codes.length !== n) {
    throw new AlchemistError("LENGTH_MISMATCH", `${parameter} has ${codes.length} entries but n=${n} rows`, {
      parameter,
      expected: n,
      actual: codes.length,
    });
  }
  const encoded = new Int32Array(n);
  const seen = new Map<number, number>();
  const values: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const code = codes[i] as number;
    let c = seen.get(code);
    if (c === undefined) {
      if (code < 0) {
        const what = parameter === "y" ? "class" : "group";
        throw new AlchemistError(
          "INVALID_ARGUMENT",
          `${parameter} has a missing ${what} (code ${code}) at row ${i}: drop or impute such rows before splitting`,
          { parameter, row: i },
        );
      }
      c = values.length;
      seen.set(code, c);
      values.push(code);
      counts.push(0);
    }
    encoded[i] = c;
    counts[c] = (counts[c] as number) + 1;
  }
  return { encoded, values: Int32Array.from(values), counts: Int32Array.from(counts) };
}

/** Rows grouped by dense code, each group in ascending row order: rows of code c are `rows[start[c]..start[c+1])`. */
export function rowsByCode(dense: DenseCodes): { rows: Int32Array; start: Int32Array } {
  const m = dense.counts.length;
  const start = new Int32Array(m + 1);
  for (let c = 0; c < m; c++) start[c + 1] = (start[c] as number) + (dense.counts[c] as number);
  const cursor = start.slice(0, m);
  const rows = new Int32Array(dense.encoded.length);
  for (let i = 0; i < dense.encoded.length; i++) {
    const c = dense.encoded[i] as number;
    rows[cursor[c] as number] = i;
    cursor[c] = (cursor[c] as number) + 1;
  }
  return { rows, start };
}
