/** Mean absolute scaled error of a forecast against the in-sample seasonal-naive error. */
import { AlchemistError } from "../../core/errors.js";
import { requireFinite, requireRows, requireSameLength } from "./validate.js";

const EPS = 2 ** -52;

/**
 * MASE = mean |y − ŷ| over the forecast horizon / mean over the training series of |h_t − h_{t−m}|
 * (t = m … T−1), ≥ 0; below 1 beats the in-sample seasonal-naive forecast (Hyndman & Koehler 2006).
 *
 * `yTrue`, `yPred`: the horizon, length ≥ 1. `history`: the training series in time order; it
 * must be longer than `seasonLength` (NOT_ENOUGH_ROWS), rather than silently falling back to m = 1.
 * `seasonLength` m: a positive integer, default 1 (naive scaling). A constant-by-season history has
 * scale 0; like MAPE's floor, the scale is then taken as the float64 epsilon, so the result is
 * huge but finite (0 for a perfect forecast) and rankings stay meaningful.
 */
export function mase(
  yTrue: Float64Array,
  yPred: Float64Array,
  history: Float64Array,
  seasonLength = 1,
): number {
  requireSameLength("yTrue", yTrue, "yPred", yPred);
  const n = yTrue.length;
  requireRows("mase", "yTrue", n);
  if (!Number.isInteger(seasonLength) || seasonLength < 1) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `seasonLength is ${seasonLength}; it must be an integer ≥ 1`,
      {
        parameter: "seasonLength",
      },
    );
  }
  requireRows("mase", "history", history.length, seasonLength + 1);
  requireFinite("yTrue", yTrue);
  requireFinite("yPred", yPred);
  requireFinite("history", history);
  let error = 0;
  for (let i = 0; i < n; i++) error += Math.abs(yTrue[i]! - yPred[i]!);
  let scale = 0;
  for (let t = seasonLength; t < history.length; t++)
    scale += Math.abs(history[t]! - history[t - seasonLength]!);
  scale /= history.length - seasonLength;
  return error / n / Math.max(scale, EPS);
}
