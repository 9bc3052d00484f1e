/** Minibatch Adam training of a fully connected network, as scikit-learn's MLP `_fit_stochastic`. */
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { holdoutSplit } from "../../data/splits/index.js";
import type { ProgressCallback } from "../estimator.js";
import { adamStep, createAdam } from "./adam.js";
import { backwardBatch, sumSquaredWeights } from "./mlp-backward.js";
import { createWorkspace, forwardBatch, type MlpWorkspace } from "./mlp-forward.js";
import { type Activation, createLayout, glorotInit, type MlpLayout, type OutputKind } from "./mlp-layout.js";
import { outputDeltas } from "./mlp-loss.js";
import type { MlpClassifierParams } from "./mlp-params.js";

export interface TrainSetup {
  /** Layer sizes, inputs first. */
  readonly sizes: readonly number[];
  readonly output: OutputKind;
  readonly params: MlpClassifierParams;
  readonly seed: number;
  readonly estimator: string;
  readonly onProgress?: ProgressCallback | undefined;
}

export interface TrainResult {
  readonly layout: MlpLayout;
  readonly weights: Float64Array;
  /** Epochs run. */
  readonly epochs: number;
  /** Mean training loss (data loss + L2 term) of the last epoch. */
  readonly loss: number;
}

/** Copies rows `rows[start..start+bn)` of row-major `X` (`d` wide) into `dst`. */
function gatherRows(
  X: Float64Array,
  d: number,
  rows: Int32Array,
  order: Int32Array,
  start: number,
  bn: number,
  dst: Float64Array,
): void {
  for (let b = 0; b < bn; b++) {
    const r = order[start + b] as number;
    rows[b] = r;
    const src = r * d;
    const out = b * d;
    for (let j = 0; j < d; j++) dst[out + j] = X[src + j] as number;
  }
}

/** Rows to train on and rows to validate on (early stopping), as train_test_split would. */
function splitRows(n: number, y: Float64Array, p: MlpClassifierParams, classify: boolean, seed: number) {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (!p.early_stopping) return { train: all, valid: null };
  // Too few rows to hold any out: train on all of them, without early stopping.
  if (n < 2 || Math.ceil(p.validation_fraction * n) >= n) return { train: all, valid: null };
  const { folds } = holdoutSplit(
    { testFraction: p.validation_fraction, stratify: classify, shuffle: true },
    { n, seed, y: classify ? Int32Array.from(y) : undefined },
  );
  const fold = folds[0];
  if (!fold || fold.train.length === 0 || fold.test.length === 0) return { train: all, valid: null };
  return { train: fold.train, valid: fold.test };
}

/**
 * Trains on `n` row-major rows of `X` against `y` (class indices, or regression targets), from a
 * Glorot initialisation, one Adam step per minibatch. Stops after `max_iter` epochs, or when the
 * epoch loss (or, with early stopping, the validation score) has not improved by `tol` for more than
 * `n_iter_no_change` epochs; with early stopping the best validation weights are kept.
 * Throws FIT_FAILED when the loss stops being finite (diverged).
 */
