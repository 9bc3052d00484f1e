/** Every metric against scikit-learn 1.2.1's values on the fixtures of scripts/make-metric-fixtures.py. */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { accuracy, balancedAccuracy } from "./accuracy.js";
import { adjustedRandIndex } from "./adjusted-rand.js";
import { logLoss } from "./log-loss.js";
import { mase } from "./mase.js";
import { matthewsCorrcoef } from "./mcc.js";
import type { MetricInput } from "./metric-input.js";
import { precisionRecallF1 } from "./precision-recall-f1.js";
import { METRICS, type MetricName, MetricNameSchema } from "./registry.js";
import { mae, mape, r2, rmse, smape } from "./regression-errors.js";
import { rocAuc, rocAucOvr } from "./roc-auc.js";
import { silhouetteScore } from "./silhouette.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
/** Absolute below 1, relative above (RMSE on diamonds is in the thousands of dollars). */
const TOLERANCE = 1e-9;

const ints = z.array(z.number().int()).optional();
const floats = z.array(z.number()).optional();
const InputSchema = z.strictObject({
  labels: ints,
  predLabels: ints,
  proba: floats,
  scores: floats,
  positiveClass: z.number().int().optional(),
  yTrue: floats,
  yPred: floats,
  history: floats,
  seasonLength: z.number().int().optional(),
  clusters: ints,
  features: floats,
  nFeatures: z.number().int().optional(),
});
const CaseSchema = z.object({
  name: z.string(),
  note: z.string().optional(),
  input: InputSchema,
  metrics: z.partialRecord(MetricNameSchema, z.number()),
});

interface Case {
  file: string;
  name: string;
  input: MetricInput;
  metrics: Partial<Record<MetricName, number>>;
}

function toInput(raw: z.infer<typeof InputSchema>): MetricInput {
  const input: MetricInput = {};
  if (raw.labels) input.labels = Int32Array.from(raw.labels);
  if (raw.predLabels) input.predLabels = Int32Array.from(raw.predLabels);
  if (raw.clusters) input.clusters = Int32Array.from(raw.clusters);
  if (raw.proba) input.proba = Float64Array.from(raw.proba);
  if (raw.scores) input.scores = Float64Array.from(raw.scores);
  if (raw.yTrue) input.yTrue = Float64Array.from(raw.yTrue);
  if (raw.yPred) input.yPred = Float64Array.from(raw.yPred);
  if (raw.history) input.history = Float64Array.from(raw.history);
  if (raw.features) input.features = Float64Array.from(raw.features);
  if (raw.positiveClass !== undefined) input.positiveClass = raw.positiveClass;
  if (raw.seasonLength !== undefined) input.seasonLength = raw.seasonLength;
  if (raw.nFeatures !== undefined) input.nFeatures = raw.nFeatures;
  return input;
}

function loadCases(): Case[] {
  const cases: Case[] = [];
  for (const file of readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const json: unknown = JSON.parse(readFileSync(join(FIXTURES, file), "utf8"));
    const raws = z.array(CaseSchema).parse(Array.isArray(json) ? json : [json]);
    for (const raw of raws) {
      cases.push({ file, name: raw.name, input: toInput(raw.input), metrics: raw.metrics });
    }
  }
  return cases;
}

function deviation(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
}

const CASES = loadCases();
const CHECKS = CASES.flatMap((c) =>
  Object.entries(c.metrics).map(([metric, expected]) => ({ c, metric: metric as MetricName, expected })),
);

describe("metrics match scikit-learn 1.2.1 fixtures", () => {
  it("loads the dataset fixtures and the edge cases", () => {
    const files = new Set(CASES.map((c) => c.file));
    for (const name of ["breast_cancer", "credit_data", "penguins", "letter", "diabetes", "diamonds"]) {
      expect(files.has(`${name}.json`)).toBe(true);
    }
    expect(files.has("airpassengers.json") && files.has("edge-cases.json")).toBe(true);
    expect(CHECKS.length).toBeGreaterThan(150);
    // Every registered metric is pinned by at least one fixture.
    const covered = new Set(CHECKS.map((k) => k.metric));
    expect(MetricNameSchema.options.filter((m) => !covered.has(m))).toEqual([]);
  });

  it.each(CHECKS.map((k) => [`${k.c.file} ${k.c.name} ${k.metric}`, k] as const))("%s", (_label, k) => {
    const actual = METRICS[k.metric].compute(k.c.input);
    expect(deviation(actual, k.expected)).toBeLessThanOrEqual(TOLERANCE);
  });

  it("agrees within 1e-9 on every check at once (largest deviation)", () => {
    let worst = 0;
    for (const k of CHECKS)
      worst = Math.max(worst, deviation(METRICS[k.metric].compute(k.c.input), k.expected));
    expect(worst).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe("direct functions agree with the registry on the fixtures", () => {
  const get = (file: string): Case => {
    const found = CASES.find((c) => c.file === file);
    if (!found) throw new Error(`fixture ${file} missing`);
    return found;
  };

  it("classification on letter (26 classes)", () => {
    const { input, metrics } = get("letter.json");
    const t = input.labels!;
    const p = input.predLabels!;
    expect(accuracy(t, p)).toBeCloseTo(metrics.accuracy!, 12);
    expect(balancedAccuracy(t, p)).toBeCloseTo(metrics.balanced_accuracy!, 12);
    const macro = precisionRecallF1(t, p, { average: "macro" });
    expect(macro.precision).toBeCloseTo(metrics.precision_macro!, 12);
    expect(macro.f1).toBeCloseTo(metrics.f1_macro!, 12);
    expect(matthewsCorrcoef(t, p)).toBeCloseTo(metrics.mcc!, 12);
    expect(logLoss(t, input.proba!)).toBeCloseTo(metrics.log_loss!, 12);
    expect(rocAucOvr(t, input.proba!, "weighted")).toBeCloseTo(metrics.roc_auc_ovr_weighted!, 12);
  });

  it("binary AUC from the positive column equals AUC from explicit scores", () => {
    const { input, metrics } = get("breast_cancer.json");
    const scores = input.proba!.filter((_, i) => i % 2 === 1);
    expect(rocAuc(input.labels!, scores)).toBeCloseTo(metrics.roc_auc!, 12);
    const binary = precisionRecallF1(input.labels!, input.predLabels!);
    expect(binary.f1).toBeCloseTo(metrics.f1!, 12);
  });

  it("regression, forecast and clustering", () => {
    const d = get("diabetes.json");
    expect(rmse(d.input.yTrue!, d.input.yPred!)).toBeCloseTo(d.metrics.rmse!, 9);
    expect(mae(d.input.yTrue!, d.input.yPred!)).toBeCloseTo(d.metrics.mae!, 9);
    expect(r2(d.input.yTrue!, d.input.yPred!)).toBeCloseTo(d.metrics.r2!, 12);
    expect(mape(d.input.yTrue!, d.input.yPred!)).toBeCloseTo(d.metrics.mape!, 12);
    expect(smape(d.input.yTrue!, d.input.yPred!)).toBeCloseTo(d.metrics.smape!, 12);
    const a = get("airpassengers.json");
    expect(mase(a.input.yTrue!, a.input.yPred!, a.input.history!, 12)).toBeCloseTo(a.metrics.mase!, 12);
    const c = get("iris_clusters_all.json");
    expect(adjustedRandIndex(c.input.labels!, c.input.clusters!)).toBeCloseTo(c.metrics.ari!, 12);
    expect(silhouetteScore(c.input.features!, 4, c.input.clusters!)).toBeCloseTo(c.metrics.silhouette!, 12);
  });
});
