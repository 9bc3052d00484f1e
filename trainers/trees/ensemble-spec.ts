/** Builds the EstimatorSpec of an averaging tree ensemble (decision tree, random forest, extra trees). */
import type { z } from "zod";
import type { Task } from "../../data/task.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorFamily, EstimatorSpec } from "../estimator.js";
import { fitForest } from "./forest-fit.js";
import { forestFromJSON, forestModel } from "./forest-model.js";
import type { Criterion } from "./split-criterion.js";
import { makeTreeData, rowWeights } from "./tree-data.js";
import { type CartParamValues, toTreeParams } from "./tree-params.js";

/** How one estimator's parsed params map onto the shared forest fit. */
export interface EnsembleSettings {
  criterion: Criterion;
  splitter: "best" | "random";
  classWeight: "none" | "balanced";
  nEstimators: number;
  bootstrap: boolean;
  maxSamples: number;
  oobScore: boolean;
  /** The CART parameters (max_depth, min_samples_*, max_features*, min_impurity_decrease). */
  cart: CartParamValues;
}

export interface EnsembleSpecConfig<P extends z.ZodObject> {
  name: string;
  family: EstimatorFamily;
  classifier: boolean;
  description: string;
  params: P;
  settings: (p: z.output<P>) => EnsembleSettings;
}

const CLASSIFIER_TASKS: readonly Task[] = ["binary", "multiclass"];
const REGRESSOR_TASKS: readonly Task[] = ["regression"];

export function ensembleSpec<P extends z.ZodObject>(c: EnsembleSpecConfig<P>): EstimatorSpec<P> {
  const spec: EstimatorSpec<P> = {
    name: c.name,
    family: c.family,
    tasks: c.classifier ? CLASSIFIER_TASKS : REGRESSOR_TASKS,
    description: c.description,
    tags: {
      handlesMissing: false,
      handlesCategorical: false,
      needsScaling: false,
      sampleWeights: true,
      probabilities: c.classifier,
    },
    params: c.params,
    fit(X, y, params, ctx) {
      checkFitInput(spec, X, y, ctx);
      const s = c.settings(params);
      const nClasses = c.classifier ? (ctx.nClasses as number) : 0;
      const weights = rowWeights(y, nClasses, ctx.sampleWeight, s.classWeight);
      const data = makeTreeData(X, y, nClasses, s.splitter === "best");
      const tree = toTreeParams(s.cart, s.criterion, s.splitter, X.nCols);
      const fit = fitForest(
        data,
        weights,
        {
          nEstimators: s.nEstimators,
          bootstrap: s.bootstrap,
          maxSamples: s.maxSamples,
          oobScore: s.oobScore,
          tree,
        },
        ctx.seed,
        ctx.onProgress,
      );
      return forestModel({
        estimator: c.name,
        params: params as Record<string, unknown>,
        nFeatures: X.nCols,
        nClasses: c.classifier ? nClasses : undefined,
        ensemble: fit.ensemble,
        importance: fit.importance,
        oobScore: fit.oobScore,
      });
    },
    fromJSON(json) {
      return forestFromJSON(json, c.name, c.params, c.classifier);
    },
  };
  return Object.freeze(spec);
}
