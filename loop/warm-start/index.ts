/** Metalearning: dataset meta-features, the memory of past runs' best pipelines, warm starts and learned portfolios. */
export { metaDistance, type StoredFeatures } from "./distance.js";
export { defaultPortfolio } from "./default-portfolio.js";
export { type DenseSample, denseSample } from "./feature-matrix.js";
export { type LandmarkScores, landmarks } from "./landmarkers.js";
export {
  computeMetaFeatures,
  META_FEATURES_VERSION,
  type MetaFeatureInput,
  type MetaFeatures,
  MetaFeaturesSchema,
} from "./meta-features.js";
export { datasetLabel, type Neighbour, nearestDatasets, taskFamily } from "./nearest.js";
export {
  normalizeScore,
  OUTCOME_PIPELINES,
  type OutcomePipeline,
  OutcomePipelineSchema,
  outcomePipelines,
} from "./outcome.js";
export {
  type PastDataset,
  PastDatasetSchema,
  planWarmStart,
  seedsOf,
  summarizePlan,
  TWIN_DISTANCE,
  WARM_NEIGHBOURS,
  WARM_SEEDS,
  type WarmSeeds,
  type WarmStartPlan,
  WarmStartPlanSchema,
  type WarmStartSummary,
} from "./plan.js";
export {
  type BuildPortfolioOptions,
  buildPortfolio,
  type PortfolioEntry,
  PortfolioEntrySchema,
  type PortfolioFile,
  PortfolioFileSchema,
  portfolioSpecs,
} from "./portfolio-builder.js";
export {
  LEARNED_ORIGIN,
  learnedBaseline,
  loadPortfolio,
  SHIPPED_PORTFOLIO,
  withLearned,
} from "./portfolio-file.js";
export {
  type AdaptTarget,
  adaptRecipe,
  plainRecipe,
  type Recipe,
  RecipeSchema,
  recipeKey,
  recipeOf,
} from "./recipe.js";
export {
  adaptTargetOf,
  datasetMetaFeatures,
  type FinishedRun,
  planFromMemory,
  recordOutcome,
  resumedPortfolio,
  startWarmStart,
  storedWarmStart,
  warmStartNote,
} from "./run-hooks.js";
export { type SimilarRuns, SimilarRunsSchema, similarRuns } from "./similar-runs.js";
export {
  SEED_CAP_FACTOR,
  SEED_COST_SHARE,
  SEED_MIN_CAP_MS,
  SEED_ORIGIN,
  type SeededPortfolio,
  seedCapMs,
  seededPortfolio,
  skipSeed,
} from "./seed-portfolio.js";
