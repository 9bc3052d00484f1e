/**
 * Warm-start benchmark: on each supervised dataset of ../shared/datasets, does a run warm-started
 * from the memory of the *other* datasets reach the cold run's final test score in at most 30% of
 * the cold run's time?
 *
 *   npx tsx bench/warm-start.bench.ts [--budget 60] [--seed 0] [--only penguins,letter]
 *                                     [--fractions 0.1,0.2,0.3,0.5,1] [--no-control] [--keep-memory file]
 *
 * Method (the built CLI as subprocesses, `npm run build` first; times are the runs' own `seconds`,
 * from the command's start to the written result: reading, profiling, meta-features, search, ensemble,
 * refit and the sealed test score):
 * 1. Cold: every dataset with `--budget B --no-warm-start`, all into one memory file. The cold run's
 *    final test score and its time T are the targets.
 * 2. Warm: for dataset d, a copy of that memory with d's runs deleted (so memory holds only the
 *    other datasets), then warm runs with shrinking budgets f·T for f in --fractions, ascending, each
 *    on a fresh copy; the first whose final test score reaches the cold one (≥, or ≤ for a loss)
 *    gives the time to reach it. This is an end-to-end measure: each warm run ensembles, refits and
 *    scores the test set exactly like the cold one, with nothing read off a longer run.
 * 3. Control (unless --no-control): a cold run with budget 0.3·T, to tell what warm starting bought
 *    from what a shorter run gets anyway.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

const { values } = parseArgs({
  options: {
    budget: { type: "string", default: "60" },
    seed: { type: "string", default: "0" },
    only: { type: "string" },
    fractions: { type: "string", default: "0.1,0.2,0.3,0.5,1" },
    "no-control": { type: "boolean", default: false },
    "keep-memory": { type: "string" },
  },
});
const root = resolve(import.meta.dirname, "..");
const shared = resolve(root, "../shared");
const cli = join(root, "dist/server/cli.js");
if (!existsSync(cli)) throw new Error("run `npm run build` first");
const SETS = ["breast_cancer", "credit_data", "penguins", "letter", "diabetes", "diamonds"];
const only = values.only?.split(",");
const sets = SETS.filter((s) => !only || only.includes(s));
const fractions = values.fractions
  .split(",")
  .map(Number)
  .sort((a, b) => a - b);
const tmp = mkdtempSync(join(tmpdir(), "alchemist-warm-bench-"));
const allMemory = join(tmp, "all.db");

interface Meta {
  target: string;
  metric: string;
  metric_direction: "max" | "min";
}
interface Result {
  run_id: string;
  test_score: number;
  cv_score: number;
  seconds: number;
  trials: { total: number };
  leaderboard: { estimator: string; origin: string }[];
  warm_start: { from: { dataset: string; distance: number }[]; seeded: number } | null;
}

function meta(name: string): Meta {
  return JSON.parse(readFileSync(join(shared, "datasets", name, "meta.json"), "utf8")) as Meta;
}

/** The run's result; null when it ended without a model (a budget too small for any trial). */
function tryRun(name: string, budget: number, memory: string, tag: string, warm: boolean): Result | null {
  try {
    return run(name, budget, memory, tag, warm);
  } catch (e) {
    const message = String((e as Error).message);
    if (!message.includes("NO_SUCCESSFUL_TRIAL") && !message.includes("REFIT_FAILED")) throw e;
    process.stderr.write(`${name} ${tag}: no model within ${budget.toFixed(1)} s\n`);
    return null;
  }
}

