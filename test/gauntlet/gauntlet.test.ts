/**
 * The gauntlet: nasty inputs through the real built CLI (`alchemist run --json`), one case per test, each
 * with the outcome a demanding user should get (see contract.ts). Run `npm run build` first.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { runCli } from "../cli.js";
import { datasetsAvailable } from "../datasets.js";
import { INPUT_CASES } from "./cases-input.js";
import { SHARED_CASES } from "./cases-shared.js";
import { USAGE_CASES } from "./cases-usage.js";
import { VALUE_CASES } from "./cases-values.js";
import { checkCase, type GauntletCase } from "./contract.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-gauntlet-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const memory = join(dir, "memory.db");

/** Small and bounded: a case that needs more than this is a hang. */
const COMMON: [flag: string, value: string][] = [
  ["--trials", "6"],
  ["--budget", "20"],
  ["--workers", "1"],
];

function runCase(c: GauntletCase): void {
  const caseDir = join(dir, c.name);
  mkdirSync(caseDir, { recursive: true });
  const args = c.setup(caseDir);
  const out = join(dir, "out", c.name);
  // A case that sets a flag itself (`--budget -1`, `--budget=-1`) keeps its own value.
  const common = COMMON.filter(([flag]) => !args.some((a) => a === flag || a.startsWith(`${flag}=`))).flat();
  const r = runCli(["run", ...args, ...common, "--json", "--memory", memory, "--out", out]);
  // GAUNTLET_STATS=<file>: one JSON line per case (for the counts in a closing note).
  const stats = process.env.GAUNTLET_STATS;
  if (stats !== undefined)
    appendFileSync(stats, `${JSON.stringify({ case: c.name, code: r.code, stdout: r.stdout.trim() })}\n`);
  checkCase(r, c.expected, { out, memory, caseDir });
}

function describeCases(title: string, cases: readonly GauntletCase[], skip = false): void {
  describe(title, () => {
    for (const c of cases) {
      const what =
        c.expected.outcome === "finishes"
          ? "finishes"
          : `fails with ${c.expected.codes.join("|")} naming ${c.expected.names.join(", ")}`;
      it.skipIf(skip)(`${c.name}: ${what}`, () => runCase(c), 130_000);
    }
  });
}

describeCases("gauntlet: bad values", VALUE_CASES);
describeCases("gauntlet: formats, encodings and odd columns", INPUT_CASES);
describeCases("gauntlet: targets, test tables and flags", USAGE_CASES);
describeCases("gauntlet: shared datasets made dirty", SHARED_CASES, !datasetsAvailable());
