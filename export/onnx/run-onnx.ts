/** Runs an exported model in onnxruntime-node (an optional dependency, imported only when called). */
import { AlchemistError } from "../../core/errors.js";
import type { Frame } from "../../data/frame.js";
import { onnxFeeds } from "./onnx-feeds.js";
import type { OnnxInput } from "./pipeline-onnx.js";

/** What the model gave: labels and probabilities (classification) or values (regression). */
export interface OnnxPrediction {
  label?: string[];
  probabilities?: Float64Array;
  prediction?: Float64Array;
}

/**
 * Feeds the raw columns of `frame` to the model and returns its outputs (single-threaded, so
 * results do not depend on the machine). Needs the `onnxruntime-node` package.
 */
export async function runOnnx(
  bytes: Uint8Array,
  inputs: readonly OnnxInput[],
  frame: Frame,
): Promise<OnnxPrediction> {
  let ort: typeof import("onnxruntime-node");
  try {
    ort = await import("onnxruntime-node");
  } catch (e) {
    throw new AlchemistError("INVALID_ARGUMENT", "Running ONNX models needs the onnxruntime-node package.", {
      parameter: "onnxruntime-node",
      cause: (e as Error).message,
    });
  }
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
    for (const [name, f] of Object.entries(onnxFeeds(frame, inputs)))
      feeds[name] =
        f.type === "string"
          ? new ort.Tensor("string", f.data, f.dims)
          : new ort.Tensor("float64", f.data, f.dims);
    const r = await session.run(feeds);
    const out: OnnxPrediction = {};
    if (r.label !== undefined) out.label = Array.from(r.label.data as string[]);
    if (r.probabilities !== undefined)
      out.probabilities = Float64Array.from(r.probabilities.data as Float64Array);
    if (r.prediction !== undefined) out.prediction = Float64Array.from(r.prediction.data as Float64Array);
    return out;
  } finally {
    await session.release();
  }
}