function run(name: string, budget: number, memory: string, tag: string, warm: boolean): Result {
  const dir = join(shared, "datasets", name);
  const m = meta(name);
  const args = [
    cli,
    "run",
    join(dir, "train.csv"),
    "--target",
    m.target,
    "--test",
    join(dir, "test.csv"),
    "--budget",
    budget.toFixed(2),
    "--seed",
    values.seed,
    "--memory",
    memory,
    "--out",
    join(tmp, `${name}-${tag}`),
    "--json",
    ...(warm ? [] : ["--no-warm-start"]),
  ];
  const r = spawnSync(process.execPath, args, {
    encoding: "utf8",
    env: { ...process.env, ALCHEMIST_LOG_LEVEL: "error" },
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0)
    throw new Error(`${name} ${tag}: exit ${r.status}\n${r.stdout}${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim()) as Result;
}

/** A copy of the shared memory without the runs of `name`'s training file (checkpointed first). */
function memoryWithout(name: string, fingerprint: string, path: string): void {
  const db = new Database(allMemory);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  copyFileSync(allMemory, path);
  const copy = new Database(path);
  copy.pragma("foreign_keys = ON");
  const gone = copy.prepare("DELETE FROM runs WHERE dataset_fingerprint = ?").run(fingerprint).changes;
  copy.prepare("DELETE FROM meta_features WHERE fingerprint = ?").run(fingerprint);
  copy.close();
  if (gone === 0) throw new Error(`no run of ${name} to remove from the memory copy`);
}

const reaches = (m: Meta, score: number, target: number) =>
  m.metric_direction === "max" ? score >= target : score <= target;

interface Row {
  name: string;
  metric: string;
  cold: Result;
  warm?: { result: Result; fraction: number };
  tried: { fraction: number; test: number; seconds: number }[];
  control?: Result | null;
}
const rows: Row[] = [];
const fingerprints = new Map<string, string>();
for (const name of sets) {
  const cold = run(name, Number(values.budget), allMemory, "cold", false);
  const db = new Database(allMemory, { readonly: true });
  const fp = db.prepare("SELECT dataset_fingerprint AS f FROM runs WHERE id = ?").get(cold.run_id) as {
    f: string;
  };
  db.close();
  fingerprints.set(name, fp.f);
  rows.push({ name, metric: meta(name).metric, cold, tried: [] });
  process.stderr.write(`cold ${name}: test ${cold.test_score.toFixed(4)} in ${cold.seconds.toFixed(1)} s\n`);
}
if (values["keep-memory"] !== undefined) {
  const db = new Database(allMemory);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  copyFileSync(allMemory, resolve(values["keep-memory"]));
}
for (const row of rows) {
  const m = meta(row.name);
  for (const f of fractions) {
    const memory = join(tmp, `${row.name}-${f}.db`);
    memoryWithout(row.name, fingerprints.get(row.name) as string, memory);
    const budget = Math.max(2, f * row.cold.seconds);
    const warm = tryRun(row.name, budget, memory, `warm-${f}`, true);
    if (warm === null) {
      row.tried.push({ fraction: f, test: Number.NaN, seconds: budget });
      continue;
    }
    row.tried.push({ fraction: f, test: warm.test_score, seconds: warm.seconds });
    process.stderr.write(
      `warm ${row.name} @${f}: test ${warm.test_score.toFixed(4)} in ${warm.seconds.toFixed(1)} s (from ${warm.warm_start?.from.map((x) => x.dataset).join(", ") ?? "nothing"})\n`,
    );
    if (reaches(m, warm.test_score, row.cold.test_score)) {
      row.warm = { result: warm, fraction: f };
      break;
    }
  }
  if (!values["no-control"]) {
    row.control = tryRun(
      row.name,
      Math.max(2, 0.3 * row.cold.seconds),
      join(tmp, `${row.name}-control.db`),
      "control",
      false,
    );
  }
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(4));
const lines = [
  `Warm start vs cold, budget ${values.budget} s, seed ${values.seed}, fractions ${fractions.join(", ")}`,
  "",
  "| dataset | metric | cold test | cold s | warm time-to-cold-score s | ratio | ≤ 30%? | warm test | learned from | control: cold @30% test |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
];
for (const r of rows) {
  const w = r.warm?.result;
  const ratio = w ? w.seconds / r.cold.seconds : Number.POSITIVE_INFINITY;
  const from =
    w?.warm_start?.from.map((f) => `${f.dataset.split("/")[0]} (${f.distance.toFixed(2)})`).join(", ") ?? "—";
  const control =
    r.control === null
      ? "no model"
      : r.control
        ? `${fmt(r.control.test_score)}${reaches(meta(r.name), r.control.test_score, r.cold.test_score) ? " (reaches)" : ""}`
        : "—";
  lines.push(
    `| ${r.name} | ${r.metric} | ${fmt(r.cold.test_score)} | ${r.cold.seconds.toFixed(1)} | ${w ? w.seconds.toFixed(1) : "not reached"} | ${Number.isFinite(ratio) ? ratio.toFixed(2) : "—"} | ${ratio <= 0.3 ? "yes" : "no"} | ${w ? fmt(w.test_score) : r.tried.map((t) => `${fmt(t.test)}@${t.fraction}`).join(" ")} | ${from} | ${control} |`,
  );
}
process.stdout.write(`${lines.join("\n")}\n`);
rmSync(tmp, { recursive: true, force: true });
