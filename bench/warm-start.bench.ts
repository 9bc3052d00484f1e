/**
 * Warm-start benchmark: on each supervised dataset of ../shared/datasets, does a run warm-started
 * from the memory of the *other* datasets reach the cold run's final test score in at most 30% of
 * the cold run's time?
 *
 *   npx tsx bench/warm-start.bench.ts [--budget 60] [--seeds 0,1,2] [--only penguins,letter]
 *       [--fractions 0.1,0.2,0.3,0.5,1] [--no-control] [--memory file] [--keep-memory file] [--cli path]
 *       [--same-table] [--help]  (`--seed n` is `--seeds n`; `--cli` runs another build, e.g. one kept apart from a shared dist/)
 *
 * Method (the built CLI as subprocesses, `npm run build` first; times are the runs' own `seconds`,
 * from the command's start to the written result: reading, profiling, meta-features, search, ensemble,
 * refit and the sealed test score):
 * 1. Memory: what warm runs learn from. `--memory` starts from a kept memory file (copied, never
 *    changed); without it, the datasets left out by `--only` get one cold run each (seed 0) first, so a
 *    run of one dataset still has the others to learn from.
 * 2. Cold: every measured dataset with `--budget B --no-warm-start`, for each seed. The cold run's
 *    final test score and its time T are the targets.
 * 3. Warm: for dataset d, a copy of that memory with d's runs deleted (so memory holds only the
 *    other datasets), then warm runs with budgets f·T (at least 0.5 s) for f in --fractions, ascending, each on a
 *    fresh copy, with the cold run's seed. With one seed, the first whose final test score reaches
 *    the cold one (≥, or ≤ for a loss) gives the time to reach it. With several, every seed runs at
 *    each fraction until the mean warm test score reaches the mean cold one and each seed has reached
 *    its own cold score (or the fractions run out): both the single-seed and the mean figures are
 *    reported. Each warm run ensembles, refits and scores the test set exactly like the cold one.
 * 4. Control (unless --no-control): a cold run with budget 0.3·T per seed, to tell what warm
 *    starting bought from what a shorter run gets anyway.
 * `--same-table` measures a re-run instead: the warm runs keep d's own cold runs in memory (the
 * nearest past dataset is then d itself, at distance 0).
 * The machine's 1-minute load average is noted before each run (min–max per dataset).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

const { values } = parseArgs({
  options: {
    budget: { type: "string", default: "60" },
    seed: { type: "string" },
    seeds: { type: "string" },
    only: { type: "string" },
    fractions: { type: "string", default: "0.1,0.2,0.3,0.5,1" },
    "no-control": { type: "boolean", default: false },
    memory: { type: "string" },
    "keep-memory": { type: "string" },
    cli: { type: "string" },
    "same-table": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  // The usage is this file's header comment.
  const head = readFileSync(import.meta.filename, "utf8").split("*/")[0] ?? "";
  process.stdout.write(`${head.replace(/^\/\*\*|^ \* ?/gm, "")}\n`);
  process.exit(0);
}
const root = resolve(import.meta.dirname, "..");
const shared = resolve(root, "../shared");
const cli = resolve(values.cli ?? join(root, "dist/server/cli.js"));
if (!existsSync(cli)) throw new Error("run `npm run build` first");
const SETS = ["breast_cancer", "credit_data", "penguins", "letter", "diabetes", "diamonds"];
const only = values.only?.split(",");
const sets = SETS.filter((s) => !only || only.includes(s));
const seeds = (values.seeds ?? values.seed ?? "0").split(",").map(Number);
const fractions = values.fractions
  .split(",")
  .map(Number)
  .sort((a, b) => a - b);
/**
 * The shortest budget a measured run gets. A small table's cold run ends on a plateau in 2–3 s, so
 * 30% of it is well under a second; runs that short end with a model since the reserves scale with
 * the table (they had been a fixed second, and this floor 2 s).
 */
const MIN_BUDGET = 0.5;
const tmp = mkdtempSync(join(tmpdir(), "alchemist-warm-bench-"));
const allMemory = join(tmp, "all.db");
const loads: Record<string, number[]> = {};

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
  warm_start: { from: { dataset: string; distance: number }[]; seeded: number } | null;
}

function meta(name: string): Meta {
  return JSON.parse(readFileSync(join(shared, "datasets", name, "meta.json"), "utf8")) as Meta;
}

/** The run's result; null when it ended without a model (a budget too small for any trial). */
function tryRun(name: string, budget: number, memory: string, tag: string, warm: boolean, seed: number) {
  try {
    return run(name, budget, memory, tag, warm, seed);
  } catch (e) {
    const message = String((e as Error).message);
    if (!message.includes("NO_SUCCESSFUL_TRIAL") && !message.includes("REFIT_FAILED")) throw e;
    process.stderr.write(`${name} ${tag}: no model within ${budget.toFixed(1)} s\n`);
    return null;
  }
}

