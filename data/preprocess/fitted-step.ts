/** The fitted state of every step kind (plain JSON data) and the dispatch from state to transform. */
import { z } from "zod";
import {
  type ClipOutliersState,
  ClipOutliersStateSchema,
  applyClipOutliers,
  fitClipOutliers,
} from "./clip-outliers.js";
import {
  applyDatetimeFeatures,
  type DatetimeFeaturesState,
  DatetimeFeaturesStateSchema,
  fitDatetimeFeatures,
} from "./datetime-features.js";
import {
  applyDropColumns,
  type DropColumnsState,
  DropColumnsStateSchema,
  fitDropColumns,
} from "./drop-columns.js";
import { fitEncode } from "./encode.js";
import { applyNative, type NativeState, NativeStateSchema } from "./encode-native.js";
import { applyOneHot, type OneHotState, OneHotStateSchema } from "./encode-one-hot.js";
import { applyOrdinal, type OrdinalState, OrdinalStateSchema } from "./encode-ordinal.js";
import { applyTarget, type TargetState, TargetStateSchema } from "./encode-target.js";
import type { FitContext, Fitted } from "./fit-context.js";
import { applyImpute, fitImpute, type ImputeState, ImputeStateSchema } from "./impute.js";
import { type RebalanceState, RebalanceStateSchema } from "./rebalance.js";
import { applyScale, fitScale, type ScaleState, ScaleStateSchema } from "./scale.js";
import {
  applySelectFeatures,
  fitSelectFeatures,
  type SelectFeaturesState,
  SelectFeaturesStateSchema,
} from "./select-features.js";
import type { Step } from "./step-schema.js";
import {
  applyTextHash,
  applyTextTfidf,
  fitTextFeatures,
  type TextHashState,
  TextHashStateSchema,
  type TextTfidfState,
  TextTfidfStateSchema,
} from "./text-features.js";
import type { WorkTable } from "./work-table.js";

export const FittedStepSchema = z.discriminatedUnion("type", [
  ImputeStateSchema,
  OneHotStateSchema,
  OrdinalStateSchema,
  TargetStateSchema,
  NativeStateSchema,
  ScaleStateSchema,
  ClipOutliersStateSchema,
  DatetimeFeaturesStateSchema,
  TextHashStateSchema,
  TextTfidfStateSchema,
  DropColumnsStateSchema,
  RebalanceStateSchema,
  SelectFeaturesStateSchema,
]);

export type FittedStep =
  | ImputeState
  | OneHotState
  | OrdinalState
  | TargetState
  | NativeState
  | ScaleState
  | ClipOutliersState
  | DatetimeFeaturesState
  | TextHashState
  | TextTfidfState
  | DropColumnsState
  | RebalanceState
  | SelectFeaturesState;

/** Fits one column step on the working table (rebalance is row-level: fit-preprocessor handles it). */
export function fitStep(step: Step, table: WorkTable, ctx: FitContext): Fitted<FittedStep> {
  switch (step.type) {
    case "impute":
      return fitImpute(step, table, ctx);
    case "encode":
      return fitEncode(step, table, ctx);
    case "scale":
      return fitScale(step, table, ctx);
    case "clip_outliers":
      return fitClipOutliers(step, table, ctx);
    case "datetime_features":
      return fitDatetimeFeatures(step, table, ctx);
    case "text_features":
      return fitTextFeatures(step, table, ctx);
    case "drop_columns":
      return fitDropColumns(step, table, ctx);
    case "select_features":
      return fitSelectFeatures(step, table, ctx);
    case "rebalance":
      return {
        state: { type: "rebalance", method: step.method, ratio: step.ratio, seed: step.seed },
        train: table,
      };
  }
}

/** Applies a fitted state to new rows (full-data encodings, never resampling). */
export function applyStep(state: FittedStep, table: WorkTable): WorkTable {
  switch (state.type) {
    case "impute":
      return applyImpute(state, table);
    case "one_hot":
      return applyOneHot(state, table);
    case "ordinal":
      return applyOrdinal(state, table);
    case "target":
      return applyTarget(state, table);
    case "native":
      return applyNative(state, table);
    case "scale":
      return applyScale(state, table);
    case "clip_outliers":
      return applyClipOutliers(state, table);
    case "datetime_features":
      return applyDatetimeFeatures(state, table);
    case "text_hash":
      return applyTextHash(state, table);
    case "text_tfidf":
      return applyTextTfidf(state, table);
    case "drop_columns":
      return applyDropColumns(state, table);
    case "select_features":
      return applySelectFeatures(state, table);
    case "rebalance":
      return table;
  }
}

/** Working columns a fitted state reads (drop_columns and select_features read nothing at transform: they only remove). */
export function stepReads(state: FittedStep): string[] {
  switch (state.type) {
    case "impute":
      return [...state.numeric, ...state.categorical].map((e) => e.column);
    case "drop_columns":
    case "select_features":
    case "rebalance":
      return [];
    default:
      return state.columns.map((e) => e.column);
  }
}
