/** The anomaly detectors as MODEL_REGISTRY entries: fit ignores y, predict flags 1 = anomaly, scoreSamples ranks. */
import { z } from "zod";
import { type FeatureMatrix, toRowMajor } from "../../data/preprocess/index.js";
import { checkPredictInput } from "../check-input.js";
import type { Rows } from "../cluster/index.js";
import type { EstimatorFamily, EstimatorSpec, EstimatorTags, FittedModel, ModelJSON } from "../estimator.js";
import { enumParam, floatParam, intParam, parseEstimatorParams } from "../param.js";
import { checkUnlabelledFit, expectState, parseTaskJSON, TASK_STATE_VERSION } from "../task-adapter.js";
import { type AnomalyDetector, type DetectorJSON, DetectorJSONSchema } from "./anomaly-json.js";
import { fitHbos } from "./hbos.js";
import { fitIsolationForest } from "./isolation-forest.js";
import { fitLof, type LofDetector } from "./lof.js";
import { detectorFromJSON } from "./revive-detector.js";
import { fitRobustZ } from "./robust-z.js";
import { estimateContamination, flag, thresholdAt } from "./threshold.js";

const contamination = () =>
  floatParam({
    default: 0,
    min: 0,
    max: 0.5,
    search: false,
    description:
      "Share of training rows flagged as anomalies; 0 = estimated from the training scores (those more than 3 robust deviations above their median, kept within 0.1%..25%)",
  });

const IsolationForestParams = z.strictObject({
  n_trees: intParam({
    default: 100,
    min: 1,
    max: 5000,
    searchMin: 50,
    searchMax: 1000,
    log: true,
    description: "Random isolation trees averaged",
  }),
  max_samples: intParam({
    default: 256,
    min: 2,
    max: 100_000,
    searchMin: 64,
    searchMax: 1024,
    log: true,
    description: "Rows drawn for each tree (ψ; capped at the number of rows)",
  }),
  max_features: floatParam({
    default: 1,
    min: 0.05,
    max: 1,
    searchMin: 0.5,
    description: "Fraction of the features each tree may split on",
  }),
  contamination: contamination(),
});

const LofParams = z.strictObject({
  k: intParam({
    default: 20,
    min: 1,
    max: 1000,
    searchMin: 5,
    searchMax: 100,
    log: true,
    description: "Neighbours that define a row's local density (capped at rows − 1)",
  }),
  max_rows: intParam({
    default: 5000,
    min: 10,
    max: 100_000,
    search: false,
    description:
      "Reference rows kept (a seeded sample beyond this); every score is a k-NN query against them",
  }),
  contamination: contamination(),
});

const RobustZParams = z.strictObject({
  aggregate: enumParam({
    values: ["mean", "max", "rms"],
    default: "mean",
    description:
      "How per-feature robust |z| scores combine: mean (many mild deviations add up), max (the worst feature), rms (between)",
  }),
  contamination: contamination(),
});

const HbosParams = z.strictObject({
  bins: intParam({
    default: 0,
    min: 0,
    max: 1000,
    searchMin: 0,
    searchMax: 100,
    description: "Equal-width bins per feature; 0 = √rows clamped to 5..100",
  }),
  contamination: contamination(),
});

const StateSchema = z.object({
  detector: DetectorJSONSchema,
  threshold: z.number(),
  contamination: z.number().min(0).max(1),
});

const BASE_TAGS: EstimatorTags = {
  handlesMissing: false,
  handlesCategorical: false,
  needsScaling: false,
  sampleWeights: false,
  probabilities: false,
};

/** Training scores: LOF leaves each reference row out of its own neighbourhood, as LOF proper does. */
function trainingScores(detector: AnomalyDetector | LofDetector, R: Rows): Float64Array {
  if (!("scoreWithSelf" in detector)) return detector.score(R.data, R.n);
  const self = new Int32Array(R.n).fill(-1);
  detector.referenceRows.forEach((row, p) => {
    self[row] = p;
  });
  return detector.scoreWithSelf(R.data, R.n, self);
}

