/** The bundle manifest: format version, provenance, the files with their SHA-256, and the ONNX verdict. */
import { z } from "zod";

/** Bumped when the bundle layout changes; readers refuse other versions (BUNDLE_INCOMPATIBLE). */
export const BUNDLE_FORMAT_VERSION = 1;
export const BUNDLE_FORMAT = "alchemist-bundle";

export const BundleManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  bundleVersion: z.number().int().describe("layout version of the bundle"),
  alchemistVersion: z.string().describe("Alchemist version that wrote the bundle"),
  createdAt: z.string().describe("ISO 8601 time of writing"),
  runId: z.string().nullable(),
  task: z.string(),
  target: z.string(),
  metric: z.string(),
  classes: z.array(z.string()).nullable(),
  /** Raw columns predictions need, with the kind they must have. */
  inputs: z.array(z.object({ name: z.string(), kind: z.string() })),
  /** Relative path → lowercase hex SHA-256 of every file but the manifest. */
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
  onnx: z.object({
    file: z.string().nullable().describe("model.onnx when the pipeline has a faithful ONNX form"),
    reasons: z.array(z.string()).describe("why there is no ONNX file (empty when there is one)"),
  }),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

/** File names inside a bundle. */
export const BUNDLE_FILES = {
  manifest: "manifest.json",
  pipeline: "pipeline.json",
  spec: "spec.json",
  profile: "profile.json",
  metrics: "metrics.json",
  card: "model-card.md",
  onnx: "model.onnx",
} as const;

/** The ONNX reason of a bundle written without ONNX on purpose (the end of a run): not a missing form. */
export const ONNX_NOT_WRITTEN = "not written with this bundle: run `alchemist export --format onnx`";
