/** export: a finished run → a portable model bundle (pipeline, spec, metrics, model card, ONNX when faithful) or an ONNX file. */
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { AlchemistError } from "../core/errors.js";
import { resolveInRoots } from "./roots.js";
import { RunRefSchema } from "./run-views.js";
import { defineTool } from "./tool-definition.js";

const ExportInputSchema = z.strictObject({
  run: RunRefSchema,
  format: z
    .enum(["bundle", "onnx"])
    .default("bundle")
    .describe(
      "bundle: a folder with the fitted pipeline, manifest, metrics, model card (and model.onnx when faithful); onnx: one .onnx file",
    ),
  out: z
    .string()
    .min(1)
    .optional()
    .describe("Where to write (inside the allowed roots); default <home>/exports/<run id>[.onnx]"),
});

const ExportOutputSchema = z.object({
  run_id: z.string(),
  format: z.enum(["bundle", "onnx"]),
  path: z.string().describe("The bundle folder or the .onnx file written"),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int() })),
  manifest: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe("The bundle manifest (task, target, inputs, hashes, onnx)"),
  onnx: z.object({ inputs: z.array(z.string()), outputs: z.array(z.string()) }).nullable(),
  artifacts: z
    .array(z.object({ kind: z.string(), path: z.string(), uri: z.string() }))
    .describe("The run's own artifacts (report, leaderboard, predictions) as alchemist:// resources"),
});

export const exportTool = defineTool({
  name: "export",
  title: "Export a run's model",
  description:
    "Exports the final model of a finished run: a portable bundle (fitted pipeline, spec, metrics, model card, and model.onnx when the pipeline has a faithful ONNX form) or a single ONNX file, written inside the allowed roots. A run still running, failed or cancelled has no model yet (RUN_NOT_FINISHED).",
  input: ExportInputSchema,
  output: ExportOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async handler(input, { services }) {
    const store = services.memory.runs;
    const run = store.getRun(input.run);
    const artifacts = store.listArtifacts(run.id).filter((a) => existsSync(a.path));
    const pipeline = artifacts.find((a) => a.kind === "pipeline");
    if (run.status !== "finished" || pipeline === undefined) {
      throw new AlchemistError(
        "RUN_NOT_FINISHED",
        `Run ${run.id} is ${run.status} and has no fitted model to export; poll run_status until it is finished, or start_run again.`,
        { run: run.id, status: run.status },
      );
    }
    const fallback = join(services.home, "exports", input.format === "onnx" ? `${run.id}.onnx` : run.id);
    const out = resolveInRoots(
      input.out ?? fallback,
      input.out !== undefined ? services.roots : [services.home],
      "out",
    );
    // The ONNX writer pulls protobufjs: loaded on the first export only.
    const ex = await import("../export/index.js");
    const source = ex.readRunSource(dirname(pipeline.path));
    const common = {
      run_id: run.id,
      format: input.format,
      path: out,
      artifacts: artifacts.map((a) => ({
        kind: a.kind,
        path: a.path,
        uri: `alchemist://runs/${run.id}/artifacts/${a.kind}`,
      })),
    };
    if (input.format === "onnx") {
      const r = ex.writeOnnx(source, out);
      return {
        ...common,
        files: [{ name: out, bytes: statSync(out).size }],
        manifest: null,
        onnx: {
          inputs: r.inputs.map((i) => (typeof i === "string" ? i : String((i as { name?: unknown }).name))),
          outputs: [...r.outputs],
        },
      };
    }
    const manifest = ex.writeBundle(
      { ...source, ...(source.profile === undefined ? { profile: run.profile } : {}), runId: run.id },
      out,
    );
    const names = ["manifest.json", ...Object.keys(manifest.files)];
    return {
      ...common,
      files: names
        .filter((n) => existsSync(join(out, n)))
        .map((n) => ({ name: n, bytes: statSync(join(out, n)).size })),
      manifest: JSON.parse(JSON.stringify(manifest)) as Record<string, unknown>,
      onnx: null,
    };
  },
});
