import { describe, expect, it } from "vitest";
import { isAlchemistError } from "../../core/errors.js";
import type { SearchDimension } from "../../trainers/param.js";
import type { Observation, Params } from "./observation.js";
import { createTpeSampler, defaultGamma, type TpeOptions } from "./tpe-sampler.js";

const SPACE: SearchDimension[] = [
  { name: "x", kind: "float", min: -5, max: 5, log: false, default: 0 },
  { name: "lr", kind: "float", min: 1e-4, max: 1, log: true, default: 0.1 },
  { name: "depth", kind: "int", min: 1, max: 20, log: false, default: 6 },
  { name: "leaves", kind: "int", min: 2, max: 512, log: true, default: 31 },
  { name: "booster", kind: "categorical", values: ["gbtree", "dart", "linear", "rf"], default: "gbtree" },
  { name: "bagging", kind: "categorical", values: [false, true], default: false },
];

/** A cheap bowl with its minimum 0 at x = 1.3, lr = 10^-2.5, depth 13, leaves 64, linear, bagging. */
function loss(p: Params): number {
  return (
    ((p.x as number) - 1.3) ** 2 / 4 +
    (Math.log10(p.lr as number) + 2.5) ** 2 +
    (((p.depth as number) - 13) / 5) ** 2 +
    (Math.log2(p.leaves as number) - 6) ** 2 / 4 +
    (p.booster === "linear" ? 0 : 0.5) +
    (p.bagging === true ? 0 : 0.25)
  );
}

function optimise(
  options: Omit<TpeOptions, "space">,
  trials: number,
): { best: number; history: Observation[] } {
  const sampler = createTpeSampler({ space: SPACE, ...options });
  const history: Observation[] = [];
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < trials; i++) {
    const params = sampler.suggest(history);
    const l = loss(params);
    best = Math.min(best, l);
    history.push({ params, score: -l });
  }
  return { best, history };
}

function expectValid(params: Params): void {
  expect(Object.keys(params).sort()).toEqual(SPACE.map((d) => d.name).sort());
  for (const dim of SPACE) {
    const v = params[dim.name];
    if (dim.kind === "categorical") {
      expect(dim.values).toContain(v);
      continue;
    }
    expect(typeof v).toBe("number");
    expect(v as number).toBeGreaterThanOrEqual(dim.min);
    expect(v as number).toBeLessThanOrEqual(dim.max);
    if (dim.kind === "int") expect(Number.isInteger(v)).toBe(true);
  }
}

