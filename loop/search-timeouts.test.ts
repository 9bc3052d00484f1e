/**
 * Timed-out trials in the search: the workers they take with them start again before the next trial's
 * clock (and a start is kept in the refit reserve), and a retry runs only when it is expected to end
 * within the deadline it would get. Fits are simulated (a pool whose fits take a set time on a mocked
 * clock), so the times are exact: the random forest's work grows with its trees, the rest is quick.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { datasetPath } from "../test/datasets.js";
import { AlchemistError } from "../core/errors.js";
import type { FitJob, FitJobResult, FitRunOptions, WorkerPool } from "../trainers/pool/index.js";
import { RunClock } from "./clock.js";
import { CvPlan } from "./cv-plan.js";
import type { DecisionLog } from "./proposer.js";
import type { Recoverer, RecoveryRequest } from "./recoverer.js";
import { summarizeRecoveries } from "./recoveries.js";
import { parseRunConfig } from "./run-loop.js";
import { loadRunData, type RunData } from "./run-data.js";
import { Search } from "./search.js";
import { type Trial, trialKey } from "./trial.js";
import { baselinePortfolio } from "./portfolio.js";
import type { WarmSeeds } from "./warm-start/index.js";

let data: RunData;
const config = parseRunConfig({
  train: datasetPath("penguins", "train.csv"),
  target: "Species",
  budgetSeconds: 60,
  seed: 1,
});
beforeAll(async () => {
  data = await loadRunData(config);
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * A one-lane pool whose fits advance the mocked clock: a forest (100 trees by default) takes
 * `msPerTree` per tree per fold, anything else 20 ms. A fit past its deadline terminates the worker;
 * the next one takes `restartMs` to start, before its job's deadline starts counting (as the real pool).
 */
function simulatedPool(msPerTree: number, restartMs = 0): WorkerPool {
  let ready = true;
  const start = (): void => {
    if (ready) return;
    vi.setSystemTime(Date.now() + restartMs);
    ready = true;
    pool.startupMs = restartMs;
  };
  const pool = {
    size: 1,
    startupMs: undefined as number | undefined,
    warmUp: async () => start(),
    async run(job: FitJob, options: FitRunOptions = {}): Promise<FitJobResult> {
      start();
      const params = job.params as { n_estimators?: number };
      const work =
        job.estimator === "random_forest_classifier" ? (params.n_estimators ?? 100) * msPerTree : 20;
      const deadline = options.deadlineMs ?? Number.POSITIVE_INFINITY;
      if (work > deadline) {
        vi.setSystemTime(Date.now() + deadline);
        ready = false;
        throw new AlchemistError("FIT_TIMEOUT", `${job.estimator}: past its deadline of ${deadline} ms.`, {
          estimator: job.estimator,
          deadlineMs: deadline,
        });
      }
      vi.setSystemTime(Date.now() + work);
      const X = job.predict?.[0] as FitJob["X"];
      const K = job.ctx.nClasses ?? 3;
      const proba = new Float64Array(X.nRows * K);
      const values = new Float64Array(X.nRows);
      // Predicts the fold's majority class, so every model scores and none is perfect.
      for (let i = 0; i < X.nRows; i++) proba[i * K] = 1;
      return {
        model: {} as FitJobResult["model"],
        predictions: [{ values, proba }],
        fitSeconds: work / 1000,
        predictSeconds: 0,
      };
    },
    close: async () => {},
  };
  return pool as unknown as WorkerPool;
}

/** Proposes, for the forest's failure, the first of `moves` not tried yet (as the agent recoverer walks its fixes). */
function scriptedRecoverer(moves: readonly ((t: Trial) => Trial["spec"])[]): Recoverer & { asked: number } {
  const r = {
    asked: 0,
    async recover(req: RecoveryRequest) {
      r.asked++;
      const decision: DecisionLog = {
        agent: "recovery",
        tier: "heuristic",
        model: null,
        output: { root_cause: "too slow" },
        failures: [],
        accepted: true,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        latencyMs: 0,
      };
      const root = req.chain[0] ?? req.failed;
      for (const move of moves) {
        const spec = move(req.failed);
        if (req.tried.has(trialKey(spec, req.failed.settings, req.failed.resource))) continue;
        const change = spec.estimator.name !== req.failed.spec.estimator.name;
        return {
          next: {
            spec,
            settings: req.failed.settings,
            recovery: {
              of: root.seq,
              attempt: req.chain.length,
              rootCause: "too slow",
              category: "resources",
              tier: "heuristic" as const,
              fix: change
                ? { action: "change_model", value: spec.estimator.name }
                : {
                    action: "set_hyperparameter",
                    param: "n_estimators",
                    value: spec.estimator.params.n_estimators as number,
                  },
              via: change ? ("fallback" as const) : ("fix" as const),
            },
          },
          decision,
        };
      }
      return { next: null, reason: "no untried fix left", decision: { ...decision, accepted: false } };
    },
  };
  return r;
}

