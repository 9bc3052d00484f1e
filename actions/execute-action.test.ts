import { describe, expect, it } from "vitest";
import { fitPreprocessor, type Step } from "../data/preprocess/index.js";
import type { ActionContext, ActionState } from "./action-schema.js";
import { executeAction, executeActions } from "./execute-action.js";
import { MIXED_FRAME, mixedState } from "./fixtures/context.js";

const types = (s: ActionState): string[] => s.spec.steps.map((st) => st.type);
const stepOf = <T extends Step["type"]>(s: ActionState, type: T): Extract<Step, { type: T }>[] =>
  s.spec.steps.filter((st): st is Extract<Step, { type: T }> => st.type === type);

/** Runs one action and checks purity: the input is unchanged, the output frozen and distinct. */
function run(state: ActionState, action: unknown, ctx: ActionContext): ActionState {
  const before = structuredClone(state);
  const next = executeAction(state, action, ctx);
  expect(state).toEqual(before);
  expect(next).not.toBe(state);
  expect(next.spec).not.toBe(state.spec);
  expect(Object.isFrozen(next)).toBe(true);
  expect(Object.isFrozen(next.spec.steps)).toBe(true);
  expect(Object.isFrozen(next.spec.estimator.params)).toBe(true);
  return next;
}

const DEFAULT_ORDER = ["datetime_features", "impute", "impute", "text_features", "encode"];

describe("executeAction: model actions", () => {
  it("change_model switches the estimator and resets its params", () => {
    const { state, ctx } = mixedState();
    const tuned = run(state, { action: "set_hyperparameter", param: "C", value: 3 }, ctx);
    expect(tuned.spec.estimator).toEqual({ name: "logistic_regression", params: { C: 3 } });
    const next = run(tuned, { action: "change_model", value: "random_forest_classifier" }, ctx);
    expect(next.spec.estimator).toEqual({ name: "random_forest_classifier", params: {} });
    expect(next.spec.steps).toEqual(state.spec.steps);
  });

  it("set_hyperparameter merges one normalised value into the params", () => {
    const { state, ctx } = mixedState();
    const a = run(state, { action: "set_hyperparameter", param: "max_iter", value: "250" }, ctx);
    const b = run(a, { action: "set_hyperparameter", param: "penalty", value: "L1" }, ctx);
    expect(b.spec.estimator.params).toEqual({ max_iter: 250, penalty: "l1" });
  });
});

