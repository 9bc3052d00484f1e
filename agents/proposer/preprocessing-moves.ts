/** Preprocessing moves of the proposer heuristic: fixes of estimator/data mismatches first, then extras. */
import { isClassification, SUPERVISED_TASKS } from "../../data/task.js";
import type { MetricName } from "../../evaluate/metrics/registry.js";
import type { EstimatorFamily, EstimatorSpec } from "../../trainers/estimator.js";
import { encodeMethod, type Move, move, PROPOSER_RULES, stepOf } from "./heuristic-moves.js";
import type { ProposerInput } from "./proposer-schema.js";

const NOISE_SENSITIVE: readonly EstimatorFamily[] = ["neighbors", "neural", "naive_bayes"];
const TREE_FAMILIES: readonly EstimatorFamily[] = ["tree", "forest", "boosting"];
/** Metrics that score what rebalancing changes on purpose (accuracy and calibration metrics do not). */
const REBALANCE_HURTS: readonly MetricName[] = ["accuracy", "log_loss", "brier"];

/** Mismatches between the estimator and the data's preparation: the surest gains, in this order. */
export function preprocessingFixes(input: ProposerInput, est: EstimatorSpec): Move[] {
  const { facts, task, metric } = input;
  const spec = input.incumbent.spec;
  const out: Move[] = [];
  const method = encodeMethod(spec);
  const cats = facts.categorical.length;
  if (cats > 0 && method === "native" && !est.tags.handlesCategorical) {
    out.push(
      move("encoding", "one_hot", [
        `${est.name} does not split on category codes natively.`,
        "Categoricals become usable features.",
      ]),
    );
  }
  if (est.tags.needsScaling && stepOf(spec, "scale") === undefined) {
    out.push(
      move("scaling", "standard", [
        `${est.name} depends on feature scale and the pipeline has no scale step.`,
        "A clearly better score for a distance-, gradient- or penalty-based model.",
      ]),
    );
  }
  if (cats > 0 && est.tags.handlesCategorical && method !== "native") {
    out.push(
      move("encoding", "native", [
        `${est.name} splits on categories natively and the data has ${cats} categorical feature(s).`,
        "Better splits on categoricals than one-hot, with fewer features.",
      ]),
    );
  }
  const maxLevels = Math.max(0, ...facts.categorical.map((c) => c.cardinality));
  if (SUPERVISED_TASKS.includes(task) && maxLevels > PROPOSER_RULES.highCardinality && method !== "target") {
    out.push(
      move("encoding", "target", [
        `A categorical feature has ${maxLevels} levels; ${method} keeps ${PROPOSER_RULES.highCardinality} per column.`,
        "High-cardinality categoricals keep their signal.",
      ]),
    );
  }
  const share = facts.minorityShare;
  if (
    isClassification(task) &&
    share !== null &&
    share < PROPOSER_RULES.minorityShare &&
    !REBALANCE_HURTS.includes(metric) &&
    stepOf(spec, "rebalance") === undefined
  ) {
    out.push(
      move("rebalance_classes", est.tags.sampleWeights ? "class_weight" : "oversample", [
        `The smallest class holds ${(share * 100).toFixed(1)}% of the rows and ${metric} rewards getting it right.`,
        "Better recall of the minority class.",
      ]),
    );
  }
  if (
    facts.nFeatures > PROPOSER_RULES.manyFeatures &&
    NOISE_SENSITIVE.includes(est.family) &&
    stepOf(spec, "select_features") === undefined
  ) {
    out.push(
      move("feature_selection", 0.5, [
        `${facts.nFeatures} features, and ${est.name} is sensitive to noisy ones.`,
        "Less noise: a better score and faster fits.",
      ]),
    );
  }
  if (
    est.family === "linear" &&
    facts.heavyTailed.length > 0 &&
    stepOf(spec, "clip_outliers") === undefined
  ) {
    out.push(
      move("clip_outliers", true, [
        `${facts.heavyTailed.length} numeric feature(s) are heavy-tailed and a linear fit is pulled by extremes.`,
        "A more robust linear fit.",
      ]),
    );
  }
  return out;
}

/** Other preprocessing worth one trial once the fixes and the family's best levers are in. */
export function preprocessingExtras(input: ProposerInput, est: EstimatorSpec): Move[] {
  const { facts } = input;
  const spec = input.incumbent.spec;
  const out: Move[] = [];
  const heavy = facts.heavyTailed.length > 0;
  if (est.tags.needsScaling && heavy && stepOf(spec, "scale")?.method === "standard") {
    out.push(
      move("scaling", "robust", [
        "Heavy-tailed features distort mean/std scaling.",
        "Scaling that outliers do not dominate.",
      ]),
    );
  }
  if ((est.family === "neighbors" || est.family === "neural") && heavy && !stepOf(spec, "clip_outliers")) {
    out.push(
      move("clip_outliers", true, [
        "Extreme values dominate distances and gradients.",
        "More robust neighbourhoods or training.",
      ]),
    );
  }
  if (
    TREE_FAMILIES.includes(est.family) &&
    !est.tags.handlesCategorical &&
    facts.categorical.length > 0 &&
    encodeMethod(spec) === "one_hot"
  ) {
    out.push(
      move("encoding", "ordinal", [
        "Trees split ordinal codes in one feature instead of many sparse ones.",
        "Fewer, denser features for the trees.",
      ]),
    );
  }
  if (facts.textColumns > 0 && stepOf(spec, "text_features")?.method === "hash") {
    out.push(
      move("text_features", "tfidf", [
        "TF-IDF weighs informative words over hashed counts.",
        "Better text features.",
      ]),
    );
  }
  if (
    facts.nFeatures > PROPOSER_RULES.manyFeatures &&
    (est.family === "linear" || est.family === "tree") &&
    stepOf(spec, "select_features") === undefined
  ) {
    out.push(
      move("feature_selection", 0.5, [
        `${facts.nFeatures} features: keeping the best half can remove noise.`,
        "Less noise, faster fits.",
      ]),
    );
  }
  return out;
}
