/** Well-known hyperparameter moves per estimator family, relative to the incumbent's values. */
import { paramDomains } from "../../actions/index.js";
import type { EstimatorSpec } from "../../trainers/estimator.js";
import { clean, type FamilyMoves, type Move, type MoveEnv, num, scaleBy, setTo } from "./heuristic-moves.js";
import type { ProposerFacts } from "./proposer-schema.js";
import { taskFamilyMoves } from "./task-moves.js";
import { boostingMoves, forestMoves, treeMoves } from "./tree-moves.js";

const NONE: FamilyMoves = { primary: [], secondary: [] };
const UNTABULAR: ReadonlySet<string> = new Set(["forecast", "clustering", "anomaly"]);

function neighborsMoves(env: MoveEnv): FamilyMoves {
  const k = num(env, "n_neighbors", 5);
  // A neighbourhood past half the rows would span most of a training fold.
  const cap = Math.max(1, Math.floor(env.facts.nRows / 2));
  return {
    primary: clean([
      env.params.weights === "uniform"
        ? setTo(env, "weights", "distance", [
            "closer neighbours should count more",
            "Sharper local predictions.",
          ])
        : null,
      setTo(env, "n_neighbors", Math.min(cap, k < 15 ? 15 : k * 2), [
        "more neighbours average out noise",
        "Smoother predictions, less variance.",
      ]),
    ]),
    secondary: clean([
      setTo(env, "metric", env.params.metric === "euclidean" ? "manhattan" : "euclidean", [
        "another distance",
        "Different neighbourhoods, less dominated by one large difference.",
      ]),
      k >= 10
        ? setTo(env, "n_neighbors", Math.floor(k / 2), [
            "fewer neighbours fit finer structure",
            "Lower bias.",
          ])
        : null,
    ]),
  };
}

/**
 * Regularisation ×10 / ÷10 (C or alpha): stronger first when rows are few per feature, weaker first
 * otherwise (and always for lasso / elastic net, whose default alpha of 1 is strong).
 */
function linearMoves(env: MoveEnv): FamilyMoves {
  const { facts, est } = env;
  const byC = env.domains.has("C");
  const param = byC ? "C" : env.domains.has("alpha") ? "alpha" : null;
  if (param === null) return NONE;
  const v = num(env, param, 1);
  const wide = facts.nRows < 10 * Math.max(1, facts.nFeatures);
  const lassoLike = !byC && env.domains.has("l1_ratio") && !est.name.startsWith("sgd");
  const stronger = setTo(env, param, v === 0 ? 1 : byC ? v / 10 : v * 10, [
    `stronger regularisation (${param} ${byC ? "÷" : "×"}10)`,
    "Less overfitting.",
  ]);
  const weaker =
    v === 0
      ? null
      : setTo(env, param, byC ? v * 10 : v / 10, [
          `weaker regularisation (${param} ${byC ? "×" : "÷"}10)`,
          "A closer fit.",
        ]);
  const secondary: (Move | null)[] = [];
  if (est.name === "logistic_regression") {
    secondary.push(
      scaleBy(env, "max_iter", 5, ["more solver iterations ensure convergence", "A converged fit."]),
    );
  }
  if (est.name === "sgd_classifier" && env.params.loss === "hinge") {
    secondary.push(setTo(env, "loss", "log_loss", ["logistic loss", "Calibrated scores."]));
    secondary.push(setTo(env, "loss", "modified_huber", ["smooth hinge loss", "Robust to outliers."]));
  }
  if (lassoLike) {
    const r = num(env, "l1_ratio", 0.5);
    secondary.push(
      setTo(env, "l1_ratio", r >= 0.5 ? 0.1 : 0.9, ["another L1/L2 mix", "A different sparsity."]),
    );
  }
  const first = wide && !lassoLike ? [stronger, weaker] : [weaker, stronger];
  return { primary: clean(first), secondary: clean(secondary) };
}

function neuralMoves(env: MoveEnv): FamilyMoves {
  const alpha = num(env, "alpha", 0);
  return {
    primary: clean([
      env.params.early_stopping === false
        ? setTo(env, "early_stopping", true, [
            "stop when the validation loss stops improving",
            "Less overfitting, faster fits.",
          ])
        : null,
      setTo(env, "alpha", alpha === 0 ? 1e-4 : alpha * 10, [
        "stronger L2 penalty (alpha ×10)",
        "Less overfitting.",
      ]),
    ]),
    secondary: clean([
      alpha > 0 ? setTo(env, "alpha", alpha / 10, ["weaker L2 penalty (alpha ÷10)", "A closer fit."]) : null,
      setTo(env, "hidden_units", Math.min(1024, num(env, "hidden_units", 100) * 2), [
        "a wider hidden layer",
        "More capacity.",
      ]),
      env.params.hidden_layers === 1
        ? setTo(env, "hidden_layers", 2, ["a second hidden layer", "More capacity."])
        : null,
    ]),
  };
}

function naiveBayesMoves(env: MoveEnv): FamilyMoves {
  if (env.domains.has("var_smoothing")) {
    return {
      primary: clean([
        scaleBy(env, "var_smoothing", 1000, [
          "more variance smoothing steadies near-constant features",
          "Steadier probabilities.",
        ]),
      ]),
      secondary: clean([
        scaleBy(env, "var_smoothing", 0.001, ["less variance smoothing", "Sharper probabilities."]),
      ]),
    };
  }
  return {
    primary: clean([
      scaleBy(env, "alpha", 0.1, ["less additive smoothing", "Sharper estimates."]),
      scaleBy(env, "alpha", 10, ["more additive smoothing", "Steadier estimates."]),
    ]),
    secondary: [],
  };
}

function discriminantMoves(env: MoveEnv): FamilyMoves {
  // Shrinkage needs a covariance matrix: the svd solver forms none.
  if (env.params.shrinkage !== "none" || env.params.solver === "svd") return NONE;
  return {
    primary: clean([
      setTo(env, "shrinkage", "auto", [
        "Ledoit–Wolf shrinkage steadies the covariance estimate",
        "Better with few rows per feature.",
      ]),
    ]),
    secondary: [],
  };
}

/** The family's moves from the incumbent's params (`params` with the defaults filled in). */
export function familyMoves(
  est: EstimatorSpec,
  params: Record<string, unknown>,
  facts: ProposerFacts,
): FamilyMoves {
  const env: MoveEnv = { est, params, domains: new Map(paramDomains(est).map((d) => [d.name, d])), facts };
  const classifier = est.tasks.includes("binary") || est.tasks.includes("multiclass");
  // Forecasters, clusterers and detectors have levers of their own (boosting on lags keeps the trees' ones).
  if (est.tasks.some((t) => UNTABULAR.has(t)) && est.family !== "boosting") return taskFamilyMoves(env);
  switch (est.family) {
    case "boosting":
      return boostingMoves(env);
    case "forest":
      return forestMoves(env, classifier);
    case "tree":
      return treeMoves(env, classifier);
    case "neighbors":
      return neighborsMoves(env);
    case "linear":
      return linearMoves(env);
    case "discriminant":
      return discriminantMoves(env);
    case "neural":
      return neuralMoves(env);
    case "naive_bayes":
      return naiveBayesMoves(env);
    default:
      return NONE;
  }
}
