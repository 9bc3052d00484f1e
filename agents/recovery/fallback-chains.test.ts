import { describe, expect, it } from "vitest";
import type { Task } from "../../data/task.js";
import { MODEL_REGISTRY } from "../../trainers/registry.js";
import { MODEL_FALLBACK_CHAINS, nextFallback } from "./fallback-chains.js";

describe("MODEL_FALLBACK_CHAINS", () => {
  it("covers the supervised tasks with registry estimators that serve them, ending with the constant baseline", () => {
    expect(Object.keys(MODEL_FALLBACK_CHAINS).sort()).toEqual(["binary", "multiclass", "regression"]);
    for (const [task, chain] of Object.entries(MODEL_FALLBACK_CHAINS) as [Task, readonly string[]][]) {
      expect(chain.length).toBeGreaterThanOrEqual(5);
      expect(new Set(chain).size).toBe(chain.length);
      for (const name of chain) {
        const spec = MODEL_REGISTRY.get(name);
        expect(spec, `${name} is not in MODEL_REGISTRY`).toBeDefined();
        expect(spec!.tasks, `${name} does not serve ${task}`).toContain(task);
      }
      expect(MODEL_REGISTRY.get(chain.at(-1)!)?.family).toBe("baseline");
      // The head copes with missing values, so it heals the most common failure.
      expect(MODEL_REGISTRY.get(chain[0]!)?.tags.handlesMissing).toBe(true);
    }
  });
});

describe("nextFallback", () => {
  it("walks the chain, skipping tried estimators", () => {
    expect(nextFallback("binary", "accuracy", [])).toBe("hist_gradient_boosting_classifier");
    expect(nextFallback("binary", "accuracy", ["hist_gradient_boosting_classifier"])).toBe(
      "random_forest_classifier",
    );
    expect(
      nextFallback("regression", "rmse", ["hist_gradient_boosting_regressor", "random_forest_regressor"]),
    ).toBe("extra_trees_regressor");
  });

  it("skips estimators without probabilities when the metric scores them", () => {
    const before = [
      "hist_gradient_boosting_classifier",
      "random_forest_classifier",
      "extra_trees_classifier",
      "logistic_regression",
    ];
    expect(nextFallback("binary", "accuracy", before)).toBe("ridge_classifier");
    expect(nextFallback("binary", "roc_auc", before)).toBe("decision_tree_classifier");
    expect(nextFallback("multiclass", "log_loss", before)).toBe("decision_tree_classifier");
  });

  it("applies the filter and returns null once the chain is exhausted", () => {
    expect(nextFallback("regression", "rmse", [], (s) => s.family === "linear")).toBe("ridge");
    expect(nextFallback("regression", "rmse", MODEL_FALLBACK_CHAINS.regression ?? [])).toBeNull();
    expect(nextFallback("clustering", "silhouette", [])).toBeNull();
    expect(nextFallback("forecast", "mase", [])).toBeNull();
  });
});
