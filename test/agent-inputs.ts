/** Profiler and reviewer inputs from a shared dataset (its profile, a plausible leaderboard), and fake answers to them. */
import { profilerAgent } from "../agents/profiler/profiler-agent.js";
import type { ProfilerInput, ProfilerOutput } from "../agents/profiler/profiler-schema.js";
import { reviewerAgent } from "../agents/reviewer/reviewer-agent.js";
import {
  type LeaderboardEntry,
  type ReviewerInput,
  ReviewerInputSchema,
  type ReviewerOutput,
} from "../agents/reviewer/reviewer-schema.js";
import { createFrame } from "../data/frame.js";
import { type Profile, profileFrame } from "../data/profile/index.js";
import { readTable } from "../data/read-table.js";
import { METRICS, MetricNameSchema } from "../evaluate/metrics/registry.js";
import { estimatorsFor } from "../trainers/registry.js";
import { type DatasetMeta, type DatasetName, datasetMeta, datasetPath } from "./datasets.js";

/** Both agents' inputs for one dataset, with what they were built from. */
export interface DatasetAgentInputs {
  name: DatasetName;
  meta: DatasetMeta;
  profile: Profile;
  profiler: ProfilerInput;
  reviewer: ReviewerInput;
}

/**
 * Roughly the cross-validated score a good model reaches on each dataset, in its meta.json metric
 * (published results and our own runs; the leaderboards only need to be plausible, not exact).
 */
const TYPICAL_BEST: Record<DatasetName, number> = {
  airpassengers: 0.82, // mase
  breast_cancer: 0.991, // roc_auc
  credit_data: 0.835, // roc_auc
  diabetes: 56, // rmse, target std ≈ 77
  diamonds: 545, // rmse, target std ≈ 3990
  iris_clusters: 0.73, // ari
  letter: 0.962, // accuracy
  penguins: 0.985, // accuracy
  shuttle_anomaly: 0.987, // roc_auc of anomaly scores
};

/** How a leaderboard row scores: the best, close behind, clearly weaker, or a baseline. */
type Standing = "best" | "close" | "weaker" | "baseline";

/** Leaderboard rows, best first. The forecast, clustering and anomaly estimators are not in the registry yet. */
const ESTIMATORS: Record<DatasetMeta["task"], readonly (readonly [string, Standing])[]> = {
  binary: [
    ["hist_gradient_boosting_classifier", "best"],
    ["random_forest_classifier", "close"],
    ["logistic_regression", "weaker"],
    ["constant_classifier", "baseline"],
  ],
  multiclass: [
    ["hist_gradient_boosting_classifier", "best"],
    ["random_forest_classifier", "close"],
    ["logistic_regression", "weaker"],
    ["constant_classifier", "baseline"],
  ],
  regression: [
    ["hist_gradient_boosting_regressor", "best"],
    ["random_forest_regressor", "close"],
    ["ridge", "weaker"],
    ["constant_regressor", "baseline"],
  ],
  forecast: [
    ["ets", "best"],
    ["gbdt_forecast", "close"],
    ["seasonal_naive_forecast", "baseline"],
  ],
  clustering: [
    ["gaussian_mixture", "best"],
    ["kmeans", "close"],
    ["ward", "weaker"],
  ],
  anomaly: [
    ["isolation_forest", "best"],
    ["local_outlier_factor", "close"],
    ["hbos", "weaker"],
  ],
};

/**
 * Reads `train.csv` with `readTable` and profiles it with meta.json's target. Clustering and anomaly
 * sets are profiled without their label column (hidden from the learner, as their meta notes say).
 */
export async function profileDataset(name: DatasetName): Promise<Profile> {
  const meta = datasetMeta(name);
  const read = await readTable(datasetPath(name, "train.csv"));
  if (meta.task === "clustering" || meta.task === "anomaly") {
    const frame = createFrame(read.frame.columns.filter((c) => c.name !== meta.target));
    return profileFrame(frame, { coercions: read.coercions, task: meta.task });
  }
  return profileFrame(read.frame, { coercions: read.coercions, target: meta.target });
}

/** A leaderboard in the dataset's metric: the typical best, two weaker models, a baseline last. */
function leaderboardFor(name: DatasetName, meta: DatasetMeta, profile: Profile): LeaderboardEntry[] {
  const metric = MetricNameSchema.parse(meta.metric);
  const names = ESTIMATORS[meta.task];
  const known = new Set(estimatorsFor(meta.task).map((e) => e.name));
  for (const [n] of names) {
    if (known.size > 0 && !known.has(n)) throw new Error(`${n} is not a ${meta.task} estimator`);
  }
  const best = TYPICAL_BEST[name];
  const max = METRICS[metric].direction === "max";
  const baseline = (): number => {
    if (metric === "roc_auc") return 0.5;
    if (metric === "accuracy") return profile.target?.classification?.majorityRate ?? 0.5;
    if (metric === "rmse") return profile.target?.regression?.std ?? best * 2;
    if (metric === "mase") return 1.4; // seasonal naive, against the in-sample naive scale
    return 0;
  };
  // A step below the best: absolute on 0..1 metrics, relative on errors.
  const scoreOf = (s: Standing): number => {
    if (s === "baseline") return baseline();
    const step = s === "best" ? 0 : s === "close" ? 1 : 4;
    return max ? best - 0.012 * step : best * (1 + 0.07 * step);
  };
  const supervised = meta.task !== "clustering" && meta.task !== "anomaly";
  const seconds = Math.max(0.05, profile.nRows / 8000);
  return names.map(([estimator, standing], i): LeaderboardEntry => {
    const score = scoreOf(standing);
    const isBaseline = standing === "baseline";
    const std = isBaseline ? 0 : max ? 0.006 + 0.003 * i : score * (0.03 + 0.01 * i);
    const entry: LeaderboardEntry = {
      rank: i + 1,
      estimator,
      cvScore: Number(score.toFixed(4)),
      cvStd: Number(std.toFixed(4)),
      fitSeconds: Number((isBaseline ? 0.01 : seconds * (3 - i)).toFixed(3)),
    };
    // Flexible models fit the training folds better than the validation folds.
    if (supervised) {
      const gap = isBaseline ? 0 : i === 0 ? 0.5 : 0.2;
      entry.trainScore = Number(
        (max ? Math.min(1, score + gap * (1 - score)) : score * (1 - gap * 0.6)).toFixed(4),
      );
    }
    if (i === 0) entry.params = { learning_rate: 0.1, max_depth: 6 };
    return entry;
  });
}

