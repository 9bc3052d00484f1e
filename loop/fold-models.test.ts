/**
 * Fold models as the final model: when the refit on all rows cannot end in time (or every refit
 * fails), a run ends with the cross-validation fold models of its best trials, averaged, instead of
 * no model; and once not even the best trial's refit can end by its deadline, the search goes on
 * instead of keeping time back for it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AlchemistError } from "../core/errors.js";
import { scorePredictions } from "../evaluate/score-predictions.js";
import { createGateway } from "../llm/index.js";
import { openMemory } from "../memory/index.js";
import { datasetPath } from "../test/datasets.js";
import { type FitJob, type FitJobResult, type FitRunOptions, WorkerPool } from "../trainers/pool/index.js";
import { RunClock } from "./clock.js";
import { CvPlan } from "./cv-plan.js";
import { parseFittedPipeline, predictPipeline } from "./fitted-pipeline.js";
import { loadRunData, type RunData } from "./run-data.js";
import { parseRunConfig, runAutoML } from "./run-loop.js";
import { Search } from "./search.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-fold-models-"));
const memory = openMemory(join(dir, "memory.db"));
afterAll(() => {
  memory.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const config = {
  train: datasetPath("penguins", "train.csv"),
  test: datasetPath("penguins", "test.csv"),
  target: "Species",
  trials: 4,
  workers: 2,
  seed: 1,
};

/**
 * Runs penguins on a real two-worker pool whose `run` goes through `inject` (a fault injection: it
 * sees each job and the real run), and checks the fold models it ends with against its test score.
 */
