/** The greedy portfolio learned from runs in memory. */
import { describe, expect, it } from "vitest";
import { openMemory } from "../../memory/index.js";
import { buildPortfolio } from "./portfolio-builder.js";

describe("portfolio builder", () => {
  it("chooses greedily the recipe closest to every dataset's best, then what covers the rest", () => {
    const memory = openMemory(":memory:");
    try {
      const scores: Record<string, [number, number]> = {
        extra_trees_classifier: [0.95, 0.8],
        gaussian_nb: [0.8, 0.95],
        logistic_regression: [0.93, 0.93],
        lda: [0.7, 0.7],
        knn_classifier: [0.6, 0.6],
      };
      for (const [i, fp] of ["d1", "d2"].entries()) {
        const run = memory.runs.createRun({
          datasetFingerprint: fp,
          trainPath: `/x/${fp}/train.csv`,
          target: "y",
          task: "binary",
          metric: "roc_auc",
          config: {},
        });
        for (const [est, s] of Object.entries(scores))
          memory.runs.appendTrial(run.id, {
            phase: "baseline",
            spec: { version: 1, task: "binary", target: "y", estimator: { name: est, params: {} } },
            status: "ok",
            score: s[i] as number,
            fitSeconds: 1,
            seconds: 1,
          });
        memory.runs.updateRun(run.id, { status: "finished" });
        memory.warmStarts.putOutcome(run.id, {
          fingerprint: fp,
          target: "y",
          task: "binary",
          metric: "roc_auc",
          dataset: `/x/${fp}/train.csv`,
          metaVersion: 1,
          pipelines: [],
        });
      }
      const p = buildPortfolio(memory, { size: 3, builtAt: "2024-01-01T00:00:00.000Z" });
      const chosen = p.portfolios.classification.map((e) => e.recipe.estimator);
      expect(chosen[0]).toBe("logistic_regression");
      expect(chosen.slice(1).sort()).toEqual(["extra_trees_classifier", "gaussian_nb"]);
      expect(p.portfolios.classification[0]!.gain).toBeGreaterThan(p.portfolios.classification[1]!.gain);
      expect(p.portfolios.regression).toEqual([]);
      expect(p.source.datasets.map((d) => d.dataset)).toEqual(["d1/train.csv", "d2/train.csv"]);
    } finally {
      memory.close();
    }
  });
});
