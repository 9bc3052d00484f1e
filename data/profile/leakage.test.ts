import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { type Column, createFrame } from "../frame.js";
import type { Task } from "../task.js";
import { profileFrame } from "./profile-frame.js";

const n = 400;
const num = (name: string, values: ArrayLike<number>): Column => ({
  kind: "numeric",
  name,
  values: Float64Array.from(values),
});
const labels = (name: string, raw: readonly string[]): Column => {
  const levels = [...new Set(raw)].sort();
  return { kind: "categorical", name, codes: Int32Array.from(raw, (l) => levels.indexOf(l)), levels };
};
const leaks = (columns: Column[], target: string, task?: Task) =>
  profileFrame(createFrame(columns), { target, ...(task ? { task } : {}) }).leakage;

describe("leakage: numeric targets", () => {
  const rng = createRng(2);
  const y = Array.from({ length: n }, () => rng.normal() * 10 + 50);
  const noise = Array.from({ length: n }, () => rng.normal());
  const useful = y.map((v) => v + rng.normal() * 8); // correlated, not a copy

  it("catches a copy (equal values) and a rescaled copy (|Pearson| ≥ 0.99)", () => {
    const found = leaks(
      [
        num("copy", y),
        num(
          "scaled",
          y.map((v) => -3 * v + 1),
        ),
        num("noise", noise),
        num("useful", useful),
        num("y", y),
      ],
      "y",
    );
    expect(found.map((l) => [l.column, l.metric])).toEqual([
      ["copy", "equal-values"],
      ["scaled", "pearson"],
    ]);
    expect(found[0]!.score).toBe(1);
    expect(found[0]!.reason).toContain("copy");
  });

  it("catches a categorical whose levels fix the target (group R²)", () => {
    const group = Array.from({ length: n }, (_, i) => ["a", "b", "c", "d"][i % 4]!);
    const target = group.map((g) => ({ a: 1, b: 5, c: 9, d: 20 })[g]! + rng.normal() * 0.01);
    const found = leaks([labels("g", group), num("noise", noise), num("y", target)], "y");
    expect(found.map((l) => [l.column, l.metric])).toEqual([["g", "group-r2"]]);
    expect(found[0]!.score).toBeGreaterThan(0.99);
  });
});

describe("leakage: classification targets", () => {
  const rng = createRng(3);
  const y = Array.from({ length: n }, () => (rng.next() < 0.4 ? "yes" : "no"));
  const noise = Array.from({ length: n }, () => rng.normal());
  const strong = y.map((c) => (c === "yes" ? 1 : 0) + rng.normal() * 0.35); // ~92% alone, fine
  const code = y.map((c) => (c === "yes" ? "Y1" : "N0"));

  it("catches a relabelled copy of the class", () => {
    const found = leaks(
      [labels("code", code), num("noise", noise), num("strong", strong), labels("y", y)],
      "y",
    );
    expect(found.map((l) => [l.column, l.metric, l.score])).toEqual([["code", "rule-accuracy", 1]]);
    expect(found[0]!.reason).toMatch(/always guessing 'no' scores \d/);
  });

  it("catches an ID-like column sorted by the target (numeric path), not a shuffled one", () => {
    const sortedY = [...y].sort();
    const id = Array.from({ length: n }, (_, i) => 1000 + i);
    const shuffled = createRng(8).shuffle(Array.from(id));
    const found = leaks([num("id", id), num("shuffled_id", shuffled), labels("y", sortedY)], "y");
    expect(found.map((l) => l.column)).toEqual(["id"]);
    expect(found[0]!.reason).toContain("1 cut point");
  });

  it("catches a sorted ID for three classes", () => {
    const y3 = Array.from({ length: n }, (_, i) => ["a", "b", "c"][Math.floor((3 * i) / n)]!);
    const found = leaks(
      [
        num(
          "row",
          Array.from({ length: n }, (_, i) => i),
        ),
        num("noise", noise),
        labels("y", y3),
      ],
      "y",
    );
    expect(found.map((l) => l.column)).toEqual(["row"]);
  });

  it("ignores ID-like string columns for the level rule", () => {
    const ids = Array.from({ length: n }, (_, i) => `u${i}`);
    expect(leaks([labels("user", ids), num("noise", noise), labels("y", y)], "y")).toEqual([]);
  });

  it("judges nothing when the majority class already scores above 95%", () => {
    const rare = Array.from({ length: n }, (_, i) => (i % 50 === 0 ? "fraud" : "ok"));
    expect(leaks([labels("copy", rare), labels("y", rare)], "y")).toEqual([]);
  });

  it("judges nothing for unsupervised tasks", () => {
    expect(leaks([labels("code", code), labels("y", y)], "y", "clustering")).toEqual([]);
  });
});
