/**
 * A learned portfolio a run starts from (`--portfolio`): a file written by `alchemist portfolio build`,
 * or `default` for the one shipped with the package. Read and validated before the run starts, so a
 * wrong path or file fails at once, naming the parameter.
 */
import { readFileSync } from "node:fs";
import { AlchemistError } from "../../core/errors.js";
import type { PipelineSpec } from "../../data/preprocess/index.js";
import { defaultPortfolio } from "./default-portfolio.js";
import { type PortfolioFile, PortfolioFileSchema, portfolioSpecs } from "./portfolio-builder.js";
import type { AdaptTarget } from "./recipe.js";

/** The `portfolio` value that names the shipped portfolio. */
export const SHIPPED_PORTFOLIO = "default";

export function loadPortfolio(ref: string): PortfolioFile {
  if (ref === SHIPPED_PORTFOLIO) return defaultPortfolio();
  const refused = (code: "FILE_NOT_FOUND" | "MALFORMED_JSON", why: string, e: unknown) =>
    new AlchemistError(code, `Portfolio file '${ref}' ${why}: ${(e as Error).message}`, {
      parameter: "portfolio",
      path: ref,
    });
  let text: string;
  try {
    text = readFileSync(ref, "utf8");
  } catch (e) {
    throw refused("FILE_NOT_FOUND", "cannot be read", e);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw refused("MALFORMED_JSON", "is not JSON", e);
  }
  const parsed = PortfolioFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.join(".") ?? "";
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `Portfolio file '${ref}' is not a portfolio (write one with 'alchemist portfolio build'): ${at === "" ? "" : `${at}: `}${issue?.message ?? "invalid"}`,
      { parameter: "portfolio", path: ref, field: at },
    );
  }
  return parsed.data;
}

/** The origin of a baseline trial from a learned portfolio. */
export const LEARNED_ORIGIN = "learned portfolio";

/**
 * The baseline with a learned portfolio: its pipelines first, in its greedy order, then the built-in
 * entries it does not already hold (so the built-in coverage stays, only later). `key` tells two
 * pipelines apart (the search's trial key).
 */
export function withLearned<T>(
  learned: readonly T[],
  builtin: readonly T[],
  key: (spec: T) => string,
): { specs: T[]; origins: string[] } {
  const specs: T[] = [];
  const origins: string[] = [];
  const seen = new Set<string>();
  for (const [list, origin] of [
    [learned, LEARNED_ORIGIN],
    [builtin, "portfolio"],
  ] as const) {
    for (const spec of list) {
      const k = key(spec);
      if (seen.has(k)) continue;
      seen.add(k);
      specs.push(spec);
      origins.push(origin);
    }
  }
  return { specs, origins };
}

/** `portfolio` (read from `ref`)'s pipelines of this task family rebuilt on this data (those it refuses left out), and the report's note. */
export function learnedBaseline(
  ref: string,
  portfolio: PortfolioFile,
  target: AdaptTarget,
): { specs: PipelineSpec[]; note: string } {
  const specs = portfolioSpecs(portfolio, target);
  const name = ref === SHIPPED_PORTFOLIO ? "the shipped portfolio" : `the portfolio ${ref}`;
  const n = specs.length;
  return {
    specs,
    note:
      n > 0
        ? `Baseline: ${n} pipeline${n === 1 ? "" : "s"} of ${name} first, then the built-in portfolio.`
        : `Baseline: ${name} has no pipeline for this task that fits this data; the built-in portfolio ran alone.`,
  };
}