export function trainMlp(X: Float64Array, n: number, y: Float64Array, setup: TrainSetup): TrainResult {
  const { params: p, output } = setup;
  const classify = output !== "identity";
  const rng = createRng(setup.seed);
  const layout = createLayout(setup.sizes);
  const w = glorotInit(layout, p.activation, rng);
  const { train, valid } = splitRows(n, y, p, classify, rng.int(0x7fffffff));
  const d = layout.sizes[0] as number;
  const k = layout.sizes[layout.nLayers] as number;
  const nTrain = train.length;
  const bs = Math.min(p.batch_size, nTrain);
  const ws = createWorkspace(layout, bs, true);
  const acts = ws.acts;
  const grad = new Float64Array(layout.nParams);
  const adam = createAdam(layout.nParams);
  const adamCfg = {
    learningRate: p.learning_rate_init,
    beta1: p.beta_1,
    beta2: p.beta_2,
    epsilon: p.epsilon,
  };
  const rows = new Int32Array(bs);
  const order = Int32Array.from(train);
  const best = valid ? Float64Array.from(w) : null;
  let bestScore = Number.NEGATIVE_INFINITY;
  let bestLoss = Number.POSITIVE_INFINITY;
  let stall = 0;
  let loss = Number.NaN;
  let epoch = 0;
  while (epoch < p.max_iter) {
    if (p.shuffle) rng.shuffle(order);
    let acc = 0;
    for (let start = 0; start < nTrain; start += bs) {
      const bn = Math.min(bs, nTrain - start);
      gatherRows(X, d, rows, order, start, bn, acts[0] as Float64Array);
      forwardBatch(layout, w, p.activation, output, ws, bn);
      const dataLoss = outputDeltas(
        acts[layout.nLayers] as Float64Array,
        ws.deltas[layout.nLayers] as Float64Array,
        bn,
        k,
        output,
        y,
        rows,
      );
      const penalty = p.alpha > 0 ? 0.5 * p.alpha * sumSquaredWeights(layout, w) : 0;
      acc += dataLoss + penalty;
      backwardBatch(layout, w, p.activation, ws, bn, p.alpha, grad);
      adamStep(adam, adamCfg, w, grad);
    }
    epoch++;
    loss = acc / nTrain;
    if (!Number.isFinite(loss)) {
      throw new AlchemistError(
        "FIT_FAILED",
        `${setup.estimator}: training diverged (loss ${loss} at epoch ${epoch}); lower learning_rate_init or scale the features${classify ? "" : " and target"}.`,
        { parameter: "learning_rate_init" },
      );
    }
    if (valid && best) {
      const score = validationScore(layout, w, p.activation, output, X, y, valid, ws, rows);
      stall = score < bestScore + p.tol ? stall + 1 : 0;
      if (score > bestScore) {
        bestScore = score;
        best.set(w);
      }
    } else {
      stall = loss > bestLoss - p.tol ? stall + 1 : 0;
      if (loss < bestLoss) bestLoss = loss;
    }
    setup.onProgress?.(epoch / p.max_iter, `epoch ${epoch}/${p.max_iter}, loss ${loss.toPrecision(6)}`);
    if (stall > p.n_iter_no_change) break;
  }
  if (epoch < p.max_iter) setup.onProgress?.(1, `stopped after ${epoch} epochs (no improvement)`);
  if (best) w.set(best);
  return { layout, weights: w, epochs: epoch, loss };
}

/** Accuracy (classification) or R² (regression) on the validation rows, in batches through `acts`. */
function validationScore(
  layout: MlpLayout,
  w: Float64Array,
  activation: Activation,
  output: OutputKind,
  X: Float64Array,
  y: Float64Array,
  valid: Int32Array,
  ws: MlpWorkspace,
  rows: Int32Array,
): number {
  const acts = ws.acts;
  const d = layout.sizes[0] as number;
  const k = layout.sizes[layout.nLayers] as number;
  const bs = rows.length;
  const out = acts[layout.nLayers] as Float64Array;
  const nv = valid.length;
  let mean = 0;
  if (output === "identity") {
    for (let t = 0; t < nv; t++) mean += y[valid[t] as number] as number;
    mean /= nv;
  }
  let hits = 0;
  let ssRes = 0;
  let ssTot = 0;
  for (let start = 0; start < nv; start += bs) {
    const bn = Math.min(bs, nv - start);
    gatherRows(X, d, rows, valid, start, bn, acts[0] as Float64Array);
    forwardBatch(layout, w, activation, output, ws, bn);
    for (let b = 0; b < bn; b++) {
      const t = y[rows[b] as number] as number;
      if (output === "identity") {
        const r = t - (out[b] as number);
        ssRes += r * r;
        ssTot += (t - mean) * (t - mean);
      } else if (output === "logistic") {
        if (((out[b] as number) > 0.5 ? 1 : 0) === t) hits++;
      } else {
        let arg = 0;
        for (let o = 1; o < k; o++) if ((out[b * k + o] as number) > (out[b * k + arg] as number)) arg = o;
        if (arg === t) hits++;
      }
    }
  }
  if (output !== "identity") return hits / nv;
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}
