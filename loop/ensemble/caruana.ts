/**
 * Greedy ensemble selection with replacement (Caruana et al. 2004), as auto-sklearn runs it over
 * out-of-fold predictions: start from the best single model, then repeatedly add the model whose
 * addition scores best.
 */
import { AlchemistError } from "../../core/errors.js";
import { isBetter } from "../../evaluate/metrics/index.js";
import { type BlendTargetOptions, prepareBlendTarget } from "./blend-target.js";

export interface CaruanaOptions extends BlendTargetOptions {
  /** Greedy steps, each adding one model (with replacement): default 50, as auto-sklearn. */
  size?: number;
  /**
   * Stop after this many steps in a row without a better blend (default: run all `size` steps). The
   * weights are those of the best prefix either way; a blend that has not improved for a while
   * rarely does again, and each step costs a pass over every candidate's predictions.
   */
  patience?: number;
  /**
   * Accepted so callers can pass the run seed uniformly; selection never draws at random (ties go
   * to the earlier candidate), so the result does not depend on it.
   */
  seed?: number;
}

/** A member's share of the blend. */
export interface EnsembleWeight {
  readonly id: string;
  readonly weight: number;
}

export interface CaruanaResult {
  /** Members with weight > 0, in candidate order; weights sum to 1. */
  weights: EnsembleWeight[];
  /** The metric of the weighted blend on the scored rows. */
  score: number;
  /** The blend's score after each greedy step (`size` long, less with `patience`; step 0 is the best single model). */
  history: number[];
  /** How many rows were scored (rows with a NaN prediction or truth are left out). */
  rowsScored: number;
}

/**
 * Selects ensemble weights over `candidates` by greedy forward selection with replacement. The
 * blend of classification models averages their probabilities (label metrics read its argmax);
 * regression models average their values. Each step adds the model that makes the running blend
 * score best under `metric`'s direction (ties: the earlier candidate). Unlike auto-sklearn, the
 * weights come from the best-scoring prefix of the `size` steps (as AutoGluon does), so the blend
 * never scores below the best single model on these rows.
 *
 * Rows where yTrue or any candidate's prediction is NaN are left out of every score.
 */
export function caruanaSelect(options: CaruanaOptions): CaruanaResult {
  const size = options.size ?? 50;
  if (!Number.isInteger(size) || size < 1) {
    throw new AlchemistError("INVALID_ARGUMENT", `ensemble size is ${size}; it must be an integer ≥ 1`, {
      parameter: "size",
    });
  }
  const patience = options.patience ?? Number.POSITIVE_INFINITY;
  if (!(patience >= 1)) {
    throw new AlchemistError("INVALID_ARGUMENT", `ensemble patience is ${patience}; it must be ≥ 1`, {
      parameter: "patience",
    });
  }
  const { candidates, metric } = options;
  const target = prepareBlendTarget(options);
  const { rows, width } = target;
  const m = rows.length;
  const sum = new Float64Array(m * width);
  const blend = new Float64Array(m * width);
  const chosen = new Int32Array(size);
  const history: number[] = [];
  let bestStep = 0;

  for (let step = 0; step < size; step++) {
    let pick = -1;
    let pickScore = Number.NaN;
    for (let c = 0; c < candidates.length; c++) {
      const oof = candidates[c]!.oof;
      for (let r = 0; r < m; r++) {
        const src = rows[r]! * width;
        const dst = r * width;
        // Dividing (not multiplying by 1/(step+1)) keeps averaged probabilities within [0, 1].
        for (let k = 0; k < width; k++) blend[dst + k] = (sum[dst + k]! + oof[src + k]!) / (step + 1);
      }
      const s = target.score(blend);
      if (pick < 0 || isBetter(metric, s, pickScore)) {
        pick = c;
        pickScore = s;
      }
    }
    const oof = candidates[pick]!.oof;
    for (let r = 0; r < m; r++) {
      const src = rows[r]! * width;
      const dst = r * width;
      for (let k = 0; k < width; k++) sum[dst + k]! += oof[src + k]!;
    }
    chosen[step] = pick;
    history.push(pickScore);
    if (isBetter(metric, pickScore, history[bestStep]!)) bestStep = step;
    else if (step - bestStep >= patience) break;
  }

  const counts = new Int32Array(candidates.length);
  for (let step = 0; step <= bestStep; step++) counts[chosen[step]!]!++;
  const weights: EnsembleWeight[] = [];
  candidates.forEach((c, i) => {
    if (counts[i]! > 0) weights.push({ id: c.id, weight: counts[i]! / (bestStep + 1) });
  });
  return { weights, score: history[bestStep]!, history, rowsScored: m };
}
