/** What the reviewer's rules share: the sorted leaderboard, the metric's scale, and the steps said so far. */
import { type Family, familyOf } from "./estimator-family.js";
import { METRIC_SCALES, type MetricScale } from "./metric-scale.js";
import type { Finding, LeaderboardEntry, NextStep, ReviewerInput } from "./reviewer-schema.js";

/** Rows below which data is small / tiny; rows from which a linear winner should meet boosting. */
export const REVIEW_RULES = {
  tinyRows: 100,
  smallRows: 500,
  fewRows: 1000,
  largeRows: 10_000,
  imbalance: 3,
} as const;

/** What every rule reads. */
export interface ReviewContext {
  input: ReviewerInput;
  scale: MetricScale;
  /** Leaderboard sorted by rank. */
  board: LeaderboardEntry[];
  best: LeaderboardEntry;
  family: Family;
  nRows: number | undefined;
  findings: Finding[];
  steps: NextStep[];
  /** Topics of the steps so far: one step per topic (the first rule to speak wins). */
  topics: Set<string>;
}

export function contextOf(input: ReviewerInput): ReviewContext {
  const board = [...input.leaderboard].sort((a, b) => a.rank - b.rank);
  const best = board[0]!;
  return {
    input,
    scale: METRIC_SCALES[input.metric],
    board,
    best,
    family: familyOf(best.estimator),
    nRows: input.diagnostics?.nRows,
    findings: [],
    steps: [],
    topics: new Set(),
  };
}

/** 4 significant digits. */
export function f(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x);
}

export const q = (s: string) => `'${s}'`;

/** Positive when `a` is better than `b` under the metric's direction. */
export function better(ctx: ReviewContext, a: number, b: number): number {
  return ctx.input.direction === "max" ? a - b : b - a;
}

export function step(ctx: ReviewContext, topic: string, action: string, why: string): void {
  if (ctx.topics.has(topic)) return;
  ctx.topics.add(topic);
  ctx.steps.push({ action, why });
}

export function simplerModels(ctx: ReviewContext, because: string): void {
  step(
    ctx,
    "simpler",
    "try simpler models (regularised linear, naive Bayes, k-nearest neighbours)",
    `${q(ctx.best.estimator)} is flexible and ${because} on only ${ctx.nRows} rows`,
  );
}

export function flexibleModels(ctx: ReviewContext, because: string): void {
  step(
    ctx,
    "flexible",
    "try more flexible models (gradient boosting, random forest) or build more informative features",
    because,
  );
}
