/** Export: portable model bundles, the ONNX writer and its parity helpers, bundle predictions. */
export type { BundleManifest } from "./bundle/bundle-manifest.js";
export {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BundleManifestSchema,
} from "./bundle/bundle-manifest.js";
export type { CardMetrics } from "./bundle/model-card.js";
export { renderModelCard } from "./bundle/model-card.js";
export { predictBundle, predictFile, predictionsCsv } from "./bundle/predict-bundle.js";
export type { Bundle } from "./bundle/read-bundle.js";
export { readBundle } from "./bundle/read-bundle.js";
export type { BundleSource } from "./bundle/run-source.js";
export { readRunSource } from "./bundle/run-source.js";
export type { WriteBundleOptions } from "./bundle/write-bundle.js";
export { writeBundle } from "./bundle/write-bundle.js";
export { writeOnnx } from "./bundle/write-onnx.js";
export type { ModelExporter } from "./onnx/model-exporters.js";
export {
  ONNX_EXPORTERS,
  ONNX_NOT_EXPORTABLE,
  onnxCoverage,
  onnxSupport,
} from "./onnx/model-exporters.js";
export type { OnnxFeed } from "./onnx/onnx-feeds.js";
export { onnxFeeds } from "./onnx/onnx-feeds.js";
export type { OnnxPrediction } from "./onnx/run-onnx.js";
export { runOnnx } from "./onnx/run-onnx.js";
export { decodeModel, encodeModel } from "./onnx/onnx-proto.js";
export type { OnnxExport, OnnxInput } from "./onnx/pipeline-onnx.js";
export { onnxBlockers, pipelineToOnnx } from "./onnx/pipeline-onnx.js";
export { alchemistVersion } from "../core/version.js";
