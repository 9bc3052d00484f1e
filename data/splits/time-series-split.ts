/** Forward-chaining time-series splits: train windows always precede their test windows, as scikit-learn's TimeSeriesSplit. */
import { AlchemistError } from "../../core/errors.js";
import { checkFoldsFit, checkRowCount, type Fold, type SplitResult } from "./fold.js";
import { parseKindParams, type TimeSeriesSplitParams, TimeSeriesSplitSpecSchema } from "./split-spec.js";

/**
 * k splits over rows taken to be in time order (sort the frame by time first; indices are positions).
 * The test windows are the last k × testSize rows, in k consecutive blocks of `testSize` rows
 * (default floor(n / (k + 1))). Split f trains on every row before its test window minus the last
 * `gap` rows, keeping only the most recent `maxTrainSize` of them when set. Rows before the first test
 * window are never tested. Throws NOT_ENOUGH_ROWS when k + 1 > n or when the test windows plus the gap
 * leave no training row for the first split.
 */
export function timeSeriesSplit(params: TimeSeriesSplitParams, options: { n: number }): SplitResult {
  const {
    k,
    gap,
    maxTrainSize,
    testSize: wantedTestSize,
  } = parseKindParams(TimeSeriesSplitSpecSchema, "time_series", params);
  const { n } = options;
  checkRowCount(n);
  checkFoldsFit(k, n, k + 1);
  const testSize = wantedTestSize ?? Math.floor(n / (k + 1));
  const firstTrainEnd = n - k * testSize - gap;
  if (firstTrainEnd <= 0) {
    throw new AlchemistError(
      "NOT_ENOUGH_ROWS",
      `k=${k} splits of testSize=${testSize} with gap=${gap} need more than ${k * testSize + gap} rows, got n=${n}: ` +
        "lower k, testSize or gap",
      { parameter: wantedTestSize === undefined ? "k" : "testSize", k, n, testSize, gap },
    );
  }

  const folds: Fold[] = [];
  for (let testStart = n - k * testSize; testStart < n; testStart += testSize) {
    const trainEnd = testStart - gap;
    const trainStart = maxTrainSize !== undefined && maxTrainSize < trainEnd ? trainEnd - maxTrainSize : 0;
    folds.push({ train: range(trainStart, trainEnd), test: range(testStart, testStart + testSize) });
  }
  return { folds, warnings: [] };
}

function range(from: number, to: number): Int32Array {
  const out = new Int32Array(to - from);
  for (let i = 0; i < out.length; i++) out[i] = from + i;
  return out;
}
