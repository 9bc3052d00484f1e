/** searchClustering on iris: beats a default k-means baseline on held-out rows, and never reads the label. */
import { describe, expect, it } from "vitest";
import { createFrame, type Frame } from "../data/frame.js";
import { readTable } from "../data/read-table.js";
import { adjustedRandIndex } from "../evaluate/index.js";
import { prepare, transformRows } from "../loop/unsupervised/prepare.js";
import { searchClustering } from "../loop/unsupervised/index.js";
import { fitKMeans } from "../trainers/cluster/index.js";
import { datasetPath, datasetsAvailable } from "./datasets.js";

const LABEL = "species";

function codes(frame: Frame, name: string): Int32Array {
  const c = frame.columns.find((x) => x.name === name);
  if (c?.kind !== "categorical" && c?.kind !== "text") throw new Error(`${name} is not categorical`);
  return Int32Array.from(c.codes);
}

describe.skipIf(!datasetsAvailable())("iris_clusters", () => {
  it("beats k-means with the library default k = 8 and random labels; the label never matters", async () => {
    const train = (await readTable(datasetPath("iris_clusters", "train.csv"))).frame;
    const test = (await readTable(datasetPath("iris_clusters", "test.csv"))).frame;
    const features = train.columns.map((c) => c.name).filter((n) => n !== LABEL);
    const truth = codes(test, LABEL);

    const r = await searchClustering({ frame: train, features, budgetMs: 10_000, seed: 0 });
    const ari = adjustedRandIndex(truth, r.assign(test));

    // The baseline a user gets without a search: standardised features, k-means with k = 8.
    const p = prepare(train, features, "standard", 0);
    const km8 = fitKMeans(p.X, { k: 8, seed: 0 }).model;
    const T = transformRows(p.preprocessor, test);
    const baseline = adjustedRandIndex(truth, km8.assign(T.data, T.n));
    expect(ari).toBeGreaterThan(baseline);
    expect(ari).toBeGreaterThan(0.3); // random assignments score about 0

    // A corrupted label column must not change anything: selection reads features only.
    const labels = train.columns.find((c) => c.name === LABEL);
    if (labels?.kind !== "categorical") throw new Error("species is not categorical");
    const scrambled = createFrame(
      train.columns.map((c) =>
        c.name === LABEL ? { ...labels, codes: labels.codes.map((v) => (v + 1) % 3) } : c,
      ),
    );
    const again = await searchClustering({ frame: scrambled, features, budgetMs: 10_000, seed: 0 });
    expect(again.best).toEqual(r.best);
    expect(again.leaderboard.map((e) => e.score)).toEqual(r.leaderboard.map((e) => e.score));
  });
});
