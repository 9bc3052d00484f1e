import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { createFeatureMatrix, type FeatureMatrix } from "../../data/preprocess/index.js";
import type { EstimatorSpec } from "../estimator.js";
import { MODEL_REGISTRY } from "../registry.js";
import type { FitJob } from "./fit-job.js";
import { EXTRA_ESTIMATORS, TEST_ESTIMATORS_MODULE } from "./test-estimators.js";
import { WorkerPool } from "./worker-pool.js";

const extras = new Map(EXTRA_ESTIMATORS.map((s) => [s.name, s]));

/** A real registry estimator when the registry has one of these, else the test module's stand-in. */
function pick(preferred: readonly string[], fallback: string): EstimatorSpec {
  for (const name of preferred) {
    const spec = MODEL_REGISTRY.get(name);
    if (spec) return spec;
  }
  return extras.get(fallback) as EstimatorSpec;
}
const CLASSIFIER = pick(
  ["logistic_regression", "ridge_classifier", "constant_classifier"],
  "test_centroid_classifier",
);
const REGRESSOR = pick(["ridge", "linear_regression", "constant_regressor"], "test_mean_regressor");

/** n rows, d features, 3 classes separated along the first features; y as class indices. */
function blobs(n: number, d: number, seed: number): { X: FeatureMatrix; y: Float64Array } {
  const rng = createRng(seed);
  const X = createFeatureMatrix(
    n,
    Array.from({ length: d }, (_, j) => `f${j}`),
  );
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    y[i] = c;
    for (let j = 0; j < d; j++) X.data[j * n + i] = (j === c ? 2 : 0) + rng.normal();
  }
  return { X, y };
}

const failure = async (p: Promise<unknown>): Promise<AlchemistError> => {
  try {
    await p;
  } catch (e) {
    return e as AlchemistError;
  }
  throw new Error("expected a rejection");
};

function job(estimator: string, X: FeatureMatrix, y: Float64Array, params: unknown = {}): FitJob {
  return { estimator, params, X, y, ctx: { seed: 1 } };
}