function detectorModel(
  name: string,
  det: AnomalyDetector,
  threshold: number,
  share: number,
  params: Record<string, unknown>,
): FittedModel {
  const scores = (X: FeatureMatrix): Float64Array => {
    checkPredictInput(model, X, false);
    return det.score(toRowMajor(X), X.nRows);
  };
  const model: FittedModel = Object.freeze({
    estimator: name,
    nFeatures: det.d,
    predict: (X: FeatureMatrix) => Float64Array.from(flag(scores(X), threshold)),
    scoreSamples: scores,
    toJSON: (): ModelJSON => ({
      estimator: name,
      version: TASK_STATE_VERSION,
      params: { ...params },
      nFeatures: det.d,
      state: { detector: det.toJSON(), threshold, contamination: share },
    }),
  });
  return model;
}

/** One detector: its declaration plus how to fit the raw detector on checked row-major rows. */
function detector<P extends z.ZodObject>(def: {
  name: string;
  family: EstimatorFamily;
  kind: DetectorJSON["kind"];
  description: string;
  tags: EstimatorTags;
  params: P;
  fit(R: Rows, p: z.output<P>, seed: number): AnomalyDetector | LofDetector;
}): EstimatorSpec<P> {
  const spec: EstimatorSpec<P> = {
    name: def.name,
    family: def.family,
    tasks: ["anomaly"],
    description: def.description,
    tags: def.tags,
    params: def.params,
    fit(X, _y, params, ctx) {
      checkUnlabelledFit(spec, X, ctx);
      const p = parseEstimatorParams(def.name, def.params, params);
      const R: Rows = { data: toRowMajor(X), n: X.nRows, d: X.nCols };
      const det = def.fit(R, p, ctx.seed);
      const train = trainingScores(det, R);
      const c = (p as { contamination: number }).contamination;
      const share = c > 0 ? c : estimateContamination(train);
      return detectorModel(def.name, det, thresholdAt(train, share), share, p);
    },
    fromJSON(json) {
      const { params, nFeatures, state } = parseTaskJSON(json, def.name, def.params);
      const s = StateSchema.safeParse(state);
      expectState(s.success, def.name, "the state does not parse");
      const { detector: dj, threshold, contamination: share } = s.data as z.output<typeof StateSchema>;
      const det = detectorFromJSON(dj);
      expectState(
        det.kind === def.kind && det.d === nFeatures,
        def.name,
        `the state is a ${det.kind} detector`,
      );
      return detectorModel(def.name, det, threshold, share, params);
    },
  };
  return spec;
}

export const isolationForestDetector = detector({
  name: "isolation_forest",
  family: "isolation",
  kind: "isolation_forest",
  description:
    "Isolation forest: random axis splits isolate outliers in few steps; fast, scale-free, good on global outliers.",
  tags: BASE_TAGS,
  params: IsolationForestParams,
  fit: (R, p, seed) =>
    fitIsolationForest(R, {
      nTrees: p.n_trees,
      maxSamples: p.max_samples,
      maxFeatures: p.max_features,
      seed,
    }),
});

export const lofDetector = detector({
  name: "local_outlier_factor",
  family: "neighbors",
  kind: "lof",
  description:
    "Local outlier factor: a row's density against its neighbours' densities, so outliers of sparse and dense regions both stand out. Needs scaled features; slow on large data.",
  tags: { ...BASE_TAGS, needsScaling: true },
  params: LofParams,
  fit: (R, p, seed) => fitLof(R, { k: p.k, maxRows: p.max_rows, seed }),
});

export const robustZDetector = detector({
  name: "robust_z",
  family: "statistical",
  kind: "robust_z",
  description:
    "Robust z-scores: each feature's distance from its median in MADs, combined over features; instant, explainable, blind to unusual combinations.",
  tags: BASE_TAGS,
  params: RobustZParams,
  fit: (R, p) => fitRobustZ(R, { aggregate: p.aggregate }),
});

export const hbosDetector = detector({
  name: "hbos",
  family: "statistical",
  kind: "hbos",
  description:
    "Histogram-based outlier score: rows in rare histogram bins of many features score high; instant, treats features as independent.",
  tags: BASE_TAGS,
  params: HbosParams,
  fit: (R, p) => fitHbos(R, p.bins > 0 ? { bins: p.bins } : {}),
});

/** The anomaly-detection entries of MODEL_REGISTRY. */
export const ANOMALY_ESTIMATORS: readonly EstimatorSpec[] = [
  isolationForestDetector,
  lofDetector,
  robustZDetector,
  hbosDetector,
];