const fewerTrees = (n: number) => (t: Trial) => ({
  ...t.spec,
  estimator: { ...t.spec.estimator, params: { ...t.spec.estimator.params, n_estimators: n } },
});
const toLogistic = (t: Trial) => ({ ...t.spec, estimator: { name: "logistic_regression", params: {} } });

async function search(
  msPerTree: number,
  recoverer?: Recoverer,
  restartMs = 0,
  warm?: { seeds: WarmSeeds; trials: number; noBudget?: boolean },
) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(1_000_000);
  const decisions: { seq: number | null; d: DecisionLog }[] = [];
  const notes: string[] = [];
  const s = new Search({
    runId: "r",
    // Up to the forest's first retry: the five portfolio trials before it and one more.
    config: { ...config, trials: warm?.trials ?? 6, ...(warm?.noBudget ? { budgetSeconds: undefined } : {}) },
    data,
    cv: new CvPlan(data, 1),
    clock: new RunClock(Date.now(), warm?.noBudget ? undefined : 60),
    pool: simulatedPool(msPerTree, restartMs),
    proposer: { propose: async () => ({ next: null, decisions: [] }) },
    ...(recoverer !== undefined ? { recoverer } : {}),
    ...(warm !== undefined ? { warmStart: warm.seeds } : {}),
    recorder: { trial: () => {}, decision: (seq, d) => decisions.push({ seq, d }) },
    onEvent: (e) => {
      if (e.type === "note") notes.push(e.message);
    },
  });
  const result = await s.run();
  return { trials: result.trials, decisions, notes, reserveMs: s.reserveMs() };
}

describe("workers a timed-out trial took with it", () => {
  it("start again before the next trial's clock, and one start is kept for the refit", async () => {
    // 100 trees × 1 s a fold: the forest runs out; its worker takes 3 s to start again.
    const { trials, reserveMs } = await search(1000, undefined, 3000);
    const forest = trials.findIndex((t) => t.spec.estimator.name === "random_forest_classifier");
    expect(trials[forest]?.status).toBe("timed_out");
    const after = trials[forest + 1] as Trial;
    // Five 20 ms folds: the trial is its own work, not the start of its worker as well.
    expect(after.status).toBe("ok");
    expect(after.seconds).toBeLessThan(1);
    // The last trial may run out too: the refit then waits for a worker's start (3 s), of which the
    // refit's grace past the 60 s budget covers 0.75 s.
    expect(reserveMs).toBeGreaterThanOrEqual(3000 - 750);
  });
});

describe("the retry of a timed-out trial", () => {
  it("runs with fewer trees when that is expected to fit the deadline, and scores", async () => {
    // 100 trees × 100 ms = 10 s a fold, 50 s for five: past the deadline (40% of the search time left,
    // ~23 s); a tenth of the trees is expected to take ~2.3 s of the ~14 s a trial may take after it.
    const { trials } = await search(100, scriptedRecoverer([fewerTrees(10), toLogistic]));
    const forest = trials.find((t) => t.spec.estimator.name === "random_forest_classifier") as Trial;
    expect(forest.status).toBe("timed_out");
    const retry = trials.find((t) => t.recovery?.of === forest.seq) as Trial;
    expect(retry.spec.estimator.params.n_estimators).toBe(10);
    expect(retry.status).toBe("recovered");
  });

  it("passes over fewer trees when even they would overrun, and falls back to a model that fits", async () => {
    // 100 trees × 1 s: the first fold outlasts the ~23 s deadline, so five need over 117 s and a
    // quarter of the trees over 29 s, past the ~14 s a trial may take after it.
    const recoverer = scriptedRecoverer([fewerTrees(25), toLogistic]);
    const { trials, notes } = await search(1000, recoverer);
    const forest = trials.find((t) => t.spec.estimator.name === "random_forest_classifier") as Trial;
    expect(forest.status).toBe("timed_out");
    const retries = trials.filter((t) => t.recovery?.of === forest.seq);
    expect(retries.map((t) => t.spec.estimator.name)).toEqual(["logistic_regression"]);
    expect(retries[0]?.status).toBe("recovered");
    expect(recoverer.asked).toBe(2);
    expect(notes.join("\n")).toMatch(/n_estimators = 25 \(~\d+\.\d s\)/);
  });

  it("does not retry when no proposal is expected to fit, and records why", async () => {
    const { trials, decisions } = await search(1000, scriptedRecoverer([fewerTrees(25), fewerTrees(20)]));
    const forest = trials.find((t) => t.spec.estimator.name === "random_forest_classifier") as Trial;
    expect(trials.some((t) => t.recovery?.of === forest.seq)).toBe(false);
    const gaveUp = decisions.find((x) => x.seq === forest.seq);
    expect(gaveUp?.d.accepted).toBe(false);
    const summary = summarizeRecoveries(
      trials,
      decisions.map((x) => ({ seq: x.seq, agent: x.d.agent, accepted: x.d.accepted, output: x.d.output })),
    ).find((r) => r.failed === forest.seq);
    expect(summary?.outcome).toBe("not_retried");
    expect(summary?.reason).toMatch(/no retry is expected to end within the [\d.]+ s/);
    expect(summary?.reason).toContain("n_estimators = 25");
    expect(summary?.reason).toContain("n_estimators = 20");
  });
});

