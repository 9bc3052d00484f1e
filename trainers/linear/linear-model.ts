/** The fitted form every linear estimator shares: rows of coefficients, intercepts and a link to outputs. */
import { AlchemistError } from "../../core/errors.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkPredictInput } from "../check-input.js";
import type { FittedModel, ModelJSON } from "../estimator.js";
import { timesVector } from "./dense-kernels.js";
import { encodeFloats } from "./float-codec.js";

/**
 * How decision values become outputs:
 * - `identity`: regression, one row, the value itself;
 * - `argmax`: classes by largest decision (binary: decision > 0 ⇒ `classes[1]`), no probabilities;
 * - `softmax`: as argmax, probabilities by softmax (binary: sigmoid), as logistic regression and LDA;
 * - `ovr_sigmoid`: one-vs-rest sigmoids normalised to sum 1 (SGD with log loss);
 * - `ovr_huber`: one-vs-rest `(clip(d, -1, 1) + 1) / 2` normalised (SGD with modified Huber loss).
 */
export const LINKS = ["identity", "argmax", "softmax", "ovr_sigmoid", "ovr_huber"] as const;
export type Link = (typeof LINKS)[number];

/**
 * `coef` is `nOut × nFeatures` row-major, `intercept` has `nOut` entries. Classifiers name in
 * `classes` the class indices actually seen in training: one class ⇒ `nOut = 0` (a constant model),
 * two ⇒ `nOut = 1` (decision for `classes[1]` against `classes[0]`), more ⇒ one row per class.
 */
export interface LinearState {
  readonly coef: Float64Array;
  readonly intercept: Float64Array;
  readonly link: Link;
  readonly classes?: Int32Array;
}

/** What the model says about itself in `toJSON`. */
export interface LinearModelInfo {
  readonly estimator: string;
  readonly version: number;
  readonly params: Record<string, unknown>;
  readonly nFeatures: number;
  readonly nClasses?: number;
}

/** Number of decision rows a state must hold for its classes. */
export function outputsFor(link: Link, classes: Int32Array | undefined): number {
  if (link === "identity") return 1;
  const c = classes?.length ?? 0;
  return c <= 1 ? 0 : c === 2 ? 1 : c;
}

/** Decision values, output-major: `out[k * n + i]` for output row `k` and sample `i`. */
export function decisionValues(
  X: FeatureMatrix,
  coef: Float64Array,
  intercept: Float64Array,
  nOut: number,
): Float64Array {
  const n = X.nRows;
  const out = new Float64Array(nOut * n);
  for (let k = 0; k < nOut; k++)
    timesVector(X.data, n, X.nCols, coef, k * X.nCols, intercept[k] as number, out, k * n);
  return out;
}

function predictClasses(dec: Float64Array, n: number, nOut: number, classes: Int32Array): Float64Array {
  const out = new Float64Array(n);
  if (nOut === 0) return out.fill(classes[0] as number);
  if (nOut === 1) {
    const c0 = classes[0] as number;
    const c1 = classes[1] as number;
    for (let i = 0; i < n; i++) out[i] = (dec[i] as number) > 0 ? c1 : c0;
    return out;
  }
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestV = dec[i] as number;
    for (let k = 1; k < nOut; k++) {
      const v = dec[k * n + i] as number;
      if (v > bestV) {
        bestV = v;
        best = k;
      }
    }
    out[i] = classes[best] as number;
  }
  return out;
}

/** Squashes one decision value to a one-vs-rest score in [0, 1]. */
function ovrScore(link: Link, d: number): number {
  if (link === "ovr_huber") return (Math.min(1, Math.max(-1, d)) + 1) / 2;
  return 1 / (1 + Math.exp(-d));
}

