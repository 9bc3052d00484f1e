/**
 * Test-only estimators the pool's workers load through `extraEstimatorModules` (never registered in
 * MODEL_REGISTRY): fits that hang, run for a while, allocate until out of memory, throw or exit, and
 * two small real ones (a nearest-centroid classifier and a mean regressor) for round trips while
 * the registry is still filling up.
 */
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkFitInput, checkPredictInput } from "../check-input.js";
import type { EstimatorSpec, EstimatorTags, FittedModel, ModelJSON } from "../estimator.js";
import { floatParam, intParam } from "../param.js";

const TAGS: EstimatorTags = {
  handlesMissing: false,
  handlesCategorical: false,
  needsScaling: false,
  sampleWeights: false,
  probabilities: false,
};

/** A model predicting one constant, for the fits that return at all. */
function constantModel(estimator: string, nFeatures: number, value: number): FittedModel {
  return Object.freeze({
    estimator,
    nFeatures,
    predict: (X: FeatureMatrix) => new Float64Array(X.nRows).fill(value),
    toJSON: (): ModelJSON => ({ estimator, version: 1, params: {}, nFeatures, state: { value } }),
  });
}

function fromConstantJSON(json: ModelJSON): FittedModel {
  const state = z.object({ value: z.number() }).parse(json.state);
  return constantModel(json.estimator, json.nFeatures, state.value);
}

function testSpec(
  name: string,
  description: string,
  params: z.ZodObject,
  fit: EstimatorSpec["fit"],
  tasks: EstimatorSpec["tasks"] = ["regression"],
): EstimatorSpec {
  return {
    name,
    family: "baseline",
    tasks,
    description,
    tags: TAGS,
    params,
    fit,
    fromJSON: fromConstantJSON,
  };
}

/** Busy-waits (no timers: a fit is synchronous) for `ms` milliseconds. */
function spin(ms: number, onTick?: (fraction: number) => void): number {
  const t0 = performance.now();
  let x = 0;
  for (let elapsed = 0; elapsed < ms; elapsed = performance.now() - t0) {
    for (let i = 0; i < 10_000; i++) x += Math.sqrt(i);
    onTick?.(elapsed / ms);
  }
  return x;
}

const sleepForever = testSpec(
  "sleep_forever",
  "Test only: a fit that never returns (busy loop).",
  z.object({}),
  () => {
    let x = 0;
    for (;;) x = (x + 1) % 1_000_003;
  },
);

const busyFor = testSpec(
  "busy_for",
  "Test only: a fit that computes for `ms` milliseconds, reporting progress, then predicts 0.",
  z.object({
    ms: intParam({ default: 100, min: 0, max: 600_000, description: "how long the fit computes" }),
  }),
  (X, _y, params, ctx) => {
    const ms = params.ms as number;
    spin(ms, (f) => ctx.onProgress?.(f, `spinning ${Math.round(f * ms)}/${ms} ms`));
    ctx.onProgress?.(1, "done");
    return constantModel("busy_for", X.nCols, 0);
  },
);

const blowHeap = testSpec(
  "blow_heap",
  "Test only: a fit that allocates JS heap objects until the worker runs out of memory.",
  z.object({}),
  () => {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array<number>(1_000_000).fill(hoard.length + 0.5));
  },
);

const throwTyped = testSpec(
  "throw_typed",
  "Test only: a fit that runs checkFitInput (so NaN features fail with MISSING_VALUES) and then throws INVALID_TARGET.",
  z.object({}),
  (X, y, _params, ctx) => {
    checkFitInput(throwTyped, X, y, ctx);
    throw new AlchemistError("INVALID_TARGET", "throw_typed always refuses its target.", { row: 0 });
  },
);

const throwPlain = testSpec(
  "throw_plain",
  "Test only: a fit that throws a plain TypeError.",
  z.object({}),
  () => {
    throw new TypeError("throw_plain: not a typed error");
  },
);

const exitWorker = testSpec(
  "exit_worker",
  "Test only: a fit that ends its thread with process.exit(7).",
  z.object({}),
  () => process.exit(7),
);

// ---- Small real estimators (temporary stand-ins until MODEL_REGISTRY has entries) ----

const CentroidState = z.object({ centroids: z.array(z.number()), present: z.array(z.boolean()) });

