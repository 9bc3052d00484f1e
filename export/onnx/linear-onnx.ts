/** Linear models (every link of trainers/linear) as MatMul + Add and their link, in double precision. */
import { z } from "zod";
import type { ModelJSON } from "../../trainers/estimator.js";
import { attr } from "./graph-builder.js";
import {
  type ExportContext,
  type MemberOutput,
  oneHotRows,
  placeColumns,
  repeatRow,
  sigmoid,
  twoClassProba,
} from "./onnx-helpers.js";
import { decodeJsonFloats, JsonFloatsSchema } from "./state-floats.js";

const LinearStateSchema = z.object({
  link: z.enum(["identity", "argmax", "softmax", "ovr_sigmoid", "ovr_huber"]),
  coef: JsonFloatsSchema,
  intercept: JsonFloatsSchema,
  classes: z.array(z.number().int().min(0)).optional(),
});

/** One-vs-rest score of a decision (sigmoid, or the modified-Huber ramp). */
function ovrScore(ctx: ExportContext, link: string, d: string): string {
  const { g } = ctx;
  if (link !== "ovr_huber") return sigmoid(g, d);
  const clipped = g.op("Min", [g.op("Max", [d, g.constDouble([-1], [])]), g.constDouble([1], [])]);
  return g.op("Div", [g.op("Add", [clipped, g.constDouble([1], [])]), g.constDouble([2], [])]);
}

/** Exports a model whose JSON was made by trainers/linear `linearModel` (validated by its estimator first). */
export function exportLinear(ctx: ExportContext, model: ModelJSON): MemberOutput {
  const { g, X } = ctx;
  const s = LinearStateSchema.parse(model.state);
  const F = model.nFeatures;
  const coef = decodeJsonFloats(s.coef);
  const intercept = decodeJsonFloats(s.intercept);
  const nOut = intercept.length;
  // coef is nOut × F row-major; MatMul wants F × nOut.
  const wT = new Float64Array(F * nOut);
  for (let k = 0; k < nOut; k++) for (let j = 0; j < F; j++) wT[j * nOut + k] = coef[k * F + j] as number;
  const dec =
    nOut === 0
      ? ""
      : g.op("Add", [
          g.op("MatMul", [X, g.constDouble(wT, [F, nOut], "coef")]),
          g.constDouble(intercept, [nOut], "intercept"),
        ]);
  if (s.link === "identity") return { values: g.op("Reshape", [dec, g.constInt64([-1], [1])]) };
  const K = model.nClasses as number;
  const classes = s.classes ?? [];
  if (nOut === 0) {
    const row = new Float64Array(K);
    row[classes[0] ?? 0] = 1;
    return { proba: repeatRow(g, row, ctx.N) };
  }
  if (nOut === 1) {
    let p1: string;
    if (s.link === "argmax")
      p1 = g.op("Cast", [g.op("Greater", [dec, g.constDouble([0], [])])], { to: attr.int(11) });
    else if (s.link === "softmax") p1 = sigmoid(g, dec);
    else p1 = ovrScore(ctx, s.link, dec);
    return { proba: placeColumns(g, twoClassProba(g, p1), classes, K) };
  }
  if (s.link === "argmax") {
    const idx = g.op("ArgMax", [dec], { axis: attr.int(1), keepdims: attr.int(0) });
    const rows = oneHotRows(g, idx, nOut);
    return { proba: placeColumns(g, rows, classes, K) };
  }
  if (s.link === "softmax")
    return { proba: placeColumns(g, g.op("Softmax", [dec], { axis: attr.int(1) }), classes, K) };
  const S = ovrScore(ctx, s.link, dec);
  const sum = g.op("ReduceSum", [S, g.constInt64([1], [1])], { keepdims: attr.int(1) });
  const normalised = g.op("Where", [
    g.op("Greater", [sum, g.constDouble([0], [])]),
    g.op("Div", [S, sum]),
    g.constDouble([1 / nOut], []),
  ]);
  return { proba: placeColumns(g, normalised, classes, K) };
}
