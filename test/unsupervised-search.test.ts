/** searchClustering / searchAnomaly on generated frames: choices, budgets, cancellation, revival. */
import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import { type Column, createFrame, type Frame } from "../data/frame.js";
import { adjustedRandIndex, rocAuc } from "../evaluate/index.js";
import {
  reviveAnomaly,
  reviveClustering,
  searchAnomaly,
  searchClustering,
  type TrialEntry,
} from "../loop/unsupervised/index.js";

const CENTRES = [
  [0, 0],
  [5, 1],
  [2, 6],
];

/** Three blobs; `b` is in other units (×100), a few values missing; `tint` mostly follows the blob. */
function blobFrame(n: number, seed: number): { frame: Frame; truth: Int32Array } {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const tint = new Int32Array(n);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    truth[i] = c;
    a[i] = CENTRES[c]![0]! + 0.7 * rng.normal();
    b[i] = 100 * (CENTRES[c]![1]! + 0.7 * rng.normal());
    if (rng.next() < 0.02) a[i] = Number.NaN;
    tint[i] = rng.next() < 0.9 ? c : rng.int(3);
  }
  const columns: Column[] = [
    { kind: "numeric", name: "a", values: a },
    { kind: "numeric", name: "b", values: b },
    { kind: "categorical", name: "tint", codes: tint, levels: ["red", "green", "blue"] },
    { kind: "categorical", name: "label", codes: truth, levels: ["x", "y", "z"] },
  ];
  return { frame: createFrame(columns), truth };
}

/** Standard-normal rows in 4 dimensions with 3% of them pushed 6..9 units out; `label` marks those. */
function outlierFrame(n: number, seed: number): { frame: Frame; y: Int32Array } {
  const rng = createRng(seed);
  const cols = [0, 1, 2, 3].map(() => new Float64Array(n));
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const out = rng.next() < 0.03;
    y[i] = out ? 1 : 0;
    const v = cols.map(() => rng.normal());
    const norm = Math.hypot(...v);
    const r = out ? (6 + 3 * rng.next()) / norm : 1;
    cols.forEach((c, j) => {
      c[i] = v[j]! * r * (j === 3 ? 50 : 1);
    });
  }
  const columns: Column[] = cols.map((values, j) => ({ kind: "numeric", name: `f${j}`, values }));
  columns.push({ kind: "numeric", name: "label", values: Float64Array.from(y) });
  return { frame: createFrame(columns), y };
}

const FEATURES = ["a", "b", "tint"];

describe("searchClustering", () => {
  it("finds the three blobs, ranks its leaderboard and revives from JSON", async () => {
    const { frame } = blobFrame(120, 1);
    const test = blobFrame(90, 2);
    const trials: TrialEntry[] = [];
    const t0 = Date.now();
    const r = await searchClustering({
      frame,
      features: FEATURES,
      budgetMs: 4000,
      seed: 0,
      onTrial: (e) => trials.push(e),
    });
    expect(Date.now() - t0).toBeLessThan(4000 + 250);
    expect(r.best.model.k).toBe(3);
    expect(adjustedRandIndex(test.truth, r.assign(test.frame))).toBeGreaterThan(0.85);
    expect(trials.length).toBe(r.leaderboard.length);
    r.leaderboard.forEach((e, i) => {
      expect(e.rank).toBe(i + 1);
      if (i > 0) expect(e.score).toBeLessThanOrEqual(r.leaderboard[i - 1]!.score);
    });
    expect(new Set(r.leaderboard.map((e) => e.model))).toEqual(new Set(["kmeans", "gaussian_mixture", "ward", "dbscan"]));
    expect(new Set(r.leaderboard.map((e) => e.scaling))).toEqual(new Set(["standard", "robust", "none"]));
    const revived = reviveClustering(JSON.parse(JSON.stringify(r.best)));
    expect(Array.from(revived.assign(test.frame))).toEqual(Array.from(r.assign(test.frame)));
  });
  it("stops within a small budget and says what it skipped", async () => {
    const { frame } = blobFrame(600, 3);
    const t0 = Date.now();
    const r = await searchClustering({ frame, features: FEATURES, budgetMs: 400, seed: 0 });
    expect(Date.now() - t0).toBeLessThan(400 + 250);
    expect(r.leaderboard.length).toBeGreaterThan(0);
    expect(r.notes.some((n) => n.includes("did not fit in the time budget"))).toBe(true);
  });
  it("rejects a cancelled search and an unknown feature with typed errors", async () => {
    const { frame } = blobFrame(60, 4);
    const ac = new AbortController();
    ac.abort();
    await expect(
      searchClustering({ frame, features: FEATURES, budgetMs: 1000, seed: 0, signal: ac.signal }),
    ).rejects.toMatchObject({ code: "CANCELLED" });
    await expect(
      searchClustering({ frame, features: ["a", "bb"], budgetMs: 1000, seed: 0 }),
    ).rejects.toMatchObject({
      code: "COLUMN_NOT_FOUND",
    });
  });
});

describe("searchAnomaly", () => {
  it("ranks held-out outliers first, flags them, and revives from JSON", async () => {
    const { frame } = outlierFrame(800, 5);
    const test = outlierFrame(500, 6);
    const features = ["f0", "f1", "f2", "f3"];
    const t0 = Date.now();
    const r = await searchAnomaly({ frame, features, budgetMs: 2500, seed: 0 });
    expect(Date.now() - t0).toBeLessThan(2500 + 250);
    const s = r.score(test.frame);
    expect(rocAuc(test.y, s)).toBeGreaterThan(0.97);
    const p = r.predict(test.frame);
    let tp = 0;
    let flagged = 0;
    for (let i = 0; i < p.length; i++) {
      flagged += p[i]!;
      tp += p[i]! * test.y[i]!;
    }
    expect(tp / flagged).toBeGreaterThan(0.5);
    expect(r.best.contamination).toBeGreaterThan(0.005);
    expect(r.best.contamination).toBeLessThan(0.15);
    expect(r.leaderboard[0]!.rank).toBe(1);
    const revived = reviveAnomaly(JSON.parse(JSON.stringify(r.best)));
    expect(Array.from(revived.score(test.frame))).toEqual(Array.from(s));
    expect(Array.from(revived.predict(test.frame))).toEqual(Array.from(p));
  });
  it("ignores the label column entirely: shuffled labels, same model", async () => {
    const { frame } = outlierFrame(150, 7);
    const features = ["f0", "f1", "f2", "f3"];
    const shuffled = createFrame(
      frame.columns.map((c) =>
        c.name === "label" && c.kind === "numeric"
          ? { ...c, values: createRng(1).shuffle(Float64Array.from(c.values)) }
          : c,
      ),
    );
    // Enough budget that the clock cannot change which candidates run.
    const a = await searchAnomaly({ frame, features, budgetMs: 20000, seed: 3 });
    const b = await searchAnomaly({ frame: shuffled, features, budgetMs: 20000, seed: 3 });
    expect(b.best).toEqual(a.best);
    expect(b.leaderboard.map((e) => e.score)).toEqual(a.leaderboard.map((e) => e.score));
  });
  it("refuses a malformed serialised model", () => {
    expect(() => reviveAnomaly({ format: "alchemist.unsupervised", task: "anomaly" })).toThrow(
      expect.objectContaining({ code: "INVALID_MODEL_STATE" }),
    );
  });
});
