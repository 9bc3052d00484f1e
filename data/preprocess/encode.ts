/** encode: turns categorical (or named text) columns into numbers by one of four methods. */
import { isCategorical, isCoded, selectColumns } from "./column-selector.js";
import { applyNative, fitNative, type NativeState } from "./encode-native.js";
import { applyOneHot, fitOneHot, type OneHotState } from "./encode-one-hot.js";
import { applyOrdinal, fitOrdinal, type OrdinalState } from "./encode-ordinal.js";
import { fitTarget, type TargetState } from "./encode-target.js";
import { type FitContext, type Fitted, takenNames } from "./fit-context.js";
import type { EncodeStep } from "./step-schema.js";
import type { CodedWork, WorkTable } from "./work-table.js";

export type EncodeState = OneHotState | OrdinalState | TargetState | NativeState;

export function fitEncode(step: EncodeStep, table: WorkTable, ctx: FitContext): Fitted<EncodeState> {
  const columns = selectColumns(table, step.columns, {
    step: ctx.step,
    groups: { categorical: isCategorical },
    accepts: isCoded,
    expected: "categorical or text columns",
    target: ctx.target,
  }) as CodedWork[];
  const taken = takenNames(table);
  switch (step.method) {
    case "one_hot": {
      const state = fitOneHot(step, columns, taken);
      return { state, train: applyOneHot(state, table) };
    }
    case "native": {
      const state = fitNative(step, columns);
      return { state, train: applyNative(state, table) };
    }
    case "ordinal": {
      const state = fitOrdinal(step, columns, ctx);
      return { state, train: applyOrdinal(state, table) };
    }
    case "target":
      return fitTarget(step, columns, table, taken, ctx);
  }
}
