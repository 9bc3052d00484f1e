/** Hyperparameter moves of the forecasting, clustering and anomaly-detection families, relative to the incumbent. */
import { clean, type FamilyMoves, type Move, type MoveEnv, num, setTo } from "./heuristic-moves.js";

const NONE: FamilyMoves = { primary: [], secondary: [] };

/** Another variance-stabilising transform: log first (multiplicative growth is the common case). */
function transformMoves(env: MoveEnv): Move[] {
  const current = env.params.transform;
  return clean(
    ["log", "boxcox", "none"]
      .filter((t) => t !== current)
      .map((t) =>
        setTo(env, "transform", t, [
          t === "none"
            ? "model the raw series"
            : `a ${t} transform stabilises a variance that grows with the level`,
          t === "none"
            ? "No back-transform bias."
            : "Seasonal swings proportional to the level become additive.",
        ]),
      ),
  );
}

function smoothingMoves(env: MoveEnv): FamilyMoves {
  const { trend, season } = env.params;
  return {
    primary: clean([
      setTo(env, "trend", trend === "damped" ? "add" : "damped", [
        trend === "damped" ? "an undamped trend keeps growing" : "a damped trend flattens out far ahead",
        "Different long-horizon forecasts.",
      ]),
      season !== "none"
        ? setTo(env, "season", season === "add" ? "mul" : "add", [
            "the other season form (multiplicative swings grow with the level)",
            "Better seasonal amplitude.",
          ])
        : null,
    ]),
    secondary: [
      ...clean([setTo(env, "trend", "none", ["no trend", "A flat level forecast."])]),
      ...transformMoves(env),
    ],
  };
}

function arimaMoves(env: MoveEnv): FamilyMoves {
  if (env.est.name !== "arima") return { primary: [], secondary: transformMoves(env) };
  const p = num(env, "p", 0);
  const q = num(env, "q", 1);
  const words = (what: string) => [what, "A better fitted autocorrelation."] as const;
  return {
    primary: clean([
      setTo(env, "p", p + 1, words("one more autoregressive term")),
      setTo(env, "q", q + 1, words("one more moving-average term")),
    ]),
    secondary: [
      ...clean([
        p > 0 ? setTo(env, "p", p - 1, words("one autoregressive term fewer")) : null,
        q > 0 ? setTo(env, "q", q - 1, words("one moving-average term fewer")) : null,
        setTo(env, "constant", env.params.constant !== true, words("a drift / mean term on or off")),
      ]),
      ...transformMoves(env),
    ],
  };
}

function decompositionMoves(env: MoveEnv): FamilyMoves {
  const others = ["theta", "holt_damped", "arima_drift", "ses", "drift"].filter(
    (m) => m !== env.params.method,
  );
  return {
    primary: clean(
      others
        .slice(0, 2)
        .map((m) =>
          setTo(env, "method", m, [`forecast the adjusted series with ${m}`, "Another trend model."]),
        ),
    ),
    secondary: [
      ...clean(
        others
          .slice(2)
          .map((m) =>
            setTo(env, "method", m, [`forecast the adjusted series with ${m}`, "Another trend model."]),
          ),
      ),
      ...transformMoves(env),
    ],
  };
}

/** k ± 1 for a clusterer whose number of clusters is a parameter. */
function kMoves(env: MoveEnv): Move[] {
  const k = num(env, "k", 8);
  return clean([
    setTo(env, "k", k + 1, ["one cluster more", "A finer partition."]),
    k > 2 ? setTo(env, "k", k - 1, ["one cluster fewer", "A coarser partition."]) : null,
  ]);
}

function restarts(env: MoveEnv): Move | null {
  return setTo(env, "n_init", num(env, "n_init", 1) * 2, [
    "twice the restarts",
    "A better local optimum of the same model.",
  ]);
}

function clusterMoves(env: MoveEnv): FamilyMoves {
  switch (env.est.family) {
    case "centroid":
      return { primary: clean([restarts(env)]), secondary: kMoves(env) };
    case "mixture":
      return {
        primary: clean([
          setTo(env, "covariance", env.params.covariance === "full" ? "diag" : "full", [
            env.params.covariance === "full"
              ? "diagonal covariances need fewer rows"
              : "full covariances fit tilted clusters",
            "Better-shaped clusters.",
          ]),
        ]),
        secondary: [...clean([restarts(env)]), ...kMoves(env)],
      };
    case "hierarchical":
      return { primary: kMoves(env), secondary: [] };
    default:
      return NONE;
  }
}

function anomalyMoves(env: MoveEnv): FamilyMoves {
  switch (env.est.family) {
    case "isolation":
      return {
        primary: clean([
          setTo(env, "n_trees", Math.min(1000, num(env, "n_trees", 100) * 2), [
            "twice the trees",
            "Steadier path lengths, less seed noise.",
          ]),
          setTo(env, "max_samples", num(env, "max_samples", 256) * 2, [
            "larger subsamples",
            "Sees more of each cluster of normal rows.",
          ]),
        ]),
        secondary: clean([
          setTo(env, "max_features", 0.6, [
            "trees on 60% of the features",
            "Less masking by irrelevant features.",
          ]),
        ]),
      };
    case "neighbors": {
      const k = num(env, "k", 20);
      return {
        primary: clean([
          setTo(env, "k", k * 2, ["a wider neighbourhood", "Flags small groups of outliers too."]),
        ]),
        secondary: clean([
          setTo(env, "k", Math.floor(k / 2), ["a narrower neighbourhood", "Sharper local density."]),
        ]),
      };
    }
    case "statistical":
      return env.est.name === "hbos"
        ? {
            primary: clean([
              setTo(env, "bins", num(env, "bins", 0) === 0 ? 20 : num(env, "bins", 20) * 2, [
                "finer histograms",
                "Sharper density estimates.",
              ]),
            ]),
            secondary: [],
          }
        : {
            primary: clean(
              ["mean", "rms", "max"]
                .filter((a) => a !== env.params.aggregate)
                .map((a) =>
                  setTo(env, "aggregate", a, [`combine features by ${a} |z|`, "Another outlier shape."]),
                ),
            ),
            secondary: [],
          };
    default:
      return NONE;
  }
}

/** The family's moves for an estimator of a forecasting, clustering or anomaly task (NONE otherwise). */
export function taskFamilyMoves(env: MoveEnv): FamilyMoves {
  const tasks = env.est.tasks;
  if (tasks.includes("forecast")) {
    switch (env.est.family) {
      case "smoothing":
        return smoothingMoves(env);
      case "arima":
        return arimaMoves(env);
      case "decomposition":
        return decompositionMoves(env);
      default:
        return { primary: [], secondary: transformMoves(env) };
    }
  }
  if (tasks.includes("clustering")) return clusterMoves(env);
  if (tasks.includes("anomaly")) return anomalyMoves(env);
  return NONE;
}
