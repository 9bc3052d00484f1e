/** writeBundle: a run (its directory, or its pipeline + report + profile) → a versioned, checksummed bundle. */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { type FittedPipeline, parseFittedPipeline } from "../../loop/fitted-pipeline.js";
import { onnxBlockers, pipelineToOnnx } from "../onnx/pipeline-onnx.js";
import { alchemistVersion } from "../../core/version.js";
import { type BundleSource, readRunSource } from "./run-source.js";
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleManifest,
  ONNX_NOT_WRITTEN,
} from "./bundle-manifest.js";
import { type CardMetrics, renderModelCard } from "./model-card.js";

export interface WriteBundleOptions {
  /** Also write model.onnx when the pipeline has a faithful ONNX form (default true). */
  onnx?: boolean;
  /** Clock for createdAt (tests). */
  now?: () => Date;
}

// A report is read loosely: any field may be absent, and nothing in it is trusted beyond its type.
const ReportSchema = z
  .object({
    run_id: z.string(),
    metric: z.string(),
    cv_score: z.number().nullable(),
    test_score: z.number().nullable(),
    seconds: z.number(),
    trials: z.record(z.string(), z.number()),
    stopped_because: z.string(),
    review: z
      .object({ verdict: z.string(), findings: z.array(z.unknown()) })
      .partial()
      .nullable(),
    notes: z.array(z.string()),
  })
  .partial();

function findingText(f: unknown): string {
  if (typeof f === "string") return f;
  if (f !== null && typeof f === "object") {
    const o = f as Record<string, unknown>;
    const text = [o.title, o.message, o.detail, o.evidence].filter((v) => typeof v === "string").join(": ");
    if (text) return text;
  }
  return JSON.stringify(f);
}

function metricsOf(pipeline: FittedPipeline, report: unknown, profile: unknown): CardMetrics {
  const r = ReportSchema.safeParse(report ?? {});
  const rep = r.success ? r.data : {};
  const rows = z.object({ nRows: z.number() }).safeParse(profile);
  return {
    metric: rep.metric ?? pipeline.metric,
    cvScore: rep.cv_score ?? null,
    testScore: rep.test_score ?? null,
    trainingSeconds: rep.seconds ?? null,
    trials: rep.trials ?? null,
    stoppedBecause: rep.stopped_because ?? null,
    verdict: rep.review?.verdict ?? null,
    findings: (rep.review?.findings ?? []).map(findingText),
    notes: rep.notes ?? [],
    rows: rows.success ? rows.data.nRows : null,
  };
}

const sha256 = (b: Uint8Array | string): string => createHash("sha256").update(b).digest("hex");

/** Replaces `outDir` only if it is absent, empty or an earlier bundle: never a user's other folder. */
function checkTarget(outDir: string): void {
  if (!existsSync(outDir)) return;
  const entries = readdirSync(outDir);
  if (entries.length > 0 && !entries.includes(BUNDLE_FILES.manifest)) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `'${outDir}' exists and is not a bundle; choose another --out.`,
      {
        parameter: "out",
        path: outDir,
      },
    );
  }
}

/**
 * Writes the bundle directory `outDir`: pipeline.json, spec.json, metrics.json, model-card.md,
 * profile.json (when known), model.onnx (when faithful) and manifest.json with every file's SHA-256.
 * Files go to a temporary sibling that is renamed at the end, so a bundle is never half-written.
 */
export function writeBundle(
  source: string | BundleSource,
  outDir: string,
  options: WriteBundleOptions = {},
): BundleManifest {
  const src = readRunSource(source);
  const pipeline = parseFittedPipeline(src.pipeline);
  const target = resolve(outDir);
  checkTarget(target);
  const metrics = metricsOf(pipeline, src.report, src.profile);
  const reportRun = ReportSchema.safeParse(src.report ?? {});
  const runId = src.runId ?? (reportRun.success ? (reportRun.data.run_id ?? null) : null);

  const inputs = new Map<string, string>();
  for (const m of pipeline.members) for (const i of m.preprocessor.inputs) inputs.set(i.name, i.kind);
  const files = new Map<string, Uint8Array | string>();
  files.set(BUNDLE_FILES.pipeline, JSON.stringify(pipeline));
  files.set(
    BUNDLE_FILES.spec,
    JSON.stringify(
      pipeline.members.map((m) => ({ seq: m.seq, weight: m.weight, spec: m.spec })),
      null,
      2,
    ),
  );
  files.set(BUNDLE_FILES.metrics, JSON.stringify(metrics, null, 2));
  if (src.profile !== undefined) files.set(BUNDLE_FILES.profile, JSON.stringify(src.profile, null, 2));
  const version = alchemistVersion();
  let reasons = onnxBlockers(pipeline);
  if (options.onnx === false) reasons = [ONNX_NOT_WRITTEN];
  else if (reasons.length === 0) files.set(BUNDLE_FILES.onnx, pipelineToOnnx(pipeline, version).bytes);

  const head: Omit<BundleManifest, "files"> = {
    format: BUNDLE_FORMAT,
    bundleVersion: BUNDLE_FORMAT_VERSION,
    alchemistVersion: version,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    runId,
    task: pipeline.task,
    target: pipeline.target,
    metric: pipeline.metric,
    classes: pipeline.classes,
    inputs: [...inputs].map(([name, kind]) => ({ name, kind })),
    onnx: { file: files.has(BUNDLE_FILES.onnx) ? BUNDLE_FILES.onnx : null, reasons },
  };
  files.set(BUNDLE_FILES.card, renderModelCard(head, pipeline, metrics));
  const manifest: BundleManifest = {
    ...head,
    files: Object.fromEntries([...files].map(([name, content]) => [name, sha256(content)])),
  };

  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    for (const [name, content] of files) writeFileSync(join(tmp, name), content);
    writeFileSync(join(tmp, BUNDLE_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return manifest;
}
