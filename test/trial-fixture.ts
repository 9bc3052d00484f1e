/** A recorded trial for unit tests: scored, one second everywhere, and whatever `over` sets. */
import type { PipelineSpec } from "../data/preprocess/index.js";
import type { Trial } from "../loop/trial.js";

export function trialFixture(spec: PipelineSpec, over: Partial<Trial> = {}): Trial {
  return {
    seq: 1,
    phase: "baseline",
    spec,
    settings: { cv_folds: 5, ensemble: true },
    status: "ok",
    score: 0,
    foldScores: [],
    std: 0,
    fitSeconds: 1,
    maxFoldFitSeconds: 1,
    seconds: 1,
    resource: 1,
    error: null,
    origin: "test",
    recovery: null,
    ...over,
  };
}