describe("WorkerPool (workers from the TypeScript sources)", () => {
  const pool = new WorkerPool({ size: 2, extraEstimatorModules: [TEST_ESTIMATORS_MODULE] });
  afterAll(() => pool.close());
  const { X, y } = blobs(240, 4, 7);

  it("fits in a worker and predicts exactly as an in-process fit", async () => {
    const { X: Xt } = blobs(60, 4, 8);
    const r = await pool.run({
      ...job(CLASSIFIER.name, X, y),
      ctx: { seed: 3, nClasses: 3 },
      predict: [Xt, X],
    });
    const local = CLASSIFIER.fit(X, y, CLASSIFIER.params.parse({}), { seed: 3, nClasses: 3 });
    expect(r.model.estimator).toBe(CLASSIFIER.name);
    expect(r.predictions).toHaveLength(2);
    expect(r.predictions?.[0]?.values).toEqual(local.predict(Xt));
    expect(r.predictions?.[1]?.values).toEqual(local.predict(X));
    if (local.predictProba) expect(r.predictions?.[0]?.proba).toEqual(local.predictProba(Xt));
    const rebuilt = CLASSIFIER.fromJSON(JSON.parse(JSON.stringify(r.model)));
    expect(rebuilt.predict(Xt)).toEqual(local.predict(Xt));
    expect(r.fitSeconds).toBeGreaterThanOrEqual(0);
    expect(r.peakHeapBytes).toBeGreaterThan(0);
    // The caller's arrays were copied, not taken.
    expect(X.data.length).toBe(240 * 4);
  });

  it("round-trips a regressor, with params and views into larger buffers", async () => {
    const big = new Float64Array(10_000).fill(99);
    big.set(X.data, 500);
    const Xv = createFeatureMatrix(240, X.featureNames, undefined, big.subarray(500, 500 + 960));
    const yr = big.subarray(2000, 2240).map((_, i) => i % 7);
    const params = REGRESSOR.name === "test_mean_regressor" ? { shrink: 0.5 } : {};
    const r = await pool.run({ ...job(REGRESSOR.name, Xv, yr, params), predict: [Xv] });
    const local = REGRESSOR.fit(Xv, yr, REGRESSOR.params.parse(params), { seed: 1 });
    expect(r.predictions?.[0]?.values).toEqual(local.predict(Xv));
    expect(r.predictions?.[0]?.proba).toBeUndefined();
  });

  it("transfers the caller's buffers when asked", async () => {
    const { X: Xg, y: yg } = blobs(90, 4, 9);
    const expected = (extras.get("test_centroid_classifier") as EstimatorSpec)
      .fit(Xg, yg, {}, { seed: 1, nClasses: 3 })
      .predict(Xg);
    const r = await pool.run(
      { ...job("test_centroid_classifier", Xg, yg), ctx: { seed: 1, nClasses: 3 }, predict: [Xg] },
      { transfer: true },
    );
    expect(r.predictions?.[0]?.values).toEqual(expected);
    expect(Xg.data.length).toBe(0);
    expect(yg.length).toBe(0);
  });

  it("kills a fit at its deadline with FIT_TIMEOUT, and runs the next job", async () => {
    const t0 = performance.now();
    const e = await failure(pool.run(job("sleep_forever", X, y), { deadlineMs: 300 }));
    expect(e).toBeInstanceOf(AlchemistError);
    expect(e.code).toBe("FIT_TIMEOUT");
    expect(e.message).toContain("sleep_forever");
    expect(e.message).toContain("300 ms");
    expect(e.details).toMatchObject({ estimator: "sleep_forever", deadlineMs: 300 });
    expect(performance.now() - t0).toBeLessThan(10_000);
    const next = await pool.run({ ...job("test_mean_regressor", X, y), predict: [X] });
    expect(next.predictions?.[0]?.values[0]).toBeCloseTo(1, 12);
  });

  it("keeps typed errors typed and wraps the rest as FIT_FAILED", async () => {
    const Xnan = createFeatureMatrix(240, X.featureNames, undefined, X.data.slice());
    Xnan.data[240 + 5] = Number.NaN;
    const missing = await failure(pool.run(job("throw_typed", Xnan, y)));
    expect(missing.code).toBe("MISSING_VALUES");
    expect(missing.details).toMatchObject({ column: "f1", row: 5, estimator: "throw_typed" });
    expect(missing.stack).toContain("checkFitInput");

    const target = await failure(pool.run(job("throw_typed", X, y)));
    expect(target.code).toBe("INVALID_TARGET");
    expect(target.details.row).toBe(0);

    const plain = await failure(pool.run(job("throw_plain", X, y)));
    expect(plain.code).toBe("FIT_FAILED");
    expect(plain.message).toContain("throw_plain: not a typed error");
    expect(plain.details).toMatchObject({ estimator: "throw_plain", cause: { name: "TypeError" } });
    expect(String((plain.details.cause as { stack: string }).stack)).toContain("test-estimators");

    const params = await failure(pool.run(job("busy_for", X, y, { ms: -5 })));
    expect(params.code).toBe("INVALID_PARAMS");
    expect(params.details.parameter).toBe("ms");

    const unknown = await failure(pool.run(job("sleep_forevr", X, y)));
    expect(unknown.code).toBe("UNKNOWN_ESTIMATOR");

    const notCloneable = await failure(pool.run(job("busy_for", X, y, { ms: 1, f: () => 1 })));
    expect(notCloneable.code).toBe("INVALID_PARAMS");
  });

  it("reports a worker that exits as WORKER_CRASHED, and recovers", async () => {
    const e = await failure(pool.run(job("exit_worker", X, y)));
    expect(e.code).toBe("WORKER_CRASHED");
    expect(e.details.exitCode).toBe(7);
    const r = await pool.run(job("busy_for", X, y, { ms: 1 }));
    expect(r.model.estimator).toBe("busy_for");
  });

  it("keeps the main event loop responsive during a multi-second fit, forwarding progress", async () => {
    await pool.run(job("busy_for", X, y, { ms: 1 })); // a warm worker: measure the fit, not the startup
    const h = monitorEventLoopDelay({ resolution: 10 });
    const fractions: number[] = [];
    h.enable();
    const r = await pool.run(job("busy_for", X, y, { ms: 1500 }), { onProgress: (f) => fractions.push(f) });
    h.disable();
    expect(r.fitSeconds).toBeGreaterThanOrEqual(1.5);
    expect(h.percentile(99) / 1e6).toBeLessThan(50);
    expect(fractions.length).toBeGreaterThan(5);
    expect(fractions.length).toBeLessThan(100); // throttled to ~20 per second
    expect(fractions.at(-1)).toBe(1);
  });

  it("turns a heap overrun into FIT_OUT_OF_MEMORY and keeps serving", async () => {
    // The idle workers have no cap: one is replaced by a capped worker for this job.
    const e = await failure(pool.run(job("blow_heap", X, y), { maxHeapMb: 64 }));
    expect(e.code).toBe("FIT_OUT_OF_MEMORY");
    expect(e.message).toContain("blow_heap");
    expect(e.message).toContain("64 MiB");
    const r = await pool.run(job("busy_for", X, y, { ms: 1 }));
    expect(r.model.estimator).toBe("busy_for");
  });

  it("cancels queued and running fits through an AbortSignal", async () => {
    const pre = new AbortController();
    pre.abort(new Error("not wanted"));
    await expect(pool.run(job("sleep_forever", X, y), { signal: pre.signal })).rejects.toMatchObject({
      code: "FIT_CANCELLED",
      cause: { message: "not wanted" },
    });

    const running = new AbortController();
    const queued = new AbortController();
    const a = pool.run(job("sleep_forever", X, y), { signal: running.signal });
    const b = pool.run(job("sleep_forever", X, y), { signal: running.signal });
    const c = pool.run(job("sleep_forever", X, y), { signal: queued.signal });
    expect(pool.queued).toBe(1);
    queued.abort();
    await expect(c).rejects.toMatchObject({ code: "FIT_CANCELLED" });
    expect(pool.queued).toBe(0);
    setTimeout(() => running.abort(), 200);
    await expect(a).rejects.toMatchObject({ code: "FIT_CANCELLED" });
    await expect(b).rejects.toMatchObject({ code: "FIT_CANCELLED" });
    const r = await pool.run(job("busy_for", X, y, { ms: 1 }));
    expect(r.model.estimator).toBe("busy_for");
    expect(pool.workerCount).toBeLessThanOrEqual(2);
  });
});

