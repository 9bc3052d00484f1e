/**
 * The search: baseline → explore → exploit, one trial at a time, every trial recorded as it ends.
 * The next trial is a function of the trials so far (plus the clock), so a run resumed from its
 * recorded trials continues where it stopped.
 */
import { toAlchemistError } from "../core/errors.js";
import { log } from "../core/log.js";
import type { PipelineSpec } from "../data/preprocess/index.js";
import { isBetter } from "../evaluate/metrics/metric-choice.js";
import type { WorkerPool } from "../trainers/pool/index.js";
import type { RunClock } from "./clock.js";
import { type CvPlan, defaultFolds } from "./cv-plan.js";
import { evaluatePipeline, type FoldModel, type PipelineScore } from "./evaluate-pipeline.js";
import { lineageKey, planExploit } from "./exploit.js";
import { baselinePortfolio } from "./portfolio.js";
import type { DecisionLog, Proposer } from "./proposer.js";
import type { Recoverer } from "./recoverer.js";
import type { Phase, RunConfig, StopReason } from "./run-config.js";
import type { RunData } from "./run-data.js";
import { askTimelyRetry, gaveUp } from "./timely-retry.js";
import {
  bestTrial,
  type LoopSettings,
  leaderboard,
  succeeded,
  type Trial,
  type TrialRecovery,
  trialKey,
} from "./trial.js";
import {
  SEED_MIN_CAP_MS,
  SEED_ORIGIN,
  type SeededPortfolio,
  seedCapMs,
  seededPortfolio,
  skipSeed,
  type WarmSeeds,
  withLearned,
} from "./warm-start/index.js";

export type Oof = PipelineScore["oof"];

/** Where the loop writes as it goes (memory in a real run; arrays in tests). */
export interface RunRecorder {
  trial(trial: Trial, oof: Oof | undefined): void;
  decision(seq: number | null, decision: DecisionLog): void;
}

export type LoopEvent =
  | { type: "phase"; phase: Phase }
  | { type: "trial-start"; seq: number; phase: Phase; estimator: string; origin: string }
  | { type: "trial"; trial: Trial; best: Trial | undefined }
  | { type: "note"; message: string };

export interface SearchContext {
  runId: string;
  config: RunConfig;
  data: RunData;
  cv: CvPlan;
  clock: RunClock;
  pool: WorkerPool;
  proposer: Proposer;
  /** Diagnoses failed trials and proposes the retry; without one, a failed trial is recorded and the search moves on. */
  recoverer?: Recoverer;
  recorder: RunRecorder;
  /** Pipelines and params learned from past runs (warm start); without them the search starts cold. */
  warmStart?: WarmSeeds;
  /** A learned portfolio's pipelines, rebuilt on this data: the baseline runs them before the built-in entries. */
  learnedPortfolio?: readonly PipelineSpec[];
  onEvent?: (event: LoopEvent) => void;
  signal?: AbortSignal;
}

export interface SearchResult {
  trials: Trial[];
  oof: Map<number, Oof>;
  /** The fold models of the best few trials of this search (not of a resumed run's earlier trials). */
  foldModels: ReadonlyMap<number, FoldModel[]>;
  stoppedBecause: StopReason;
}

interface Plan {
  phase: Phase;
  spec: PipelineSpec;
  settings: LoopSettings;
  origin: string;
  /** Fraction of each fold's training rows (successive halving); default 1. */
  resource?: number;
  recovery?: TrialRecovery;
  /** The most this trial may run (a warm-start seed's, from its estimated cost); default: its share of the time left. */
  capMs?: number;
  /** A twin's lead: its cap, measured on this table, replaces the share of the time left. */
  lead?: boolean;
}

/** From this many training rows on, exploit screens candidates on a third of the rows first. */
const HALVING_MIN_ROWS = 20_000;
/** Successive halving's η: a screened candidate goes on to all rows when it ranks in the top 1/η. */
const HALVING_ETA = 3;

/** Explore stops after this many proposals in a row that did not beat the incumbent. */
const EXPLORE_PATIENCE = 6;
/** Share of a time budget after which explore hands over to exploit. */
const EXPLORE_TIME_SHARE = 0.45;
/**
 * The best this many trials keep their fold models: the final model when a refit cannot fit. A few
 * suffice (the fallback takes the best of them) and each can weigh tens of MB (a forest on 26 classes).
 */