describe("createTpeSampler", () => {
  it("finds lower regret than random search after 40 trials, averaged over 10 seeds", () => {
    let tpe = 0;
    let random = 0;
    for (let seed = 0; seed < 10; seed++) {
      tpe += optimise({ seed, startWithDefaults: false }, 40).best;
      random += optimise({ seed, startWithDefaults: false, nStartup: Number.POSITIVE_INFINITY }, 40).best;
    }
    expect(tpe / 10).toBeLessThan(0.75 * (random / 10));
  });

  it("concentrates later suggestions near the optimum", () => {
    const { history } = optimise({ seed: 7 }, 60);
    const meanLoss = (from: number, to: number) =>
      history.slice(from, to).reduce((a, o) => a - o.score, 0) / (to - from);
    expect(meanLoss(40, 60)).toBeLessThan(meanLoss(0, 10));
  });

  it("suggests the same parameters for the same seed and history, so a resumed run continues identically", () => {
    const full = optimise({ seed: 11 }, 30).history;
    const resumed = createTpeSampler({ space: SPACE, seed: 11 });
    const history = full.slice(0, 15);
    for (let i = 15; i < 30; i++) {
      const params = resumed.suggest(history);
      expect(params).toEqual(full[i]!.params);
      history.push({ params, score: -loss(params) });
    }
    expect(optimise({ seed: 12 }, 30).history.map((o) => o.params)).not.toEqual(full.map((o) => o.params));
  });

  it("keeps every suggestion in bounds, ints integral, categories from their sets", () => {
    for (let seed = 0; seed < 3; seed++)
      for (const o of optimise({ seed }, 40).history) expectValid(o.params);
  });

  it("starts from the declared defaults unless told not to", () => {
    const first = createTpeSampler({ space: SPACE, seed: 1 }).suggest([]);
    expect(first).toEqual({ x: 0, lr: 0.1, depth: 6, leaves: 31, booster: "gbtree", bagging: false });
    const random = createTpeSampler({ space: SPACE, seed: 1, startWithDefaults: false }).suggest([]);
    expectValid(random);
    expect(random).not.toEqual(first);
  });

  it("clamps a default outside a narrowed search range", () => {
    const s = createTpeSampler({
      space: [{ name: "trees", kind: "int", min: 50, max: 1000, log: true, default: 10 }],
      seed: 0,
    });
    expect(s.suggest([])).toEqual({ trees: 50 });
  });

  it("counts failed trials as bad and steers away from the region where they happen", () => {
    const space: SearchDimension[] = [{ name: "u", kind: "float", min: 0, max: 1, log: false, default: 0.5 }];
    let inFailingRegion = 0;
    for (let seed = 0; seed < 10; seed++) {
      const sampler = createTpeSampler({ space, seed });
      const history: Observation[] = [];
      for (let i = 0; i < 40; i++) {
        const params = sampler.suggest(history);
        const u = params.u as number;
        if (i >= 20 && u < 0.5) inFailingRegion++;
        // Below 0.5 every trial crashes (score -Infinity, or NaN); above, the score is mild.
        history.push({
          params,
          score: u < 0.5 ? (i % 2 ? Number.NaN : Number.NEGATIVE_INFINITY) : -((u - 0.6) ** 2),
        });
      }
    }
    // Uniform sampling would put half of the 200 late suggestions there.
    expect(inFailingRegion).toBeLessThan(0.35 * 200);
  });

  it("handles a history where every trial failed", () => {
    const sampler = createTpeSampler({ space: SPACE, seed: 2 });
    const history: Observation[] = [];
    for (let i = 0; i < 15; i++)
      history.push({ params: sampler.suggest(history), score: Number.NEGATIVE_INFINITY });
    expectValid(sampler.suggest(history));
  });

  it("ignores parameters outside the space and values that cannot belong to it", () => {
    const clean = optimise({ seed: 5 }, 20).history;
    const noisy = clean.map((o, i) => ({
      score: o.score,
      params: { ...o.params, removedParam: i, other: "zzz", ...(i === 3 ? { lr: "fast" } : {}) },
    }));
    // Trial 3's lr is unreadable, so it must count for every dimension but lr: compare with lr dropped.
    const dropped = clean.map((o, i) => {
      if (i !== 3) return o;
      const { lr: _lr, ...rest } = o.params;
      return { score: o.score, params: rest };
    });
    const a = createTpeSampler({ space: SPACE, seed: 9 }).suggest(noisy);
    expect(a).toEqual(createTpeSampler({ space: SPACE, seed: 9 }).suggest(dropped));
    expectValid(a);
  });

  it("returns the only value of a degenerate dimension", () => {
    const space: SearchDimension[] = [
      { name: "k", kind: "int", min: 4, max: 4, log: false, default: 4 },
      { name: "c", kind: "categorical", values: ["only"], default: "only" },
      { name: "v", kind: "float", min: 0, max: 1, log: false, default: 0.5 },
    ];
    const sampler = createTpeSampler({ space, seed: 3, nStartup: 2 });
    const history: Observation[] = [];
    for (let i = 0; i < 8; i++) {
      const p = sampler.suggest(history);
      expect(p.k).toBe(4);
      expect(p.c).toBe("only");
      history.push({ params: p, score: -(p.v as number) });
    }
  });

  it("rejects malformed spaces and options with INVALID_ARGUMENT", () => {
    const bad: TpeOptions[] = [
      { space: [{ name: "a", kind: "float", min: 0, max: 1, log: true, default: 0.5 }], seed: 0 },
      { space: [{ name: "a", kind: "float", min: 2, max: 1, log: false, default: 1 }], seed: 0 },
      { space: [{ name: "a", kind: "categorical", values: [], default: "x" }], seed: 0 },
      { space: [SPACE[0]!, SPACE[0]!], seed: 0 },
      { space: SPACE, seed: 0, nCandidates: 0 },
      { space: SPACE, seed: Number.NaN },
    ];
    for (const options of bad) {
      let error: unknown;
      try {
        createTpeSampler(options);
      } catch (e) {
        error = e;
      }
      expect(isAlchemistError(error) && error.code === "INVALID_ARGUMENT").toBe(true);
    }
  });
});

describe("defaultGamma", () => {
  it("is Optuna's min(ceil(0.1 n), 25)", () => {
    expect([1, 10, 11, 100, 250, 1000].map(defaultGamma)).toEqual([1, 1, 2, 10, 25, 25]);
  });
});
