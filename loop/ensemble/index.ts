/** Ensembles over out-of-fold predictions: Caruana greedy selection, the score of a given blend, and test-time blending. */
export { blendPredictions } from "./blend-predictions.js";
export type { BlendTargetOptions, EnsembleCandidate } from "./blend-target.js";
export { type CaruanaOptions, type CaruanaResult, caruanaSelect, type EnsembleWeight } from "./caruana.js";
export { type ScoreBlendOptions, scoreBlend } from "./score-blend.js";
