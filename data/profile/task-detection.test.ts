import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { type Column, createFrame } from "../frame.js";
import { TargetAnalysisSchema } from "./profile-schema.js";
import { type DetectTaskOptions, detectTask } from "./task-detection.js";

const rng = createRng(1);
const n = 120;
const noise: Column = {
  kind: "numeric",
  name: "noise",
  values: Float64Array.from({ length: n }, () => rng.normal()),
};
const num = (name: string, f: (i: number) => number, rows = n): Column => ({
  kind: "numeric",
  name,
  values: Float64Array.from({ length: rows }, (_, i) => f(i)),
});
const labels = (name: string, f: (i: number) => string | null, rows = n): Column => {
  const raw = Array.from({ length: rows }, (_, i) => f(i));
  const levels = [...new Set(raw.filter((l): l is string => l !== null))].sort();
  return {
    kind: "categorical",
    name,
    codes: Int32Array.from(raw, (l) => (l === null ? -1 : levels.indexOf(l))),
    levels,
  };
};
const detect = (target: Column, options: DetectTaskOptions = {}, extra: Column[] = []) => {
  const rows =
    target.kind === "categorical" || target.kind === "text" ? target.codes.length : target.values.length;
  const cols = rows === n ? [noise, ...extra, target] : [...extra, target];
  const r = detectTask(createFrame(cols), { target: target.name, ...options });
  if (r.target) expect(TargetAnalysisSchema.safeParse(r.target).success).toBe(true);
  return r;
};
function thrown(f: () => unknown): AlchemistError {
  try {
    f();
  } catch (e) {
    if (e instanceof AlchemistError) return e;
    throw e;
  }
  throw new Error("expected an AlchemistError");
}

describe("detectTask: natural task", () => {
  it("no target: clustering", () => {
    const r = detectTask(createFrame([noise]));
    expect(r).toMatchObject({ task: "clustering", target: null, timeColumn: null });
  });

  it("two string labels: binary, with class balance", () => {
    const r = detect(labels("y", (i) => (i % 4 === 0 ? "yes" : "no")));
    expect(r.task).toBe("binary");
    expect(r.target?.classification).toMatchObject({
      nClasses: 2,
      majorityClass: "no",
      minorityClass: "yes",
      imbalanceRatio: 3,
      majorityRate: 0.75,
    });
    // normalised entropy of (0.75, 0.25): -(0.75 ln 0.75 + 0.25 ln 0.25) / ln 2
    expect(r.target?.classification?.balance).toBeCloseTo(0.8112781244591328, 12);
    expect(r.target?.regression).toBeNull();
  });

  it("0/1 numbers: binary", () => {
    expect(detect(num("y", (i) => i % 2)).task).toBe("binary");
    expect(detect(num("y", (i) => i % 2)).target?.classification?.classes.map((c) => c.level)).toEqual([
      "0",
      "1",
    ]);
  });

  it("a few packed integers with many rows each: multiclass", () => {
    const r = detect(num("grade", (i) => 1 + (i % 4)));
    expect(r.task).toBe("multiclass");
    expect(r.target?.classification?.nClasses).toBe(4);
  });

  it("continuous numbers: regression, with skew and the log hint", () => {
    const r = detect(num("y", () => Math.exp(rng.normal())));
    expect(r.task).toBe("regression");
    expect(r.target?.regression?.skewness).toBeGreaterThan(1);
    expect(r.target?.regression?.logTransformMayHelp).toBe(true);
    expect(detect(num("y", () => rng.normal())).target?.regression?.logTransformMayHelp).toBe(false);
  });

  it("diabetes-like integers (hundreds of values): regression", () => {
    const r = detect(num("progression", () => 25 + rng.int(322), 331));
    expect(r.task).toBe("regression");
  });

  it("few but scattered integers (ages): regression", () => {
    const ages = [21, 25, 30, 34, 38, 41, 45, 50, 57, 63, 70, 75, 80];
    expect(detect(num("age", (i) => ages[i % ages.length]!, 400)).task).toBe("regression");
  });

  it("a numeric target ordered by a regular datetime column: forecast", () => {
    const month = {
      kind: "datetime",
      name: "month",
      values: Float64Array.from({ length: n }, (_, i) => Date.UTC(1949, i)),
    } as const;
    const passengers = num("passengers", (i) => 112 + 2 * i + 20 * Math.sin(i / 2));
    const r = detect(passengers, {}, [month]);
    expect(r).toMatchObject({ task: "forecast", timeColumn: "month" });
    expect(r.reason).toContain("monthly");
    expect(r.target?.regression).not.toBeNull();
  });

  it("a datetime column with repeated timestamps does not make a forecast", () => {
    const day = {
      kind: "datetime",
      name: "day",
      values: Float64Array.from({ length: n }, (_, i) => Math.floor(i / 3) * 86_400_000),
    } as const;
    expect(
      detect(
        num("y", () => rng.normal()),
        {},
        [day],
      ).task,
    ).toBe("regression");
    // …unless the caller names it.
    expect(
      detect(
        num("y", () => rng.normal()),
        { timeColumn: "day" },
        [day],
      ),
    ).toMatchObject({ task: "forecast", timeColumn: "day" });
  });

  it("counts missing target rows", () => {
    const r = detect(labels("y", (i) => (i < 6 ? null : i % 2 ? "a" : "b")));
    expect(r.target).toMatchObject({ missing: 6, missingRate: 0.05 });
    expect(r.target?.classification?.classes.reduce((s, c) => s + c.count, 0)).toBe(n - 6);
  });
});

