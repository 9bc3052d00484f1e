/** FittedPreprocessor: an immutable fitted pipeline that turns new frames into FeatureMatrix, and its JSON form. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { type Frame, getColumn } from "../frame.js";
import { createFeatureMatrix, type FeatureMatrix } from "./feature-matrix.js";
import { applyStep, FittedStepSchema } from "./fitted-step.js";
import { specErrorFromZod } from "./spec-error.js";
import { StepSchema } from "./step-schema.js";
import { inputKindOf, toWorkColumn, type WorkColumn, type WorkTable } from "./work-table.js";

export const InputColumnSchema = z.object({
  name: z.string(),
  kind: z.enum(["numeric", "categorical", "datetime", "text"]).describe("numeric also accepts booleans"),
});
export type InputColumn = z.infer<typeof InputColumnSchema>;

export const PreprocessorJSONSchema = z.object({
  format: z.literal("alchemist.preprocessor"),
  version: z.literal(1),
  /** The target column at fit time (ignored when present in new frames), or null. */
  target: z.string().nullable(),
  /** Raw columns new frames must provide, matched by name. */
  inputs: z.array(InputColumnSchema),
  /** The steps as given (defaults filled). */
  steps: z.array(StepSchema),
  /** Default steps appended for columns the given steps left raw (categorical, datetime, text). */
  implicitSteps: z.array(StepSchema),
  /** One fitted state per step, given steps then implicit ones, in order of application. */
  fitted: z.array(FittedStepSchema),
  featureNames: z.array(z.string()),
  categorical: z.array(z.number().int().positive().nullable()),
});
export type PreprocessorJSON = z.infer<typeof PreprocessorJSONSchema>;

/** A fitted preprocessing pipeline. Immutable: transform never changes fitted parameters. */
export interface FittedPreprocessor {
  readonly featureNames: readonly string[];
  readonly categorical: readonly (number | null)[];
  readonly inputs: readonly InputColumn[];
  readonly target: string | null;
  /**
   * New rows → features, with full-data encodings and no resampling. Columns are matched by name;
   * extra columns (and the target) are ignored. A required column that is absent →
   * COLUMN_NOT_FOUND; one of another kind → INVALID_COLUMN_TYPE, both naming the column.
   */
  transform(frame: Frame): FeatureMatrix;
  /** Plain JSON data; `preprocessorFromJSON` restores an identical preprocessor. */
  toJSON(): PreprocessorJSON;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function accepts(expected: InputColumn["kind"], actual: string): boolean {
  if (expected === "categorical" || expected === "text") return actual === "categorical" || actual === "text";
  return expected === actual;
}

/** The fitted inputs of a new frame as a working table; checks presence and kind. */
export function inputTable(frame: Frame, inputs: readonly InputColumn[]): WorkTable {
  const columns = inputs.map((inp) => {
    const c = getColumn(frame, inp.name);
    const actual = inputKindOf(c);
    if (!accepts(inp.kind, actual)) {
      throw new AlchemistError(
        "INVALID_COLUMN_TYPE",
        `Column '${inp.name}' is ${c.kind} but the preprocessor was fitted on a ${inp.kind} column.`,
        { column: inp.name, expected: inp.kind, actual: c.kind },
      );
    }
    return toWorkColumn(c);
  });
  return { nRows: frame.nRows, columns };
}

/** Copies the numeric working columns into one column-major matrix. */
export function tableToMatrix(table: WorkTable): FeatureMatrix {
  const n = table.nRows;
  const numeric = table.columns.map((c: WorkColumn) => {
    if (c.kind !== "numeric") {
      throw new AlchemistError("INTERNAL", `Column '${c.name}' is still ${c.kind} after preprocessing.`, {
        column: c.name,
      });
    }
    return c;
  });
  const data = new Float64Array(n * numeric.length);
  numeric.forEach((c, j) => {
    data.set(c.values, j * n);
  });
  return createFeatureMatrix(
    n,
    numeric.map((c) => c.name),
    numeric.map((c) => c.nLevels),
    data,
  );
}

/** Wraps validated JSON (deep-frozen) into a FittedPreprocessor. */
export function createPreprocessor(json: PreprocessorJSON): FittedPreprocessor {
  const state = deepFreeze(json);
  return Object.freeze({
    featureNames: state.featureNames,
    categorical: state.categorical,
    inputs: state.inputs,
    target: state.target,
    transform(frame: Frame): FeatureMatrix {
      let table = inputTable(frame, state.inputs);
      for (const s of state.fitted) table = applyStep(s, table);
      const X = tableToMatrix(table);
      if (
        X.featureNames.length !== state.featureNames.length ||
        X.featureNames.some((f, j) => f !== state.featureNames[j])
      ) {
        throw new AlchemistError("INTERNAL", "Transform produced other features than fit.", {});
      }
      return X;
    },
    toJSON: () => state,
  });
}

/** Restores a preprocessor from `toJSON()` output (or its JSON text parsed); INVALID_SPEC naming the bad path. */
export function preprocessorFromJSON(json: unknown): FittedPreprocessor {
  const r = PreprocessorJSONSchema.safeParse(json);
  if (!r.success) throw specErrorFromZod(r.error, "preprocessor");
  return createPreprocessor(r.data);
}
