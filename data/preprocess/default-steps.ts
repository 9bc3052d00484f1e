/** defaultSteps: a sensible preprocessing list for a frame, as plain steps (a starting spec, not magic). */
import type { Frame } from "../frame.js";
import { missingCount } from "../frame.js";
import { parseSteps, type Step, type StepInput } from "./step-schema.js";

/**
 * In order: datetime parts (before imputation, so missing dates are filled with the others);
 * median imputation of every numeric feature, with indicators for those missing at fit time;
 * missing categoricals as their own level (`__missing__`) when any is missing; hashed word
 * counts for text; one-hot encoding capped at 20 levels per column (the rest → `__other__`). No scaling:
 * that depends on the estimator.
 */
export function defaultSteps(frame: Frame, options: { target?: string } = {}): Step[] {
  const cols = frame.columns.filter((c) => c.name !== options.target);
  const has = (kind: string) => cols.some((c) => c.kind === kind);
  const steps: StepInput[] = [];
  if (has("datetime")) steps.push({ type: "datetime_features" });
  if (has("numeric") || has("boolean") || has("datetime")) {
    steps.push({ type: "impute", strategy: "median", add_indicator: true, columns: "numeric" });
  }
  if (cols.some((c) => c.kind === "categorical" && missingCount(c) > 0)) {
    steps.push({ type: "impute", strategy: "constant", columns: "categorical" });
  }
  if (has("text")) steps.push({ type: "text_features", method: "hash" });
  if (has("categorical")) steps.push({ type: "encode", method: "one_hot" });
  return parseSteps(steps);
}
