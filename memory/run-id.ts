/** Run ids: generation, git-like unique-prefix lookup, and the not-found error with suggestions. */
import { randomBytes } from "node:crypto";
import type { Database } from "better-sqlite3";
import { AlchemistError } from "../core/errors.js";
import { closestNames } from "../data/did-you-mean.js";

/** The shortest prefix `getRun` accepts for a non-exact match (as git does for hashes). */
export const MIN_RUN_ID_PREFIX = 4;

/**
 * 12 random hex characters: unique enough for one project's runs, and short prefixes of them are
 * distinct. Not from core/rng.ts on purpose: ids are names, not results, and must differ between
 * runs that share a seed.
 */
export function newRunId(): string {
  return randomBytes(6).toString("hex");
}

export interface RunIdResolver {
  /** The stored id for an exact id or a unique prefix; MEMORY_NOT_FOUND or an ambiguity error otherwise. */
  resolve(idOrPrefix: string): string;
  /** MEMORY_NOT_FOUND for `id`, suggesting the closest known ids. */
  notFound(id: string): AlchemistError;
}

export function createRunIdResolver(db: Database): RunIdResolver {
  const exact = db.prepare("SELECT id FROM runs WHERE id = ?").pluck();
  const byPrefix = db
    .prepare("SELECT id FROM runs WHERE substr(id, 1, length(@p)) = @p ORDER BY id LIMIT 11")
    .pluck();
  const recent = db.prepare("SELECT id FROM runs ORDER BY created_at DESC, rowid DESC LIMIT 1000").pluck();

  const notFound = (id: string) => runNotFound(id, recent.all() as string[]);
  const resolve = (idOrPrefix: string): string => {
    if (exact.get(idOrPrefix) !== undefined) return idOrPrefix;
    if (idOrPrefix.length >= MIN_RUN_ID_PREFIX) {
      const matches = byPrefix.all({ p: idOrPrefix }) as string[];
      if (matches.length === 1) return matches[0]!;
      if (matches.length > 1) {
        const shown = matches.slice(0, 10);
        throw new AlchemistError(
          "INVALID_ARGUMENT",
          `run id prefix '${idOrPrefix}' is ambiguous: ${shown.join(", ")}${matches.length > 10 ? ", …" : ""}`,
          { parameter: "run_id", suggestions: shown },
        );
      }
    }
    throw notFound(idOrPrefix);
  };
  return { resolve, notFound };
}

/** MEMORY_NOT_FOUND naming the id, with the closest known ids. */
export function runNotFound(id: string, known: readonly string[]): AlchemistError {
  const suggestions = closestNames(id, known);
  const hint =
    suggestions.length > 0 ? ` (did you mean ${suggestions.map((s) => `'${s}'`).join(", ")}?)` : "";
  return new AlchemistError("MEMORY_NOT_FOUND", `no run '${id}' in memory${hint}`, {
    parameter: "run_id",
    run_id: id,
    suggestions,
  });
}