const KEEP_FOLD_MODELS = 3;
/**
 * What finishing keeps back before the budget's end (the blend's selection, the test table's
 * prediction, the report and artifacts, in this thread): FINISH_BASE_MS, and a millisecond per
 * FINISH_CELLS_PER_MS cells of the training and test tables, at most FINISH_MAX_MS. A fixed half
 * second had left a 1 s budget on a 331-row table (finished in ~80 ms) with no trial at all.
 */
const FINISH_BASE_MS = 100;
const FINISH_CELLS_PER_MS = 1000;
const FINISH_MAX_MS = 500;
/**
 * Do not start a trial with less than this left before the refit reserve: twice the median trial's
 * wall time so far, within MIN_TRIAL_FLOOR_MS (the first trial's) and MIN_TRIAL_MS.
 */
const MIN_TRIAL_MS = 400;
const MIN_TRIAL_FLOOR_MS = 100;
/**
 * The least the refit keeps for a worker start beyond the measured one (a start under load is
 * slower): the last trial may run out and take its workers with it. The refit's own grace past the
 * budget (RunClock.refitEndAt) covers that much of it, so only the rest is kept back from the search.
 */
const MIN_RESTART_SLACK_MS = 500;
/** One trial may use at most this share of the search time left (but at least MIN_TRIAL_CAP_MS). */
const TRIAL_SHARE = 0.4;
const MIN_TRIAL_CAP_MS = 3000;
/** Retries of one failure (its chain of fixes and fallbacks), and of all failures in a run. */
export const MAX_RETRIES_PER_FAILURE = 2;
export const MAX_RECOVERIES_PER_RUN = 10;

/** A fold's fit time scaled to a refit on all rows (k/(k−1) of the rows, and 30% for the unexpected). */
function refitScale(folds: number): number {
  return (folds / Math.max(1, folds - 1)) * 1.3;
}

export class Search {
  private readonly trials: Trial[];
  private readonly oof: Map<number, Oof>;
  private readonly foldModels = new Map<number, FoldModel[]>();
  private readonly tried = new Set<string>();
  private readonly portfolio: PipelineSpec[];
  /** Origin of each portfolio entry: "portfolio", LEARNED_ORIGIN, or a seed's (naming its source). */
  private readonly origins: string[];
  /** A seeded entry's expected cost (see seedCapMs, leadCapMs). */
  private readonly costs: SeededPortfolio["costs"];
  /** The first this many portfolio entries are a twin's leads (see trialDeadline). */
  private readonly leads: number;
  private readonly settings: LoopSettings;
  private exploreClosed = false;
  private moneyExhausted = false;
  private phase: Phase | null = null;

  constructor(
    private readonly ctx: SearchContext,
    initial: { trials: readonly Trial[]; oof: ReadonlyMap<number, Oof> } = { trials: [], oof: new Map() },
  ) {
    this.trials = [...initial.trials];
    this.oof = new Map(initial.oof);
    for (const t of this.trials) this.tried.add(trialKey(t.spec, t.settings, t.resource));
    const { data, config } = ctx;
    this.portfolio = baselinePortfolio({
      frame: data.frame,
      target: data.target,
      task: data.task,
      metric: data.metric,
      seed: config.seed,
      leaks: data.profile.leakage.map((l) => l.column),
    });
    this.settings = { cv_folds: defaultFolds(data.y.length), ensemble: true };
    const key = (spec: PipelineSpec) => trialKey(spec, this.settings);
    const base = withLearned(ctx.learnedPortfolio ?? [], this.portfolio, key);
    const seeded = seededPortfolio(base.specs, ctx.warmStart, this.settings, base.origins);
    this.portfolio = seeded.specs;
    this.origins = seeded.origins;
    this.costs = seeded.costs;
    this.leads = seeded.leads;
  }

