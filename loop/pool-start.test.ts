/**
 * The run's workers start while its data is read, so the first trial finds them ready; a run that
 * fails or is cancelled still closes the pool it started.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createGateway } from "../llm/index.js";
import { openMemory } from "../memory/index.js";
import { datasetPath } from "../test/datasets.js";
import { WorkerPool } from "../trainers/pool/index.js";
import { type RunOptions, runAutoML } from "./run-loop.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-pool-start-"));
const memory = openMemory(join(dir, "memory.db"));
afterAll(() => {
  memory.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const options = (extra: Partial<RunOptions> = {}): RunOptions => ({
  memory,
  home: dir,
  gateway: createGateway({ model: "none" }),
  proposer: () => ({ propose: async () => ({ next: null, decisions: [] }) }),
  ...extra,
});
const config = {
  train: datasetPath("penguins", "train.csv"),
  target: "Species",
  trials: 1,
  workers: 2,
  seed: 1,
};

describe("the run's worker pool", () => {
  it("starts its workers before the data is read, and the first trial finds them ready", async () => {
    const pool = new WorkerPool({ size: 2 });
    try {
      const events: string[] = [];
      const warmUp = pool.warmUp.bind(pool);
      vi.spyOn(pool, "warmUp").mockImplementation((count?: number) => {
        events.push("warm-up");
        return warmUp(count);
      });
      let atFirstTrial: { workers: number; startupMs: number | undefined } | undefined;
      await runAutoML(
        { ...config, out: join(dir, "out-1") },
        options({
          pool,
          onEvent: (e) => {
            if (e.type === "phase") events.push(e.phase);
            if (e.type === "trial-start" && atFirstTrial === undefined)
              atFirstTrial = { workers: pool.workerCount, startupMs: pool.startupMs };
          },
        }),
      );
      // The warm-up was asked for before the search began (its first phase comes after the data).
      expect(events.indexOf("warm-up")).toBe(0);
      expect(events.indexOf("baseline")).toBeGreaterThan(0);
      expect(atFirstTrial?.workers).toBe(2);
      expect(atFirstTrial?.startupMs).toBeGreaterThan(0);
      // A pool the caller passed stays open.
      expect(pool.workerCount).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it("closes the pool it started when the data cannot be read", async () => {
    const close = vi.spyOn(WorkerPool.prototype, "close");
    const warmUp = vi.spyOn(WorkerPool.prototype, "warmUp");
    await expect(
      runAutoML({ ...config, train: join(dir, "missing.csv"), out: join(dir, "out-2") }, options()),
    ).rejects.toMatchObject({ code: expect.any(String) });
    expect(warmUp).toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);
  });

  it("closes the pool it started when the run is cancelled", async () => {
    const close = vi.spyOn(WorkerPool.prototype, "close");
    const stop = new AbortController();
    await expect(
      runAutoML(
        { ...config, out: join(dir, "out-3") },
        options({ signal: stop.signal, onEvent: (e) => e.type === "phase" && stop.abort() }),
      ),
    ).rejects.toMatchObject({ code: "FIT_CANCELLED" });
    expect(close).toHaveBeenCalledTimes(1);
  });
});