describe("WorkerPool limits and shutdown", () => {
  const { X, y } = blobs(30, 2, 1);

  it("close() rejects running and queued jobs and terminates the workers", async () => {
    const pool = new WorkerPool({ size: 1, extraEstimatorModules: [TEST_ESTIMATORS_MODULE] });
    const running = pool.run(job("sleep_forever", X, y));
    const queued = pool.run(job("busy_for", X, y));
    const closedRunning = expect(running).rejects.toMatchObject({
      code: "POOL_CLOSED",
    });
    const closedQueued = expect(queued).rejects.toMatchObject({
      code: "POOL_CLOSED",
    });
    await new Promise((r) => setTimeout(r, 100));
    await pool.close();
    expect(pool.workerCount).toBe(0);
    await closedRunning;
    await closedQueued;
    await expect(pool.run(job("busy_for", X, y))).rejects.toMatchObject({ code: "POOL_CLOSED" });
  });

  it("fails jobs with WORKER_CRASHED when the worker entry cannot load", async () => {
    const pool = new WorkerPool({ size: 1, workerEntry: new URL("./no-such-entry.js", import.meta.url) });
    try {
      await expect(pool.run(job("busy_for", X, y))).rejects.toMatchObject({ code: "WORKER_CRASHED" });
      await expect(pool.run(job("busy_for", X, y))).rejects.toMatchObject({ code: "WORKER_CRASHED" });
    } finally {
      await pool.close();
    }
  });

  it("refuses a bad pool size", () => {
    expect(() => new WorkerPool({ size: 0 })).toThrow(AlchemistError);
    expect(new WorkerPool().size).toBeGreaterThanOrEqual(1);
  });
});

