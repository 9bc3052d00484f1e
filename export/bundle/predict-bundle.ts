/** Predictions from a bundle: the library call behind `alchemist predict`, and its CSV. */
import type { Frame } from "../../data/frame.js";
import { readTable } from "../../data/index.js";
import { type PipelinePrediction, predictPipeline } from "../../loop/fitted-pipeline.js";
import { type Bundle, readBundle } from "./read-bundle.js";

function csvField(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Predicts the rows of `frame` with a bundle (directory or already read). */
export function predictBundle(bundle: string | Bundle, frame: Frame): PipelinePrediction {
  const b = typeof bundle === "string" ? readBundle(bundle) : bundle;
  return predictPipeline(b.pipeline, frame);
}

/**
 * The columns of `alchemist run --predictions`: `prediction` (class label or value) and, with
 * `proba` on a classifier, `proba_<class>` per class.
 */
export function predictionsCsv(
  classes: readonly string[] | null,
  prediction: PipelinePrediction,
  proba: boolean,
): string {
  const withProba = proba && classes !== null && prediction.proba !== undefined;
  const header = ["prediction", ...(withProba && classes !== null ? classes.map((c) => `proba_${c}`) : [])];
  const lines = [header.map(csvField).join(",")];
  const K = classes?.length ?? 0;
  const n = prediction.values.length;
  for (let i = 0; i < n; i++) {
    const v = prediction.values[i] as number;
    const row: (string | number)[] = [classes !== null ? (classes[v] as string) : v];
    if (withProba && prediction.proba !== undefined)
      for (let k = 0; k < K; k++) row.push(prediction.proba[i * K + k] as number);
    lines.push(row.map(csvField).join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** Reads a table (CSV, JSON, Parquet, Arrow) and returns the predictions CSV text. */
export async function predictFile(
  bundleDir: string,
  dataPath: string,
  options: { proba?: boolean } = {},
): Promise<string> {
  const b = readBundle(bundleDir);
  const { frame } = await readTable(dataPath);
  return predictionsCsv(b.pipeline.classes, predictPipeline(b.pipeline, frame), options.proba === true);
}
