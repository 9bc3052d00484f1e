/** One entry point: a SplitSpec plus the rows' data in, folds and warnings out. */
import { AlchemistError } from "../../core/errors.js";
import type { SplitOptions, SplitResult } from "./fold.js";
import { groupKFold } from "./group-kfold.js";
import { holdoutSplit } from "./holdout.js";
import { kFold } from "./kfold.js";
import { parseSplitSpec, type SplitSpecInput } from "./split-spec.js";
import { stratifiedKFold } from "./stratified-kfold.js";
import { timeSeriesSplit } from "./time-series-split.js";

/**
 * Validates `spec` (defaults filled, bounds checked: INVALID_ARGUMENT naming the parameter) and
 * splits rows 0..n-1 by its kind. `y` is needed by stratified_kfold and by a stratified holdout,
 * `groups` by group_kfold; both are ignored by the other kinds. Same spec, data and seed ⇒ the same folds.
 */
export function makeSplits(spec: SplitSpecInput, options: SplitOptions): SplitResult {
  const parsed = parseSplitSpec(spec);
  const { n, seed, y, groups } = options;
  switch (parsed.kind) {
    case "holdout": {
      const { kind: _, ...params } = parsed;
      return holdoutSplit(params, { n, seed, y });
    }
    case "kfold": {
      const { kind: _, ...params } = parsed;
      return kFold(params, { n, seed });
    }
    case "stratified_kfold": {
      const { kind: _, ...params } = parsed;
      return stratifiedKFold(params, { n, seed, y: required(y, "y", parsed.kind) });
    }
    case "group_kfold": {
      const { kind: _, ...params } = parsed;
      return groupKFold(params, { n, groups: required(groups, "groups", parsed.kind) });
    }
    case "time_series": {
      const { kind: _, ...params } = parsed;
      return timeSeriesSplit(params, { n });
    }
  }
}

function required(codes: Int32Array | undefined, parameter: "y" | "groups", kind: string): Int32Array {
  if (codes === undefined) {
    const what = parameter === "y" ? "class codes" : "group codes";
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `a ${kind} split needs ${parameter} (${what}, one per row)`,
      {
        parameter,
      },
    );
  }
  return codes;
}
