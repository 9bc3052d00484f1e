import { describe, expect, it } from "vitest";
import { isAlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import type { Task } from "../../data/task.js";
import { METRICS, type MetricName } from "../../evaluate/metrics/index.js";
import type { EnsembleCandidate } from "./blend-target.js";
import { caruanaSelect } from "./caruana.js";

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Binary labels from a latent logit, and models that see it through independent noise. */
function binaryData(seed: number, n = 600) {
  const rng = createRng(seed);
  const z = Float64Array.from({ length: n }, () => 1.5 * rng.normal());
  const yTrue = Float64Array.from(z, (v) => (rng.next() < sigmoid(v) ? 1 : 0));
  const model = (scale: number, noise: number): Float64Array => {
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const p = sigmoid(scale * z[i]! + noise * rng.normal());
      out[2 * i] = 1 - p;
      out[2 * i + 1] = p;
    }
    return out;
  };
  const candidates: EnsembleCandidate[] = [
    { id: "weak", oof: model(0.3, 1) },
    { id: "a", oof: model(1, 1) },
    { id: "b", oof: model(1, 1.1) },
    { id: "overconfident", oof: model(3, 2) },
  ];
  return { yTrue, candidates };
}

/** Three classes from latent logits; models add independent noise to them. */
function multiclassData(seed: number, n = 600) {
  const rng = createRng(seed);
  const z = Float64Array.from({ length: 3 * n }, () => 1.2 * rng.normal());
  const yTrue = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = [0, 1, 2].map((k) => Math.exp(z[3 * i + k]!));
    const u = rng.next() * (e[0]! + e[1]! + e[2]!);
    yTrue[i] = u < e[0]! ? 0 : u < e[0]! + e[1]! ? 1 : 2;
  }
  const model = (noise: number): Float64Array => {
    const out = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      const e = [0, 1, 2].map((k) => Math.exp(z[3 * i + k]! + noise * rng.normal()));
      const s = e[0]! + e[1]! + e[2]!;
      for (let k = 0; k < 3; k++) out[3 * i + k] = e[k]! / s;
    }
    return out;
  };
  return { yTrue, candidates: [1.2, 1, 1.1].map((noise, i) => ({ id: `m${i}`, oof: model(noise) })) };
}

function regressionData(seed: number, n = 500) {
  const rng = createRng(seed);
  const f = Float64Array.from({ length: n }, () => 10 * rng.normal());
  const yTrue = Float64Array.from(f, (v) => v + 0.5 * rng.normal());
  const model = (bias: number, noise: number) => Float64Array.from(f, (v) => v + bias + noise * rng.normal());
  return {
    yTrue,
    candidates: [
      { id: "r1", oof: model(0, 2) },
      { id: "r2", oof: model(0, 2.2) },
      { id: "biased", oof: model(3, 1) },
    ],
  };
}

/** Scores one candidate alone, straight through METRICS (independent of the ensemble code). */
function single(task: Task, metric: MetricName, yTrue: Float64Array, oof: Float64Array): number {
  const def = METRICS[metric];
  if (task === "regression") return def.compute({ yTrue, yPred: oof });
  const labels = Int32Array.from(yTrue);
  const k = oof.length / yTrue.length;
  const predLabels = new Int32Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (oof[i * k + c]! > oof[i * k + best]!) best = c;
    predLabels[i] = best;
  }
  return def.compute({ labels, proba: oof, predLabels });
}

const CASES: { task: Task; metric: MetricName; data: () => ReturnType<typeof binaryData> }[] = [
  { task: "binary", metric: "log_loss", data: () => binaryData(1) },
  { task: "binary", metric: "roc_auc", data: () => binaryData(2) },
  { task: "binary", metric: "accuracy", data: () => binaryData(3) },
  { task: "multiclass", metric: "log_loss", data: () => multiclassData(4) },
  { task: "multiclass", metric: "accuracy", data: () => multiclassData(5) },
  { task: "multiclass", metric: "roc_auc_ovr", data: () => multiclassData(6) },
  { task: "regression", metric: "rmse", data: () => regressionData(7) },
  { task: "regression", metric: "r2", data: () => regressionData(8) },
];

