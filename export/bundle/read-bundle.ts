/** readBundle: loads a bundle after checking its format version and every file's SHA-256. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { AlchemistError } from "../../core/errors.js";
import { getEstimator } from "../../trainers/registry.js";
import type { ModelJSON } from "../../trainers/estimator.js";
import { type FittedPipeline, parseFittedPipeline } from "../../loop/fitted-pipeline.js";
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleManifest,
  BundleManifestSchema,
} from "./bundle-manifest.js";

export interface Bundle {
  readonly dir: string;
  readonly manifest: BundleManifest;
  readonly pipeline: FittedPipeline;
}

function invalid(message: string, path: string): AlchemistError {
  return new AlchemistError("BUNDLE_INVALID", message, { path });
}

/**
 * Reads and verifies `dir`. BUNDLE_INCOMPATIBLE when another bundle format version wrote it;
 * BUNDLE_INVALID naming the file when one is missing, altered (checksum) or does not validate.
 * Models are rebuilt once here, so a state version this build cannot read fails now, not mid-predict.
 */
export function readBundle(dir: string): Bundle {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new AlchemistError("FILE_NOT_FOUND", `No bundle directory at '${dir}'.`, { path: dir });
  const manifestPath = join(root, BUNDLE_FILES.manifest);
  if (!existsSync(manifestPath))
    throw invalid(`'${dir}' has no ${BUNDLE_FILES.manifest}: not an Alchemist bundle.`, manifestPath);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch (e) {
    throw invalid(`${BUNDLE_FILES.manifest} is not valid JSON: ${(e as Error).message}`, manifestPath);
  }
  const head = raw as { format?: unknown; bundleVersion?: unknown; alchemistVersion?: unknown };
  if (head?.format !== BUNDLE_FORMAT)
    throw invalid(`${BUNDLE_FILES.manifest} is not an Alchemist bundle manifest.`, manifestPath);
  if (head.bundleVersion !== BUNDLE_FORMAT_VERSION) {
    throw new AlchemistError(
      "BUNDLE_INCOMPATIBLE",
      `This bundle has format version ${String(head.bundleVersion)} (written by Alchemist ${String(head.alchemistVersion)}); this Alchemist reads version ${BUNDLE_FORMAT_VERSION}. Re-export it with a matching version.`,
      { path: manifestPath, found: head.bundleVersion, expected: BUNDLE_FORMAT_VERSION },
    );
  }
  const parsed = BundleManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(
      `${BUNDLE_FILES.manifest}: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}.`,
      manifestPath,
    );
  }
  const manifest = parsed.data;
  for (const required of [BUNDLE_FILES.pipeline, BUNDLE_FILES.card, BUNDLE_FILES.metrics]) {
    if (manifest.files[required] === undefined)
      throw invalid(`The manifest does not list ${required}.`, join(root, required));
  }
  for (const [name, expected] of Object.entries(manifest.files)) {
    const path = join(root, name);
    if (name.includes("/") || name.includes("\\") || name.startsWith("."))
      throw invalid(`The manifest lists a file outside the bundle: '${name}'.`, path);
    if (!existsSync(path)) throw invalid(`The bundle lacks ${name}, which its manifest lists.`, path);
    const actual = createHash("sha256").update(readFileSync(path)).digest("hex");
    if (actual !== expected)
      throw invalid(`${name} does not match its checksum: the bundle is corrupted or was edited.`, path);
  }
  let pipelineJson: unknown;
  try {
    pipelineJson = JSON.parse(readFileSync(join(root, BUNDLE_FILES.pipeline), "utf8"));
  } catch (e) {
    throw invalid(
      `${BUNDLE_FILES.pipeline} is not valid JSON: ${(e as Error).message}`,
      join(root, BUNDLE_FILES.pipeline),
    );
  }
  const pipeline = parseFittedPipeline(pipelineJson);
  for (const m of pipeline.members) getEstimator(m.model.estimator).fromJSON(m.model as ModelJSON);
  return { dir: root, manifest, pipeline };
}
