/** writeOnnx: a run's pipeline → one `.onnx` file, or ONNX_UNSUPPORTED saying why there is none. */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseFittedPipeline } from "../../loop/fitted-pipeline.js";
import { type OnnxExport, pipelineToOnnx } from "../onnx/pipeline-onnx.js";
import { alchemistVersion } from "../../core/version.js";
import { type BundleSource, readRunSource } from "./run-source.js";

/** Writes `outPath` (atomically) and returns what the model expects and gives. */
export function writeOnnx(source: string | BundleSource, outPath: string): OnnxExport {
  const pipeline = parseFittedPipeline(readRunSource(source).pipeline);
  const exported = pipelineToOnnx(pipeline, alchemistVersion());
  const target = resolve(outPath);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  writeFileSync(tmp, exported.bytes);
  renameSync(tmp, target);
  return exported;
}
