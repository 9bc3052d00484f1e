/** The warm-start CLI tests' runner: `alchemist run … --json` with a memory file and an output folder under `dir`. */
import { join } from "node:path";
import { onlyJson, runCli } from "./cli.js";

/** What the warm-start tests read of a run's `--json` result. */
export interface WarmRunResult {
  run_id: string;
  leaderboard: { seq: number; estimator: string; score: number; origin: string }[];
  warm_start: { from: { run_id: string; dataset: string; distance: number }[]; seeded: number } | null;
  artifacts: Record<string, string>;
  notes: string[];
}

/** A runner whose memory and output names are relative to `dir`; a non-zero exit fails with its output. */
export function warmRunner(dir: string): (args: string[], memory: string, out: string) => WarmRunResult {
  return (args, memory, out) => {
    const r = runCli([
      ...args,
      "--json",
      "--workers",
      "1",
      "--memory",
      join(dir, memory),
      "--out",
      join(dir, out),
    ]);
    if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stdout}${r.stderr}`);
    return onlyJson(r.stdout) as unknown as WarmRunResult;
  };
}
