/**
 * AutoML benchmark: `alchemist run --budget B` against the Python peer (`../shared/bench/peer_automl.py
 * --mode automl --budget B`: scikit-learn + XGBoost + Optuna TPE, statsmodels for forecasts) on every
 * dataset of ../shared/datasets (supervised, forecast, clustering, anomaly), same splits, same metric,
 * same machine, alternated dataset by dataset.
 *
 *   npx tsx bench/automl.bench.ts [--budget 30] [--seed 0] [--only penguins,letter] [--no-python]
 *
 * Ours runs the built CLI (`npm run build` first) as a subprocess, so wall time includes Node's
 * start, reading, the search, refit and test scoring. Prints one Markdown table: test scores side
 * by side, our CV score, wall seconds, trials and the final model.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    budget: { type: "string", default: "30" },
    seed: { type: "string", default: "0" },
    only: { type: "string" },
    "no-python": { type: "boolean", default: false },
  },
});
const root = resolve(import.meta.dirname, "..");
const shared = resolve(root, "../shared");
const cli = join(root, "dist/server/cli.js");
if (!existsSync(cli)) throw new Error("run `npm run build` first");
const index = JSON.parse(readFileSync(join(shared, "datasets/index.json"), "utf8")) as {
  name: string;
  task: string;
}[];
const only = values.only?.split(",");
const sets = index.filter((d) => !only || only.includes(d.name));

/** The task flags of a dataset: supervised sets by target and metric; the others by their task's own flags. */
function taskFlags(meta: {
  task: string;
  target: string;
  metric: string;
  time_column?: string;
  horizon?: number;
}): string[] {
  if (meta.task === "forecast")
    return [
      "--task",
      "forecast",
      "--target",
      meta.target,
      "--time",
      meta.time_column ?? "",
      "--horizon",
      String(meta.horizon),
    ];
  if (meta.task === "clustering" || meta.task === "anomaly")
    return ["--task", meta.task, "--eval-label", meta.target];
  return ["--target", meta.target, "--metric", meta.metric];
}
const tmp = mkdtempSync(join(tmpdir(), "alchemist-bench-"));

interface Row {
  name: string;
  metric: string;
  ours?: { test: number; cv: number; seconds: number; trials: number; model: string; stopped: string };
  peer?: { test: number; seconds: number; model: string; trials: number };
}
const rows: Row[] = [];
for (const d of sets) {
  const dir = join(shared, "datasets", d.name);
  const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as Parameters<typeof taskFlags>[0];
  const row: Row = { name: d.name, metric: meta.metric };
  if (!values["no-python"]) {
    const peer = spawnSync(
      "/usr/bin/python3",
      [
        join(shared, "bench/peer_automl.py"),
        dir,
        "--mode",
        "automl",
        "--budget",
        values.budget,
        "--seed",
        values.seed,
      ],
      { encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: "2" }, maxBuffer: 64 << 20 },
    );
    const line = peer.stdout.trim().split("\n").pop() ?? "";
    try {
      const p = JSON.parse(line) as {
        score: number;
        fit_seconds: number;
        best_model: string;
        trials: number;
      };
      row.peer = { test: p.score, seconds: p.fit_seconds, model: p.best_model, trials: p.trials };
    } catch {
      process.stderr.write(`peer failed on ${d.name}: ${peer.stderr.slice(-500)}\n`);
    }
  }
  const t0 = performance.now();
  const ours = spawnSync(
    process.execPath,
    [
      cli,
      "run",
      join(dir, "train.csv"),
      ...taskFlags(meta),
      "--test",
      join(dir, "test.csv"),
      "--budget",
      values.budget,
      "--seed",
      values.seed,
      "--json",
      "--memory",
      join(tmp, "memory.db"),
      "--out",
      join(tmp, d.name),
    ],
    { encoding: "utf8", maxBuffer: 64 << 20 },
  );
  const wall = (performance.now() - t0) / 1000;
  try {
    const r = JSON.parse(ours.stdout) as {
      test_score: number;
      cv_score: number;
      trials: { total: number };
      stopped_because: string;
      best_pipeline: { members: { spec: { estimator: { name: string } }; weight: number }[] };
    };
    const model = r.best_pipeline.members
      .map((m) => `${m.spec.estimator.name}×${m.weight.toFixed(2)}`)
      .join(" + ");
    row.ours = {
      test: r.test_score,
      cv: r.cv_score,
      seconds: wall,
      trials: r.trials.total,
      model,
      stopped: r.stopped_because,
    };
  } catch {
    process.stderr.write(
      `alchemist failed on ${d.name}: ${ours.stdout.slice(-500)} ${ours.stderr.slice(-1500)}\n`,
    );
  }
  rows.push(row);
  process.stderr.write(`${d.name}: ${JSON.stringify(row)}\n`);
}
rmSync(tmp, { recursive: true, force: true });

const lowerBetter = (m: string) => ["rmse", "mae", "log_loss", "mape", "smape", "mase", "brier"].includes(m);
const f = (v: number | undefined) =>
  v === undefined ? "—" : Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(4);
const out = [
  `Budget ${values.budget} s, seed ${values.seed}, ${new Date().toISOString()}`,
  "",
  "| dataset | metric | Alchemist test | peer test | ≥ peer | Alchemist CV | wall s (≤ budget + 2) | trials | stopped | final model | peer model |",
  "| --- | --- | ---: | ---: | :---: | ---: | ---: | ---: | --- | --- | --- |",
];
for (const r of rows) {
  const ok =
    r.ours && r.peer
      ? (lowerBetter(r.metric) ? r.ours.test <= r.peer.test : r.ours.test >= r.peer.test)
        ? "yes"
        : "no"
      : "—";
  out.push(
    `| ${r.name} | ${r.metric} | ${f(r.ours?.test)} | ${f(r.peer?.test)} | ${ok} | ${f(r.ours?.cv)} | ${r.ours?.seconds.toFixed(1) ?? "—"} | ${r.ours?.trials ?? "—"} | ${r.ours?.stopped ?? "—"} | ${r.ours?.model ?? "—"} | ${r.peer?.model ?? "—"} |`,
  );
}
process.stdout.write(`${out.join("\n")}\n`);
