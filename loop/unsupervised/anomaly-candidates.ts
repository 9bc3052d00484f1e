/** The anomaly-detection candidates: registry detectors with params and a scaling, runnable by the search. */
import { AlchemistError } from "../../core/errors.js";
import {
  type AnomalyDetector,
  fitHbos,
  fitIsolationForest,
  fitLof,
  type LofDetector,
} from "../../trainers/anomaly/index.js";
import { fitRobustZ } from "../../trainers/anomaly/robust-z.js";
import type { Rows } from "../../trainers/cluster/index.js";
import { type CandidateRef, paramsOf } from "./candidate-ref.js";

export interface AnomalyCandidate extends CandidateRef {
  /** Detector family: the unit of the agreement criterion (the registry estimator). */
  readonly family: string;
  /** Work relative to others of the family (for cost estimates). */
  readonly size: number;
  fit(X: Rows, deadline: number, seed: number): AnomalyDetector | LofDetector;
}

/**
 * The runnable candidate of `ref` (a registry anomaly detector, its params — defaults filled from the
 * registry — and a scaling). UNKNOWN_ESTIMATOR for a model that is not an anomaly detector.
 * `contamination` plays no part here: it only sets the final threshold.
 */
export function anomalyCandidate(ref: CandidateRef): AnomalyCandidate {
  const p = paramsOf(ref);
  const num = (name: string, fallback: number) =>
    typeof p[name] === "number" ? (p[name] as number) : fallback;
  const base = { model: ref.model, params: ref.params, scaling: ref.scaling, family: ref.model };
  switch (ref.model) {
    case "isolation_forest": {
      const nTrees = num("n_trees", 100);
      const maxSamples = num("max_samples", 256);
      const maxFeatures = num("max_features", 1);
      return {
        ...base,
        size: nTrees * Math.log2(Math.max(2, maxSamples)),
        fit: (X, deadline, seed) =>
          fitIsolationForest(X, { nTrees, maxSamples, maxFeatures, seed, deadline }),
      };
    }
    case "local_outlier_factor": {
      const k = num("k", 20);
      return { ...base, size: k + 10, fit: (X, deadline, seed) => fitLof(X, { k, seed, deadline }) };
    }
    case "robust_z": {
      const aggregate = p.aggregate === "max" || p.aggregate === "rms" ? p.aggregate : "mean";
      return { ...base, size: 1, fit: (X) => fitRobustZ(X, { aggregate }) };
    }
    case "hbos": {
      const bins = num("bins", 0);
      return { ...base, size: 1, fit: (X) => fitHbos(X, bins > 0 ? { bins } : {}) };
    }
    default:
      throw new AlchemistError("UNKNOWN_ESTIMATOR", `'${ref.model}' is not an anomaly detector.`, {
        parameter: "estimator",
      });
  }
}

const iforest = (nTrees: number, maxSamples: number, maxFeatures: number): CandidateRef => ({
  model: "isolation_forest",
  params: { n_trees: nTrees, max_samples: maxSamples, max_features: maxFeatures },
  scaling: "none",
});
const lof = (k: number, scaling: CandidateRef["scaling"]): CandidateRef => ({
  model: "local_outlier_factor",
  params: { k },
  scaling,
});
const robustZ = (aggregate: "mean" | "max" | "rms"): CandidateRef => ({
  model: "robust_z",
  params: { aggregate },
  scaling: "none",
});
const hbos = (bins: number): CandidateRef => ({ model: "hbos", params: { bins }, scaling: "none" });

/**
 * Defaults of every family first (so the agreement criterion has several views early), then
 * variations, then the expensive large forests. The isolation forest, robust z and HBOS are
 * invariant to per-feature affine scaling (random splits between a feature's min and max, per-
 * feature medians and scales, equal-width bins), so they run once on unscaled features; only LOF
 * is tried under each scaling. HBOS bins 0 = automatic (√n, clamped to 5..100).
 */
export function anomalySweep(): CandidateRef[] {
  return [
    iforest(100, 256, 1),
    robustZ("mean"),
    hbos(0),
    lof(20, "standard"),
    iforest(300, 256, 1),
    robustZ("rms"),
    robustZ("max"),
    hbos(10),
    hbos(50),
    lof(20, "robust"),
    lof(10, "standard"),
    lof(50, "standard"),
    lof(20, "none"),
    iforest(200, 512, 1),
    iforest(200, 256, 0.6),
    iforest(1000, 256, 1),
  ];
}
