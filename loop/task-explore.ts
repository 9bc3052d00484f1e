/**
 * The explore phase of the task searches (forecasting, clustering, anomaly detection): after their
 * sweep, the run's Proposer — the proposer agent, LLM tiers then heuristic — picks the next
 * candidate as one ACTION_SPACE action on the best one so far, exactly as in the pipeline loop.
 */
import { RunSettingsSchema } from "../actions/index.js";
import type { PipelineSpec, Step } from "../data/preprocess/index.js";
import { parsePipelineSpec } from "../data/preprocess/index.js";
import type { Profile } from "../data/profile/index.js";
import type { Task } from "../data/task.js";
import type { MetricName } from "../evaluate/metrics/registry.js";
import type { DecisionLog, Proposer } from "./proposer.js";
import { bestTrial, type Trial, trialKey } from "./trial.js";

/** What the explorer needs of the run. */
export interface TaskExploreContext {
  readonly runId: string;
  readonly proposer: Proposer;
  readonly profile: Profile;
  readonly task: Task;
  /** Decides which score is best (label-free criteria are higher-is-better, like ARI and ROC AUC). */
  readonly metric: MetricName;
  /** The specs' target: the forecast column, or an unsupervised run's label ('' without one). */
  readonly target: string;
  readonly seed: number;
  /** What the candidates' scores measure when not the metric (a label-free criterion). */
  readonly scoreMeaning?: string;
  readonly signal?: AbortSignal | undefined;
}

/** A candidate of a task search as the explorer sees it. */
export interface TaskCandidateView {
  readonly estimator: string;
  readonly params: Record<string, unknown>;
  readonly steps: readonly Step[];
  /** null: failed, or not run within the budget. */
  readonly score: number | null;
  readonly seconds: number;
  /** The proposer's action; absent for the sweep. */
  readonly origin?: string | undefined;
}

export interface TaskExplorer {
  /** The next candidate (a validated spec and its origin), or null when the proposer has nothing new. */
  propose(candidates: readonly TaskCandidateView[]): Promise<{ spec: PipelineSpec; origin: string } | null>;
  /** Every proposer decision so far, for the run's record. */
  readonly decisions: DecisionLog[];
}

const SETTINGS = RunSettingsSchema.parse({});

/** The PipelineSpec of a task candidate: what ACTION_SPACE acts on. */
export function taskSpec(
  ctx: Pick<TaskExploreContext, "task" | "target" | "seed">,
  c: Pick<TaskCandidateView, "estimator" | "params" | "steps">,
): PipelineSpec {
  return parsePipelineSpec({
    version: 1,
    task: ctx.task,
    target: ctx.target,
    steps: c.steps,
    estimator: { name: c.estimator, params: c.params },
    seed: ctx.seed,
  });
}

/** Asks `ctx.proposer` for one move at a time on the best candidate; stops asking once the LLM money is spent. */
export function createTaskExplorer(ctx: TaskExploreContext): TaskExplorer {
  const decisions: DecisionLog[] = [];
  let moneyExhausted = false;
  return {
    decisions,
    async propose(candidates) {
      if (moneyExhausted) return null;
      const trials: Trial[] = candidates.map((c, i) => ({
        seq: i + 1,
        phase: c.origin === undefined ? "baseline" : "explore",
        spec: taskSpec(ctx, c),
        settings: SETTINGS,
        status: c.score === null ? "failed" : "ok",
        score: c.score,
        foldScores: [],
        std: null,
        fitSeconds: c.seconds,
        maxFoldFitSeconds: c.seconds,
        seconds: c.seconds,
        resource: 1,
        error: c.score === null ? { code: "FIT_FAILED", message: "no score" } : null,
        origin: c.origin ?? "sweep",
      }));
      const incumbent = bestTrial(trials, ctx.metric);
      if (incumbent === undefined) return null;
      const r = await ctx.proposer.propose({
        runId: ctx.runId,
        profile: ctx.profile,
        task: ctx.task,
        metric: ctx.metric,
        trials,
        incumbent,
        tried: new Set(trials.map((t) => trialKey(t.spec, t.settings))),
        ...(ctx.scoreMeaning !== undefined ? { scoreMeaning: ctx.scoreMeaning } : {}),
        ...(ctx.signal !== undefined ? { signal: ctx.signal } : {}),
      });
      decisions.push(...r.decisions);
      if (r.moneyExhausted === true) moneyExhausted = true;
      return r.next === null ? null : { spec: r.next.spec, origin: r.next.origin };
    },
  };
}
