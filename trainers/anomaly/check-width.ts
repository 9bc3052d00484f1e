/** The feature-count check every detector runs before scoring. */
import { AlchemistError } from "../../core/errors.js";

export function checkDetectorWidth(X: Float64Array, n: number, d: number, kind: string): void {
  if (X.length !== n * d) {
    throw new AlchemistError(
      "FEATURE_MISMATCH",
      `${kind} was fitted on ${d} features; got ${X.length} values for ${n} rows.`,
      { expected: d },
    );
  }
}
