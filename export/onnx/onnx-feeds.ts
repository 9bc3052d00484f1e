/** Raw frame columns → the ONNX model's inputs (`[N, 1]` double or string), the way the export expects them. */
import { AlchemistError } from "../../core/errors.js";
import { BOOL_MISSING, type Frame, getColumn } from "../../data/frame.js";
import type { OnnxInput } from "./pipeline-onnx.js";

/** One input tensor as plain data (wrap it in `new ort.Tensor(type, data, dims)`). */
export type OnnxFeed =
  | { type: "float64"; data: Float64Array; dims: [number, 1] }
  | { type: "string"; data: string[]; dims: [number, 1] };

/**
 * The feeds of `inputs` from a frame: numbers (booleans as 0/1) with NaN for missing, category and
 * text levels as strings with "" for missing. A missing column → COLUMN_NOT_FOUND (from getColumn).
 */
export function onnxFeeds(frame: Frame, inputs: readonly OnnxInput[]): Record<string, OnnxFeed> {
  const n = frame.nRows;
  const out: Record<string, OnnxFeed> = {};
  for (const inp of inputs) {
    const c = getColumn(frame, inp.name);
    if (inp.type === "double") {
      if (c.kind === "numeric")
        out[inp.name] = { type: "float64", data: Float64Array.from(c.values), dims: [n, 1] };
      else if (c.kind === "boolean") {
        const data = new Float64Array(n);
        for (let i = 0; i < n; i++)
          data[i] = c.values[i] === BOOL_MISSING ? Number.NaN : (c.values[i] as number);
        out[inp.name] = { type: "float64", data, dims: [n, 1] };
      } else {
        throw new AlchemistError(
          "INVALID_COLUMN_TYPE",
          `Column '${inp.name}' is ${c.kind}; the model reads numbers.`,
          {
            column: inp.name,
          },
        );
      }
    } else {
      if (c.kind !== "categorical" && c.kind !== "text") {
        throw new AlchemistError(
          "INVALID_COLUMN_TYPE",
          `Column '${inp.name}' is ${c.kind}; the model reads strings.`,
          {
            column: inp.name,
          },
        );
      }
      const data = Array.from(c.codes, (k) => (k < 0 ? "" : (c.levels[k] as string)));
      out[inp.name] = { type: "string", data, dims: [n, 1] };
    }
  }
  return out;
}
