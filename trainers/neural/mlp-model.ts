/** Fitted perceptrons: batched prediction over a FeatureMatrix, and the serialised state both MLPs share. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import type { ModelJSON } from "../estimator.js";
import { decodeFloats, encodeFloats, FloatArraySchema } from "./float-codec.js";
import { createWorkspace, forwardBatch } from "./mlp-forward.js";
import { type Activation, createLayout, type MlpLayout, type OutputKind } from "./mlp-layout.js";

/** Bumped when the MLP state layout changes. */
export const MLP_STATE_VERSION = 1;

/** Rows pushed through the network at once when predicting. */
const PREDICT_BATCH = 256;

/** Row-major `n × k` network outputs for the rows of X (read straight from its columns). */
export function networkOutputs(
  layout: MlpLayout,
  w: Float64Array,
  activation: Activation,
  output: OutputKind,
  X: FeatureMatrix,
): Float64Array {
  const { nRows: n, nCols: d, data } = X;
  const k = layout.sizes[layout.nLayers] as number;
  const bs = Math.max(1, Math.min(PREDICT_BATCH, n));
  const ws = createWorkspace(layout, bs, false);
  const inp = ws.acts[0] as Float64Array;
  const res = ws.acts[layout.nLayers] as Float64Array;
  const out = new Float64Array(n * k);
  for (let start = 0; start < n; start += bs) {
    const bn = Math.min(bs, n - start);
    for (let j = 0; j < d; j++) {
      const col = j * n + start;
      for (let b = 0; b < bn; b++) inp[b * d + j] = data[col + b] as number;
    }
    forwardBatch(layout, w, activation, output, ws, bn);
    out.set(res.subarray(0, bn * k), start * k);
  }
  return out;
}

/** What both MLPs serialise: layer sizes, the flat weights, training summary, target scaling. */
export interface MlpState {
  readonly layout: MlpLayout;
  readonly weights: Float64Array;
  readonly epochs: number;
  readonly loss: number;
  /** Regression: predictions are `output · targetScale + targetShift`. */
  readonly targetShift: number;
  readonly targetScale: number;
}

export function mlpStateJSON(s: MlpState): Record<string, unknown> {
  return {
    sizes: [...s.layout.sizes],
    weights: encodeFloats(s.weights),
    epochs: s.epochs,
    loss: encodeFloats([s.loss])[0],
    targetShift: s.targetShift,
    targetScale: s.targetScale,
  };
}

const StateSchema = z.object({
  sizes: z.array(z.number().int().min(1)).min(2),
  weights: FloatArraySchema,
  epochs: z.number().int().min(0),
  loss: z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"])]),
  targetShift: z.number(),
  targetScale: z.number(),
});

const EnvelopeSchema = z.object({
  estimator: z.string(),
  version: z.number(),
  params: z.record(z.string(), z.unknown()),
  nFeatures: z.number().int().min(0),
  nClasses: z.number().int().min(2).optional(),
  state: StateSchema,
});

function invalid(estimator: string, what: string): AlchemistError {
  return new AlchemistError("INVALID_MODEL_STATE", `${estimator}: cannot rebuild the model: ${what}.`, {
    estimator,
  });
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`;
}

/**
 * Validates a serialised MLP (INVALID_MODEL_STATE naming what is wrong): envelope, params, and layer
 * sizes that agree with nFeatures, the `outputs` expected and the weight count.
 */
export function parseMlpJSON<P extends z.ZodObject>(
  json: ModelJSON,
  estimator: string,
  paramsSchema: P,
  classifier: boolean,
  outputsFor: (nClasses: number | undefined) => number,
): { params: z.output<P>; nFeatures: number; nClasses: number | undefined; state: MlpState } {
  const env = EnvelopeSchema.safeParse(json);
  if (!env.success) throw invalid(estimator, issueText(env.error));
  const j = env.data;
  if (j.estimator !== estimator) throw invalid(estimator, `it was saved by '${j.estimator}'`);
  if (j.version !== MLP_STATE_VERSION)
    throw invalid(estimator, `state version ${j.version}, expected ${MLP_STATE_VERSION}`);
  const params = paramsSchema.safeParse(j.params);
  if (!params.success) throw invalid(estimator, `params ${issueText(params.error)}`);
  if (classifier && j.nClasses === undefined) throw invalid(estimator, "nClasses is missing");
  if (!classifier && j.nClasses !== undefined) throw invalid(estimator, "a regressor has no nClasses");
  const s = j.state;
  if (s.sizes[0] !== j.nFeatures)
    throw invalid(estimator, `state.sizes starts with ${s.sizes[0]}, expected ${j.nFeatures} inputs`);
  const nOut = outputsFor(j.nClasses);
  if (s.sizes[s.sizes.length - 1] !== nOut)
    throw invalid(
      estimator,
      `state.sizes ends with ${s.sizes[s.sizes.length - 1]}, expected ${nOut} outputs`,
    );
  const layout = createLayout(s.sizes);
  if (s.weights.length !== layout.nParams) {
    throw invalid(estimator, `state.weights has ${s.weights.length} values, expected ${layout.nParams}`);
  }
  const loss = decodeFloats([s.loss])[0] as number;
  return {
    params: params.data,
    nFeatures: j.nFeatures,
    nClasses: j.nClasses,
    state: {
      layout,
      weights: decodeFloats(s.weights),
      epochs: s.epochs,
      loss,
      targetShift: s.targetShift,
      targetScale: s.targetScale,
    },
  };
}
