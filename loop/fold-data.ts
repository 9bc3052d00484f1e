/**
 * Fold data: the spec's preprocessing fitted on each fold's training rows (never on its test rows),
 * cached by steps + seed + resource, since HPO changes only the estimator and reuses them.
 */
import { createRng } from "../core/rng.js";
import { type Frame, takeRows } from "../data/frame.js";
import type { FeatureMatrix, FitResult, FittedPreprocessor, Step } from "../data/preprocess/index.js";
import { fitPreprocessor } from "../data/preprocess/index.js";
import type { Fold } from "../data/splits/index.js";
import { isClassification, type Task } from "../data/task.js";

/** One fold, preprocessed: what the worker fits and predicts. */
export interface FoldData {
  readonly X: FeatureMatrix;
  readonly y: Float64Array;
  readonly weights?: Float64Array;
  readonly Xtest: FeatureMatrix;
  /** Rows of the training frame that `Xtest` holds, in order (the fold's test rows). */
  readonly testRows: Int32Array;
  /** The preprocessing fitted on the fold's training rows (a fold model predicts new rows through it). */
  readonly preprocessor: FittedPreprocessor;
}

/** What preprocessing needs from the run. */
export interface PreprocessInput {
  readonly frame: Frame;
  readonly target: string;
  readonly task: Task;
  /** Class index or value per row of `frame`. */
  readonly y: Float64Array;
}

/**
 * Fits `steps` on `rows` of the frame. The run's class indices are kept: fitPreprocessor renumbers
 * the classes present in these rows, so its labels (the run's indices as strings) map them back.
 */
export function fitOnRows(
  input: PreprocessInput,
  steps: readonly Step[],
  rows: Int32Array,
  seed: number,
): FitResult {
  const yRows = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) yRows[i] = input.y[rows[i] as number] as number;
  const fit = fitPreprocessor(steps, takeRows(input.frame, rows), {
    target: input.target,
    task: input.task,
    y: yRows,
    seed,
  });
  const { classes, y } = fit.train;
  if (!isClassification(input.task) || classes === undefined || y === undefined) return fit;
  const global = classes.map(Number);
  const mapped = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) mapped[i] = global[y[i] as number] as number;
  return { preprocessor: fit.preprocessor, train: { ...fit.train, y: mapped } };
}

/** The first ⌈fraction · n⌉ rows of a seeded permutation, sorted (halving on rows). */
export function subsampleRows(rows: Int32Array, fraction: number, seed: number): Int32Array {
  if (fraction >= 1) return rows;
  const m = Math.max(1, Math.ceil(fraction * rows.length));
  const perm = Int32Array.from(rows);
  createRng(seed ^ 0x5eed).shuffle(perm);
  return perm.subarray(0, m).sort();
}

function prepareFold(
  input: PreprocessInput,
  steps: readonly Step[],
  fold: Fold,
  seed: number,
  fraction: number,
): FoldData {
  const trainRows = subsampleRows(fold.train, fraction, seed);
  const fit = fitOnRows(input, steps, trainRows, seed);
  const data: FoldData = {
    X: fit.train.X,
    y: fit.train.y as Float64Array,
    Xtest: fit.preprocessor.transform(takeRows(input.frame, fold.test)),
    testRows: fold.test,
    preprocessor: fit.preprocessor,
  };
  return fit.train.weights !== undefined ? { ...data, weights: fit.train.weights } : data;
}

/** A small LRU of preprocessed folds; entries are never mutated (jobs copy them to workers). */
export class FoldCache {
  private readonly entries = new Map<string, FoldData[]>();

  constructor(
    private readonly input: PreprocessInput,
    private readonly folds: readonly Fold[],
    private readonly capacity = 4,
  ) {}

  /** The preprocessed folds of `steps` (fitted with `seed`, on `fraction` of each fold's training rows). */
  get(steps: readonly Step[], seed: number, fraction = 1): FoldData[] {
    const key = `${seed}|${fraction}|${JSON.stringify(steps)}`;
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const data = this.folds.map((fold) => prepareFold(this.input, steps, fold, seed, fraction));
    this.entries.set(key, data);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return data;
  }
}