describe("executeAction: preprocessing actions", () => {
  it("imputation replaces the numeric impute step, keeping its indicator setting", () => {
    const { state, ctx } = mixedState();
    const next = run(state, { action: "imputation", value: "mean" }, ctx);
    expect(types(next)).toEqual(DEFAULT_ORDER);
    const [numeric, categorical] = stepOf(next, "impute");
    expect(numeric).toMatchObject({ strategy: "mean", columns: "numeric", add_indicator: true });
    expect(categorical).toMatchObject({ strategy: "constant", columns: "categorical" });
  });

  it("encoding replaces the categorical encode step; native only for estimators that take codes", () => {
    const { state, ctx } = mixedState();
    const next = run(state, { action: "encoding", value: "target" }, ctx);
    expect(types(next)).toEqual(DEFAULT_ORDER);
    expect(stepOf(next, "encode")).toEqual([
      expect.objectContaining({ method: "target", columns: "categorical" }),
    ]);
    expect(() => executeAction(state, { action: "encoding", value: "native" }, ctx)).toThrow(
      expect.objectContaining({ code: "INVALID_ACTION" }),
    );
    const hgb = mixedState("binary", "hist_gradient_boosting_classifier");
    const native = run(hgb.state, { action: "encoding", value: "native" }, hgb.ctx);
    expect(stepOf(native, "encode")[0]?.method).toBe("native");
  });

  it("scaling goes after encoding, replaces the previous scale step, and none removes it", () => {
    const { state, ctx } = mixedState();
    const standard = run(state, { action: "scaling", value: "standard" }, ctx);
    expect(types(standard)).toEqual([...DEFAULT_ORDER, "scale"]);
    const robust = run(standard, { action: "scaling", value: "robust" }, ctx);
    expect(stepOf(robust, "scale")).toEqual([expect.objectContaining({ method: "robust" })]);
    const none = run(robust, { action: "scaling", value: "none" }, ctx);
    expect(none.spec.steps).toEqual(state.spec.steps);
  });

  it("datetime_features off drops the datetime columns at the front; on brings them back", () => {
    const { state, ctx } = mixedState();
    const off = run(state, { action: "datetime_features", value: "off" }, ctx);
    expect(types(off)).toEqual(["drop_columns", "impute", "impute", "text_features", "encode"]);
    expect(stepOf(off, "drop_columns")[0]?.columns).toEqual(["joined"]);
    const on = run(off, { action: "datetime_features", value: true }, ctx);
    expect(types(on)).toEqual(DEFAULT_ORDER);
    expect(run(state, { action: "datetime_features", value: true }, ctx).spec).toEqual(state.spec);
  });

  it("text_features switches method or drops the text columns", () => {
    const { state, ctx } = mixedState();
    const tfidf = run(state, { action: "text_features", value: "tfidf" }, ctx);
    expect(types(tfidf)).toEqual(DEFAULT_ORDER);
    expect(stepOf(tfidf, "text_features")[0]?.method).toBe("tfidf");
    const off = run(tfidf, { action: "text_features", value: "off" }, ctx);
    expect(types(off)).toEqual(["drop_columns", "datetime_features", "impute", "impute", "encode"]);
    expect(stepOf(off, "drop_columns")[0]?.columns).toEqual(["review"]);
    const hash = run(off, { action: "text_features", value: "hash" }, ctx);
    expect(types(hash)).toEqual(DEFAULT_ORDER);
  });

  it("clip_outliers sits after imputation; off removes it", () => {
    const { state, ctx } = mixedState();
    const on = run(state, { action: "clip_outliers", value: "on" }, ctx);
    expect(types(on)).toEqual([
      "datetime_features",
      "impute",
      "impute",
      "clip_outliers",
      "text_features",
      "encode",
    ]);
    expect(run(on, { action: "clip_outliers", value: true }, ctx).spec).toEqual(on.spec);
    expect(run(on, { action: "clip_outliers", value: false }, ctx).spec).toEqual(state.spec);
  });

  it("feature_selection adds a univariate select_features step after scaling", () => {
    const { state, ctx } = mixedState();
    const sel = run(state, { action: "feature_selection", value: 0.25 }, ctx);
    expect(stepOf(sel, "select_features")).toEqual([
      expect.objectContaining({ method: "univariate", keep_fraction: 0.25 }),
    ]);
    const scaled = run(sel, { action: "scaling", value: "minmax" }, ctx);
    expect(types(scaled).slice(-2)).toEqual(["scale", "select_features"]);
    expect(run(scaled, { action: "feature_selection", value: "none" }, ctx).spec.steps.at(-1)?.type).toBe(
      "scale",
    );
  });
});

