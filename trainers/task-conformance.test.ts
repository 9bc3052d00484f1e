/**
 * The conformance suite of every forecasting, clustering and anomaly-detection entry of
 * MODEL_REGISTRY (iterated with estimatorsFor, so a new entry is covered automatically): default
 * params parse, same seed ⇒ identical output, output shapes and ranges, missing values refused with
 * a typed error naming the row, toJSON → fromJSON identical, and a score on real data no more than
 * the stated tolerance worse than a Python counterpart at the same settings
 * (trainers/fixtures/task-floors.json, written by scripts/make-task-floors.py).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AlchemistError } from "../core/errors.js";
import { createFeatureMatrix, type FeatureMatrix } from "../data/preprocess/index.js";
import type { Task } from "../data/task.js";
import { adjustedRandIndex, mase, rocAuc } from "../evaluate/metrics/index.js";
import { DATASETS_DIR, REPO_ROOT } from "../test/datasets.js";
import type { EstimatorSpec, FittedModel } from "./estimator.js";
import { estimatorsFor } from "./registry.js";

interface Floor {
  dataset: string;
  metric: "ari" | "roc_auc" | "mase";
  /** One setting, or several whose mean score is compared (the reference's mean over the same ones). */
  params: Record<string, unknown> | Record<string, unknown>[];
  reference: string;
  /** Overrides the metric's tolerance, with `tolerance_reason` saying why. */
  tolerance?: number;
  score: number;
  seeds: number;
  standardise?: boolean;
  rows?: number;
}
const floors = JSON.parse(
  readFileSync(join(REPO_ROOT, "trainers", "fixtures", "task-floors.json"), "utf8"),
) as {
  tolerance: Record<Floor["metric"], number>;
  estimators: Record<string, Floor>;
};

/** A small numeric CSV as a matrix plus its label column, if named; `rows` caps the rows read. */
function readTable(name: string, file: string, label?: string, rows = Number.POSITIVE_INFINITY) {
  const lines = readFileSync(join(DATASETS_DIR, name, file), "utf8")
    .trim()
    .split("\n");
  const header = (lines[0] as string).split(",");
  const body = lines.slice(1, 1 + Math.min(rows, lines.length - 1)).map((l) => l.split(","));
  const features = header.filter((h) => h !== label);
  const n = body.length;
  const data = new Float64Array(n * features.length);
  features.forEach((f, j) => {
    const c = header.indexOf(f);
    for (let i = 0; i < n; i++) data[j * n + i] = Number((body[i] as string[])[c]);
  });
  const levels: string[] = [];
  const labels = new Int32Array(n);
  if (label !== undefined) {
    const c = header.indexOf(label);
    // Numeric labels (is_anomaly) keep their values; names (species) become codes.
    body.forEach((r, i) => {
      const v = r[c] as string;
      if (!levels.includes(v)) levels.push(v);
      labels[i] = Number.isInteger(Number(v)) ? Number(v) : levels.indexOf(v);
    });
  }
  return { X: createFeatureMatrix(n, features, undefined, data), labels };
}

/** Standardises both matrices with the train columns' mean and population sd (as the Python side). */
function standardise(train: FeatureMatrix, test: FeatureMatrix): [FeatureMatrix, FeatureMatrix] {
  const a = Float64Array.from(train.data);
  const b = Float64Array.from(test.data);
  for (let j = 0; j < train.nCols; j++) {
    let m = 0;
    for (let i = 0; i < train.nRows; i++) m += a[j * train.nRows + i] as number;
    m /= train.nRows;
    let v = 0;
    for (let i = 0; i < train.nRows; i++) v += ((a[j * train.nRows + i] as number) - m) ** 2;
    const sd = Math.sqrt(v / train.nRows) || 1;
    for (let i = 0; i < train.nRows; i++)
      a[j * train.nRows + i] = ((a[j * train.nRows + i] as number) - m) / sd;
    for (let i = 0; i < test.nRows; i++) b[j * test.nRows + i] = ((b[j * test.nRows + i] as number) - m) / sd;
  }
  return [
    createFeatureMatrix(train.nRows, train.featureNames, undefined, a),
    createFeatureMatrix(test.nRows, test.featureNames, undefined, b),
  ];
}

interface TaskData {
  train: FeatureMatrix;
  y: Float64Array;
  test: FeatureMatrix;
  /** Clustering: species codes of the test rows; anomaly: is_anomaly of the test rows. */
  truth: Int32Array;
  /** Forecast: the test block. */
  future: Float64Array;
}

