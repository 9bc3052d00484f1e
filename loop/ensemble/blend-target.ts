/**
 * What an ensemble is scored against: the rows every candidate predicted, the truth on them, and
 * a scorer that reads a blended prediction through METRICS, without allocating per call.
 */
import { AlchemistError } from "../../core/errors.js";
import { isClassification, type Task } from "../../data/task.js";
import { METRICS, type MetricInput, type MetricName } from "../../evaluate/metrics/index.js";

/** One model's out-of-fold (or test-time) predictions. */
export interface EnsembleCandidate {
  readonly id: string;
  /**
   * Row-major n×K class probabilities (binary, multiclass), n positive-class scores (anomaly), or
   * n predicted values (regression, forecast). NaN marks a row the model did not predict.
   */
  readonly oof: Float64Array;
}

export interface BlendTargetOptions {
  candidates: readonly EnsembleCandidate[];
  /** Class codes 0..K-1 (classification, anomaly) or values (regression, forecast), length n. */
  yTrue: Float64Array;
  task: Task;
  metric: MetricName;
  nClasses?: number;
  positiveClass?: number;
}

export interface BlendTarget {
  /** Indices of the scored rows: every candidate's prediction and the truth are present there. */
  readonly rows: Int32Array;
  /** Values per row: K for class probabilities, 1 otherwise. */
  readonly width: number;
  /** The metric of a compact prediction (rows.length × width, in `rows` order). */
  score(prediction: Float64Array): number;
}

function invalid(parameter: string, message: string): AlchemistError {
  return new AlchemistError("INVALID_ARGUMENT", message, { parameter });
}

/**
 * Validates candidates and truth and builds the scorer. A row is left out when yTrue or any value
 * of any candidate is NaN there (a fold that failed, a model that skipped rows), so every
 * candidate is compared on exactly the same rows.
 */
export function prepareBlendTarget(options: BlendTargetOptions): BlendTarget {
  const { candidates, yTrue, task, metric } = options;
  const definition = METRICS[metric];
  if (!definition.tasks.includes(task)) {
    throw invalid(
      "metric",
      `metric ${metric} does not apply to a ${task} task (it scores ${definition.tasks.join(", ")})`,
    );
  }
  if (task === "clustering" || (task === "anomaly" && definition.needs !== "proba")) {
    throw invalid("task", `ensembles of ${task} models cannot be scored with ${metric}`);
  }
  if (candidates.length === 0) throw invalid("candidates", "an ensemble needs at least one candidate");
  const ids = new Set<string>();
  for (const c of candidates) {
    if (ids.has(c.id)) throw invalid("candidates", `candidate id "${c.id}" appears twice`);
    ids.add(c.id);
  }
  const n = yTrue.length;
  if (n === 0) throw new AlchemistError("NOT_ENOUGH_ROWS", "yTrue has no rows", { parameter: "yTrue" });

  const classes = isClassification(task);
  const width = classes ? (options.nClasses ?? candidates[0]!.oof.length / n) : 1;
  if (classes && (!Number.isInteger(width) || width < 2)) {
    throw invalid("nClasses", `cannot read ${width} classes from the predictions; pass nClasses (≥ 2)`);
  }
  for (const c of candidates) {
    if (c.oof.length !== n * width) {
      throw new AlchemistError(
        "LENGTH_MISMATCH",
        `candidate "${c.id}" has ${c.oof.length} values; expected ${n * width} (${n} rows × ${width})`,
        { parameter: "candidates", candidate: c.id },
      );
    }
  }

  const rows = scoredRows(candidates, yTrue, width);
  const m = rows.length;
  if (m === 0) {
    throw new AlchemistError(
      "NOT_ENOUGH_ROWS",
      "every row has a missing prediction or truth; nothing to score",
      {
        parameter: "candidates",
      },
    );
  }
  if (!classes && task !== "anomaly") {
    const truth = new Float64Array(m);
    for (let r = 0; r < m; r++) truth[r] = yTrue[rows[r]!]!;
    const input: MetricInput = { yTrue: truth };
    return { rows, width, score: (prediction) => definition.compute({ ...input, yPred: prediction }) };
  }

  const labels = new Int32Array(m);
  for (let r = 0; r < m; r++) {
    const y = yTrue[rows[r]!]!;
    if (!Number.isInteger(y) || y < 0 || (classes && y >= width)) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `yTrue[${rows[r]}] is ${y}; it must be a class code 0..${width - 1}`,
        {
          parameter: "yTrue",
          row: rows[r]!,
        },
      );
    }
    labels[r] = y;
  }
  const base: MetricInput =
    options.positiveClass === undefined ? { labels } : { labels, positiveClass: options.positiveClass };
  if (task === "anomaly")
    return { rows, width, score: (prediction) => definition.compute({ ...base, scores: prediction }) };
  if (definition.needs !== "labels") {
    return { rows, width, score: (prediction) => definition.compute({ ...base, proba: prediction }) };
  }
  // Label metrics read the argmax of the blended probabilities (first class on ties).
  const predLabels = new Int32Array(m);
  return {
    rows,
    width,
    score: (prediction) => {
      for (let r = 0; r < m; r++) {
        const at = r * width;
        let best = 0;
        for (let k = 1; k < width; k++) if (prediction[at + k]! > prediction[at + best]!) best = k;
        predLabels[r] = best;
      }
      return definition.compute({ ...base, proba: prediction, predLabels });
    },
  };
}

function scoredRows(
  candidates: readonly EnsembleCandidate[],
  yTrue: Float64Array,
  width: number,
): Int32Array {
  const n = yTrue.length;
  const keep = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    let ok = !Number.isNaN(yTrue[i]!);
    for (let c = 0; ok && c < candidates.length; c++) {
      const oof = candidates[c]!.oof;
      for (let k = i * width; k < (i + 1) * width; k++) {
        if (Number.isNaN(oof[k]!)) {
          ok = false;
          break;
        }
      }
    }
    if (ok) {
      keep[i] = 1;
      count++;
    }
  }
  const rows = new Int32Array(count);
  for (let i = 0, r = 0; i < n; i++) if (keep[i] === 1) rows[r++] = i;
  return rows;
}