function centroidModel(
  nFeatures: number,
  nClasses: number,
  centroids: Float64Array,
  present: Uint8Array,
): FittedModel {
  const name = "test_centroid_classifier";
  const proba = (X: FeatureMatrix): Float64Array => {
    checkPredictInput(model, X, false);
    const { nRows, data } = X;
    const out = new Float64Array(nRows * nClasses);
    for (let i = 0; i < nRows; i++) {
      let max = -Infinity;
      for (let k = 0; k < nClasses; k++) {
        let d = 0;
        for (let j = 0; j < nFeatures; j++) {
          const diff = (data[j * nRows + i] as number) - (centroids[k * nFeatures + j] as number);
          d += diff * diff;
        }
        const s = present[k] === 1 ? -d : -Infinity;
        out[i * nClasses + k] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let k = 0; k < nClasses; k++) {
        const e = Math.exp((out[i * nClasses + k] as number) - max);
        out[i * nClasses + k] = e;
        sum += e;
      }
      for (let k = 0; k < nClasses; k++) out[i * nClasses + k] = (out[i * nClasses + k] as number) / sum;
    }
    return out;
  };
  const model: FittedModel = Object.freeze({
    estimator: name,
    nFeatures,
    nClasses,
    predictProba: proba,
    predict(X: FeatureMatrix): Float64Array {
      const p = proba(X);
      const out = new Float64Array(X.nRows);
      for (let i = 0; i < X.nRows; i++) {
        let best = 0;
        for (let k = 1; k < nClasses; k++)
          if ((p[i * nClasses + k] as number) > (p[i * nClasses + best] as number)) best = k;
        out[i] = best;
      }
      return out;
    },
    toJSON: (): ModelJSON => ({
      estimator: name,
      version: 1,
      params: {},
      nFeatures,
      nClasses,
      state: { centroids: [...centroids], present: [...present].map((v) => v === 1) },
    }),
  });
  return model;
}

const centroidClassifier: EstimatorSpec = {
  name: "test_centroid_classifier",
  family: "baseline",
  tasks: ["binary", "multiclass"],
  description: "Test only: nearest class centroid, softmax of negative squared distances as probabilities.",
  tags: { ...TAGS, needsScaling: true, probabilities: true },
  params: z.object({}),
  fit(X, y, _params, ctx) {
    checkFitInput(centroidClassifier, X, y, ctx);
    const k = ctx.nClasses as number;
    const { nRows, nCols, data } = X;
    const sums = new Float64Array(k * nCols);
    const counts = new Float64Array(k);
    for (let i = 0; i < nRows; i++) {
      const c = y[i] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let j = 0; j < nCols; j++)
        sums[c * nCols + j] = (sums[c * nCols + j] as number) + (data[j * nRows + i] as number);
    }
    const present = new Uint8Array(k);
    for (let c = 0; c < k; c++) {
      const n = counts[c] as number;
      present[c] = n > 0 ? 1 : 0;
      if (n > 0) for (let j = 0; j < nCols; j++) sums[c * nCols + j] = (sums[c * nCols + j] as number) / n;
    }
    return centroidModel(nCols, k, sums, present);
  },
  fromJSON(json) {
    const s = CentroidState.safeParse(json.state);
    if (!s.success || json.nClasses === undefined) {
      throw new AlchemistError("INVALID_MODEL_STATE", "test_centroid_classifier: bad state.", {});
    }
    return centroidModel(
      json.nFeatures,
      json.nClasses,
      Float64Array.from(s.data.centroids),
      Uint8Array.from(s.data.present, (b) => (b ? 1 : 0)),
    );
  },
};

const meanRegressor = testSpec(
  "test_mean_regressor",
  "Test only: predicts the (shrunk) training mean.",
  z.object({
    shrink: floatParam({ default: 0, min: 0, max: 1, description: "fraction of the mean pulled to 0" }),
  }),
  (X, y, params, ctx) => {
    checkFitInput(meanRegressor, X, y, ctx);
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += y[i] as number;
    return constantModel("test_mean_regressor", X.nCols, (sum / y.length) * (1 - (params.shrink as number)));
  },
);

/** What the pool's worker loads from this module. */
export const EXTRA_ESTIMATORS: readonly EstimatorSpec[] = [
  sleepForever,
  busyFor,
  blowHeap,
  throwTyped,
  throwPlain,
  exitWorker,
  centroidClassifier,
  meanRegressor,
];

/** This module's own URL, to pass as `extraEstimatorModules` (`.ts` from source, `.js` from dist). */
export const TEST_ESTIMATORS_MODULE: URL = new URL(import.meta.url);