const cache = new Map<string, TaskData>();
function data(task: Task, scaled = false): TaskData {
  const key = `${task}:${scaled}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let out: TaskData;
  if (task === "forecast") {
    const series = (file: string) => {
      const t = readTable("airpassengers", file, "month");
      return Float64Array.from(t.X.data);
    };
    const y = series("train.csv");
    const future = series("test.csv");
    out = {
      train: createFeatureMatrix(y.length, []),
      y,
      test: createFeatureMatrix(future.length, []),
      truth: new Int32Array(0),
      future,
    };
  } else {
    const [name, label, rows] =
      task === "clustering"
        ? ["iris_clusters", "species", undefined]
        : ["shuttle_anomaly", "is_anomaly", 2000];
    const tr = readTable(name, "train.csv", label, rows);
    const te = readTable(name, "test.csv", label, rows);
    const [a, b] = task === "clustering" || scaled ? standardise(tr.X, te.X) : [tr.X, te.X];
    out = { train: a, y: new Float64Array(0), test: b, truth: te.labels, future: new Float64Array(0) };
  }
  cache.set(key, out);
  return out;
}

function fitTask(
  spec: EstimatorSpec,
  task: Task,
  params: Record<string, unknown> = {},
  seed = 0,
  scaled = false,
) {
  const d = data(task, scaled);
  return spec.fit(d.train, d.y, spec.params.parse(params), { seed });
}

function thrown(f: () => unknown): AlchemistError | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof AlchemistError) return e;
    throw e;
  }
  return undefined;
}

function metric(task: Task, model: FittedModel, d: TaskData): number {
  if (task === "forecast") return mase(d.future, model.predict(d.test), d.y, 12);
  if (task === "clustering") return adjustedRandIndex(d.truth, Int32Array.from(model.predict(d.test)));
  return rocAuc(d.truth, model.scoreSamples?.(d.test) ?? new Float64Array(0));
}

const TASKS = ["forecast", "clustering", "anomaly"] as const;

describe("task entries of MODEL_REGISTRY", () => {
  it("every forecasting, clustering and anomaly entry has a floor", () => {
    for (const task of TASKS) {
      const specs = estimatorsFor(task);
      expect(specs.length, task).toBeGreaterThanOrEqual(4);
      for (const s of specs) expect(Object.keys(floors.estimators), s.name).toContain(s.name);
    }
  });
});

for (const task of TASKS) {
  for (const spec of estimatorsFor(task)) {
    describe(`${task} conformance: ${spec.name}`, () => {
      const d = () => data(task);
      let first: FittedModel | undefined;
      const model = () => {
        first ??= fitTask(spec, task, {}, 7);
        return first;
      };

      it("default params parse and every parameter is described", () => {
        expect(spec.params.parse({})).toBeTypeOf("object");
        for (const [name, field] of Object.entries(spec.params.shape)) {
          expect((field as { description?: string }).description, `${spec.name}.${name}`).toBeTruthy();
        }
      });

      it("same seed ⇒ identical output; shapes and ranges", () => {
        const a = model();
        const b = fitTask(spec, task, {}, 7);
        const pa = a.predict(d().test);
        expect(pa).toHaveLength(d().test.nRows);
        expect(Array.from(pa)).toEqual(Array.from(b.predict(d().test)));
        for (const v of pa) expect(Number.isFinite(v)).toBe(true);
        if (task === "clustering") {
          for (const v of pa) {
            expect(Number.isInteger(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(spec.name === "dbscan" ? -1 : 0);
          }
          // y is ignored: an empty and a zero array give the same clusters.
          const z = spec.fit(d().train, new Float64Array(d().train.nRows), spec.params.parse({}), {
            seed: 7,
          });
          expect(Array.from(z.predict(d().test))).toEqual(Array.from(pa));
        }
        if (task === "anomaly") {
          for (const v of pa) expect(v === 0 || v === 1).toBe(true);
          const s = a.scoreSamples?.(d().test);
          expect(s).toHaveLength(d().test.nRows);
          expect(Array.from(s ?? [])).toEqual(Array.from(b.scoreSamples?.(d().test) ?? []));
          // A given contamination flags about that share of the training rows.
          const c = fitTask(spec, task, { contamination: 0.1 }, 7);
          const share = c.predict(d().train).reduce((x, v) => x + v, 0) / d().train.nRows;
          expect(share).toBeGreaterThan(0.01);
          expect(share).toBeLessThanOrEqual(0.1 + 1e-9);
        }
        if (task === "forecast") {
          expect(a.predict(createFeatureMatrix(3, [])).length).toBe(3);
          expect(Array.from(a.predict(createFeatureMatrix(3, [])))).toEqual(Array.from(pa.subarray(0, 3)));
        }
        const wide = createFeatureMatrix(2, [...d().test.featureNames, "extra"]);
        expect(thrown(() => a.predict(wide))?.code).toBe("FEATURE_MISMATCH");
      });

      it("missing values are refused with a typed error naming the row", () => {
        if (task === "forecast") {
          const y = Float64Array.from(d().y);
          y[5] = Number.NaN;
          const e = thrown(() => spec.fit(d().train, y, spec.params.parse({}), { seed: 0 }));
          expect(e?.code).toBe("MISSING_VALUES");
          expect(e?.details).toMatchObject({ row: 5 });
          // X's columns are exogenous regressors: only an estimator that reads them refuses NaN there.
          const X = createFeatureMatrix(
            d().y.length,
            ["x"],
            undefined,
            new Float64Array(d().y.length).fill(1),
          );
          (X.data as Float64Array)[9] = Number.NaN;
          const fx = () => spec.fit(X, d().y, spec.params.parse({}), { seed: 0 });
          if (spec.tags.handlesMissing) expect(fx().predict(createFeatureMatrix(2, ["x"]))).toHaveLength(2);
          else expect(thrown(fx)?.details).toMatchObject({ column: "x", row: 9 });
          return;
        }
        expect(spec.tags.handlesMissing).toBe(false);
        const data2 = Float64Array.from(d().train.data);
        data2[d().train.nRows + 4] = Number.NaN;
        const X = createFeatureMatrix(d().train.nRows, d().train.featureNames, undefined, data2);
        const e = thrown(() => spec.fit(X, d().y, spec.params.parse({}), { seed: 0 }));
        expect(e?.code).toBe("MISSING_VALUES");
        expect(e?.details).toMatchObject({ column: d().train.featureNames[1], row: 4 });
        expect(thrown(() => model().predict(X))?.code).toBe("MISSING_VALUES");
      });

      it("toJSON → fromJSON predicts identically; a foreign state is refused", () => {
        const m = model();
        const json = JSON.parse(JSON.stringify(m.toJSON()));
        const back = spec.fromJSON(json);
        expect(Array.from(back.predict(d().test))).toEqual(Array.from(m.predict(d().test)));
        if (m.scoreSamples) {
          expect(Array.from(back.scoreSamples?.(d().test) ?? [])).toEqual(
            Array.from(m.scoreSamples(d().test)),
          );
        }
        expect(thrown(() => spec.fromJSON({ ...json, estimator: "other" }))?.code).toBe(
          "INVALID_MODEL_STATE",
        );
        expect(thrown(() => spec.fromJSON({ ...json, version: 99 }))?.code).toBe("INVALID_MODEL_STATE");
        expect(thrown(() => spec.fromJSON({ ...json, state: { nope: 1 } }))?.code).toBe(
          "INVALID_MODEL_STATE",
        );
      });

      const floor = floors.estimators[spec.name];
      if (floor !== undefined) {
        const tol = floor.tolerance ?? floors.tolerance[floor.metric];
        const settings = Array.isArray(floor.params) ? floor.params : [floor.params];
        const bound = floor.metric === "mase" ? floor.score * (1 + tol) : floor.score - tol;
        it(`${floor.dataset}: ${floor.metric} ${floor.metric === "mase" ? "≤" : "≥"} ${bound.toFixed(4)} (${floor.reference}: ${floor.score.toFixed(4)})`, () => {
          const dd = data(task, floor.standardise === true);
          // Randomised estimators: our mean over seeds 0..2 against the reference's over 0..4.
          const seeds = Array.from({ length: Math.min(floor.seeds, 3) }, (_, s) => s);
          let sum = 0;
          for (const params of settings)
            for (const seed of seeds)
              sum += metric(task, fitTask(spec, task, params, seed, floor.standardise), dd);
          const ours = sum / (settings.length * seeds.length);
          if (floor.metric === "mase") expect(ours).toBeLessThanOrEqual(bound);
          else expect(ours).toBeGreaterThanOrEqual(bound);
        }, 60_000);
      }
    });
  }
}
