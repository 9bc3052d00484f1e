/** MODEL_REGISTRY: the one list of estimators that actions, tools, docs and workers read. */
import { AlchemistError } from "../core/errors.js";
import { closestNames } from "../data/did-you-mean.js";
import type { Task } from "../data/task.js";
import { ANOMALY_ESTIMATORS } from "./anomaly/index.js";
import { BASELINE_ESTIMATORS } from "./baseline/index.js";
import { CLUSTER_ESTIMATORS } from "./cluster/index.js";
import type { EstimatorSpec } from "./estimator.js";
import { FORECAST_ESTIMATORS } from "./forecast/index.js";
import { GBDT_ESTIMATORS } from "./gbdt/index.js";
import { LINEAR_ESTIMATORS } from "./linear/index.js";
import { NAIVE_BAYES_ESTIMATORS } from "./naive-bayes/index.js";
import { NEIGHBORS_ESTIMATORS } from "./neighbors/index.js";
import { NEURAL_ESTIMATORS } from "./neural/index.js";
import { TREE_ESTIMATORS } from "./trees/index.js";

const FAMILIES: readonly (readonly EstimatorSpec[])[] = [
  BASELINE_ESTIMATORS,
  LINEAR_ESTIMATORS,
  NEIGHBORS_ESTIMATORS,
  NAIVE_BAYES_ESTIMATORS,
  NEURAL_ESTIMATORS,
  TREE_ESTIMATORS,
  GBDT_ESTIMATORS,
  FORECAST_ESTIMATORS,
  CLUSTER_ESTIMATORS,
  ANOMALY_ESTIMATORS,
];

function build(families: readonly (readonly EstimatorSpec[])[]): ReadonlyMap<string, EstimatorSpec> {
  const map = new Map<string, EstimatorSpec>();
  for (const family of families) {
    for (const spec of family) {
      if (map.has(spec.name))
        throw new AlchemistError("INTERNAL", `Two estimators are named '${spec.name}'.`);
      map.set(spec.name, spec);
    }
  }
  return map;
}

export const MODEL_REGISTRY: ReadonlyMap<string, EstimatorSpec> = build(FAMILIES);

/** The estimator of that name, or UNKNOWN_ESTIMATOR with did-you-mean suggestions. */
export function getEstimator(name: string): EstimatorSpec {
  const spec = MODEL_REGISTRY.get(name);
  if (spec) return spec;
  const suggestions = closestNames(name, [...MODEL_REGISTRY.keys()]);
  throw new AlchemistError(
    "UNKNOWN_ESTIMATOR",
    `No estimator named '${name}'.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(" or ")}?` : ""}`,
    { parameter: "estimator", suggestions },
  );
}

/** Estimators that can serve `task`, in registry order. */
export function estimatorsFor(task: Task): EstimatorSpec[] {
  return [...MODEL_REGISTRY.values()].filter((s) => s.tasks.includes(task));
}