describe("executeAction: data and config actions", () => {
  it("drop_column collects raw names in one drop step at the front", () => {
    const { state, ctx } = mixedState();
    const a = run(state, { action: "drop_column", value: "income" }, ctx);
    const b = run(a, { action: "drop_column", value: "city" }, ctx);
    expect(types(b)).toEqual(["drop_columns", ...DEFAULT_ORDER]);
    expect(stepOf(b, "drop_columns")[0]?.columns).toEqual(["income", "city"]);
    expect(() => executeAction(b, { action: "drop_column", value: "city" }, ctx)).toThrow(/already dropped/);
  });

  it("rebalance_classes goes last, is replaced, and none removes it", () => {
    const { state, ctx } = mixedState();
    const over = run(state, { action: "rebalance_classes", value: "oversample" }, ctx);
    const sel = run(over, { action: "feature_selection", value: 0.5 }, ctx);
    expect(types(sel).slice(-2)).toEqual(["select_features", "rebalance"]);
    const weights = run(sel, { action: "rebalance_classes", value: "class_weight" }, ctx);
    expect(stepOf(weights, "rebalance")).toEqual([expect.objectContaining({ method: "class_weight" })]);
    expect(stepOf(run(weights, { action: "rebalance_classes", value: "none" }, ctx), "rebalance")).toEqual(
      [],
    );
  });

  it("config actions change the settings, never the spec", () => {
    const { state, ctx } = mixedState();
    expect(state.settings).toEqual({ cv_folds: 5, ensemble: true });
    const folds = run(state, { action: "cv_folds", value: 7 }, ctx);
    expect(folds.settings).toEqual({ cv_folds: 7, ensemble: true });
    expect(folds.spec).toEqual(state.spec);
    const off = run(folds, { action: "ensembling", value: false }, ctx);
    expect(off.settings).toEqual({ cv_folds: 7, ensemble: false });
  });
});

describe("executeAction: contract", () => {
  it("refuses an invalid action with INVALID_ACTION and leaves the state alone", () => {
    const { state, ctx } = mixedState("regression");
    expect(() => executeAction(state, { action: "rebalance_classes", value: "oversample" }, ctx)).toThrow(
      expect.objectContaining({ code: "INVALID_ACTION" }),
    );
  });

  it("validates against the state's spec, not a stale one in the context", () => {
    const { state, ctx } = mixedState();
    const hgb = executeAction(
      state,
      { action: "change_model", value: "hist_gradient_boosting_classifier" },
      ctx,
    );
    // ctx.spec still names logistic_regression, which has no max_leaf_nodes.
    const next = executeAction(
      hgb,
      { action: "set_hyperparameter", param: "max_leaf_nodes", value: 15 },
      ctx,
    );
    expect(next.spec.estimator.params).toEqual({ max_leaf_nodes: 15 });
  });

  it("the same moves in any order give the same canonical step order, and the spec still fits", () => {
    const { state, ctx } = mixedState();
    const moves = [
      { action: "rebalance_classes", value: "oversample" },
      { action: "feature_selection", value: 0.5 },
      { action: "scaling", value: "standard" },
      { action: "clip_outliers", value: true },
      { action: "encoding", value: "ordinal" },
      { action: "drop_column", value: "member" },
      { action: "imputation", value: "most_frequent" },
    ];
    const forward = executeActions(state, moves, ctx);
    const backward = executeActions(state, [...moves].reverse(), ctx);
    expect(types(backward)).toEqual(types(forward));
    expect(types(forward)).toEqual([
      "drop_columns",
      "datetime_features",
      "impute",
      "impute",
      "clip_outliers",
      "text_features",
      "encode",
      "scale",
      "select_features",
      "rebalance",
    ]);
    const { train } = fitPreprocessor(forward.spec.steps, MIXED_FRAME, { target: "churn", seed: 0 });
    expect(train.X.featureNames.length).toBeGreaterThan(0);
    expect(train.X.featureNames.some((f) => f.startsWith("member"))).toBe(false);
  });

  it("works on unfrozen input too, without mutating it", () => {
    const { state, ctx } = mixedState();
    const loose: ActionState = structuredClone(state);
    const before = JSON.stringify(loose);
    for (const a of [
      { action: "scaling", value: "standard" },
      { action: "set_hyperparameter", param: "C", value: 0.1 },
      { action: "drop_column", value: "age" },
      { action: "cv_folds", value: 4 },
    ]) {
      executeAction(loose, a, ctx);
    }
    expect(JSON.stringify(loose)).toBe(before);
  });
});
