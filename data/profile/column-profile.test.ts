import { describe, expect, it } from "vitest";
import type { Column } from "../frame.js";
import { profileColumn } from "./column-profile.js";
import { ColumnProfileSchema } from "./column-schema.js";
import { ProfileScratch } from "./scratch.js";

const profile = (c: Column) => {
  const p = profileColumn(c, "feature", new ProfileScratch());
  expect(ColumnProfileSchema.safeParse(p).success).toBe(true);
  return p;
};
const num = (values: number[]): Column => ({ kind: "numeric", name: "x", values: Float64Array.from(values) });
const cat = (labels: (string | null)[], kind: "categorical" | "text" = "categorical"): Column => {
  const levels = [...new Set(labels.filter((l): l is string => l !== null))];
  return {
    kind,
    name: "c",
    codes: Int32Array.from(labels, (l) => (l === null ? -1 : levels.indexOf(l))),
    levels,
  };
};
const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe("profileColumn flags", () => {
  it("flags constant, near-constant and all-missing columns", () => {
    expect(profile(num([3, 3, Number.NaN, 3])).flags).toMatchObject({ constant: true, nearConstant: false });
    const near = profile(num(range(200, (i) => (i === 7 ? 1 : 0))));
    expect(near.flags).toMatchObject({ constant: false, nearConstant: true });
    expect(near.topValueRate).toBeCloseTo(0.995, 12);
    const empty = profile(num([Number.NaN, Number.NaN]));
    expect(empty.flags).toMatchObject({ allMissing: true, constant: false });
    expect(empty.topValueRate).toBeNull();
    expect(empty.missingRate).toBe(1);
  });

  it("flags ID-like integer columns: all distinct over the rows, or strictly increasing", () => {
    const rowIds = [17, 3, 99, 42, 5, 61, 8, 23, 77, 10, 31, 50];
    expect(profile(num(rowIds)).flags.idLike).toBe(true);
    const increasing = range(20, (i) => (i % 3 === 0 ? Number.NaN : 100 + 2 * i));
    expect(profile(num(increasing)).flags.idLike).toBe(true);
    expect(profile(num(rowIds.map((x) => x + 0.5))).flags.idLike).toBe(false); // continuous, not an ID
    expect(profile(num(rowIds.slice(0, 5))).flags.idLike).toBe(false); // too few rows to tell
    expect(profile(num([...rowIds, 3])).flags.idLike).toBe(false); // a repeat
  });

  it("flags ID-like string columns, but not unique free text", () => {
    const ids = range(12, (i) => `cust-${1000 + i}`);
    expect(profile(cat(ids)).flags.idLike).toBe(true);
    expect(profile(cat(ids, "text")).flags.idLike).toBe(true);
    const reviews = range(12, (i) => `great product number ${i}`);
    expect(profile(cat(reviews, "text")).flags.idLike).toBe(false);
  });

  it("profiles booleans", () => {
    const p = profile({ kind: "boolean", name: "b", values: Uint8Array.from([1, 0, 1, 255, 1]) });
    expect(p.kind).toBe("boolean");
    if (p.kind !== "boolean") return;
    expect(p.boolean).toEqual({ trueCount: 3, falseCount: 1, trueRate: 0.75 });
    expect(p.cardinality).toBe(2);
    expect(p.missing).toBe(1);
  });

  it("profiles categorical counts and missing", () => {
    const p = profile(cat(["a", "b", null, "a", "a"]));
    expect(p).toMatchObject({
      kind: "categorical",
      missing: 1,
      missingRate: 0.2,
      cardinality: 2,
      topValueRate: 0.75,
    });
  });
});