function probabilities(
  dec: Float64Array,
  n: number,
  nOut: number,
  classes: Int32Array,
  nClasses: number,
  link: Link,
) {
  const out = new Float64Array(n * nClasses);
  if (nOut === 0) {
    const c = classes[0] as number;
    for (let i = 0; i < n; i++) out[i * nClasses + c] = 1;
    return out;
  }
  if (nOut === 1) {
    const c0 = classes[0] as number;
    const c1 = classes[1] as number;
    for (let i = 0; i < n; i++) {
      const p1 = ovrScore(link, dec[i] as number);
      out[i * nClasses + c1] = p1;
      out[i * nClasses + c0] = 1 - p1;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    const row = i * nClasses;
    let sum = 0;
    if (link === "softmax") {
      let max = -Infinity;
      for (let k = 0; k < nOut; k++) max = Math.max(max, dec[k * n + i] as number);
      for (let k = 0; k < nOut; k++) {
        const e = Math.exp((dec[k * n + i] as number) - max);
        out[row + (classes[k] as number)] = e;
        sum += e;
      }
    } else {
      for (let k = 0; k < nOut; k++) {
        const s = ovrScore(link, dec[k * n + i] as number);
        out[row + (classes[k] as number)] = s;
        sum += s;
      }
    }
    if (sum > 0) {
      for (let k = 0; k < nOut; k++)
        out[row + (classes[k] as number)] = (out[row + (classes[k] as number)] as number) / sum;
    } else {
      for (let k = 0; k < nOut; k++) out[row + (classes[k] as number)] = 1 / nOut;
    }
  }
  return out;
}

/** `|coef|` summed over output rows, normalised to sum 1 (all zeros when every coefficient is 0). */
export function coefImportance(coef: Float64Array, nFeatures: number): Float64Array {
  const imp = new Float64Array(nFeatures);
  let total = 0;
  for (let r = 0; r < coef.length; r++) {
    const a = Math.abs(coef[r] as number);
    const j = r % nFeatures;
    imp[j] = (imp[j] as number) + a;
    total += a;
  }
  if (total > 0 && Number.isFinite(total))
    for (let j = 0; j < nFeatures; j++) imp[j] = (imp[j] as number) / total;
  return imp;
}

/** An immutable FittedModel over a linear state. */
export function linearModel(info: LinearModelInfo, state: LinearState): FittedModel {
  const { estimator, nFeatures } = info;
  const coef = Float64Array.from(state.coef);
  const intercept = Float64Array.from(state.intercept);
  const classes = state.classes ? Int32Array.from(state.classes) : undefined;
  const link = state.link;
  const nOut = outputsFor(link, classes);
  const nClasses = info.nClasses;
  const params = structuredClone(info.params);
  if (coef.length !== nOut * nFeatures || intercept.length !== nOut) {
    throw new AlchemistError(
      "INTERNAL",
      `${estimator}: a linear state of ${nOut} outputs has the wrong coefficient count.`,
    );
  }

  const model: FittedModel = {
    estimator,
    nFeatures,
    ...(nClasses !== undefined ? { nClasses } : {}),
    predict(X: FeatureMatrix): Float64Array {
      checkPredictInput(model, X, false);
      const dec = decisionValues(X, coef, intercept, nOut);
      if (link === "identity") return dec;
      return predictClasses(dec, X.nRows, nOut, classes as Int32Array);
    },
    featureImportance: () => coefImportance(coef, nFeatures),
    toJSON(): ModelJSON {
      return {
        estimator,
        version: info.version,
        params: structuredClone(params),
        nFeatures,
        ...(nClasses !== undefined ? { nClasses } : {}),
        state: {
          link,
          coef: encodeFloats(coef),
          intercept: encodeFloats(intercept),
          ...(classes ? { classes: Array.from(classes) } : {}),
        },
      };
    },
  };
  if (link !== "identity" && link !== "argmax") {
    const k = nClasses as number;
    return Object.freeze({
      ...model,
      predictProba(X: FeatureMatrix): Float64Array {
        checkPredictInput(model, X, false);
        const dec = decisionValues(X, coef, intercept, nOut);
        return probabilities(dec, X.nRows, nOut, classes as Int32Array, k, link);
      },
    });
  }
  return Object.freeze(model);
}
