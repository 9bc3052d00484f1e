/** Where a bundle or an ONNX file comes from: a finished run's directory, or its parts in memory. */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { AlchemistError } from "../../core/errors.js";

/** What a bundle is made from when there is no run directory to read. */
export interface BundleSource {
  /** The fitted pipeline (pipeline.json of a run), validated by the writer. */
  pipeline: unknown;
  /** The run's report (report.json / RunResult): scores, timing, diagnostics. */
  report?: unknown;
  /** The training data's profile. */
  profile?: unknown;
  runId?: string | null;
}

function readJsonFile(path: string, required: boolean): unknown {
  if (!existsSync(path)) {
    if (!required) return undefined;
    throw new AlchemistError(
      "FILE_NOT_FOUND",
      `No ${basename(path)} in '${dirname(path)}': is it a finished run's directory?`,
      {
        path,
      },
    );
  }
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new AlchemistError("MALFORMED_JSON", `'${path}' is not valid JSON: ${(e as Error).message}`, {
      path,
    });
  }
}

/** A run directory (pipeline.json required; report.json and profile.json when present) or the parts as given. */
export function readRunSource(source: string | BundleSource): BundleSource {
  if (typeof source !== "string") return source;
  const dir = resolve(source);
  return {
    pipeline: readJsonFile(join(dir, "pipeline.json"), true),
    report: readJsonFile(join(dir, "report.json"), false),
    profile: readJsonFile(join(dir, "profile.json"), false),
  };
}
