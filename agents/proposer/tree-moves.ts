/** Well-known hyperparameter moves of tree models (gradient boosting, AdaBoost, forests, single trees). */
import {
  clean,
  type FamilyMoves,
  type MoveEnv,
  num,
  PROPOSER_RULES,
  scaleBy,
  setTo,
} from "./heuristic-moves.js";

const LESS_OVERFIT = "Less overfitting.";

function histGradientBoosting(env: MoveEnv): FamilyMoves {
  const { params: p, facts } = env;
  const earlyStopping = p.early_stopping === "on" || (p.early_stopping === "auto" && facts.nRows > 10_000);
  const slower = scaleBy(env, "learning_rate", 0.5, [
    "halving the learning rate usually generalises better when the rounds are enough",
    "A slightly better CV score; slower fits.",
  ]);
  const longer = setTo(env, "max_iter", Math.min(PROPOSER_RULES.maxRounds, num(env, "max_iter", 100) * 3), [
    earlyStopping
      ? "early stopping is on, so three times more rounds cost little and stop where validation loss does"
      : "more boosting rounds let a small learning rate reach its optimum",
    "A better CV score if the model was still improving; longer fits.",
  ]);
  const leaf = num(env, "min_samples_leaf", 20);
  const l2 = num(env, "l2_regularization", 0);
  return {
    primary: clean(earlyStopping ? [longer, slower] : [slower, longer]),
    secondary: clean([
      facts.nRows < 2000
        ? setTo(env, "min_samples_leaf", Math.max(1, leaf / 4), [
            `smaller leaves suit ${facts.nRows} rows`,
            "Finer splits.",
          ])
        : setTo(env, "min_samples_leaf", leaf * 2.5, ["larger leaves smooth noisy splits", LESS_OVERFIT]),
      scaleBy(env, "max_leaf_nodes", 0.5, ["fewer leaves per tree regularise", LESS_OVERFIT]),
      setTo(env, "l2_regularization", l2 === 0 ? 1 : l2 * 10, [
        "L2 on leaf values regularises",
        LESS_OVERFIT,
      ]),
      scaleBy(env, "max_leaf_nodes", 2, ["more leaves per tree capture interactions", "Lower bias."]),
      facts.nFeatures >= 10
        ? setTo(env, "colsample", 0.5, ["half the features per tree decorrelates trees", LESS_OVERFIT])
        : null,
    ]),
  };
}

/** Gradient boosting (histogram) or AdaBoost. */
export function boostingMoves(env: MoveEnv): FamilyMoves {
  if (env.domains.has("max_leaf_nodes")) return histGradientBoosting(env);
  const rounds = num(env, "n_estimators", 50);
  return {
    primary: clean([
      setTo(env, "n_estimators", Math.min(PROPOSER_RULES.maxRounds, rounds * 3), [
        "three times more boosting rounds",
        "A better CV score if still improving.",
      ]),
      scaleBy(env, "learning_rate", 0.5, [
        "a smaller learning rate generalises better",
        "A smoother ensemble.",
      ]),
    ]),
    secondary: clean([
      setTo(env, "max_depth", num(env, "max_depth", 1) + 1, [
        "deeper weak learners capture interactions",
        "Lower bias.",
      ]),
    ]),
  };
}

/** Random forests and extra trees. */
export function forestMoves(env: MoveEnv, classifier: boolean): FamilyMoves {
  const p = env.params;
  const fraction = p.max_features === "fraction";
  const share = num(env, "max_features_fraction", 0.5);
  const leaf = num(env, "min_samples_leaf", 1);
  const trees = num(env, "n_estimators", 100);
  const diversity = "A different bias/variance balance.";
  return {
    primary: clean([
      fraction
        ? setTo(env, "max_features_fraction", share >= 0.5 ? 0.3 : 0.7, [
            "another share of features per split trades tree strength for diversity",
            diversity,
          ])
        : setTo(env, "max_features", "fraction", [
            "half the features per split (max_features_fraction 0.5) often beats the default",
            "Stronger trees, possibly a better CV score.",
          ]),
      setTo(env, "min_samples_leaf", leaf === 1 ? 3 : leaf * 2, [
        "larger leaves smooth noisy targets",
        LESS_OVERFIT,
      ]),
    ]),
    secondary: clean([
      fraction
        ? setTo(env, "max_features_fraction", share >= 0.5 ? 0.8 : 0.15, [
            "the other side of the feature share",
            diversity,
          ])
        : null,
      p.max_features !== "sqrt"
        ? setTo(env, "max_features", "sqrt", ["√features per split decorrelates trees", "Lower variance."])
        : null,
      leaf > 1
        ? setTo(env, "min_samples_leaf", Math.floor(leaf / 2), [
            "smaller leaves fit finer structure",
            "Lower bias.",
          ])
        : null,
      setTo(env, "n_estimators", Math.min(PROPOSER_RULES.maxRounds, trees * 2), [
        "more trees lower the variance of the average",
        "A steadier, slightly better score; slower fits.",
      ]),
      classifier && p.criterion === "gini"
        ? setTo(env, "criterion", "entropy", ["entropy splits", "A different split choice."])
        : null,
    ]),
  };
}

/** Single decision trees. */
export function treeMoves(env: MoveEnv, classifier: boolean): FamilyMoves {
  const depth = num(env, "max_depth", 0);
  const leaf = num(env, "min_samples_leaf", 1);
  return {
    primary: clean([
      setTo(env, "max_depth", depth === 0 ? 8 : depth > 4 ? Math.floor(depth / 2) : depth * 2, [
        "limiting the depth regularises a single tree",
        LESS_OVERFIT,
      ]),
      setTo(env, "min_samples_leaf", leaf === 1 ? 5 : leaf * 2, [
        "larger leaves smooth noisy splits",
        LESS_OVERFIT,
      ]),
    ]),
    secondary: clean([
      leaf < 20
        ? setTo(env, "min_samples_leaf", 20, ["much larger leaves", "Much smoother predictions."])
        : null,
      classifier && env.params.criterion === "gini"
        ? setTo(env, "criterion", "entropy", ["entropy splits", "A different split choice."])
        : null,
    ]),
  };
}
