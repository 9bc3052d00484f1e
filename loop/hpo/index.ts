/** Hyperparameter search building blocks: the TPE sampler and successive halving (pure, seeded). */
export { type HalvingPlanOptions, type HalvingRung, planHalving } from "./halving-plan.js";
export {
  type HalvingEvaluation,
  type HalvingResult,
  type HalvingRunOptions,
  runHalving,
} from "./halving-run.js";
export { isSuccess, type Observation, type Params } from "./observation.js";
export { createTpeSampler, defaultGamma, type TpeOptions, type TpeSampler } from "./tpe-sampler.js";
