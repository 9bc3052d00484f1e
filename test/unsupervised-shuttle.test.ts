/** searchAnomaly on shuttle: beats a distance-from-the-mean baseline on held-out rows without labels. */
import { describe, expect, it } from "vitest";
import type { Frame } from "../data/frame.js";
import { readTable } from "../data/read-table.js";
import { rocAuc } from "../evaluate/index.js";
import { searchAnomaly } from "../loop/unsupervised/index.js";
import { prepare, transformRows } from "../loop/unsupervised/prepare.js";
import { datasetPath, datasetsAvailable } from "./datasets.js";

const LABEL = "is_anomaly";

function labels(frame: Frame): Int32Array {
  const c = frame.columns.find((x) => x.name === LABEL);
  if (c?.kind === "numeric") return Int32Array.from(c.values);
  if (c?.kind === "boolean") return Int32Array.from(c.values);
  throw new Error(`${LABEL} is ${c?.kind}`);
}

describe.skipIf(!datasetsAvailable())("shuttle_anomaly", () => {
  it("ranks held-out anomalies better than the distance from the mean", async () => {
    const train = (await readTable(datasetPath("shuttle_anomaly", "train.csv"))).frame;
    const test = (await readTable(datasetPath("shuttle_anomaly", "test.csv"))).frame;
    const features = train.columns.map((c) => c.name).filter((n) => n !== LABEL);
    const y = labels(test);

    const t0 = Date.now();
    const r = await searchAnomaly({ frame: train, features, budgetMs: 4000, seed: 0 });
    expect(Date.now() - t0).toBeLessThan(4000 + 300);
    const auc = rocAuc(y, r.score(test));

    // Baseline: Euclidean distance from the mean of standardised features.
    const p = prepare(train, features, "standard", 0);
    const T = transformRows(p.preprocessor, test);
    const dist = new Float64Array(T.n);
    for (let i = 0; i < T.n; i++) {
      let s = 0;
      for (let j = 0; j < T.d; j++) s += T.data[i * T.d + j]! ** 2;
      dist[i] = s;
    }
    const baseline = rocAuc(y, dist);
    expect(auc).toBeGreaterThan(baseline);
    expect(auc).toBeGreaterThan(0.97);

    // The 0/1 flags should catch most anomalies without flagging most rows.
    const flags = r.predict(test);
    let tp = 0;
    let flagged = 0;
    let positives = 0;
    for (let i = 0; i < y.length; i++) {
      flagged += flags[i]!;
      tp += flags[i]! * y[i]!;
      positives += y[i]!;
    }
    expect(tp / positives).toBeGreaterThan(0.5);
    expect(flagged).toBeLessThan(0.25 * y.length);
  });
});
