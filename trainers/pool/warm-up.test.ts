/** WorkerPool.warmUp: workers started ahead of the jobs, so a job's wait is its fit, not a worker's start. */
import { afterAll, describe, expect, it } from "vitest";
import { createFeatureMatrix } from "../../data/preprocess/index.js";
import type { FitJob } from "./fit-job.js";
import { TEST_ESTIMATORS_MODULE } from "./test-estimators.js";
import { WorkerPool } from "./worker-pool.js";

const n = 30;
const X = createFeatureMatrix(
  n,
  ["a"],
  undefined,
  Float64Array.from({ length: n }, (_, i) => i),
);
const y = Float64Array.from({ length: n }, (_, i) => i % 2);
const job = (estimator: string): FitJob => ({ estimator, params: {}, X, y, ctx: { seed: 1 } });

describe("WorkerPool.warmUp", () => {
  const pool = new WorkerPool({ size: 2, extraEstimatorModules: [TEST_ESTIMATORS_MODULE] });
  afterAll(() => pool.close());

  it("starts every worker and resolves when they are ready; the next jobs do not wait for a start", async () => {
    expect(pool.workerCount).toBe(0);
    expect(pool.startupMs).toBeUndefined();
    await pool.warmUp();
    expect(pool.workerCount).toBe(2);
    const startup = pool.startupMs as number;
    expect(startup).toBeGreaterThan(0);
    const t0 = performance.now();
    await Promise.all([pool.run(job("test_mean_regressor")), pool.run(job("test_mean_regressor"))]);
    // A fit of 30 rows takes milliseconds; a worker's start (the whole registry loaded) far longer.
    expect(performance.now() - t0).toBeLessThan(startup / 2);
    // Already warm: nothing more is started.
    await pool.warmUp();
    expect(pool.workerCount).toBe(2);
  });

  it("replaces a worker terminated at a deadline", async () => {
    await expect(pool.run(job("sleep_forever"), { deadlineMs: 200 })).rejects.toMatchObject({
      code: "FIT_TIMEOUT",
    });
    await pool.warmUp();
    expect(pool.workerCount).toBe(2);
    const startup = pool.startupMs as number;
    const t0 = performance.now();
    await Promise.all([pool.run(job("test_mean_regressor")), pool.run(job("test_mean_regressor"))]);
    expect(performance.now() - t0).toBeLessThan(startup / 2);
  });

  it("gives a job submitted during the warm-up to a starting worker, not a new one", async () => {
    const p = new WorkerPool({ size: 1, extraEstimatorModules: [TEST_ESTIMATORS_MODULE] });
    try {
      const warming = p.warmUp();
      const fit = p.run(job("test_mean_regressor"));
      expect(p.workerCount).toBe(1);
      await Promise.all([warming, fit]);
      expect(p.workerCount).toBe(1);
    } finally {
      await p.close();
    }
  });

  it("resolves without starting anything on a closed pool", async () => {
    const p = new WorkerPool({ size: 1 });
    await p.close();
    await p.warmUp();
    expect(p.workerCount).toBe(0);
  });
});
