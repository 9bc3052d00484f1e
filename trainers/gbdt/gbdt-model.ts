/**
 * The fitted GBDT model (immutable closure over a TreeEnsemble) and its JSON form: the trees as
 * flat arrays plus the bin thresholds, non-finite numbers encoded as strings.
 */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkPredictInput } from "../check-input.js";
import type { FittedModel, ModelJSON } from "../estimator.js";
import { argmaxRows } from "../predict-rows.js";
import { LOSSES, type LossName, outputsFor } from "./losses.js";
import { CAT_WORDS } from "./split-finding.js";
import { gainImportance, predictRaw, type TreeEnsemble } from "./tree-ensemble.js";

/** Bumped when the state layout changes. */
export const GBDT_STATE_VERSION = 1;

/** What a fit leaves beside the trees. */
export interface GbdtExtras {
  readonly loss: LossName;
  /** Boosting rounds run (fewer than max_iter after early stopping). */
  readonly nIter: number;
  readonly validationLoss: readonly number[];
  /** Per feature: the numeric bin thresholds (empty for categorical features). */
  readonly binThresholds: readonly Float64Array[];
}

/** A JSON-safe number: finite numbers as is, NaN and ±Infinity as strings. */
const JsonNumber = z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"])]);

type JsonNumber = z.infer<typeof JsonNumber>;

export function encodeNumbers(a: ArrayLike<number>): JsonNumber[] {
  const out: JsonNumber[] = new Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    out[i] = Number.isFinite(v) ? v : v > 0 ? "Infinity" : v < 0 ? "-Infinity" : "NaN";
  }
  return out;
}

function decodeNumbers(a: readonly JsonNumber[]): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    out[i] = typeof v === "number" ? v : Number(v);
  }
  return out;
}

const Int = z.number().int();

export const GbdtStateSchema = z.object({
  loss: z.enum(LOSSES),
  nOutputs: Int.min(1),
  baseline: z.array(JsonNumber),
  nIter: Int.min(0),
  validationLoss: z.array(JsonNumber),
  treeStart: z.array(Int.min(0)).min(1),
  feature: z.array(Int.min(-1)),
  threshold: z.array(JsonNumber),
  missingLeft: z.array(z.union([z.literal(0), z.literal(1)])),
  left: z.array(Int.min(-1)),
  right: z.array(Int.min(-1)),
  value: z.array(JsonNumber),
  catStart: z.array(Int.min(-1)),
  catBits: z.array(Int.min(0).max(0xffffffff)),
  gain: z.array(JsonNumber),
  catLevels: z.array(Int.min(0)),
  binThresholds: z.array(z.array(JsonNumber)),
});
export type GbdtState = z.infer<typeof GbdtStateSchema>;

/** Builds the immutable model. `nClasses` for classifiers (probabilities via sigmoid/softmax). */
export function createGbdtModel(
  estimator: string,
  params: Record<string, unknown>,
  nFeatures: number,
  nClasses: number | undefined,
  e: TreeEnsemble,
  extras: GbdtExtras,
): FittedModel {
  const frozenParams = Object.freeze({ ...params });
  const classifier = nClasses !== undefined;
  const raw = (X: FeatureMatrix): Float64Array => {
    checkPredictInput(model, X, true);
    return predictRaw(e, X);
  };
  const proba = (X: FeatureMatrix): Float64Array => probabilities(raw(X), X.nRows, nClasses as number);
  const model: FittedModel = {
    estimator,
    nFeatures,
    ...(classifier ? { nClasses } : {}),
    predict(X) {
      if (!classifier) return raw(X);
      return argmaxRows(proba(X), X.nRows, nClasses);
    },
    ...(classifier ? { predictProba: proba } : {}),
    featureImportance: () => gainImportance(e, nFeatures),
    toJSON(): ModelJSON {
      const state: GbdtState = {
        loss: extras.loss,
        nOutputs: e.nOutputs,
        baseline: encodeNumbers(e.baseline),
        nIter: extras.nIter,
        validationLoss: encodeNumbers(extras.validationLoss),
        treeStart: Array.from(e.treeStart),
        feature: Array.from(e.feature),
        threshold: encodeNumbers(e.threshold),
        missingLeft: Array.from(e.missingLeft) as (0 | 1)[],
        left: Array.from(e.left),
        right: Array.from(e.right),
        value: encodeNumbers(e.value),
        catStart: Array.from(e.catStart),
        catBits: Array.from(e.catBits),
        gain: encodeNumbers(e.gain),
        catLevels: Array.from(e.catLevels),
        binThresholds: extras.binThresholds.map((t) => encodeNumbers(t)),
      };
      return {
        estimator,
        version: GBDT_STATE_VERSION,
        params: { ...frozenParams },
        nFeatures,
        ...(classifier ? { nClasses } : {}),
        state,
      };
    },
  };
  return Object.freeze(model);
}

