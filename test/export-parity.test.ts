/** ONNX parity: every exportable estimator, exported and run in onnxruntime-node, matches native predictions. */
import { describe, expect, it } from "vitest";
import { type Frame, takeRows } from "../data/frame.js";
import { readCsv } from "../data/index.js";
import { fitPreprocessor, type StepInput } from "../data/preprocess/index.js";
import type { Task } from "../data/task.js";
import { ONNX_EXPORTERS, onnxCoverage, pipelineToOnnx, runOnnx } from "../export/index.js";
import { type FittedPipeline, parseFittedPipeline, predictPipeline } from "../loop/fitted-pipeline.js";
import { getEstimator, MODEL_REGISTRY } from "../trainers/registry.js";
import { type DatasetName, datasetMeta, datasetPath, datasetsAvailable } from "./datasets.js";

type Encoding = "one_hot" | "ordinal" | "native";

interface Case {
  estimator: string;
  params?: Record<string, unknown>;
  encode?: Encoding;
  scale?: boolean;
}

// Row caps keep the file fast: a prefix of diamonds' 13,485 test rows is plenty for parity.
const DATA: Record<
  "binary" | "multiclass" | "regression",
  { name: DatasetName; trainRows: number; testRows: number }
> = {
  binary: { name: "credit_data", trainRows: 700, testRows: Infinity },
  multiclass: { name: "penguins", trainRows: 258, testRows: Infinity },
  regression: { name: "diamonds", trainRows: 800, testRows: 4000 },
};

function head(frame: Frame, rows: number): Frame {
  const n = Math.min(rows, frame.nRows);
  return takeRows(
    frame,
    Int32Array.from({ length: n }, (_, i) => i),
  );
}

function steps(encode: Encoding, scale: boolean): StepInput[] {
  return [
    { type: "impute", strategy: "median", add_indicator: true, columns: "numeric" },
    { type: "impute", strategy: "constant", columns: "categorical" },
    { type: "encode", method: encode, columns: "categorical" },
    // Ordinal codes of levels unseen in training are NaN: impute them for models that refuse NaN.
    ...(encode === "ordinal"
      ? [{ type: "impute", strategy: "most_frequent", columns: "numeric" } as StepInput]
      : []),
    ...(scale ? [{ type: "scale", method: "standard", columns: "numeric" } as StepInput] : []),
  ];
}

const loaded = new Map<string, { train: Frame; test: Frame }>();
function data(task: keyof typeof DATA) {
  const d = DATA[task];
  let v = loaded.get(d.name);
  if (v === undefined) {
    v = {
      train: head(readCsv(datasetPath(d.name, "train.csv")).frame, d.trainRows),
      test: head(readCsv(datasetPath(d.name, "test.csv")).frame, d.testRows),
    };
    loaded.set(d.name, v);
  }
  return { ...v, meta: datasetMeta(d.name) };
}

/** Fits one member exactly as the loop would (preprocessing on the training rows, then the model). */
function member(task: keyof typeof DATA, c: Case, seq: number, weight: number) {
  const { train, meta } = data(task);
  const spec = getEstimator(c.estimator);
  const s = steps(c.encode ?? "one_hot", c.scale ?? spec.tags.needsScaling);
  const fit = fitPreprocessor(s, train, { target: meta.target, task: task as Task, seed: 0 });
  const params = spec.params.parse(c.params ?? {});
  const nClasses = fit.train.classes?.length;
  const model = spec.fit(fit.train.X, fit.train.y as Float64Array, params, {
    seed: 0,
    ...(nClasses !== undefined ? { nClasses } : {}),
  });
  return {
    classes: fit.train.classes ?? null,
    member: {
      seq,
      weight,
      spec: {
        version: 1,
        task,
        target: meta.target,
        steps: s,
        estimator: { name: c.estimator, params: c.params ?? {} },
        seed: 0,
      },
      preprocessor: fit.preprocessor.toJSON(),
      model: model.toJSON(),
    },
  };
}

function pipelineOf(task: keyof typeof DATA, cases: Case[], weights: number[]): FittedPipeline {
  const members = cases.map((c, i) => member(task, c, i + 1, weights[i] as number));
  return parseFittedPipeline({
    format: "alchemist-pipeline",
    version: 1,
    task,
    target: data(task).meta.target,
    metric: task === "regression" ? "rmse" : "accuracy",
    classes: members[0]?.classes ?? null,
    members: members.map((m) => m.member),
  });
}