async function runWithFolds(
  inject: (job: FitJob, run: () => Promise<FitJobResult>, refit: boolean) => Promise<FitJobResult>,
  budgetSeconds?: number,
) {
  const data = await loadRunData(parseRunConfig(config));
  const pool = new WorkerPool({ size: 2 });
  const run = pool.run.bind(pool);
  let refits = 0;
  vi.spyOn(pool, "run").mockImplementation((job: FitJob, options?: FitRunOptions) => {
    // A fit on all training rows is a refit; a fold's fit has fewer.
    const refit = job.X.nRows === data.y.length;
    if (refit) refits++;
    return inject(job, () => run(job, options), refit);
  });
  try {
    const result = await runAutoML(
      {
        ...config,
        ...(budgetSeconds !== undefined ? { budgetSeconds } : {}),
        out: join(dir, `out-${budgetSeconds}`),
      },
      {
        memory,
        home: dir,
        pool,
        gateway: createGateway({ model: "none" }),
        proposer: () => ({ propose: async () => ({ next: null, decisions: [] }) }),
      },
    );
    const k = 5; // penguins' 258 rows: five folds
    expect(result.best_pipeline.fold_models).toBe(k);
    // Only the best three trials keep their fold models.
    const top = result.leaderboard.slice(0, 3).map((r) => r.seq);
    for (const m of result.best_pipeline.members) expect(top).toContain(m.seq);

    const pipeline = parseFittedPipeline(
      JSON.parse(readFileSync(result.artifacts.pipeline as string, "utf8")),
    );
    expect(pipeline.members).toHaveLength(k * result.best_pipeline.members.length);
    for (const m of result.best_pipeline.members) {
      const folds = pipeline.members.filter((p) => p.seq === m.seq);
      expect(folds.map((p) => p.fold)).toEqual([0, 1, 2, 3, 4]);
      expect(folds.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(m.weight, 12);
    }
    // Each fold model was fitted on different rows: they are not five copies of one model.
    const states = new Set(pipeline.members.map((p) => JSON.stringify(p.model.state)));
    expect(states.size).toBe(pipeline.members.length);
    // The stored pipeline predicts the test table as the run scored it.
    const test = data.test as NonNullable<RunData["test"]>;
    const prediction = predictPipeline(pipeline, test.frame);
    expect(scorePredictions(data.metric, data.task, test.y as Float64Array, prediction)).toBe(
      result.test_score,
    );
    expect(result.test_score).toBeGreaterThan(0.9);
    return { result, refits };
  } finally {
    await pool.close();
  }
}

describe("a run that cannot refit", () => {
  it("ends with the fold models of its best trials when every refit fails", async () => {
    const { result, refits } = await runWithFolds(async (_job, run, refit) => {
      if (refit) throw new AlchemistError("FIT_TIMEOUT", "Injected: the refit ran out.", {});
      return run();
    });
    expect(refits).toBeGreaterThan(0);
    expect(result.notes.some((n) => n.startsWith("Not refitted on all rows: the refit failed"))).toBe(true);
  }, 60_000);

  it("does not try a refit that cannot end in the time left", async () => {
    // Injected: every fold fit reports 100 s, so no refit of 30 s runs' trials fits what is left.
    const { result, refits } = await runWithFolds(
      async (_job, run) => ({ ...(await run()), fitSeconds: 100 }),
      30,
    );
    expect(refits).toBe(0);
    expect(result.trials.total).toBe(4);
    expect(
      result.notes.some((n) =>
        n.startsWith("Not refitted on all rows: the refit would not have ended in the time left"),
      ),
    ).toBe(true);
  }, 60_000);
});

describe("the refit reserve", () => {
  let data: RunData;
  beforeAll(async () => {
    data = await loadRunData(parseRunConfig({ ...config, test: undefined }));
  });

  /**
   * A pool of five lanes on a mocked clock, its fits side by side: logistic regression's take 2 s,
   * anything else's 20 ms. Each fit ends at its start plus its time (the folds of a trial start together).
   */
  function simulatedPool(logisticMs = 2000): WorkerPool {
    const pool = {
      size: 5,
      startupMs: 0,
      warmUp: async () => {},
      async run(job: FitJob): Promise<FitJobResult> {
        const ms = job.estimator === "logistic_regression" ? logisticMs : 20;
        const end = Date.now() + ms;
        await Promise.resolve();
        vi.setSystemTime(Math.max(Date.now(), end));
        const X = job.predict?.[0] as FitJob["X"];
        const K = job.ctx.nClasses ?? 3;
        const proba = new Float64Array(X.nRows * K);
        for (let i = 0; i < X.nRows; i++) proba[i * K] = 1;
        return {
          model: { estimator: job.estimator, version: 1, params: {}, nFeatures: X.nCols, state: {} },
          predictions: [{ values: new Float64Array(X.nRows), proba }],
          fitSeconds: ms / 1000,
          predictSeconds: 0,
        };
      },
      close: async () => {},
    };
    return pool as unknown as WorkerPool;
  }

  /**
   * `trials` trials allowed, started with `leftMs` of a `budget` s budget left (60 s: its refit
   * grace is 0.75 s).
   */
  async function searchFrom(leftMs: number, { budget = 60, trials = 2, logisticMs = 2000 } = {}) {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_000_000);
    const search = new Search({
      runId: "r",
      config: { ...parseRunConfig(config), trials },
      data,
      cv: new CvPlan(data, 1),
      clock: new RunClock(Date.now() - budget * 1000 + leftMs, budget),
      pool: simulatedPool(logisticMs),
      proposer: { propose: async () => ({ next: null, decisions: [] }) },
      recorder: { trial: () => {}, decision: () => {} },
    });
    const result = await search.run();
    return { result, reserveMs: search.reserveMs() };
  }

  /** What finishing keeps back on penguins' training table: 0.1 s and a millisecond per 1,000 cells. */
  const finishMs = () => 100 + (data.frame.nRows * data.frame.columns.length) / 1000;

  // Logistic regression first: a 2 s trial, whose refit is expected to take 2 s × 5/4 × 1.3 = 3.25 s.
  // A worker restart (0.5 s at least) fits in the refit's 0.75 s grace, so only the fits and finishing are kept.
  it("keeps the best trial's refit while it can still end by its deadline", async () => {
    // 5.6 s left: after the trial, 3.6 s + 0.75 s of grace, so the refit fits; 3.6 s − 3.35 s is too little for a trial.
    const { result, reserveMs } = await searchFrom(5600);
    expect(result.trials.map((t) => t.spec.estimator.name)).toEqual(["logistic_regression"]);
    expect(result.stoppedBecause).toBe("time_budget");
    expect(result.foldModels.has(1)).toBe(true);
    expect(reserveMs).toBeCloseTo(3250 + finishMs(), 6);
  });

  it("gives way to more search once that refit cannot end in time: the fold models will be the model", async () => {
    // 4 s left: after the trial, 2 s + 0.75 s of grace, short of 3.25 s; only the finishing is kept.
    const { result, reserveMs } = await searchFrom(4000);
    expect(result.trials).toHaveLength(2);
    expect(result.trials[1]?.status).toBe("ok");
    expect(result.stoppedBecause).toBe("trial_budget");
    expect(reserveMs).toBeCloseTo(finishMs(), 6);
  });

  it("lets a 1 s budget on a small table run its fast trials (a fixed half-second reserve had left it none)", async () => {
    // 0.6 s left of 1 s, every fit 20 ms: the trials run until the finishing and their refit are all that is left.
    const { result, reserveMs } = await searchFrom(600, { budget: 1, trials: 100, logisticMs: 20 });
    const ok = result.trials.filter((t) => t.status === "ok");
    expect(ok.length).toBeGreaterThanOrEqual(3);
    expect(result.stoppedBecause).toBe("time_budget");
    expect(reserveMs).toBeGreaterThan(finishMs());
    expect(reserveMs).toBeLessThan(finishMs() + 100);
  });
});
