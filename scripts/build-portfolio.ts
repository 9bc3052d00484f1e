/**
 * Regenerates loop/warm-start/default-portfolio.json: the default portfolio per task family learned
 * offline from runs on the shared datasets (../shared/datasets).
 *
 *   npx tsx scripts/build-portfolio.ts [--memory file] [--budget 30] [--seed 0] [--size 5] [--out file]
 *
 * With --memory, the portfolio is built from the runs already in that file (e.g. the one
 * `bench/warm-start.bench.ts --keep-memory` leaves); without it, every supervised shared dataset is
 * run cold first (`alchemist run --budget B --no-warm-start`, the built CLI) into a temporary memory.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildPortfolio } from "../loop/warm-start/index.js";
import { openMemory } from "../memory/index.js";

const { values } = parseArgs({
  options: {
    memory: { type: "string" },
    budget: { type: "string", default: "30" },
    seed: { type: "string", default: "0" },
    size: { type: "string", default: "5" },
    out: { type: "string" },
  },
});
const root = resolve(import.meta.dirname, "..");
const out = resolve(values.out ?? join(root, "loop/warm-start/default-portfolio.json"));
const SETS = ["breast_cancer", "credit_data", "penguins", "letter", "diabetes", "diamonds"];

let memoryPath = values.memory === undefined ? undefined : resolve(values.memory);
let tmp: string | undefined;
if (memoryPath === undefined) {
  const cli = join(root, "dist/server/cli.js");
  if (!existsSync(cli)) throw new Error("run `npm run build` first");
  tmp = mkdtempSync(join(tmpdir(), "alchemist-portfolio-"));
  memoryPath = join(tmp, "memory.db");
  for (const name of SETS) {
    const dir = resolve(root, "../shared/datasets", name);
    const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as { target: string };
    const args = [cli, "run", join(dir, "train.csv"), "--target", meta.target, "--budget", values.budget];
    args.push(
      "--seed",
      values.seed,
      "--no-warm-start",
      "--memory",
      memoryPath,
      "--out",
      join(tmp, name),
      "--json",
    );
    process.stderr.write(`running ${name} (${values.budget} s)…\n`);
    const r = spawnSync(process.execPath, args, {
      encoding: "utf8",
      env: { ...process.env, ALCHEMIST_LOG_LEVEL: "error" },
    });
    if (r.status !== 0) throw new Error(`${name}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
  }
}
const memory = openMemory(memoryPath);
try {
  const portfolio = buildPortfolio(memory, { size: Number(values.size) });
  writeFileSync(out, `${JSON.stringify(portfolio, null, 2)}\n`);
  process.stderr.write(
    `${out}: ${portfolio.portfolios.classification.length} classification and ${portfolio.portfolios.regression.length} regression pipelines from ${portfolio.source.runs} runs\n`,
  );
} finally {
  memory.close();
  if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
}
