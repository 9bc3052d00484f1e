/**
 * The shipped portfolio, learned offline from runs on the shared datasets (`scripts/build-portfolio.ts`
 * regenerates default-portfolio.json). Shipped as data; the loop keeps its built-in portfolio.
 */
import shipped from "./default-portfolio.json" with { type: "json" };
import { type PortfolioFile, PortfolioFileSchema } from "./portfolio-builder.js";

let parsed: PortfolioFile | undefined;

/** The shipped portfolio, validated on first use. */
export function defaultPortfolio(): PortfolioFile {
  parsed ??= PortfolioFileSchema.parse(shipped);
  return parsed;
}
