/** The built-in portfolio's order on real tables: gradient boosting's place depends on the class count. */
import { describe, expect, it } from "vitest";
import { datasetMeta, datasetPath } from "../test/datasets.js";
import { baselinePortfolio } from "./portfolio.js";
import { loadRunData } from "./run-data.js";
import { parseRunConfig } from "./run-loop.js";

async function order(name: "letter" | "penguins"): Promise<string[]> {
  const data = await loadRunData(
    parseRunConfig({ train: datasetPath(name, "train.csv"), target: datasetMeta(name).target }),
  );
  return baselinePortfolio({ ...data, seed: 0 }).map((s) => s.estimator.name);
}

describe("baselinePortfolio", () => {
  it("runs gradient boosting second on a few classes (penguins: 3)", async () => {
    expect((await order("penguins")).slice(0, 2)).toEqual([
      "logistic_regression",
      "hist_gradient_boosting_classifier",
    ]);
  });

  it("runs it after the forests on many classes (letter: 26), where it costs more than they do", async () => {
    const names = await order("letter");
    const at = (n: string) => names.indexOf(n);
    expect(at("hist_gradient_boosting_classifier")).toBe(at("random_forest_classifier") + 1);
    expect(at("knn_classifier")).toBe(1);
    expect(names.slice(at("hist_gradient_boosting_classifier") + 1)).toEqual(["lda", "gaussian_nb"]);
  });
});