/** Row-major n × K probabilities from class-major raw scores (one logit column when K = 2). */
function probabilities(raw: Float64Array, n: number, K: number): Float64Array {
  const out = new Float64Array(n * K);
  if (K === 2) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-raw[i]!));
      out[2 * i] = 1 - p;
      out[2 * i + 1] = p;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    let m = raw[i]!;
    for (let k = 1; k < K; k++) if (raw[k * n + i]! > m) m = raw[k * n + i]!;
    let s = 0;
    for (let k = 0; k < K; k++) {
      const v = Math.exp(raw[k * n + i]! - m);
      out[i * K + k] = v;
      s += v;
    }
    for (let k = 0; k < K; k++) out[i * K + k] = out[i * K + k]! / s;
  }
  return out;
}

function invalid(estimator: string, what: string): AlchemistError {
  return new AlchemistError(
    "INVALID_MODEL_STATE",
    `${estimator}: the serialised model is invalid: ${what}.`,
    {},
  );
}

/**
 * Validates a serialised model's state against its header and rebuilds the ensemble; throws
 * INVALID_MODEL_STATE naming the first problem.
 */
export function ensembleFromJSON(
  json: ModelJSON,
  estimator: string,
  nClasses: number | undefined,
): { ensemble: TreeEnsemble; extras: GbdtExtras } {
  if (json.estimator !== estimator) throw invalid(estimator, `it is a '${json.estimator}' model`);
  if (json.version !== GBDT_STATE_VERSION) {
    throw invalid(estimator, `state version ${json.version}, this build reads version ${GBDT_STATE_VERSION}`);
  }
  const parsed = GbdtStateSchema.safeParse(json.state);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(estimator, `state.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "does not parse"}`);
  }
  const s = parsed.data;
  const nFeatures = json.nFeatures;
  if (!Number.isInteger(nFeatures) || nFeatures < 0)
    throw invalid(estimator, "nFeatures must be a non-negative integer");
  const expectedOut = outputsFor(s.loss, nClasses ?? 1);
  if (s.nOutputs !== expectedOut)
    throw invalid(estimator, `nOutputs is ${s.nOutputs}, expected ${expectedOut}`);
  if ((s.loss === "log_loss") !== (nClasses !== undefined))
    throw invalid(estimator, `loss '${s.loss}' does not fit the task`);
  if (s.baseline.length !== s.nOutputs) throw invalid(estimator, "baseline needs one value per output");
  const nNodes = s.feature.length;
  for (const [name, a] of [
    ["threshold", s.threshold],
    ["missingLeft", s.missingLeft],
    ["left", s.left],
    ["right", s.right],
    ["value", s.value],
    ["catStart", s.catStart],
    ["gain", s.gain],
  ] as const) {
    if (a.length !== nNodes)
      throw invalid(estimator, `state.${name} has ${a.length} entries, expected ${nNodes}`);
  }
  if (s.catLevels.length !== nFeatures)
    throw invalid(estimator, "state.catLevels needs one entry per feature");
  if (s.binThresholds.length !== nFeatures)
    throw invalid(estimator, "state.binThresholds needs one entry per feature");
  const ts = s.treeStart;
  if (ts[0] !== 0 || ts[ts.length - 1] !== nNodes)
    throw invalid(estimator, "state.treeStart must run from 0 to the node count");
  if ((ts.length - 1) % s.nOutputs !== 0)
    throw invalid(estimator, "the tree count is not a multiple of nOutputs");
  for (let t = 0; t + 1 < ts.length; t++) {
    const a = ts[t]!;
    const b = ts[t + 1]!;
    if (b <= a) throw invalid(estimator, `tree ${t} has no node`);
    for (let i = a; i < b; i++) {
      const f = s.feature[i]!;
      if (f >= nFeatures) throw invalid(estimator, `node ${i} splits on feature ${f} of ${nFeatures}`);
      if (f < 0) continue;
      const l = s.left[i]!;
      const r = s.right[i]!;
      // Children come after their parent inside the same tree, so every walk ends at a leaf.
      if (l <= i || l >= b || r <= i || r >= b)
        throw invalid(estimator, `node ${i} has children outside its tree`);
      const cs = s.catStart[i]!;
      if (cs >= 0 && (cs + CAT_WORDS > s.catBits.length || s.catLevels[f] === 0)) {
        throw invalid(estimator, `node ${i} has an invalid categorical bitset`);
      }
    }
  }
  const ensemble: TreeEnsemble = {
    nOutputs: s.nOutputs,
    baseline: decodeNumbers(s.baseline),
    treeStart: Int32Array.from(ts),
    feature: Int32Array.from(s.feature),
    threshold: decodeNumbers(s.threshold),
    missingLeft: Uint8Array.from(s.missingLeft),
    left: Int32Array.from(s.left),
    right: Int32Array.from(s.right),
    value: decodeNumbers(s.value),
    catStart: Int32Array.from(s.catStart),
    catBits: Uint32Array.from(s.catBits),
    gain: decodeNumbers(s.gain),
    catLevels: Int32Array.from(s.catLevels),
  };
  return {
    ensemble,
    extras: {
      loss: s.loss,
      nIter: s.nIter,
      validationLoss: Array.from(decodeNumbers(s.validationLoss)),
      binThresholds: s.binThresholds.map((t) => decodeNumbers(t)),
    },
  };
}