describe("detectTask: errors and explicit tasks", () => {
  it("unknown target: TARGET_NOT_FOUND with suggestions", () => {
    const frame = createFrame([noise, num("passengers", (i) => i)]);
    const e = thrown(() => detectTask(frame, { target: "Passenger" }));
    expect(e.code).toBe("TARGET_NOT_FOUND");
    expect(e.details.suggestions).toEqual(["passengers"]);
    expect(e.message).toContain("Did you mean 'passengers'?");
  });

  it("all-missing, constant and datetime targets: INVALID_TARGET", () => {
    expect(thrown(() => detect(num("y", () => Number.NaN))).code).toBe("INVALID_TARGET");
    expect(thrown(() => detect(labels("y", () => "same"))).code).toBe("INVALID_TARGET");
    const when = {
      kind: "datetime",
      name: "when",
      values: Float64Array.from({ length: n }, (_, i) => i * 1000),
    } as const;
    expect(thrown(() => detect(when)).code).toBe("INVALID_TARGET");
  });

  it("an explicit task wins when it fits", () => {
    expect(
      detect(
        num("grade", (i) => i % 4),
        { task: "regression" },
      ).task,
    ).toBe("regression");
    expect(
      detect(
        num("y", (i) => i % 2),
        { task: "multiclass" },
      ).task,
    ).toBe("multiclass");
    const r = detect(
      labels("species", (i) => ["a", "b", "c"][i % 3]!),
      { task: "clustering" },
    );
    expect(r.task).toBe("clustering");
    expect(r.target?.classification?.nClasses).toBe(3);
    expect(detectTask(createFrame([noise]), { task: "anomaly" }).task).toBe("anomaly");
  });

  it("an explicit task that does not fit: INVALID_TARGET naming the task that would", () => {
    const three = labels("y", (i) => ["a", "b", "c"][i % 3]!);
    const e = thrown(() => detect(three, { task: "binary" }));
    expect(e.code).toBe("INVALID_TARGET");
    expect(e.details.suggestions).toEqual(["multiclass"]);
    expect(thrown(() => detect(three, { task: "regression" })).code).toBe("INVALID_TARGET");
    expect(
      thrown(() =>
        detect(
          num("y", () => rng.normal()),
          { task: "multiclass" },
        ),
      ).code,
    ).toBe("INVALID_TARGET");
    expect(
      thrown(() =>
        detect(
          num("y", () => rng.normal()),
          { task: "forecast" },
        ),
      ).code,
    ).toBe("INVALID_ARGUMENT");
    expect(thrown(() => detectTask(createFrame([noise]), { task: "binary" })).code).toBe("INVALID_ARGUMENT");
  });

  it("checks the time column", () => {
    expect(
      thrown(() =>
        detect(
          num("y", (i) => i),
          { timeColumn: "mont" },
        ),
      ).code,
    ).toBe("COLUMN_NOT_FOUND");
    const c = labels("c", (i) => `${i % 2}`);
    expect(
      thrown(() =>
        detect(
          num("y", (i) => i),
          { timeColumn: "c" },
          [c],
        ),
      ).code,
    ).toBe("INVALID_ARGUMENT");
    expect(
      thrown(() =>
        detect(
          num("y", (i) => i),
          { timeColumn: "y" },
        ),
      ).code,
    ).toBe("INVALID_ARGUMENT");
  });
});