function run(name: string, budget: number, memory: string, tag: string, warm: boolean, seed: number): Result {
  const dir = join(shared, "datasets", name);
  const m = meta(name);
  loads[name] = [...(loads[name] ?? []), loadavg()[0] as number];
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
    String(seed),
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

function checkpoint(path: string): void {
  const db = new Database(path);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}

/** A copy of the shared memory without the runs of `name`'s training file (checkpointed first; kept with --same-table). */
function memoryWithout(name: string, fingerprint: string, path: string): void {
  checkpoint(allMemory);
  copyFileSync(allMemory, path);
  const copy = new Database(path);
  copy.pragma("foreign_keys = ON");
  if (values["same-table"]) {
    copy.close();
    return;
  }
  const gone = copy.prepare("DELETE FROM runs WHERE dataset_fingerprint = ?").run(fingerprint).changes;
  copy.prepare("DELETE FROM meta_features WHERE fingerprint = ?").run(fingerprint);
  copy.close();
  if (gone === 0) throw new Error(`no run of ${name} to remove from the memory copy`);
}

const reaches = (m: Meta, score: number, target: number) =>
  m.metric_direction === "max" ? score >= target : score <= target;
const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / Math.max(1, xs.length);
const sd = (xs: readonly number[]) =>
  xs.length < 2 ? 0 : Math.sqrt(xs.reduce((s, v) => s + (v - mean(xs)) ** 2, 0) / (xs.length - 1));

interface Tried {
  fraction: number;
  test: number;
  seconds: number;
  result: Result | null;
}
interface SeedRow {
  seed: number;
  cold: Result;
  tried: Tried[];
  /** The first fraction whose warm run reached this seed's cold test score. */
  warm?: Tried;
  control?: Result | null;
}
const rows = new Map<string, SeedRow[]>();

if (values.memory !== undefined) {
  checkpoint(resolve(values.memory));
  copyFileSync(resolve(values.memory), allMemory);
} else {
  for (const name of SETS.filter((s) => !sets.includes(s))) {
    const r = run(name, Number(values.budget), allMemory, "memory", false, 0);
    process.stderr.write(`memory ${name}: test ${r.test_score.toFixed(4)} in ${r.seconds.toFixed(1)} s\n`);
  }
}
const fingerprints = new Map<string, string>();
for (const seed of seeds) {
  for (const name of sets) {
    const cold = run(name, Number(values.budget), allMemory, `cold-${seed}`, false, seed);
    const db = new Database(allMemory, { readonly: true });
    const fp = db.prepare("SELECT dataset_fingerprint AS f FROM runs WHERE id = ?").get(cold.run_id) as {
      f: string;
    };
    db.close();
    fingerprints.set(name, fp.f);
    rows.set(name, [...(rows.get(name) ?? []), { seed, cold, tried: [] }]);
    process.stderr.write(
      `cold ${name} seed ${seed}: test ${cold.test_score.toFixed(4)} in ${cold.seconds.toFixed(1)} s\n`,
    );
  }
}
if (values["keep-memory"] !== undefined) {
  checkpoint(allMemory);
  copyFileSync(allMemory, resolve(values["keep-memory"]));
}
for (const name of sets) {
  const m = meta(name);
  const seedRows = rows.get(name) ?? [];
  for (const f of fractions) {
    for (const row of seedRows) {
      if (seedRows.length === 1 && row.warm !== undefined) continue;
      const memory = join(tmp, `${name}-${f}-${row.seed}.db`);
      memoryWithout(name, fingerprints.get(name) as string, memory);
      const budget = Math.max(MIN_BUDGET, f * row.cold.seconds);
      const warm = tryRun(name, budget, memory, `warm-${f}-${row.seed}`, true, row.seed);
      const t: Tried = {
        fraction: f,
        test: warm?.test_score ?? Number.NaN,
        seconds: warm?.seconds ?? budget,
        result: warm,
      };
      row.tried.push(t);
      if (warm !== null) {
        process.stderr.write(
          `warm ${name} seed ${row.seed} @${f}: test ${warm.test_score.toFixed(4)} in ${warm.seconds.toFixed(1)} s (from ${warm.warm_start?.from.map((x) => x.dataset).join(", ") ?? "nothing"})\n`,
        );
        if (row.warm === undefined && reaches(m, warm.test_score, row.cold.test_score)) row.warm = t;
      }
    }
    const tests = seedRows.map((r) => r.tried.at(-1)?.test ?? Number.NaN);
    const meanReached = reaches(m, mean(tests), mean(seedRows.map((r) => r.cold.test_score)));
    if (seedRows.every((r) => r.warm !== undefined) && (seedRows.length === 1 || meanReached)) break;
  }
  if (!values["no-control"]) {
    for (const row of seedRows) {
      const budget = Math.max(MIN_BUDGET, 0.3 * row.cold.seconds);
      row.control = tryRun(
        name,
        budget,
        join(tmp, `${name}-control-${row.seed}.db`),
        "control",
        false,
        row.seed,
      );
    }
  }
}

const fmt = (v: number) => (Number.isNaN(v) ? "no model" : Math.abs(v) >= 100 ? v.toFixed(2) : v.toFixed(4));
const loadOf = (name: string) => {
  const l = loads[name] ?? [];
  return l.length === 0 ? "—" : `${Math.min(...l).toFixed(1)}–${Math.max(...l).toFixed(1)}`;
};
const lines = [
  `Warm start vs cold, budget ${values.budget} s, seeds ${seeds.join(", ")}, fractions ${fractions.join(", ")}${values["same-table"] ? ", re-runs (memory keeps the dataset's own cold run)" : ""}`,
  "",
  "| dataset | seed | metric | cold test | cold s | warm test @fraction (s) | time to cold score s | ratio | ≤ 30%? | learned from | control: cold @30% | load |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
];
for (const name of sets) {
  const m = meta(name);
  for (const r of rows.get(name) ?? []) {
    const w = r.warm;
    const ratio = w ? w.seconds / r.cold.seconds : Number.POSITIVE_INFINITY;
    const last = [...r.tried].reverse().find((t) => t.result !== null)?.result;
    const from =
      last?.warm_start?.from.map((f) => `${f.dataset.split("/")[0]} (${f.distance.toFixed(2)})`).join(", ") ??
      "—";
    const control =
      r.control === null
        ? "no model"
        : r.control
          ? `${fmt(r.control.test_score)}${reaches(m, r.control.test_score, r.cold.test_score) ? " (reaches)" : ""}`
          : "—";
    const tried = r.tried.map((t) => `${fmt(t.test)}@${t.fraction} (${t.seconds.toFixed(1)})`).join(", ");
    lines.push(
      `| ${name} | ${r.seed} | ${m.metric} | ${fmt(r.cold.test_score)} | ${r.cold.seconds.toFixed(1)} | ${tried} | ${w ? w.seconds.toFixed(1) : "not reached"} | ${Number.isFinite(ratio) ? ratio.toFixed(2) : "—"} | ${ratio <= 0.3 ? "yes" : "no"} | ${from} | ${control} | ${loadOf(name)} |`,
    );
  }
}
if (seeds.length > 1) {
  lines.push(
    "",
    "Means over seeds (warm at a fraction: the mean of every seed's run at that fraction; ratio: its mean seconds / the mean cold seconds)",
    "",
    "| dataset | cold test mean ± sd | cold s mean | warm test mean @fraction (mean s) | first fraction reaching the cold mean | ratio | ≤ 30%? | control mean |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const name of sets) {
    const m = meta(name);
    const rs = rows.get(name) ?? [];
    const coldTests = rs.map((r) => r.cold.test_score);
    const coldSeconds = mean(rs.map((r) => r.cold.seconds));
    const at = fractions.flatMap((f) => {
      const ts = rs.map((r) => r.tried.find((t) => t.fraction === f));
      if (ts.some((t) => t === undefined)) return [];
      const done = ts as Tried[];
      return [{ f, test: mean(done.map((t) => t.test)), seconds: mean(done.map((t) => t.seconds)) }];
    });
    const first = at.find((a) => reaches(m, a.test, mean(coldTests)));
    const ratio = first ? first.seconds / coldSeconds : Number.POSITIVE_INFINITY;
    const controls = rs.flatMap((r) => (r.control ? [r.control.test_score] : []));
    lines.push(
      `| ${name} | ${fmt(mean(coldTests))} ± ${fmt(sd(coldTests))} | ${coldSeconds.toFixed(1)} | ${at.map((a) => `${fmt(a.test)}@${a.f} (${a.seconds.toFixed(1)})`).join(", ")} | ${first ? first.f : "not reached"} | ${Number.isFinite(ratio) ? ratio.toFixed(2) : "—"} | ${ratio <= 0.3 ? "yes" : "no"} | ${controls.length > 0 ? fmt(mean(controls)) : "—"} |`,
    );
  }
}
process.stdout.write(`${lines.join("\n")}\n`);
rmSync(tmp, { recursive: true, force: true });