/** Builds both agents' inputs for a dataset; throws when the reviewer input breaks its own schema. */
export async function datasetAgentInputs(name: DatasetName): Promise<DatasetAgentInputs> {
  const meta = datasetMeta(name);
  const profile = await profileDataset(name);
  const profiler: ProfilerInput = { profile, dataset: name };
  const metric = MetricNameSchema.parse(meta.metric);
  const leaderboard = leaderboardFor(name, meta, profile);
  const best = leaderboard[0]!;
  const direction = METRICS[metric].direction;
  const features = profile.nColumns - (profile.target === null ? 0 : 1);
  const classes = profile.task === "binary" || profile.task === "multiclass";
  const imbalance = classes ? profile.target?.classification?.imbalanceRatio : undefined;
  const reviewer = ReviewerInputSchema.parse({
    task: profile.task,
    metric,
    direction,
    leaderboard,
    diagnostics: {
      nRows: profile.nRows - (profile.target?.missing ?? 0),
      nFeatures: features,
      ...(best.trainScore !== undefined
        ? {
            overfitGap: direction === "max" ? best.trainScore - best.cvScore : best.cvScore - best.trainScore,
          }
        : {}),
      ...(imbalance !== undefined ? { imbalanceRatio: imbalance } : {}),
      ...(profile.leakage.length > 0 ? { leakageSuspects: profile.leakage.map((l) => l.column) } : {}),
    },
    profileSummary: profilerAgent.heuristic(profiler).summary,
  });
  return { name, meta, profile, profiler, reviewer };
}

/** A valid profiler answer that differs from the heuristic's: reordered issues, an extra drop, new words. */
export function profilerAnswer(c: DatasetAgentInputs): ProfilerOutput {
  const h = profilerAgent.heuristic(c.profiler);
  const { profile } = c.profiler;
  const droppable = profile.columns.find(
    (col) =>
      col.name !== profile.target?.name &&
      col.name !== profile.timeColumn &&
      !h.dropColumns.some((d) => d.column === col.name) &&
      !h.preprocessing.some((p) => p.column === col.name),
  );
  return {
    task: { ...h.task, reason: `The fake model agrees. ${h.task.reason}`.slice(0, 1000) },
    qualityIssues: [...h.qualityIssues].reverse(),
    dropColumns: droppable
      ? [...h.dropColumns, { column: droppable.name, reason: "Redundant with the other features (fake)." }]
      : h.dropColumns,
    preprocessing: h.preprocessing,
    summary: `The fake model read '${c.name}': ${profile.nRows} rows, task ${profile.task}.`,
  };
}

/** A valid reviewer answer that differs from the heuristic's. */
export function reviewerAnswer(c: DatasetAgentInputs): ReviewerOutput {
  const h = reviewerAgent.heuristic(c.reviewer);
  return {
    verdict: `The fake model on '${c.name}': ${c.reviewer.leaderboard[0]!.estimator} leads.`,
    findings: h.findings,
    nextSteps: [...h.nextSteps.slice(0, 9), { action: "gather more rows", why: "every model gains (fake)" }],
    confidence: h.confidence === "low" ? "medium" : "low",
  };
}

/** Structured: a schema violation; json: another; repair: a semantic violation (all answered 200). */
export function invalidProfilerAnswers(c: DatasetAgentInputs): unknown[] {
  const v = profilerAnswer(c);
  return [
    { ...v, task: { ...v.task, status: "probably" } },
    { ...v, preprocessing: [{ suggestion: "beam it up", step: "teleport" }] },
    { ...v, dropColumns: [{ column: "no such column", reason: "made up" }] },
  ];
}

/** As `invalidProfilerAnswers`, for the reviewer. */
export function invalidReviewerAnswers(c: DatasetAgentInputs): unknown[] {
  const v = reviewerAnswer(c);
  return [
    { ...v, findings: [] },
    { ...v, confidence: "certain" },
    {
      ...v,
      findings: [
        { kind: "ok", evidence: "all fine", severity: "low" },
        { kind: "variance", evidence: "folds spread by 0.2", severity: "high" },
      ],
    },
  ];
}
