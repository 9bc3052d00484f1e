/**
 * export: a finished run's final model, or one scored trial of a run refitted on all training rows →
 * a portable model bundle (pipeline, spec, metrics, model card, ONNX when faithful) or an ONNX file.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { AlchemistError } from "../core/errors.js";
import { resolveInRoots } from "./roots.js";
import { refit } from "../loop/index.js";
import { configOfRun, RunRefSchema, TrialSeqSchema, trialOf, trialsOfRun } from "./run-views.js";
import type { ToolServices } from "./tool-services.js";
import { defineTool } from "./tool-definition.js";

const ExportInputSchema = z.strictObject({
  run: RunRefSchema,
  trial: TrialSeqSchema.optional().describe(
    "Export this scored trial instead of the run's final model: its pipeline is refitted on all training rows first",
  ),
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
  trial: z.number().int().nullable().describe("The exported trial; null for the run's final model"),
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
    "Exports the final model of a finished run, or one scored trial of a run (refitted on all training rows first), as a portable bundle (fitted pipeline, spec, metrics, model card, and model.onnx when the pipeline has a faithful ONNX form) or a single ONNX file, written inside the allowed roots. A run still running, failed or cancelled has no final model yet (RUN_NOT_FINISHED); its scored trials can be exported.",
  input: ExportInputSchema,
  output: ExportOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async handler(input, { services }) {
    const store = services.memory.runs;
    const run = store.getRun(input.run);
    const artifacts = store.listArtifacts(run.id).filter((a) => existsSync(a.path));
    const pipeline = artifacts.find((a) => a.kind === "pipeline");
    if (input.trial === undefined && (run.status !== "finished" || pipeline === undefined)) {
      throw new AlchemistError(
        "RUN_NOT_FINISHED",
        `Run ${run.id} is ${run.status} and has no fitted model to export; poll run_status until it is finished, or start_run again.`,
        { run: run.id, status: run.status },
      );
    }
    const name = input.trial === undefined ? run.id : `${run.id}-trial-${input.trial}`;
    const fallback = join(services.home, "exports", input.format === "onnx" ? `${name}.onnx` : name);
    const out = resolveInRoots(
      input.out ?? fallback,
      input.out !== undefined ? services.roots : [services.home],
      "out",
    );
    // The ONNX writer pulls protobufjs: loaded on the first export only.
    const ex = await import("../export/index.js");
    const source =
      input.trial === undefined
        ? ex.readRunSource(dirname((pipeline as { path: string }).path))
        : await trialSource(services, input.run, input.trial);
    const common = {
      run_id: run.id,
      trial: input.trial ?? null,
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

/** One scored trial refitted on all training rows, as a bundle source (its CV score in the report). */
async function trialSource(services: ToolServices, runRef: string, seq: number) {
  const run = services.memory.runs.getRun(runRef);
  const trials = trialsOfRun(services.memory.runs, run.id);
  const trial = trialOf(trials, run.id, seq);
  if (trial.score === null || trial.resource < 1 || (trial.status !== "ok" && trial.status !== "recovered")) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `Trial ${seq} of run ${run.id} has no model to export (status ${trial.status}${trial.resource < 1 ? ", screened on a share of the rows" : ""}); export a scored trial (see evaluate) or the run.`,
      { parameter: "trial", value: seq, status: trial.status },
    );
  }
  const { data } = await services.data.load(configOfRun(run));
  const fitted = await refit(
    { members: [{ seq, weight: 1 }], score: trial.score, ensembled: false },
    trials,
    data,
    services.pool(),
    Number.POSITIVE_INFINITY,
  );
  const report = {
    run_id: run.id,
    trial: seq,
    task: data.task,
    metric: data.metric,
    cv_score: trial.score,
    test_score: null,
  };
  return { pipeline: fitted.pipeline, report, profile: run.profile, runId: run.id };
}