describe("a warm-start seed", () => {
  /** A forest of 200 trees learned elsewhere (or on this table: a lead), its fold fits estimated at `foldSeconds` here. */
  function forestSeed(foldSeconds: number, lead = false): WarmSeeds {
    const forest = baselinePortfolio({ ...data, seed: 1 }).find(
      (s) => s.estimator.name === "random_forest_classifier",
    ) as Trial["spec"];
    const spec = { ...forest, estimator: { ...forest.estimator, params: { n_estimators: 200 } } };
    const origin = lead ? "warm start: penguins (same data)" : "warm start: elsewhere";
    // A lead's trial ran its five folds on one lane there.
    const measured = lead ? { lead, trialSeconds: 5 * foldSeconds } : {};
    return { specs: [{ spec, origin, foldSeconds, ...measured }], params: new Map() };
  }

  it("learned on this table leads, its measured cost its only bound, and is passed over when it cannot fit", async () => {
    // 200 trees × 30 ms = 6 s a fold, 30 s for five: past the ~24 s share of an ordinary trial, but
    // within the 60 s less its refit (6 s × 5/4 × 1.3) and a worker start.
    const led = await search(30, undefined, 0, { seeds: forestSeed(6, true), trials: 2 });
    expect(led.trials.map((t) => [t.origin, t.status])).toEqual([
      ["warm start: penguins (same data)", "ok"],
      ["portfolio", "ok"],
    ]);
    expect(led.trials[0]?.seconds).toBeCloseTo(30, 0);
    // Measured at 10 s a fold: 50 s for five and 16 s to refit do not fit in 60 s.
    const passed = await search(50, undefined, 0, { seeds: forestSeed(10, true), trials: 1 });
    expect(passed.trials.map((t) => [t.spec.estimator.name, t.origin])).toEqual([
      ["logistic_regression", "portfolio"],
    ]);
  });

  it("runs out at a few times its estimated cost, is not retried, and the portfolio goes on", async () => {
    // 200 trees × 50 ms = 10 s a fold where 0.1 s was estimated: the cap is 4 × 0.1 s × 5 folds = 2 s,
    // not the ~23 s an ordinary trial may take.
    const recoverer = scriptedRecoverer([fewerTrees(10)]);
    const { trials } = await search(50, recoverer, 0, { seeds: forestSeed(0.1), trials: 3 });
    expect(trials.map((t) => [t.origin, t.status])).toEqual([
      ["portfolio", "ok"],
      ["warm start: elsewhere", "timed_out"],
      ["portfolio", "ok"],
    ]);
    expect(trials[1]?.seconds).toBeCloseTo(2, 1);
    expect(recoverer.asked).toBe(0);
  });

  it("is not capped without a time budget (a trial-budget run does not depend on the machine's speed)", async () => {
    const { trials } = await search(50, undefined, 0, { seeds: forestSeed(0.1), trials: 3, noBudget: true });
    expect(trials[1]?.origin).toBe("warm start: elsewhere");
    expect(trials[1]?.status).toBe("ok");
    expect(trials[1]?.seconds).toBeCloseTo(50, 0);
  });

  it("passes over the built-in entries the warm start says stalled on this table", async () => {
    const seeds: WarmSeeds = { specs: [], params: new Map(), skip: new Set(["logistic_regression"]) };
    const { trials } = await search(1, undefined, 0, { seeds, trials: 2 });
    expect(trials.map((t) => t.spec.estimator.name)).toEqual([
      "hist_gradient_boosting_classifier",
      "knn_classifier",
    ]);
  });

  it("that fits its estimate runs like any baseline trial", async () => {
    // 200 trees × 1 ms = 0.2 s a fold, as estimated.
    const { trials } = await search(1, undefined, 0, { seeds: forestSeed(0.2), trials: 3 });
    expect(trials[1]?.origin).toBe("warm start: elsewhere");
    expect(trials[1]?.status).toBe("ok");
  });
});