/** |onnx − native| / max(1, |native|): relative for large values, absolute for probabilities. */
async function parity(task: keyof typeof DATA, pipeline: FittedPipeline) {
  const { test } = data(task);
  const native = predictPipeline(pipeline, test);
  const exported = pipelineToOnnx(pipeline, "test");
  const onnx = await runOnnx(exported.bytes, exported.inputs, test);
  let maxAbs = 0;
  let maxRel = 0;
  const cmp = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++) {
      const d = Math.abs((a[i] as number) - (b[i] as number));
      maxAbs = Math.max(maxAbs, d);
      maxRel = Math.max(maxRel, d / Math.max(1, Math.abs(b[i] as number)));
    }
  };
  let labelMismatches = 0;
  if (pipeline.classes !== null) {
    const labels = Array.from(native.values, (v) => pipeline.classes?.[v] as string);
    labelMismatches = labels.filter((l, i) => onnx.label?.[i] !== l).length;
    cmp(onnx.probabilities as Float64Array, native.proba as Float64Array);
  } else {
    cmp(onnx.prediction as Float64Array, native.values);
  }
  return { maxAbs, maxRel, labelMismatches, rows: test.nRows };
}

const SMALL: Record<string, Record<string, unknown>> = {
  random_forest_classifier: { n_estimators: 8 },
  random_forest_regressor: { n_estimators: 8, max_depth: 10 },
  extra_trees_classifier: { n_estimators: 8 },
  extra_trees_regressor: { n_estimators: 8, max_depth: 10 },
  hist_gradient_boosting_classifier: { max_iter: 15 },
  hist_gradient_boosting_regressor: { max_iter: 15 },
  decision_tree_regressor: { max_depth: 12 },
};

const ENCODING: Record<string, Encoding> = {
  hist_gradient_boosting_classifier: "native",
  hist_gradient_boosting_regressor: "native",
  decision_tree_classifier: "ordinal",
  random_forest_regressor: "ordinal",
};

const TASKS = ["binary", "multiclass", "regression"] as const;

describe.skipIf(!datasetsAvailable())("ONNX parity with native predictions (test splits)", () => {
  it("knows exportable vs registered counts", () => {
    const cov = onnxCoverage();
    expect(cov.registered).toBe(MODEL_REGISTRY.size);
    expect(cov.exportable + cov.missing.length).toBe(cov.registered);
    for (const name of ONNX_EXPORTERS.keys()) expect(MODEL_REGISTRY.has(name)).toBe(true);
  });

  for (const name of ONNX_EXPORTERS.keys()) {
    const spec = MODEL_REGISTRY.get(name);
    for (const task of TASKS.filter((t) => spec?.tasks.includes(t))) {
      it(`${name} on ${DATA[task].name} (${task})`, async () => {
        const c: Case = { estimator: name, params: SMALL[name] ?? {}, encode: ENCODING[name] ?? "one_hot" };
        const r = await parity(task, pipelineOf(task, [c], [1]));
        if (process.env.ALCHEMIST_PARITY_REPORT)
          process.stderr.write(`PARITY ${name} ${task} ${JSON.stringify(r)}\n`);
        expect(r.labelMismatches).toBe(0);
        expect(r.maxRel).toBeLessThanOrEqual(1e-5);
      });
    }
  }

  it("sgd_classifier log_loss and modified_huber (one-vs-rest links)", async () => {
    for (const loss of ["log_loss", "modified_huber"]) {
      const r = await parity(
        "multiclass",
        pipelineOf("multiclass", [{ estimator: "sgd_classifier", params: { loss } }], [1]),
      );
      expect(r.labelMismatches).toBe(0);
      expect(r.maxRel).toBeLessThanOrEqual(1e-5);
    }
  });

  it("a weighted blend of exportable members (different preprocessing per member)", async () => {
    for (const task of TASKS) {
      const cases: Case[] =
        task === "regression"
          ? [
              { estimator: "ridge" },
              { estimator: "hist_gradient_boosting_regressor", params: { max_iter: 10 }, encode: "native" },
            ]
          : [
              { estimator: "logistic_regression" },
              { estimator: "random_forest_classifier", params: { n_estimators: 5 }, encode: "ordinal" },
            ];
      const r = await parity(task, pipelineOf(task, cases, [0.3, 0.7]));
      expect(r.labelMismatches).toBe(0);
      expect(r.maxRel).toBeLessThanOrEqual(1e-5);
    }
  });
});
