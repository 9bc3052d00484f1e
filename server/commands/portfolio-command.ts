/** `alchemist portfolio build [--memory f] [--out file] [--size n] [--json]`: a default portfolio learned from memory. */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { AlchemistError } from "../../core/errors.js";
import { buildPortfolio, type PortfolioFile } from "../../loop/warm-start/index.js";
import type { CommandIO } from "./command-io.js";
import { openCommandMemory } from "./command-memory.js";

export const PORTFOLIO_USAGE = `Usage: alchemist portfolio build [--memory file] [--out file] [--size n] [--json]

Builds a small default portfolio per task family (classification, regression) from the runs in
memory: greedily, the pipelines that together come closest to each past dataset's best score
(scores normalised per dataset). Writes it as JSON (the format of loop/warm-start/default-portfolio.json);
'alchemist run <train> --portfolio <file>' then runs its pipelines first in the baseline.

Options:
  --memory <file>   memory store (default $ALCHEMIST_HOME/memory.db, ALCHEMIST_HOME=.alchemist)
  --out <file>      write the portfolio here (default: print it)
  --size <n>        pipelines per task family at most (default 5)
  --json            print exactly one JSON object on stdout (the portfolio, or {out, ...} with --out)
`;

function summary(p: PortfolioFile): string {
  const lines = [`Portfolio from ${p.source.runs} runs on ${p.source.datasets.length} datasets:`];
  for (const family of ["classification", "regression"] as const) {
    lines.push(`  ${family}:`);
    const entries = p.portfolios[family];
    if (entries.length === 0) lines.push("    (no runs of this family in memory)");
    for (const e of entries)
      lines.push(
        `    ${e.recipe.estimator.padEnd(36)} gain ${e.gain.toFixed(3)}  mean ${e.mean_normalized.toFixed(3)} over ${e.datasets} dataset(s)`,
      );
  }
  return `${lines.join("\n")}\n`;
}

export async function portfolioCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      memory: { type: "string" },
      out: { type: "string" },
      size: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(PORTFOLIO_USAGE);
    return 0;
  }
  if (positionals[0] !== "build") {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `Unknown portfolio action '${positionals[0] ?? ""}'; use 'alchemist portfolio build'.`,
      { parameter: "action", allowed: ["build"] },
    );
  }
  const size = values.size === undefined ? 5 : Number(values.size);
  if (!Number.isInteger(size) || size < 1 || size > 50) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `--size expects an integer from 1 to 50; got '${values.size}'.`,
      {
        parameter: "size",
      },
    );
  }
  const memory = openCommandMemory(values.memory);
  let portfolio: PortfolioFile;
  try {
    portfolio = buildPortfolio(memory, { size });
  } finally {
    memory.close();
  }
  const text = `${JSON.stringify(portfolio, null, 2)}\n`;
  if (values.out !== undefined) {
    const out = resolve(values.out);
    writeFileSync(out, text);
    io.stdout(
      values.json ? `${JSON.stringify({ out, ...portfolio })}\n` : `${summary(portfolio)}Written to ${out}\n`,
    );
  } else io.stdout(values.json ? `${JSON.stringify(portfolio)}\n` : text);
  return 0;
}
