import { describe, expect, it } from "vitest";
import type { AlchemistError } from "../core/errors.js";
import { METRICS } from "../evaluate/metrics/index.js";
import { estimatorsFor } from "../trainers/registry.js";
import type { Action, ActionContext } from "./action-schema.js";
import { mixedState } from "./fixtures/context.js";
import { validateAction } from "./validate-action.js";

function ok(raw: unknown, ctx: ActionContext): Action {
  const r = validateAction(raw, ctx);
  if (!r.ok) throw new Error(`expected valid: ${r.error.message}`);
  return r.action;
}

function err(raw: unknown, ctx: ActionContext): AlchemistError {
  const r = validateAction(raw, ctx);
  if (r.ok) throw new Error(`expected invalid: ${JSON.stringify(r.action)}`);
  expect(r.error.code).toBe("INVALID_ACTION");
  return r.error;
}

const { ctx } = mixedState();

describe("validateAction: names", () => {
  it("normalises case, spaces, hyphens and padding", () => {
    expect(ok({ action: " Change Model ", value: "gaussian_nb" }, ctx).action).toBe("change_model");
    expect(ok({ action: "CV-FOLDS", value: 4 }, ctx)).toEqual({ action: "cv_folds", value: 4 });
  });

  it("rejects an unknown action with did-you-mean suggestions", () => {
    const e = err({ action: "chnage_model", value: "gaussian_nb" }, ctx);
    expect(e.details.parameter).toBe("action");
    expect(e.details.suggestions).toEqual(["change_model"]);
    expect(e.message).toContain("Did you mean 'change_model'?");
    expect(e.details.allowed).toContain("set_hyperparameter");
  });

  it("rejects what is not an action object", () => {
    for (const raw of [null, "change_model", [1], { value: 3 }, { action: 7, value: 3 }]) {
      expect(err(raw, ctx).details.parameter).toBe("action");
    }
  });
});

describe("validateAction: applicability", () => {
  it("rejects an action of another task, naming the task", () => {
    const reg = mixedState("regression").ctx;
    const e = err({ action: "rebalance_classes", value: "oversample" }, reg);
    expect(e.message).toContain("regression");
    expect(e.details.parameter).toBe("action");
    expect(e.details.allowed).not.toContain("rebalance_classes");
    expect(e.details.allowed).toContain("scaling");
  });

  it("rejects actions for kinds of data the context lacks", () => {
    const numericOnly: ActionContext = { ...ctx, columns: ctx.columns.filter((c) => c.kind !== "text") };
    expect(err({ action: "text_features", value: "tfidf" }, numericOnly).message).toContain("no text");
    expect(ok({ action: "text_features", value: "tfidf" }, ctx).value).toBe("tfidf");
  });

  it("rejects set_hyperparameter when the estimator has no parameter", () => {
    const constant = mixedState("binary", "constant_classifier").ctx;
    expect(err({ action: "set_hyperparameter", param: "x", value: 1 }, constant).message).toContain(
      "no settable parameter",
    );
  });
});

