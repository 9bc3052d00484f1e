import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { type Column, cellValue, createFrame, type Frame } from "../frame.js";
import { countDuplicateRows } from "./duplicates.js";
import { ProfileScratch } from "./scratch.js";

const names = (k: number) => Array.from({ length: k }, (_, i) => `v${i}`);
const dups = (frame: Frame) => countDuplicateRows(frame, new ProfileScratch());

/** Brute force: rows as JSON strings (missing is null, so NaN equals NaN; -0 prints as 0). */
function bruteForce(frame: Frame): number {
  const seen = new Set<string>();
  let d = 0;
  for (let i = 0; i < frame.nRows; i++) {
    const key = JSON.stringify(frame.columns.map((c) => cellValue(c, i)));
    if (seen.has(key)) d++;
    else seen.add(key);
  }
  return d;
}

describe("countDuplicateRows", () => {
  it("counts rows equal to an earlier row, missing equal to missing and -0 to 0", () => {
    // pandas: DataFrame({"x": [1, nan, 1, nan, 0.0, -0.0], "c": ["a", None, "a", None, "b", "b"]}).duplicated().sum() == 3
    const frame = createFrame([
      { kind: "numeric", name: "x", values: Float64Array.from([1, Number.NaN, 1, Number.NaN, 0, -0]) },
      { kind: "categorical", name: "c", codes: Int32Array.from([0, -1, 0, -1, 1, 1]), levels: ["a", "b"] },
    ]);
    expect(dups(frame)).toBe(3);
  });

  it("agrees with brute force on mixed columns across many hash partitions", () => {
    const rng = createRng(21);
    const n = 20_000;
    const columns: Column[] = [
      {
        kind: "numeric",
        name: "n",
        values: Float64Array.from({ length: n }, () => (rng.next() < 0.1 ? Number.NaN : rng.int(6))),
      },
      {
        kind: "categorical",
        name: "c",
        codes: Int32Array.from({ length: n }, () => rng.int(4) - 1),
        levels: ["a", "b", "c"],
      },
      { kind: "boolean", name: "b", values: Uint8Array.from({ length: n }, () => [0, 1, 255][rng.int(3)]!) },
      {
        kind: "datetime",
        name: "d",
        values: Float64Array.from({ length: n }, () => rng.int(5) * 86_400_000),
      },
      {
        kind: "text",
        name: "t",
        codes: Int32Array.from({ length: n }, () => rng.int(3)),
        levels: ["x", "y", "z"],
      },
    ];
    const frame = createFrame(columns);
    const expected = bruteForce(frame);
    expect(expected).toBeGreaterThan(0);
    expect(dups(frame)).toBe(expected);
  });

  it("hashes only the most varied columns when told the cardinalities, and falls back when that misleads", () => {
    const rng = createRng(30);
    const n = 30_000;
    const a: Column = {
      kind: "categorical",
      name: "a",
      codes: Int32Array.from({ length: n }, () => rng.int(50)),
      levels: names(50),
    };
    const b: Column = {
      kind: "categorical",
      name: "b",
      codes: Int32Array.from({ length: n }, () => rng.int(60)),
      levels: names(60),
    };
    // Three varied columns (hashed) whose values repeat every 20,000 rows: 10,000 true duplicates on them,
    // about 4 of which also agree on 'a' and 'b'.
    const varied = (name: string, k: number): Column => ({
      kind: "numeric",
      name,
      values: Float64Array.from({ length: n }, (_, i) => (i % 20_000) * k),
    });
    const repeats = createFrame([varied("w1", 1), varied("w2", 2), varied("w3", 3), a, b]);
    const cards = [20_000, 20_000, 20_000, 50, 60];
    expect(countDuplicateRows(repeats, new ProfileScratch(), cards)).toBe(bruteForce(repeats));
    // Half the rows are 0 in every varied column: the hashed columns agree on 15,000 rows that 'a' and 'b'
    // tell apart, so the check budget runs out and every column gets hashed.
    const zeros = (name: string): Column => ({
      kind: "numeric",
      name,
      values: Float64Array.from({ length: n }, (_, i) => (i % 2 ? i : 0)),
    });
    const misleading = createFrame([zeros("z1"), zeros("z2"), zeros("z3"), a, b]);
    expect(countDuplicateRows(misleading, new ProfileScratch(), [15_001, 15_001, 15_001, 50, 60])).toBe(
      bruteForce(misleading),
    );
  });

  it("never counts a hash collision as a duplicate", () => {
    // 200k distinct pairs of 20-bit integers: ~5 pairs of rows share a 32-bit row hash by chance, and each
    // must be told apart by the cell-by-cell check.
    const n = 200_000;
    const rng = createRng(4);
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    const seen = new Set<number>();
    for (let i = 0; i < n; ) {
      const x = rng.int(1 << 20);
      const y = rng.int(1 << 20);
      const key = x * (1 << 20) + y;
      if (seen.has(key)) continue;
      seen.add(key);
      a[i] = x;
      b[i++] = y;
    }
    const frame = createFrame([
      { kind: "numeric", name: "a", values: a },
      { kind: "numeric", name: "b", values: b },
    ]);
    expect(dups(frame)).toBe(0);
  });

  it("is 0 for tiny or column-less frames", () => {
    expect(dups(createFrame([]))).toBe(0);
    expect(dups(createFrame([{ kind: "numeric", name: "x", values: Float64Array.from([1]) }]))).toBe(0);
  });
});