  /**
   * Milliseconds to keep for the final refit and finishing: the best trials' fold fits scaled to all
   * rows, the finishing (finishMs) and what a restart of the workers would take past the refit's grace
   * (the last trial may run out and take its workers with it; the refit then waits for new ones);
   * before any trial has scored, the finishing alone (the first trial keeps its fold models, which
   * finish the run when its refit cannot). When not even the best trial's refit can end by the refit's
   * deadline any more and that trial kept its fold models, the run will end with those instead: the
   * reserve is then the finishing alone, since stopping now would only waste the rest.
   */
  reserveMs(): number {
    const ok = this.trials.filter(succeeded);
    const finish = this.finishMs();
    if (ok.length === 0) return finish;
    const best = bestTrial(ok, this.ctx.data.metric);
    const top = [...ok].sort((a, b) => b.maxFoldFitSeconds - a.maxFoldFitSeconds);
    const scale = refitScale(best?.settings.cv_folds ?? this.settings.cv_folds);
    const bestFit = (best?.maxFoldFitSeconds ?? 0) * scale;
    // An ensemble refits a few members side by side on the pool.
    const members = top.slice(0, 3).reduce((s, t) => s + t.maxFoldFitSeconds * scale, 0) / this.ctx.pool.size;
    const { clock } = this.ctx;
    const lost =
      best !== undefined &&
      this.foldModels.has(best.seq) &&
      bestFit * 1000 > clock.refitEndAt - clock.timestamp();
    if (lost) return finish;
    return finish + this.restartSlackMs() + 1000 * Math.max(bestFit, Math.min(members, bestFit * 2));
  }

  /** See FINISH_BASE_MS: grows with the training and test tables. */
  private finishMs(): number {
    const { frame, test } = this.ctx.data;
    const cells = (frame.nRows + (test?.frame.nRows ?? 0)) * frame.columns.length;
    return Math.min(FINISH_MAX_MS, FINISH_BASE_MS + cells / FINISH_CELLS_PER_MS);
  }

  /** Kept for a restart of the workers beyond the refit's grace (see MIN_RESTART_SLACK_MS). */
  private restartSlackMs(): number {
    const { clock, pool } = this.ctx;
    const grace = Number.isFinite(clock.endAt) ? clock.refitEndAt - clock.endAt : 0;
    return Math.max(0, Math.max(MIN_RESTART_SLACK_MS, pool.startupMs ?? 0) - grace);
  }

  /** See MIN_TRIAL_MS: a table whose trials take 40 ms is not stopped with a third of a second left. */
  private minTrialMs(): number {
    const walls = this.trials
      .filter(succeeded)
      .map((t) => t.seconds * 1000)
      .sort((a, b) => a - b);
    if (walls.length === 0) return MIN_TRIAL_FLOOR_MS;
    const median = walls[(walls.length - 1) >> 1] as number;
    return Math.min(MIN_TRIAL_MS, Math.max(MIN_TRIAL_FLOOR_MS, 2 * median));
  }

  /**
   * A twin's lead runs without the share of the time left that bounds other trials: its deadline
   * keeps back its own refit (its fold fit, measured on this table, scaled to all rows as in
   * reserveMs) and a worker start, and allows twice its trial's measured wall time. Null when even
   * that trial would not end before its refit must start (it is passed over: nothing it gave could
   * be refitted in time).
   */
  private leadCapMs(i: number, capMs: number): number | null {
    const cost = this.costs[i];
    if (cost?.foldSeconds === undefined) return capMs;
    const k = this.settings.cv_folds;
    const refitMs = cost.foldSeconds * refitScale(k) * 1000;
    const left = this.ctx.clock.remainingMs() - refitMs - this.restartSlackMs();
    const trialMs =
      cost.trialSeconds !== undefined
        ? cost.trialSeconds * 1000
        : cost.foldSeconds * Math.ceil(k / Math.max(1, this.ctx.pool.size)) * 1000;
    if (trialMs > left) return null;
    return cost.trialSeconds !== undefined
      ? Math.min(left, Math.max(2 * trialMs, SEED_MIN_CAP_MS))
      : Math.min(capMs, left);
  }

  /**
   * The deadline of a trial started at `now`: its share of the search time left, or less with a cap
   * (a seed's), within the search's end. A twin's lead has only its cap: the share guards against a
   * cost nobody knows, and the lead's was measured on this table.
   */
  private trialDeadline(now: number, capMs = Number.POSITIVE_INFINITY, lead = false): number {
    const searchEnd = this.ctx.clock.endAt - this.reserveMs();
    const share = lead
      ? Number.POSITIVE_INFINITY
      : Math.max(TRIAL_SHARE * (searchEnd - now), MIN_TRIAL_CAP_MS);
    return Math.min(searchEnd, now + Math.min(share, capMs));
  }