describe("caruanaSelect", () => {
  it.each(CASES)(
    "$task / $metric: the blend scores at least as well as the best single model",
    ({ task, metric, data }) => {
      const { yTrue, candidates } = data();
      const result = caruanaSelect({ candidates, yTrue, task, metric });
      const singles = candidates.map((c) => single(task, metric, yTrue, c.oof));
      const max = METRICS[metric].direction === "max";
      const bestSingle = max ? Math.max(...singles) : Math.min(...singles);
      if (max) expect(result.score).toBeGreaterThanOrEqual(bestSingle);
      else expect(result.score).toBeLessThanOrEqual(bestSingle);
      expect(result.history).toHaveLength(50);
      expect(result.history[0]).toBeCloseTo(bestSingle, 12);
      expect(result.weights.reduce((a, w) => a + w.weight, 0)).toBeCloseTo(1, 12);
      expect(result.weights.every((w) => w.weight > 0)).toBe(true);
      const order = result.weights.map((w) => candidates.findIndex((c) => c.id === w.id));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(result.rowsScored).toBe(yTrue.length);
    },
  );

  it.each(CASES.filter((c) => c.metric !== "accuracy"))(
    "$task / $metric: averaging independent errors strictly improves on every single model",
    ({ task, metric, data }) => {
      const { yTrue, candidates } = data();
      const result = caruanaSelect({ candidates, yTrue, task, metric });
      for (const c of candidates) {
        const s = single(task, metric, yTrue, c.oof);
        if (METRICS[metric].direction === "max") expect(result.score).toBeGreaterThan(s);
        else expect(result.score).toBeLessThan(s);
      }
      expect(result.weights.length).toBeGreaterThanOrEqual(2);
    },
  );

  it("reports the score of the blend its weights describe", () => {
    const { yTrue, candidates } = regressionData(9);
    const result = caruanaSelect({ candidates, yTrue, task: "regression", metric: "rmse", size: 20 });
    const blend = new Float64Array(yTrue.length);
    for (const { id, weight } of result.weights) {
      const oof = candidates.find((c) => c.id === id)!.oof;
      for (let i = 0; i < blend.length; i++) blend[i]! += weight * oof[i]!;
    }
    expect(result.score).toBeCloseTo(METRICS.rmse.compute({ yTrue, yPred: blend }), 10);
  });

  it("is deterministic", () => {
    const { yTrue, candidates } = binaryData(10);
    const a = caruanaSelect({ candidates, yTrue, task: "binary", metric: "log_loss", seed: 1 });
    const b = caruanaSelect({ candidates, yTrue, task: "binary", metric: "log_loss", seed: 2 });
    expect(b).toEqual(a);
  });

  it("gives a lone candidate weight 1", () => {
    const { yTrue, candidates } = binaryData(11);
    const result = caruanaSelect({ candidates: [candidates[1]!], yTrue, task: "binary", metric: "roc_auc" });
    expect(result.weights).toEqual([{ id: "a", weight: 1 }]);
    expect(result.score).toBeCloseTo(single("binary", "roc_auc", yTrue, candidates[1]!.oof), 12);
  });

  it("with size 1 picks the best single model, breaking ties by candidate order", () => {
    const { yTrue, candidates } = regressionData(12);
    const singles = candidates.map((c) => single("regression", "rmse", yTrue, c.oof));
    const best = singles.indexOf(Math.min(...singles));
    const result = caruanaSelect({ candidates, yTrue, task: "regression", metric: "rmse", size: 1 });
    expect(result.weights).toEqual([{ id: candidates[best]!.id, weight: 1 }]);
    const twins = [
      { id: "first", oof: candidates[0]!.oof },
      { id: "second", oof: candidates[0]!.oof },
    ];
    expect(caruanaSelect({ candidates: twins, yTrue, task: "regression", metric: "rmse" }).weights).toEqual([
      { id: "first", weight: 1 },
    ]);
  });

  it("with patience stops that many steps after its best blend, keeping that blend's weights", () => {
    const { yTrue, candidates } = multiclassData(15);
    const options = { candidates, yTrue, task: "multiclass" as const, metric: "log_loss" as const };
    const full = caruanaSelect(options);
    const early = caruanaSelect({ ...options, patience: 3 });
    const best = early.history.indexOf(Math.min(...early.history));
    expect(early.history.length).toBe(best + 3 + 1);
    expect(early.history.length).toBeLessThan(50);
    // The same greedy steps as without patience, up to where it stopped.
    expect(early.history).toEqual(full.history.slice(0, early.history.length));
    expect(early.score).toBe(early.history[best]);
    expect(early.weights.reduce((a, w) => a + w.weight, 0)).toBeCloseTo(1, 12);
    expect(caruanaSelect({ ...options, patience: 50 })).toEqual(full);
    expect(() => caruanaSelect({ ...options, patience: 0 })).toThrow(/patience/);
  });

  it("leaves out rows where any candidate (or the truth) is NaN", () => {
    const { yTrue, candidates } = binaryData(13, 300);
    const holed = candidates.map((c) => ({ id: c.id, oof: c.oof.slice() }));
    const truth = yTrue.slice();
    const dropped = new Set([0, 5, 6, 100, 299]);
    holed[1]!.oof[2 * 0 + 1] = Number.NaN;
    holed[2]!.oof[2 * 5] = Number.NaN;
    holed[3]!.oof.fill(Number.NaN, 2 * 6, 2 * 7);
    holed[0]!.oof[2 * 100] = Number.NaN;
    truth[299] = Number.NaN;
    const keep = [...Array(300).keys()].filter((i) => !dropped.has(i));
    const compact = candidates.map((c) => ({
      id: c.id,
      oof: Float64Array.from(keep.flatMap((i) => [c.oof[2 * i]!, c.oof[2 * i + 1]!])),
    }));
    const options = { task: "binary" as const, metric: "log_loss" as const };
    const withHoles = caruanaSelect({ ...options, candidates: holed, yTrue: truth });
    const clean = caruanaSelect({
      ...options,
      candidates: compact,
      yTrue: Float64Array.from(keep, (i) => yTrue[i]!),
    });
    expect(withHoles.rowsScored).toBe(295);
    expect(withHoles).toEqual({ ...clean, rowsScored: 295 });
  });

  it("rejects bad input with typed errors", () => {
    const { yTrue, candidates } = binaryData(14, 50);
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isAlchemistError(e) ? e.code : "other";
      }
      return undefined;
    };
    const base = { candidates, yTrue, task: "binary" as const, metric: "roc_auc" as const };
    expect(codeOf(() => caruanaSelect({ ...base, metric: "rmse" }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => caruanaSelect({ ...base, candidates: [] }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => caruanaSelect({ ...base, candidates: [candidates[0]!, candidates[0]!] }))).toBe(
      "INVALID_ARGUMENT",
    );
    expect(codeOf(() => caruanaSelect({ ...base, size: 0 }))).toBe("INVALID_ARGUMENT");
    expect(
      codeOf(() =>
        caruanaSelect({ ...base, candidates: [candidates[0]!, { id: "short", oof: new Float64Array(10) }] }),
      ),
    ).toBe("LENGTH_MISMATCH");
    const badLabel = yTrue.slice();
    badLabel[3] = 2;
    expect(codeOf(() => caruanaSelect({ ...base, yTrue: badLabel }))).toBe("INVALID_ARGUMENT");
    expect(
      codeOf(() =>
        caruanaSelect({ ...base, candidates: [{ id: "x", oof: new Float64Array(100).fill(Number.NaN) }] }),
      ),
    ).toBe("NOT_ENOUGH_ROWS");
  });
});
