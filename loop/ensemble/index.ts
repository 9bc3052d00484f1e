/** Ensembles over out-of-fold predictions: Caruana greedy selection and test-time blending. */
export { blendPredictions } from "./blend-predictions.js";
export type { BlendTargetOptions, EnsembleCandidate } from "./blend-target.js";
export { type CaruanaOptions, type CaruanaResult, caruanaSelect, type EnsembleWeight } from "./caruana.js";