  /**
   * Waits until the pool's workers are up (they start while the data is read, and again after a
   * trial that ran out terminated them), or the run is cancelled. The clock is read after it, so a
   * trial's deadline bounds its fits and not a worker's start as well: a job's deadline only starts
   * counting once a worker takes it.
   */
  private async workersReady(): Promise<void> {
    const { pool, signal } = this.ctx;
    if (signal === undefined) return pool.warmUp();
    if (signal.aborted) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        signal.removeEventListener("abort", done);
        resolve();
      };
      signal.addEventListener("abort", done, { once: true });
      pool.warmUp().then(done, done);
    });
  }

  async run(): Promise<SearchResult> {
    let stopped: StopReason | null = null;
    while (stopped === null) {
      stopped = this.stopReason();
      if (stopped !== null) break;
      const plan = await this.next();
      if (plan === null) {
        stopped = this.moneyExhausted ? "money_budget" : "search_exhausted";
        break;
      }
      // The folds are preprocessed here while workers start (the first trial's, and those a trial
      // that ran out took with it); the trial's clock then leaves the wait for them out.
      const prepMs = this.prepare(plan);
      await this.workersReady();
      if (this.ctx.signal?.aborted) {
        stopped = "cancelled";
        break;
      }
      if (this.outOfTime()) {
        stopped = "time_budget";
        break;
      }
      await this.runTrial(plan, prepMs);
    }
    log.debug("search stopped", {
      because: stopped,
      remainingMs: Math.round(this.ctx.clock.remainingMs()),
      reserveMs: Math.round(this.reserveMs()),
      minTrialMs: Math.round(this.minTrialMs()),
    });
    return { trials: this.trials, oof: this.oof, foldModels: this.foldModels, stoppedBecause: stopped };
  }

  private stopReason(): StopReason | null {
    const { config, data, signal } = this.ctx;
    if (signal?.aborted) return "cancelled";
    if (this.moneyExhausted) return "money_budget";
    const best = bestTrial(this.trials, data.metric);
    if (config.goal !== undefined && best?.score != null) {
      if (best.score === config.goal || isBetter(data.metric, best.score, config.goal)) return "goal_reached";
    }
    if (config.trials !== undefined && this.trials.length >= config.trials) return "trial_budget";
    if (this.outOfTime()) return "time_budget";
    if (this.sinceImprovement() >= config.plateauTrials) return "plateau";
    return null;
  }

  /** Less than minTrialMs is left before the refit reserve. */
  private outOfTime(): boolean {
    return this.ctx.clock.remainingMs() - this.reserveMs() < this.minTrialMs();
  }

  /**
   * Preprocesses the plan's folds into the fold cache (evaluatePipeline then finds them) and returns
   * the milliseconds it took. A failure is left for the trial, which meets it again and records it.
   */
  private prepare(plan: Plan): number {
    const { cv, clock } = this.ctx;
    const t0 = clock.timestamp();
    try {
      cv.cache(plan.settings.cv_folds).get(plan.spec.steps, plan.spec.seed, plan.resource ?? 1);
    } catch {
      // Recorded by the trial.
    }
    return clock.timestamp() - t0;
  }

  /** Trials since the best score last improved by more than plateauEpsilon. */
  private sinceImprovement(): number {
    const { metric } = this.ctx.data;
    const eps = this.ctx.config.plateauEpsilon;
    let best: number | null = null;
    let last = 0;
    this.trials.forEach((t, i) => {
      if (!succeeded(t) || t.score === null || t.resource < 1) return;
      const gain =
        best === null
          ? Number.POSITIVE_INFINITY
          : isBetter(metric, t.score, best)
            ? Math.abs(t.score - best)
            : 0;
      if (best === null || isBetter(metric, t.score, best)) best = t.score;
      if (gain > eps) last = i + 1;
    });
    return this.trials.length - last;
  }

  private enter(phase: Phase): void {
    if (this.phase === phase) return;
    this.phase = phase;
    this.ctx.onEvent?.({ type: "phase", phase });
  }

  private async next(): Promise<Plan | null> {
    const retry = await this.recovery();
    if (retry !== null) return retry;
    const baselineDone = this.trials.filter((t) => t.phase === "baseline" && !t.recovery).length;
    for (let i = baselineDone; i < this.portfolio.length; i++) {
      const spec = this.portfolio[i] as PipelineSpec;
      if (this.tried.has(trialKey(spec, this.settings))) continue;
      const origin = this.origins[i] as string;
      // A built-in entry that stalled on this same table at this budget (the warm start's twin).
      if (origin === "portfolio" && this.ctx.warmStart?.skip?.has(spec.estimator.name)) continue;
      if (!origin.startsWith(SEED_ORIGIN)) {
        this.enter("baseline");
        return { phase: "baseline", spec, settings: this.settings, origin };
      }
      if (skipSeed(spec, this.trials, this.ctx.config.budgetSeconds)) continue;
      // Only a time budget caps a seed: a trial-budget run stays the same whatever the machine's load.
      if (this.ctx.config.budgetSeconds === undefined) {
        this.enter("baseline");
        return { phase: "baseline", spec, settings: this.settings, origin };
      }
      const capMs = seedCapMs(this.costs[i]?.foldSeconds, this.settings.cv_folds, this.ctx.pool.size);
      if (i >= this.leads) {
        this.enter("baseline");
        return { phase: "baseline", spec, settings: this.settings, origin, capMs };
      }
      const leadCap = this.leadCapMs(i, capMs);
      if (leadCap === null) continue;
      this.enter("baseline");
      return { phase: "baseline", spec, settings: this.settings, origin, capMs: leadCap, lead: true };
    }
    if (this.exploreOpen()) {
      this.enter("explore");
      const plan = await this.explore();
      if (plan !== null) return plan;
      this.exploreClosed = true;
      if (this.moneyExhausted) return null;
    }
    this.enter("exploit");
    const { data, config } = this.ctx;
    const halving = data.y.length >= HALVING_MIN_ROWS;
    if (halving) {
      const promoted = this.promotion();
      if (promoted !== null) return promoted;
    }
    const resource = halving ? 1 / HALVING_ETA : 1;
    const warm = this.ctx.warmStart?.params;
    const now = this.ctx.clock.timestamp();
    const plan = planExploit(
      this.trials,
      data.metric,
      config.seed,
      data.y.length,
      this.tried,
      resource,
      warm,
      { maxMs: this.trialDeadline(now) - now, lanes: this.ctx.pool.size },
    );
    return plan === null ? null : { phase: "exploit", ...plan, resource };
  }

  /**
   * Asynchronous successive halving on rows: the last screened candidate goes on to every row
   * when it ranks in the top 1/η of the candidates screened in its lineage so far.
   */
  private promotion(): Plan | null {
    const last = this.trials[this.trials.length - 1];
    if (last === undefined || last.phase !== "exploit" || last.resource >= 1 || !succeeded(last)) return null;
    if (this.tried.has(trialKey(last.spec, last.settings, 1))) return null;
    const lineage = lineageKey(last);
    const peers = this.trials
      .filter((t) => t.resource === last.resource && succeeded(t) && lineageKey(t) === lineage)
      .map((t) => t.score as number);
    const { metric } = this.ctx.data;
    const better = peers.filter((s) => isBetter(metric, s, last.score as number)).length;
    if (better >= Math.ceil(peers.length / HALVING_ETA)) return null;
    return {
      phase: "exploit",
      spec: last.spec,
      settings: last.settings,
      origin: `${last.origin}, promoted`,
      resource: 1,
    };
  }

  /**
   * When the last trial failed (or, before exploit, timed out), the recoverer's retry: a diagnosed fix
   * or the next fallback model, in the failed trial's phase. Within MAX_RETRIES_PER_FAILURE per
   * failure chain and MAX_RECOVERIES_PER_RUN per run; a cancelled search or an LLM past the search's
   * end gives no retry. The retry of a trial that ran out of time runs only when it is expected to
   * end within the deadline it would get (`expectedRetryMs`); one expected to overrun is passed over
   * (the recoverer is asked again with it counted as tried: its next fix, then cheaper fallbacks),
   * and when none fits the trial is recorded as not retried, with why.
   */
  private async recovery(): Promise<Plan | null> {
    const { recoverer, data, runId, signal, clock } = this.ctx;
    const failed = this.trials[this.trials.length - 1];
    if (recoverer === undefined || failed === undefined) return null;
    // A seed that overran its cap is not healed: its estimate came from another table, and its params
    // still wait for TPE (which tries them first, within an ordinary trial's time).
    const healable =
      failed.status === "failed" ||
      (failed.status === "timed_out" && failed.phase !== "exploit" && !failed.origin.startsWith(SEED_ORIGIN));
    if (!healable) return null;
    if (this.trials.filter((t) => t.recovery).length >= MAX_RECOVERIES_PER_RUN) return null;
    const rootSeq = failed.recovery?.of ?? failed.seq;
    const chain = this.trials.filter((t) => t.seq === rootSeq || t.recovery?.of === rootSeq);
    if (chain.length > MAX_RETRIES_PER_FAILURE) return null;
    // A trial that ran out took its workers with it: their start comes out of the retry's time.
    if (failed.status === "timed_out") await this.workersReady();
    const searchLeft = clock.endAt - this.reserveMs() - clock.timestamp();
    const timeout = Number.isFinite(searchLeft)
      ? AbortSignal.timeout(Math.max(1, Math.floor(searchLeft)))
      : undefined;
    const signals = [signal, timeout].filter((s): s is AbortSignal => s !== undefined);
    let retry: Awaited<ReturnType<typeof askTimelyRetry>>;
    try {
      retry = await askTimelyRetry({
        failed,
        trials: this.trials,
        tried: this.tried,
        lanes: this.ctx.pool.size,
        capMs: () => {
          const now = clock.timestamp();
          return this.trialDeadline(now) - now;
        },
        ask: (tried) =>
          recoverer.recover({
            runId,
            profile: data.profile,
            metric: data.metric,
            rows: data.y.length,
            failed,
            chain,
            trials: this.trials,
            tried,
            ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
          }),
      });
    } catch (e) {
      if (signal?.aborted || timeout?.aborted) return null;
      throw e;
    }
    const { result } = retry;
    if (result.moneyExhausted) this.moneyExhausted = true;
    const next = result.next;
    if (next === null) {
      const reason = retry.reason ?? "no fix";
      if (result.decision !== null) this.ctx.recorder.decision(failed.seq, gaveUp(result.decision, reason));
      this.ctx.onEvent?.({ type: "note", message: `Trial ${failed.seq} not retried: ${reason}.` });
      return null;
    }
    if (result.decision !== null) this.ctx.recorder.decision(this.trials.length + 1, result.decision);
    if (retry.note !== undefined)
      this.ctx.onEvent?.({ type: "note", message: `Trial ${failed.seq}: ${retry.note}.` });
    const r = next.recovery;
    const param = r.fix.param !== undefined ? ` ${r.fix.param}` : "";
    return {
      phase: failed.phase,
      spec: next.spec,
      settings: next.settings,
      origin: `recovery of #${r.of} [${r.tier}]: ${r.fix.action}${param} = ${String(r.fix.value)}`,
      resource: failed.resource,
      recovery: r,
    };
  }

  private exploreOpen(): boolean {
    if (this.exploreClosed) return false;
    const { config, clock } = this.ctx;
    const explored = this.trials.filter((t) => t.phase === "explore");
    if (config.trials !== undefined) {
      const left = config.trials - this.portfolio.length;
      if (explored.length >= Math.max(1, Math.floor(0.35 * left))) return false;
    } else if (clock.usedFraction() > EXPLORE_TIME_SHARE) return false;
    // Patience: explore trials since the incumbent last changed.
    const since = this.incumbent()?.seq ?? 0;
    return explored.filter((t) => t.seq > since).length < EXPLORE_PATIENCE;
  }

  /** The explore lineage's best: baseline and explore trials only. */
  private incumbent(): Trial | undefined {
    return bestTrial(
      this.trials.filter((t) => t.phase === "baseline" || t.phase === "explore"),
      this.ctx.data.metric,
    );
  }

  private async explore(): Promise<Plan | null> {
    const incumbent = this.incumbent();
    if (incumbent === undefined) return null;
    const { data, runId, signal, clock } = this.ctx;
    // An LLM that answers slowly must not eat the budget: its proposal is abandoned at the search's end.
    const searchLeft = clock.endAt - this.reserveMs() - clock.timestamp();
    const timeout = Number.isFinite(searchLeft)
      ? AbortSignal.timeout(Math.max(1, Math.floor(searchLeft)))
      : undefined;
    const signals = [signal, timeout].filter((s): s is AbortSignal => s !== undefined);
    const history = this.ctx.warmStart?.history;
    let result: Awaited<ReturnType<Proposer["propose"]>>;
    try {
      result = await this.ctx.proposer.propose({
        runId,
        profile: data.profile,
        task: data.task,
        metric: data.metric,
        trials: this.trials,
        incumbent,
        tried: this.tried,
        ...(history !== undefined ? { warmStart: history } : {}),
        ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
      });
    } catch (e) {
      if (timeout?.aborted && !signal?.aborted) return null;
      throw e;
    }
    const seq = result.next === null ? null : this.trials.length + 1;
    for (const d of result.decisions) this.ctx.recorder.decision(d.accepted ? seq : null, d);
    if (result.moneyExhausted) this.moneyExhausted = true;
    if (result.next === null) return null;
    return { phase: "explore", ...result.next };
  }

  /** Runs and records one trial; `prepMs` is the preprocessing of its folds done before (part of its time). */
  private async runTrial(plan: Plan, prepMs = 0): Promise<void> {
    const { data, cv, clock, pool, signal } = this.ctx;
    const seq = this.trials.length + 1;
    this.ctx.onEvent?.({
      type: "trial-start",
      seq,
      phase: plan.phase,
      estimator: plan.spec.estimator.name,
      origin: plan.origin,
    });
    const started = clock.timestamp() - prepMs;
    const deadlineAt = this.trialDeadline(started, plan.capMs, plan.lead);
    let score: PipelineScore | undefined;
    let error: Trial["error"] = null;
    try {
      score = await evaluatePipeline({
        spec: plan.spec,
        cache: cv.cache(plan.settings.cv_folds),
        y: data.y,
        task: data.task,
        metric: data.metric,
        nClasses: data.classes?.length,
        pool,
        deadlineAt,
        fraction: plan.resource ?? 1,
        ...(signal !== undefined ? { signal } : {}),
      });
    } catch (e) {
      // A cancelled trial is not a finished one: a resumed run runs it again.
      if (signal?.aborted) return;
      const err = toAlchemistError(e);
      error = { code: err.code, message: err.message, details: err.details };
    }
    const trial: Trial = {
      seq,
      phase: plan.phase,
      spec: plan.spec,
      settings: plan.settings,
      status:
        score !== undefined
          ? plan.recovery !== undefined
            ? "recovered"
            : "ok"
          : error?.code === "FIT_TIMEOUT"
            ? "timed_out"
            : "failed",
      score: score?.mean ?? null,
      foldScores: score?.foldScores ?? [],
      std: score?.std ?? null,
      fitSeconds: score?.fitSeconds ?? 0,
      maxFoldFitSeconds: score?.maxFoldFitSeconds ?? 0,
      seconds: (clock.timestamp() - started) / 1000,
      resource: plan.resource ?? 1,
      error,
      origin: plan.origin,
      recovery: plan.recovery ?? null,
    };
    this.trials.push(trial);
    this.tried.add(trialKey(trial.spec, trial.settings, trial.resource));
    if (score !== undefined) this.oof.set(seq, score.oof);
    if (score?.foldModels !== undefined) this.keepFoldModels(trial, score.foldModels);
    this.ctx.recorder.trial(trial, score?.oof);
    this.ctx.onEvent?.({ type: "trial", trial, best: bestTrial(this.trials, data.metric) });
  }

  /** Keeps the fold models of the best KEEP_FOLD_MODELS trials (the trial's, if it is one of them). */
  private keepFoldModels(trial: Trial, models: FoldModel[]): void {
    this.foldModels.set(trial.seq, models);
    const kept = leaderboard(
      this.trials.filter((t) => this.foldModels.has(t.seq)),
      this.ctx.data.metric,
    ).map((r) => r.seq);
    for (const seq of kept.slice(KEEP_FOLD_MODELS)) this.foldModels.delete(seq);
  }
}