describe("validateAction: values", () => {
  it("rejects a number outside the range, naming the bounds", () => {
    const e = err({ action: "cv_folds", value: 12 }, ctx);
    expect(e.message).toContain("from 2 to 10");
    expect(e.details).toMatchObject({ parameter: "value", allowed: ["2..10"], min: 2, max: 10 });
    expect(err({ action: "cv_folds", value: 4.5 }, ctx).message).toContain("integer");
    expect(ok({ action: "cv_folds", value: " 8 " }, ctx).value).toBe(8);
  });

  it("reads none/null and numeric strings for feature_selection", () => {
    expect(ok({ action: "feature_selection", value: "0.3" }, ctx).value).toBe(0.3);
    expect(ok({ action: "feature_selection", value: null }, ctx).value).toBe("none");
    expect(ok({ action: "feature_selection", value: "None" }, ctx).value).toBe("none");
    expect(err({ action: "feature_selection", value: 0.01 }, ctx).details.allowed).toEqual([
      "0.05..1",
      "none",
    ]);
  });

  it("normalises enum spelling and rejects values outside the set, naming it", () => {
    expect(ok({ action: "encoding", value: "One-Hot" }, ctx).value).toBe("one_hot");
    expect(ok({ action: "scaling", value: "MinMax" }, ctx).value).toBe("minmax");
    expect(ok({ action: "scaling", value: null }, ctx).value).toBe("none");
    const e = err({ action: "scaling", value: "zscore" }, ctx);
    expect(e.details.allowed).toEqual(["none", "standard", "minmax", "robust"]);
    expect(e.message).toContain("none, standard, minmax, robust");
  });

  it("reads on/off words as booleans", () => {
    expect(ok({ action: "ensembling", value: "off" }, ctx).value).toBe(false);
    expect(ok({ action: "clip_outliers", value: "ON" }, ctx).value).toBe(true);
    expect(ok({ action: "datetime_features", value: 1 }, ctx).value).toBe(true);
    expect(err({ action: "ensembling", value: "maybe" }, ctx).details.allowed).toEqual(["true", "false"]);
  });

  it("offers only estimators serving the task, with probabilities when the metric needs them", () => {
    expect(err({ action: "change_model", value: "ridge" }, ctx).details.allowed).not.toContain("ridge");
    expect(ok({ action: "change_model", value: "ridge_classifier" }, ctx).value).toBe("ridge_classifier");
    const auc = mixedState("binary", "logistic_regression", "roc_auc").ctx;
    expect(METRICS.roc_auc.needs).toBe("proba");
    const e = err({ action: "change_model", value: "ridge_classifier" }, auc);
    const withProba = estimatorsFor("binary").filter((s) => s.tags.probabilities);
    expect(e.details.allowed).toEqual(withProba.map((s) => s.name));
  });

  it("checks columns: exact or case-insensitive, never the target, with suggestions", () => {
    expect(ok({ action: "drop_column", value: "INCOME" }, ctx).value).toBe("income");
    expect(err({ action: "drop_column", value: "churn" }, ctx).message).toContain("target");
    const e = err({ action: "drop_column", value: "incme" }, ctx);
    expect(e.details.suggestions).toEqual(["income"]);
    expect(e.details.allowed).toContain("age");
  });

  it("rejects a param on actions that take none", () => {
    expect(err({ action: "scaling", value: "standard", param: "x" }, ctx).details.parameter).toBe("param");
    expect(ok({ action: "scaling", value: "standard", param: null }, ctx)).toEqual({
      action: "scaling",
      value: "standard",
    });
  });
});

describe("validateAction: set_hyperparameter", () => {
  it("rejects an unknown param, naming the valid ones with suggestions", () => {
    const e = err({ action: "set_hyperparameter", param: "max_iters", value: 10 }, ctx);
    expect(e.details.parameter).toBe("param");
    expect(e.details.suggestions).toContain("max_iter");
    expect(e.details.allowed).toEqual([
      "penalty",
      "C",
      "l1_ratio",
      "fit_intercept",
      "class_weight",
      "max_iter",
      "tol",
    ]);
    expect(err({ action: "set_hyperparameter", value: 10 }, ctx).details.parameter).toBe("param");
  });

  it("rejects a value outside the declared bounds, naming them", () => {
    const e = err({ action: "set_hyperparameter", param: "l1_ratio", value: 1.5 }, ctx);
    expect(e.message).toContain("from 0 to 1");
    expect(e.details).toMatchObject({ parameter: "value", param: "l1_ratio", min: 0, max: 1 });
    expect(err({ action: "set_hyperparameter", param: "max_iter", value: 2.5 }, ctx).message).toContain(
      "integer",
    );
    expect(err({ action: "set_hyperparameter", param: "penalty", value: "l3" }, ctx).details.allowed).toEqual(
      ["l2", "l1", "elasticnet", "none"],
    );
  });

  it("normalises the param name and the value", () => {
    expect(ok({ action: "set_hyperparameter", param: "c", value: "0.5" }, ctx)).toEqual({
      action: "set_hyperparameter",
      param: "C",
      value: 0.5,
    });
    expect(ok({ action: "set_hyperparameter", param: "Fit-Intercept", value: "no" }, ctx)).toEqual({
      action: "set_hyperparameter",
      param: "fit_intercept",
      value: false,
    });
  });
});
