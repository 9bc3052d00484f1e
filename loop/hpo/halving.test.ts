import { describe, expect, it } from "vitest";
import { isAlchemistError } from "../../core/errors.js";
import { planHalving } from "./halving-plan.js";
import { runHalving } from "./halving-run.js";

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isAlchemistError(e) ? e.code : "not an AlchemistError";
  }
  return undefined;
}

describe("planHalving", () => {
  it("divides candidates and multiplies the resource by eta per rung", () => {
    expect(planHalving({ nCandidates: 27, minResource: 1, maxResource: 27 })).toEqual([
      { resource: 1, keep: 27 },
      { resource: 3, keep: 9 },
      { resource: 9, keep: 3 },
      { resource: 27, keep: 1 },
    ]);
  });

  it("rounds keeps up and integer resources to the nearest integer, ending at maxResource", () => {
    expect(planHalving({ nCandidates: 10, minResource: 100, maxResource: 1000 })).toEqual([
      { resource: 111, keep: 10 },
      { resource: 333, keep: 4 },
      { resource: 1000, keep: 2 },
    ]);
    expect(planHalving({ nCandidates: 8, minResource: 10, maxResource: 80, eta: 2 })).toEqual([
      { resource: 10, keep: 8 },
      { resource: 20, keep: 4 },
      { resource: 40, keep: 2 },
      { resource: 80, keep: 1 },
    ]);
  });

  it("uses no more rungs than it takes to reach one candidate", () => {
    expect(planHalving({ nCandidates: 3, minResource: 1, maxResource: 81 })).toEqual([
      { resource: 27, keep: 3 },
      { resource: 81, keep: 1 },
    ]);
    expect(planHalving({ nCandidates: 1, minResource: 1, maxResource: 81 })).toEqual([
      { resource: 81, keep: 1 },
    ]);
  });

  it("gives a single rung when the resource range is narrower than eta", () => {
    expect(planHalving({ nCandidates: 5, minResource: 100, maxResource: 200 })).toEqual([
      { resource: 200, keep: 5 },
    ]);
  });

  it("keeps fractional resources fractional", () => {
    const plan = planHalving({ nCandidates: 4, minResource: 0.1, maxResource: 0.9 });
    expect(plan.map((r) => r.keep)).toEqual([4, 2, 1]);
    expect(plan[0]!.resource).toBeCloseTo(0.1, 12);
    expect(plan[1]!.resource).toBeCloseTo(0.3, 12);
    expect(plan[2]!.resource).toBe(0.9);
  });

  it("rejects impossible inputs with INVALID_ARGUMENT", () => {
    expect(code(() => planHalving({ nCandidates: 0, minResource: 1, maxResource: 9 }))).toBe(
      "INVALID_ARGUMENT",
    );
    expect(code(() => planHalving({ nCandidates: 3, minResource: 0, maxResource: 9 }))).toBe(
      "INVALID_ARGUMENT",
    );
    expect(code(() => planHalving({ nCandidates: 3, minResource: 10, maxResource: 9 }))).toBe(
      "INVALID_ARGUMENT",
    );
    expect(code(() => planHalving({ nCandidates: 3, minResource: 1, maxResource: 9, eta: 1 }))).toBe(
      "INVALID_ARGUMENT",
    );
  });
});

/** Candidates with a true quality; a candidate's score grows with the resource toward it. */
const QUALITY = [0.3, 0.9, 0.5, 0.7, 0.1, 0.8, 0.2, 0.6, 0.4];
const evaluate = async (q: number, resource: number) => q * (1 - 1 / (resource + 1));

describe("runHalving", () => {
  const plan = planHalving({ nCandidates: 9, minResource: 1, maxResource: 9 });

  it("promotes the best candidates rung by rung and names the winner", async () => {
    const result = await runHalving(QUALITY, evaluate, plan);
    expect(result.aborted).toBe(false);
    const at = (rung: number) => result.evaluations.filter((e) => e.rung === rung).map((e) => e.candidate);
    expect(at(0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(at(1)).toEqual([1, 5, 3]);
    expect(at(2)).toEqual([1]);
    expect(result.evaluations.filter((e) => e.rung === 1).every((e) => e.resource === 3)).toBe(true);
    expect(result.winner).toBe(1);
    expect(result.finalists).toHaveLength(1);
    expect(result.finalists[0]!.score).toBeCloseTo(0.9 * (1 - 1 / 10), 12);
  });

  it("breaks ties by input order and ranks failures last", async () => {
    const scores = [0.5, Number.NEGATIVE_INFINITY, 0.5, Number.NaN, 0.5];
    const result = await runHalving(scores, async (s) => s, [
      { resource: 1, keep: 5 },
      { resource: 2, keep: 2 },
    ]);
    expect(result.finalists.map((f) => f.candidate)).toEqual([0, 2]);
  });

  it("returns the same result whatever the concurrency", async () => {
    const delayed = async (q: number, resource: number) => {
      await new Promise((r) => setTimeout(r, Math.floor(q * 10)));
      return evaluate(q, resource);
    };
    const serial = await runHalving(QUALITY, delayed, plan);
    const parallel = await runHalving(QUALITY, delayed, plan, { concurrency: 4 });
    expect(parallel).toEqual(serial);
  });

  it("stops when the signal aborts and keeps what finished", async () => {
    const controller = new AbortController();
    let calls = 0;
    const result = await runHalving(
      QUALITY,
      async (q, resource) => {
        if (++calls === 11) controller.abort();
        return evaluate(q, resource);
      },
      plan,
      { signal: controller.signal },
    );
    expect(result.aborted).toBe(true);
    expect(calls).toBe(11);
    expect(result.evaluations).toHaveLength(11);
    // Rung 1 was cut short, so the finalists are rung 0's ranking.
    expect(result.finalists.map((f) => f.candidate)).toEqual([1, 5, 3, 7, 2, 8, 0, 6, 4]);
    expect(result.winner).toBe(1);
  });

  it("returns nothing when aborted before starting", async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runHalving(QUALITY, evaluate, plan, { signal: controller.signal });
    expect(result).toEqual({ evaluations: [], finalists: [], winner: undefined, aborted: true });
  });

  it("rejects with the evaluator's error", async () => {
    await expect(
      runHalving(
        QUALITY,
        async () => {
          throw new Error("boom");
        },
        plan,
      ),
    ).rejects.toThrow("boom");
  });

  it("rejects a plan made for a different number of candidates", async () => {
    await expect(runHalving([1, 2], evaluate, plan)).rejects.toMatchObject({ code: "LENGTH_MISMATCH" });
    await expect(runHalving([1, 2], evaluate, [])).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });
});
