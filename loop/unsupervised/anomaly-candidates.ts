/** The anomaly-detection candidates, in the order the search tries them. */
import {
  type AnomalyDetector,
  fitHbos,
  fitIsolationForest,
  fitLof,
  type LofDetector,
} from "../../trainers/anomaly/index.js";
import { fitRobustZ } from "../../trainers/anomaly/robust-z.js";
import type { Rows } from "../../trainers/cluster/index.js";
import type { Scaling } from "./unsupervised-schema.js";

export interface AnomalyCandidate {
  readonly model: string;
  /** Detector family: the unit of the agreement criterion. */
  readonly family: string;
  readonly scaling: Scaling;
  readonly params: Record<string, unknown>;
  /** Work relative to others of the family (for cost estimates). */
  readonly size: number;
  fit(X: Rows, deadline: number, seed: number): AnomalyDetector | LofDetector;
}

const iforest = (nTrees: number, maxSamples: number, maxFeatures: number): AnomalyCandidate => ({
  model: "isolation_forest",
  family: "isolation_forest",
  scaling: "none",
  params: { n_trees: nTrees, max_samples: maxSamples, max_features: maxFeatures },
  size: nTrees * Math.log2(maxSamples),
  fit: (X, deadline, seed) => fitIsolationForest(X, { nTrees, maxSamples, maxFeatures, seed, deadline }),
});

const lof = (k: number, scaling: Scaling): AnomalyCandidate => ({
  model: "lof",
  family: "lof",
  scaling,
  params: { k, max_rows: 5000 },
  size: k + 10,
  fit: (X, deadline, seed) => fitLof(X, { k, seed, deadline }),
});

const robustZ = (aggregate: "mean" | "max" | "rms"): AnomalyCandidate => ({
  model: "robust_z",
  family: "robust_z",
  scaling: "none",
  params: { aggregate },
  size: 1,
  fit: (X) => fitRobustZ(X, { aggregate }),
});

const hbos = (bins: number | "auto"): AnomalyCandidate => ({
  model: "hbos",
  family: "hbos",
  scaling: "none",
  params: { bins },
  size: 1,
  fit: (X) => fitHbos(X, bins === "auto" ? {} : { bins }),
});

/**
 * Defaults of every family first (so the agreement criterion has several views early), then
 * variations, then the expensive large forests. The isolation forest, robust z and HBOS are
 * invariant to per-feature affine scaling (random splits between a feature's min and max, per-
 * feature medians and scales, equal-width bins), so they run once on unscaled features; only LOF
 * is tried under each scaling.
 */
export function anomalyCandidates(): AnomalyCandidate[] {
  return [
    iforest(100, 256, 1),
    robustZ("mean"),
    hbos("auto"),
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
