/** refit's last chance: when every chosen member overruns its deadline, the fastest good trial is refitted alone. */
import { afterAll, describe, expect, it } from "vitest";
import { createFrame } from "../data/frame.js";
import { parsePipelineSpec } from "../data/preprocess/index.js";
import { createWorkerPool } from "../trainers/pool/index.js";
import { refit } from "./finish.js";
import type { RunData } from "./run-data.js";
import type { Trial } from "./trial.js";
import { trialFixture } from "../test/trial-fixture.js";

const pool = createWorkerPool({ size: 1 });
afterAll(() => pool.close());

const n = 200;
const x = Float64Array.from({ length: n }, (_, i) => i / n);
const y = Float64Array.from(x, (v) => 3 * v + 1);
const data = {
  frame: createFrame([
    { name: "x", kind: "numeric", values: x },
    { name: "y", kind: "numeric", values: y },
  ]),
  target: "y",
  task: "regression",
  metric: "rmse",
  y,
  classes: null,
} as unknown as RunData;

const trial = (seq: number, estimator: string, score: number, maxFoldFitSeconds: number): Trial =>
  trialFixture(
    parsePipelineSpec({
      version: 1,
      task: "regression",
      target: "y",
      estimator: { name: estimator, params: {} },
    }),
    {
      seq,
      score,
      foldScores: [score],
      fitSeconds: maxFoldFitSeconds,
      maxFoldFitSeconds,
      seconds: maxFoldFitSeconds,
    },
  );

describe("refit", () => {
  const trials = [trial(1, "random_forest_regressor", 0.1, 2), trial(2, "ridge", 0.2, 0.01)];
  const choice = { members: [{ seq: 1, weight: 1 }], score: 0.1 } as Parameters<typeof refit>[0];

  it("fails with REFIT_FAILED when the deadline has passed and there is no last chance", async () => {
    await expect(refit(choice, trials, data, pool, Date.now() - 1)).rejects.toMatchObject({
      code: "REFIT_FAILED",
    });
  });

  it("refits the fastest of the best trials when every chosen member overran", async () => {
    const r = await refit(choice, trials, data, pool, Date.now() - 1, Date.now() + 20_000);
    expect(r.dropped.map((d) => d.seq)).toEqual([1]);
    expect(r.lastChance).toEqual({ seq: 2, score: 0.2 });
    expect(r.pipeline.members.map((m) => [m.seq, m.weight])).toEqual([[2, 1]]);
  });
});