const DIST = new URL("../../dist/trainers/pool/", import.meta.url);
const builtEntry = new URL("worker-entry.js", DIST);
const builtExtras = new URL("test-estimators.js", DIST);

describe.skipIf(!existsSync(builtEntry))("WorkerPool (workers from the built dist/ JavaScript)", () => {
  it("runs, times out and keeps typed errors from dist/", async () => {
    const pool = new WorkerPool({ size: 1, workerEntry: builtEntry, extraEstimatorModules: [builtExtras] });
    try {
      const { X, y } = blobs(60, 3, 2);
      const r = await pool.run({
        ...job("test_centroid_classifier", X, y),
        ctx: { seed: 1, nClasses: 3 },
        predict: [X],
      });
      const local = (extras.get("test_centroid_classifier") as EstimatorSpec).fit(
        X,
        y,
        {},
        { seed: 1, nClasses: 3 },
      );
      expect(r.predictions?.[0]?.proba).toEqual(local.predictProba?.(X));
      const timeout = await failure(pool.run(job("sleep_forever", X, y), { deadlineMs: 200 }));
      expect(timeout.code).toBe("FIT_TIMEOUT");
      const typed = await failure(pool.run(job("throw_typed", X, y)));
      expect(typed.code).toBe("INVALID_TARGET");
    } finally {
      await pool.close();
    }
  });

  it("closes while its bundled workers still start, in a process with nothing else to wait for", () => {
    // A process whose only work is the pool: two workers start while its thread is busy (reading and
    // profiling a table, in a run), then it closes the pool. Terminated mid-start, the workers let go
    // of the event loop before their 'exit', and the process had ended inside close() (status 13
    // here; a CLI run exited 0 and printed nothing). A plain node script: tsx's loader holds the loop.
    const script = join(mkdtempSync(join(tmpdir(), "alchemist-pool-close-")), "close.mjs");
    writeFileSync(
      script,
      `const { WorkerPool } = await import(${JSON.stringify(new URL("worker-pool.js", DIST).href)});
      const pool = new WorkerPool({ size: 2 });
      void pool.warmUp();
      await new Promise((resolve) => setTimeout(resolve, 0));
      const until = Date.now() + Number(process.argv[2]);
      while (Date.now() < until) {}
      await pool.close();
      process.stdout.write("closed");`,
    );
    try {
      for (const busyMs of [300, 500]) {
        const r = spawnSync(process.execPath, [script, String(busyMs)], { encoding: "utf8" });
        expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: "closed" });
      }
    } finally {
      rmSync(dirname(script), { recursive: true, force: true });
    }
  });

  it("the built default entry is the one-file bundle, which fits like the modules and keeps typed errors", async () => {
    const spawn = (await import(new URL("worker-spawn.js", DIST).href)) as typeof import("./worker-spawn.js");
    expect(spawn.defaultWorkerEntry().href).toBe(new URL("worker-entry.bundle.js", DIST).href);
    expect(spawn.defaultWorkerEntry(true).href).toBe(builtEntry.href);
    const pool = new WorkerPool({ size: 1, workerEntry: spawn.defaultWorkerEntry() });
    try {
      const { X, y } = blobs(60, 3, 4);
      const r = await pool.run({
        ...job("logistic_regression", X, y),
        ctx: { seed: 0, nClasses: 3 },
        predict: [X],
      });
      const local = (MODEL_REGISTRY.get("logistic_regression") as EstimatorSpec).fit(
        X,
        y,
        (MODEL_REGISTRY.get("logistic_regression") as EstimatorSpec).params.parse({}),
        { seed: 0, nClasses: 3 },
      );
      expect(r.predictions?.[0]?.proba).toEqual(local.predictProba?.(X));
      const data = Float64Array.from(X.data);
      data[0] = Number.NaN;
      const missing = createFeatureMatrix(X.nRows, X.featureNames, undefined, data);
      const typed = await failure(
        pool.run({ ...job("logistic_regression", missing, y), ctx: { seed: 0, nClasses: 3 } }),
      );
      expect(typed).toBeInstanceOf(AlchemistError);
      expect(typed.code).toBe("MISSING_VALUES");
    } finally {
      await pool.close();
    }
  });
});
