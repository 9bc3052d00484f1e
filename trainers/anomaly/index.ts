/** Anomaly detectors: isolation forest, local outlier factor, robust z-scores and HBOS, with thresholds. */
export type {
  AnomalyDetector,
  DetectorJSON,
  HbosJSON,
  IsolationForestJSON,
  LofJSON,
  RobustZJSON,
} from "./anomaly-json.js";
export {
  ANOMALY_ESTIMATORS,
  hbosDetector,
  isolationForestDetector,
  lofDetector,
  robustZDetector,
} from "./anomaly-estimators.js";
export { DetectorJSONSchema } from "./anomaly-json.js";
export { fitHbos, type HbosOptions } from "./hbos.js";
export { averagePathLength, fitIsolationForest, type IsolationForestOptions } from "./isolation-forest.js";
export { fitLof, type LofDetector, type LofOptions } from "./lof.js";
export { detectorFromJSON } from "./revive-detector.js";
export { fitRobustZ, median, type RobustZOptions } from "./robust-z.js";
export {
  type AnomalyThreshold,
  CONTAMINATION_MAX,
  CONTAMINATION_MIN,
  estimateContamination,
  fitThreshold,
  flag,
  thresholdAt,
} from "./threshold.js";
