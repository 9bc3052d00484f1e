/**
 * The run's files: report (Markdown and JSON), leaderboard CSV, fitted pipeline JSON and, when asked,
 * test predictions. Each is written to a temporary name and renamed, so none is ever half-written.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { log } from "../core/log.js";
import type { RefitResult } from "./finish.js";
import type { RunConfig } from "./run-config.js";
import type { RunData } from "./run-data.js";
import { renderReport } from "./render-report.js";
import type { RunResult } from "./run-result.js";

/** Writes `content` to a temporary name beside `path`, then renames it: never a half-written file. */
export function writeAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

export function csvField(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One row per test row, in order: `prediction` (the class label or value) and `proba_<level>` per class. */
export function predictionsCsv(data: RunData, test: NonNullable<RefitResult["test"]>): string {
  const classes = data.classes;
  const header = [
    "prediction",
    ...(classes !== null && test.proba !== undefined ? classes.map((c) => `proba_${c}`) : []),
  ];
  const lines = [header.map(csvField).join(",")];
  const n = test.values.length;
  const K = classes?.length ?? 0;
  for (let i = 0; i < n; i++) {
    const v = test.values[i] as number;
    const row: (string | number)[] = [classes !== null ? (classes[v] as string) : v];
    if (classes !== null && test.proba !== undefined)
      for (let k = 0; k < K; k++) row.push(test.proba[i * K + k] as number);
    lines.push(row.map(csvField).join(","));
  }
  return `${lines.join("\n")}\n`;
}

export function leaderboardCsv(result: Pick<RunResult, "leaderboard">): string {
  const lines = ["rank,seq,estimator,score,std,fit_seconds,phase,origin"];
  for (const r of result.leaderboard) {
    lines.push(
      [r.rank, r.seq, r.estimator, r.score, r.std, r.fitSeconds.toFixed(3), r.phase, r.origin]
        .map(csvField)
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Writes a portable bundle of a finished run (export/'s writeBundle, injected so loop/ does not import export/). */
export type BundleWriter = (
  source: { pipeline: unknown; report: unknown; profile: unknown; runId: string },
  outDir: string,
) => void;

/** Writes every artifact (and, with `bundle`, the run's bundle in `<runDir>/bundle`) and returns kind → path. */
export function writeArtifacts(
  runDir: string,
  config: RunConfig,
  data: RunData,
  result: RunResult,
  fitted: RefitResult,
  bundle?: BundleWriter,
): Record<string, string> {
  const paths: Record<string, string> = {
    pipeline: join(runDir, "pipeline.json"),
    leaderboard: join(runDir, "leaderboard.csv"),
    report_md: join(runDir, "report.md"),
    report_json: join(runDir, "report.json"),
  };
  if (config.predictions !== undefined && fitted.test !== undefined) paths.predictions = config.predictions;
  writeAtomic(paths.pipeline as string, JSON.stringify(fitted.pipeline));
  writeAtomic(paths.leaderboard as string, leaderboardCsv(result));
  if (paths.predictions !== undefined && fitted.test !== undefined) {
    writeAtomic(paths.predictions, predictionsCsv(data, fitted.test));
  }
  if (bundle !== undefined) {
    paths.bundle = join(runDir, "bundle");
    try {
      bundle(
        {
          pipeline: fitted.pipeline,
          report: { ...result, artifacts: paths },
          profile: data.profile,
          runId: result.run_id,
        },
        paths.bundle,
      );
    } catch (e) {
      // The run's own artifacts stand without it; `alchemist export` can retry.
      log.warn(`the bundle of run ${result.run_id} could not be written: ${String(e)}`);
      delete paths.bundle;
    }
  }
  const withPaths = { ...result, artifacts: paths };
  writeAtomic(paths.report_json as string, JSON.stringify(withPaths, null, 2));
  writeAtomic(paths.report_md as string, renderReport(withPaths, data));
  return paths;
}
