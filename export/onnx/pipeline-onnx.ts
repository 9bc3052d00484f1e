/** A whole fitted pipeline (members, preprocessing, blend) as one ONNX model fed raw columns. */
import { AlchemistError } from "../../core/errors.js";
import type { FittedPipeline } from "../../loop/fitted-pipeline.js";
import type { ModelJSON } from "../../trainers/estimator.js";
import { attr, GraphBuilder } from "./graph-builder.js";
import { exporterFor, onnxSupport } from "./model-exporters.js";
import { DataType, encodeModel } from "./onnx-proto.js";
import { type MemberOutput, rowCount } from "./onnx-helpers.js";
import { exportPreprocessor } from "./preprocess-onnx.js";

/** One graph input: a raw column, `[N, 1]`; missing numbers are NaN, missing strings are "". */
export interface OnnxInput {
  name: string;
  type: "double" | "string";
}

export interface OnnxExport {
  bytes: Uint8Array;
  inputs: OnnxInput[];
  /** `label` (string `[N]`) and `probabilities` (double `[N, K]`), or `prediction` (double `[N]`). */
  outputs: string[];
}

const UNSUPPORTED_STEPS = new Set(["target", "datetime_features", "text_hash", "text_tfidf"]);

/** Why a pipeline has no faithful ONNX form (empty when it has one). */
export function onnxBlockers(pipeline: FittedPipeline): string[] {
  const out: string[] = [];
  for (const m of pipeline.members) {
    const s = onnxSupport(m.model.estimator);
    if (!s.exportable) out.push(`${m.model.estimator}: ${s.reason}`);
    for (const st of m.preprocessor.fitted)
      if (UNSUPPORTED_STEPS.has(st.type)) out.push(`preprocessing step '${st.type}' has no ONNX export`);
    for (const inp of m.preprocessor.inputs)
      if (inp.kind === "datetime") out.push(`datetime column '${inp.name}' has no ONNX export`);
  }
  return [...new Set(out)];
}

/** The raw columns every member reads, in first-seen order. */
function graphInputs(pipeline: FittedPipeline): OnnxInput[] {
  const seen = new Map<string, OnnxInput>();
  for (const m of pipeline.members) {
    for (const inp of m.preprocessor.inputs) {
      const type = inp.kind === "numeric" ? "double" : "string";
      const prev = seen.get(inp.name);
      if (prev !== undefined && prev.type !== type)
        throw new AlchemistError(
          "ONNX_UNSUPPORTED",
          `Members read column '${inp.name}' as different types.`,
          {
            column: inp.name,
          },
        );
      seen.set(inp.name, { name: inp.name, type });
    }
  }
  return [...seen.values()];
}

/**
 * Exports the pipeline (ONNX_UNSUPPORTED naming the first member or step without a faithful form).
 * The blend repeats the native arithmetic: `Σ (w / Σw) · output`, labels by the first largest probability.
 */
export function pipelineToOnnx(pipeline: FittedPipeline, producerVersion: string): OnnxExport {
  const blockers = onnxBlockers(pipeline);
  if (blockers.length > 0)
    throw new AlchemistError(
      "ONNX_UNSUPPORTED",
      `This pipeline has no faithful ONNX form: ${blockers.join("; ")}.`,
      {
        reasons: blockers,
      },
    );
  const g = new GraphBuilder();
  const inputs = graphInputs(pipeline);
  const numeric = new Map<string, string>();
  const strings = new Map<string, string>();
  for (const inp of inputs) {
    if (inp.type === "double") numeric.set(inp.name, g.input(inp.name, DataType.DOUBLE, ["N", 1]));
    else strings.set(inp.name, g.input(inp.name, DataType.STRING, ["N", 1]));
  }
  const first = inputs[0];
  if (first === undefined)
    throw new AlchemistError("ONNX_UNSUPPORTED", "A pipeline that reads no column has no ONNX form.", {});
  const N = rowCount(g, first.name);
  const K = pipeline.classes?.length ?? null;
  let total = 0;
  for (const m of pipeline.members) total += m.weight;
  let blended: string | undefined;
  for (const m of pipeline.members) {
    const X = exportPreprocessor(g, m.preprocessor, { numeric, strings });
    const model = m.model as ModelJSON;
    const out: MemberOutput = exporterFor(model)({ g, X, N }, model);
    const t = "proba" in out ? out.proba : out.values;
    if ((K !== null) !== "proba" in out)
      throw new AlchemistError("INTERNAL", `${model.estimator} gave the wrong kind of ONNX output.`, {});
    const w = m.weight / total;
    const term = w === 1 ? t : g.op("Mul", [t, g.constDouble([w], [])]);
    blended = blended === undefined ? term : g.op("Add", [blended, term]);
  }
  const outT = blended as string;
  if (K !== null) {
    const idx = g.op("ArgMax", [outT], { axis: attr.int(1), keepdims: attr.int(0) });
    const labels = g.op("Gather", [g.constString(pipeline.classes as string[], [K]), idx], {
      axis: attr.int(0),
    });
    g.output("label", labels, DataType.STRING, ["N"], "predicted class label");
    g.output(
      "probabilities",
      outT,
      DataType.DOUBLE,
      ["N", K],
      `class probabilities, columns in the order of metadata 'classes'`,
    );
  } else {
    g.output("prediction", outT, DataType.DOUBLE, ["N"], "predicted value");
  }
  const model = g.toModel({
    producerVersion,
    doc: `Alchemist ${pipeline.task} pipeline predicting '${pipeline.target}' (${pipeline.members.length} member(s)).`,
    metadata: {
      "alchemist.task": pipeline.task,
      "alchemist.target": pipeline.target,
      "alchemist.classes": JSON.stringify(pipeline.classes),
      "alchemist.inputs": JSON.stringify(inputs),
      "alchemist.missing": "numeric NaN, string ''",
    },
  });
  return {
    bytes: encodeModel(model),
    inputs,
    outputs: K !== null ? ["label", "probabilities"] : ["prediction"],
  };
}
