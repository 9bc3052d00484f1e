import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ActionDefinition } from "./action-definition.js";
import { ACTION_SPACE, createActionSpace } from "./action-space.js";
import { actionSchema, ProposalSchema } from "./action-tool-schema.js";
import { allowedValues, applicableActions } from "./allowed-values.js";
import { executeAction } from "./execute-action.js";
import { mixedState } from "./fixtures/context.js";
import { renderActionSpacePrompt } from "./render-prompt.js";
import { validateAction } from "./validate-action.js";

/** A move the default space does not have: one definition, nothing else. */
const polynomial: ActionDefinition = {
  name: "polynomial_degree",
  description: "Add polynomial features up to this degree.",
  category: "preprocessing",
  values: { kind: "range", min: 1, max: 3, scale: "linear", integer: true },
  appliesTo: { tasks: ["regression"], families: ["linear"] },
  apply: (state, action) => ({
    spec: { ...state.spec, seed: Number(action.value) },
    settings: state.settings,
  }),
};

describe("ACTION_SPACE", () => {
  it("holds the moves of the issue, each with a category and a description", () => {
    expect(ACTION_SPACE.names).toEqual([
      "change_model",
      "set_hyperparameter",
      "imputation",
      "encoding",
      "scaling",
      "datetime_features",
      "text_features",
      "clip_outliers",
      "feature_selection",
      "drop_column",
      "rebalance_classes",
      "cv_folds",
      "ensembling",
    ]);
    for (const d of ACTION_SPACE.definitions) expect(d.description.length).toBeGreaterThan(10);
    expect(Object.isFrozen(ACTION_SPACE.definitions)).toBe(true);
  });

  it("refuses duplicate and non-snake_case names", () => {
    expect(() => createActionSpace([polynomial, polynomial])).toThrow(/Two actions/);
    expect(() => createActionSpace([{ ...polynomial, name: "Poly Degree" }])).toThrow(/snake_case/);
  });

  it("a new definition shows in the prompt, validation, schemas and execution with no other edit", () => {
    const space = createActionSpace([...ACTION_SPACE.definitions, polynomial]);
    const { state, ctx } = mixedState("regression", "ridge");

    expect(applicableActions(ctx, space).map((d) => d.name)).toContain("polynomial_degree");
    expect(allowedValues(polynomial, ctx)).toMatchObject({ kind: "range", min: 1, max: 3, integer: true });

    const prompt = renderActionSpacePrompt(ctx, space);
    expect(prompt).toContain("- `polynomial_degree`: Add polynomial features up to this degree.");
    expect(prompt).toContain("an integer from 1 to 3");

    expect(validateAction({ action: "Polynomial-Degree", value: "2" }, ctx, space)).toEqual({
      ok: true,
      action: { action: "polynomial_degree", value: 2 },
    });
    const tooHigh = validateAction({ action: "polynomial_degree", value: 4 }, ctx, space);
    expect(tooHigh.ok).toBe(false);
    const typo = validateAction({ action: "polynomial_degre", value: 2 }, ctx, space);
    expect(typo.ok ? [] : typo.error.details.suggestions).toEqual(["polynomial_degree"]);

    expect(actionSchema(ctx, space).safeParse({ action: "polynomial_degree", value: 2 }).success).toBe(true);
    const json = JSON.stringify(z.toJSONSchema(ProposalSchema(ctx, space), { io: "input" }));
    expect(json).toContain('"const":"polynomial_degree"');

    expect(executeAction(state, { action: "polynomial_degree", value: 3 }, ctx, space).spec.seed).toBe(3);

    // appliesTo is honoured everywhere too: not for classification, not for non-linear estimators.
    for (const other of [mixedState("binary").ctx, mixedState("regression", "knn_regressor").ctx]) {
      expect(renderActionSpacePrompt(other, space)).not.toContain("polynomial_degree");
      expect(validateAction({ action: "polynomial_degree", value: 2 }, other, space).ok).toBe(false);
      expect(actionSchema(other, space).safeParse({ action: "polynomial_degree", value: 2 }).success).toBe(
        false,
      );
    }
    // The default space is untouched.
    expect(validateAction({ action: "polynomial_degree", value: 2 }, ctx).ok).toBe(false);
  });
});
