import { describe, expect, it } from "vitest";
import { type Action, executeAction, validateAction } from "../../actions/index.js";
import { trialKey } from "../../loop/trial.js";
import { actionContextOf, type ErrorContext, failingState } from "./error-context.js";
import { FAILURE_PATTERNS, MAX_FIXES, matchPatterns, patternFixes } from "./failure-patterns.js";
import { fail, OTHER_CASES, type PatternCase } from "./pattern-cases.js";
import { DATA_CASES } from "./pattern-cases-data.js";
import { caseOf } from "./recovery-fixtures.js";

const CASES: Record<string, PatternCase> = { ...DATA_CASES, ...OTHER_CASES };

/** The fix validates against ACTION_SPACE on the failing state and changes it. */
function expectValidFix(ctx: ErrorContext, fix: Action): void {
  const actx = actionContextOf(ctx);
  const checked = validateAction(fix, actx);
  expect(checked.ok, JSON.stringify(fix)).toBe(true);
  const state = failingState(ctx);
  const next = executeAction(state, fix, actx);
  expect(trialKey(next.spec, next.settings)).not.toBe(trialKey(state.spec, state.settings));
}

describe("FAILURE_PATTERNS", () => {
  it("holds at least 20 distinct signatures over every category, the catch-all last", () => {
    expect(FAILURE_PATTERNS.length).toBeGreaterThanOrEqual(20);
    const ids = FAILURE_PATTERNS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(new Set(FAILURE_PATTERNS.map((p) => p.category))).toEqual(
      new Set(["data", "target", "model", "resources", "split", "config"]),
    );
    expect(FAILURE_PATTERNS.at(-1)?.id).toBe("unrecognised-failure");
  });

  it("has a test case for every pattern", () => {
    expect(Object.keys(CASES).sort()).toEqual(FAILURE_PATTERNS.map((p) => p.id).sort());
  });

  describe.each(Object.entries(CASES))("%s", (id, c) => {
    it("is the most specific match, and its fixes validate against ACTION_SPACE", () => {
      const pattern = FAILURE_PATTERNS.find((p) => p.id === id)!;
      expect(pattern.match(c.ctx)).toBe(true);
      expect(matchPatterns(c.ctx)[0]?.id).toBe(id);
      const diagnosis = pattern.diagnose(c.ctx);
      expect(diagnosis.length).toBeGreaterThan(20);
      const fixes = pattern.fixes(c.ctx, actionContextOf(c.ctx));
      for (const fix of fixes) expectValidFix(c.ctx, fix);
      const result = patternFixes(c.ctx);
      expect(result.primary.id).toBe(id);
      expect(result.fixes.length).toBeLessThanOrEqual(MAX_FIXES);
      for (const fix of result.fixes) expectValidFix(c.ctx, fix);
      if (c.unrecoverable) {
        expect(pattern.recoverable(c.ctx)).toBe(false);
        expect(result.fixes).toEqual([]);
      } else {
        expect(pattern.recoverable(c.ctx)).toBe(true);
        expect(fixes.length).toBeGreaterThan(0);
        expect(result.fixes.slice(0, c.first?.length)).toEqual(c.first);
      }
    });
  });
});

describe("diagnoses name the column or parameter", () => {
  it.each([
    ["missing-values", "'age'"],
    ["non-finite-features", "'balance'"],
    ["negative-values", "'balance'"],
    ["constant-features", "'flag'"],
    ["date-parsing", "'signup'"],
    ["high-cardinality", "'city'"],
    ["unseen-category", "'color'"],
    ["invalid-params", "'n_estimators'"],
    ["single-class-fold", "'yes' has only 3 rows"],
  ])("%s names %s", (id, name) => {
    const c = CASES[id]!;
    expect(matchPatterns(c.ctx)[0]!.diagnose(c.ctx)).toContain(name);
  });
});

describe("patternFixes", () => {
  const base = CASES["missing-values"]!.ctx;

  it("skips fixes already tried in this trial and models that failed in the run", () => {
    const again = caseOf({
      error: base.error,
      estimator: "logistic_regression",
      steps: [{ type: "encode", method: "one_hot" }],
      triedFixes: [{ action: "imputation", value: "median" }],
      previousErrors: [
        { code: "FIT_TIMEOUT", message: "slow", estimator: "hist_gradient_boosting_classifier" },
      ],
      recoveries: 1,
    });
    const { fixes } = patternFixes(again);
    expect(fixes).not.toContainEqual({ action: "imputation", value: "median" });
    expect(fixes.map((f) => f.value)).not.toContain("hist_gradient_boosting_classifier");
    expect(fixes[0]).toEqual({ action: "imputation", value: "most_frequent" });
    expect(fixes.map((f) => f.value)).not.toContain("constant_classifier");
  });

  it("does not let a column name pose as a signature", () => {
    const ctx = caseOf({
      error: fail(
        "MISSING_VALUES",
        "logistic_regression cannot handle missing values, but feature 'unseen date singular' is missing in row 0.",
      ),
      estimator: "logistic_regression",
    });
    expect(matchPatterns(ctx).map((p) => p.id)).toEqual(["missing-values", "unrecognised-failure"]);
  });

  it("ranks by specificity: a p > n context explains a singular matrix first", () => {
    const ids = matchPatterns(CASES["more-features-than-rows"]!.ctx).map((p) => p.id);
    expect(ids.indexOf("more-features-than-rows")).toBeLessThan(ids.indexOf("singular-matrix"));
  });

  it("ends with no fix once every fallback model failed", () => {
    const chain = [
      "hist_gradient_boosting_classifier",
      "random_forest_classifier",
      "extra_trees_classifier",
      "logistic_regression",
      "decision_tree_classifier",
      "constant_classifier",
    ];
    const ctx = caseOf({
      error: fail("INTERNAL", "odd"),
      estimator: "knn_classifier",
      previousErrors: chain.map((estimator) => ({ code: "INTERNAL", message: "odd", estimator })),
    });
    expect(patternFixes(ctx).fixes).toEqual([]);
  });
});
