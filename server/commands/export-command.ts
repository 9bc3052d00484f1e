/** `alchemist export <run dir | run id> --format bundle|onnx --out <path>`: a portable model from a finished run. */
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { AlchemistError } from "../../core/errors.js";
import { readRunSource, writeBundle, writeOnnx } from "../../export/index.js";
import type { CommandIO } from "./command-io.js";
import { openCommandMemory } from "./command-memory.js";

export const EXPORT_USAGE = `Usage: alchemist export <run dir | run id> --out <path> [options]

Exports a finished run's fitted pipeline.

  bundle   a versioned directory: pipeline, spec, profile, metrics, model card, model.onnx when
           the pipeline has a faithful ONNX form, and a manifest with every file's SHA-256
           (read it with 'alchemist predict <bundle> <csv>')
  onnx     one .onnx file fed raw columns (numbers as double, NaN missing; strings, "" missing);
           refused with ONNX_UNSUPPORTED when a member or step has no faithful form

Options:
  --format <f>     bundle | onnx (default bundle)
  --out <path>     bundle directory or .onnx file (required)
  --memory <file>  memory store used to find a run id (default $ALCHEMIST_HOME/memory.db)
  --json           print exactly one JSON object on stdout
`;

/** A directory holding pipeline.json is used as is; anything else is looked up as a run id. */
function runSource(
  ref: string,
  memoryPath: string | undefined,
): { dir: string; runId: string | null; profile?: unknown } {
  const asDir = resolve(ref);
  if (existsSync(asDir) && statSync(asDir).isDirectory()) {
    if (!existsSync(join(asDir, "pipeline.json")))
      throw new AlchemistError(
        "FILE_NOT_FOUND",
        `'${ref}' has no pipeline.json: is it a finished run's directory?`,
        {
          path: asDir,
        },
      );
    return { dir: asDir, runId: null };
  }
  const memory = openCommandMemory(memoryPath);
  try {
    const run = memory.runs.getRun(ref);
    const pipeline = memory.runs.listArtifacts(run.id).find((a) => a.kind === "pipeline");
    if (pipeline === undefined)
      throw new AlchemistError(
        "FILE_NOT_FOUND",
        `Run ${run.id} has no fitted pipeline yet (is it finished?).`,
        {
          run: run.id,
        },
      );
    return { dir: dirname(pipeline.path), runId: run.id, profile: run.profile ?? undefined };
  } finally {
    memory.close();
  }
}

export async function exportCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "bundle" },
      out: { type: "string" },
      memory: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(EXPORT_USAGE);
    return 0;
  }
  const ref = positionals[0];
  if (ref === undefined)
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      "Give the run: alchemist export <run dir | run id> --out <path>.",
      {
        parameter: "run",
      },
    );
  if (values.out === undefined)
    throw new AlchemistError("INVALID_ARGUMENT", "Give --out <path> (the bundle directory or .onnx file).", {
      parameter: "out",
    });
  const format = values.format;
  if (format !== "bundle" && format !== "onnx")
    throw new AlchemistError("INVALID_ARGUMENT", `Unknown --format '${format}'; use bundle or onnx.`, {
      parameter: "format",
      allowed: ["bundle", "onnx"],
    });
  const src = runSource(ref, values.memory);
  const out = resolve(values.out);
  if (format === "onnx") {
    const r = writeOnnx(src.dir, out);
    io.stdout(
      values.json
        ? `${JSON.stringify({ format, path: out, bytes: r.bytes.length, inputs: r.inputs, outputs: r.outputs })}\n`
        : `ONNX model written to ${out} (${r.inputs.length} inputs; outputs ${r.outputs.join(", ")}).\n`,
    );
    return 0;
  }
  const parts = readRunSource(src.dir);
  const manifest = writeBundle(
    {
      ...parts,
      ...(parts.profile === undefined && src.profile !== undefined ? { profile: src.profile } : {}),
      ...(src.runId !== null ? { runId: src.runId } : {}),
    },
    out,
  );
  io.stdout(
    values.json
      ? `${JSON.stringify({ format, path: out, manifest })}\n`
      : `Bundle written to ${out}${manifest.onnx.file ? " (with model.onnx)" : `; no ONNX: ${manifest.onnx.reasons.join("; ")}`}.\n`,
  );
  return 0;
}
