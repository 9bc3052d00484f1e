import { describe, expect, it } from "vitest";
import { type AnyStep, placeStep, replaceSteps, STEP_RANK, updateDrops } from "./step-order.js";

const t = (steps: readonly AnyStep[]) => steps.map((s) => s.type);

describe("step order rules", () => {
  it("ranks every step kind once", () => {
    expect(new Set(Object.values(STEP_RANK)).size).toBe(Object.keys(STEP_RANK).length);
  });

  it("a new step goes after the last step of equal or lower rank", () => {
    const steps: AnyStep[] = [{ type: "impute" }, { type: "encode" }, { type: "rebalance" }];
    expect(t(placeStep(steps, { type: "scale" }))).toEqual(["impute", "encode", "scale", "rebalance"]);
    expect(t(placeStep(steps, { type: "drop_columns" }))).toEqual([
      "drop_columns",
      "impute",
      "encode",
      "rebalance",
    ]);
    expect(t(placeStep([], { type: "scale" }))).toEqual(["scale"]);
  });

  it("a replacement keeps its place when in order, else moves to its rank", () => {
    const inOrder: AnyStep[] = [
      { type: "impute", columns: "numeric" },
      { type: "impute", columns: "categorical" },
      { type: "encode" },
    ];
    const owned = (s: AnyStep) => s.type === "impute" && s.columns === "numeric";
    expect(replaceSteps(inOrder, owned, { type: "impute", strategy: "mean", columns: "numeric" })[0]).toEqual(
      {
        type: "impute",
        strategy: "mean",
        columns: "numeric",
      },
    );
    // A hand-written spec scaling before encoding: the new scale step moves after the encoding.
    const outOfOrder: AnyStep[] = [{ type: "scale" }, { type: "encode" }, { type: "rebalance" }];
    expect(
      t(replaceSteps(outOfOrder, (s) => s.type === "scale", { type: "scale", method: "robust" })),
    ).toEqual(["encode", "scale", "rebalance"]);
    expect(t(replaceSteps(outOfOrder, (s) => s.type === "scale", null))).toEqual(["encode", "rebalance"]);
  });

  it("drops gather in one front step; removals empty and delete it", () => {
    const steps: AnyStep[] = [{ type: "impute" }, { type: "drop_columns", columns: ["x=a"] }];
    const added = updateDrops(steps, ["b", "a", "b"]);
    expect(added[0]).toEqual({ type: "drop_columns", columns: ["b", "a"] });
    const more = updateDrops(added, ["c", "a"]);
    expect(more[0]).toEqual({ type: "drop_columns", columns: ["b", "a", "c"] });
    // The later, hand-written drop of a derived feature is left in place.
    expect(more.at(-1)).toEqual({ type: "drop_columns", columns: ["x=a"] });
    expect(t(updateDrops(more, [], ["a", "b", "c"]))).toEqual(["impute", "drop_columns"]);
  });
});
