import { describe, expect, it } from "vitest";
import { profileColumn } from "./column-profile.js";
import type { ColumnProfile } from "./column-schema.js";
import type { TargetAnalysis } from "./profile-schema.js";
import { QualitySchema } from "./profile-schema.js";
import { type QualityInput, scoreQuality } from "./quality.js";
import { ProfileScratch } from "./scratch.js";
import { classificationSummary } from "./target-analysis.js";

const rows = 1000;
const col = (name: string, f: (i: number) => number): ColumnProfile =>
  profileColumn(
    { kind: "numeric", name, values: Float64Array.from({ length: rows }, (_, i) => f(i)) },
    "feature",
    new ProfileScratch(),
  );
const clean = col("x", (i) => Math.sin(i) * 100);
const base: QualityInput = {
  nRows: rows,
  columns: [clean],
  duplicateRows: 0,
  missingCells: 0,
  task: "clustering",
  target: null,
  leakage: [],
};
const score = (over: Partial<QualityInput>) => {
  const q = scoreQuality({ ...base, ...over });
  expect(QualitySchema.safeParse(q).success).toBe(true);
  return q;
};

describe("scoreQuality", () => {
  it("gives 100 to clean data", () => {
    expect(score({})).toEqual({ score: 100, reasons: [] });
  });

  it("takes documented penalties, largest first, with plain-words reasons", () => {
    const halfMissing = col("sparse", (i) => (i % 2 ? Number.NaN : i % 7));
    const constant = col("k", () => 1);
    const id = col("id", (i) => i);
    const q = score({
      columns: [clean, halfMissing, constant, id],
      missingCells: 500, // 500 / 4000 cells = 12.5% → 5 points
      duplicateRows: 20, // 2% → 1 point
      leakage: [{ column: "copy", metric: "equal-values", score: 1, reason: "copy" }],
    });
    expect(q.reasons.map((r) => [r.issue, r.penalty])).toEqual([
      ["leakage", 15],
      ["missing-values", 5],
      ["constant-columns", 2],
      ["id-like-columns", 2],
      ["duplicate-rows", 1],
    ]);
    expect(q.score).toBe(75);
    expect(q.reasons.find((r) => r.issue === "missing-values")?.message).toContain("'sparse'");
    expect(q.reasons.find((r) => r.issue === "id-like-columns")?.message).toContain("'id'");
  });

  it("penalises extreme imbalance, few rows and missing targets", () => {
    const target: TargetAnalysis = {
      name: "y",
      kind: "categorical",
      missing: 5,
      missingRate: 0.1,
      classification: classificationSummary(["no", "yes"], [990, 9]),
      regression: null,
    };
    const q = score({ nRows: 40, task: "binary", target });
    expect(Object.fromEntries(q.reasons.map((r) => [r.issue, r.penalty]))).toEqual({
      "too-few-rows": 25,
      "class-imbalance": 10,
      "missing-target": 2,
    });
    expect(q.score).toBe(63);
  });

  it("never goes below 0", () => {
    const leakage = Array.from({ length: 5 }, (_, i) => ({
      column: `c${i}`,
      metric: "pearson" as const,
      score: 1,
      reason: "",
    }));
    expect(
      score({ nRows: 10, leakage, missingCells: 10_000, duplicateRows: 9 }).score,
    ).toBeGreaterThanOrEqual(0);
  });
});
