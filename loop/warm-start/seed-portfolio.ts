/**
 * The baseline portfolio of a warm-started run: the built-in entries in their own order with the
 * seeds added between them, never ahead of them all. A cold run's first trials are cheap, diverse and
 * strong defaults; a seed learned on another table is evidence too, but weaker, so it joins them
 * rather than pushing them back (and out of a short budget). What was learned on this same table
 * (a twin's leads) is stronger than both and runs first.
 */
import type { PipelineSpec } from "../../data/preprocess/index.js";
import { type LoopSettings, type Trial, trialKey } from "../trial.js";
import type { SeedSpec, WarmSeeds } from "./plan.js";

/** The origin prefix of a seeded baseline trial. */
export const SEED_ORIGIN = "warm start: ";
/**
 * A seed is skipped when its estimator's built-in trial here failed, timed out or took more than this
 * share of the time budget: its params then wait for TPE (which tries them first), so one costly
 * model learned elsewhere cannot eat a short budget.
 */
export const SEED_COST_SHARE = 0.1;

/**
 * A seed's trial may take this many times the fold fits its source predicts here (at least
 * SEED_MIN_CAP_MS): the estimate scales another table's timing and can be far off (credit_data's
 * extra-trees seed, learned on breast_cancer, took ~20× its estimate and 4 s of an 8.9 s budget).
 */
export const SEED_CAP_FACTOR = 4;
export const SEED_MIN_CAP_MS = 1000;

export interface SeededPortfolio {
  specs: PipelineSpec[];
  /** The origin each baseline trial records (the built-in entries' own, `portfolio` by default). */
  origins: string[];
  /** A seed's expected cost here (its foldSeconds, trialSeconds; undefined for built-in entries). */
  costs: (SeedSpec | undefined)[];
  /** The first this many entries are a twin's leads. */
  leads: number;
}

/**
 * The built-in entries in order, the seeds interleaved from the second place on (built-in, seed,
 * built-in, seed, …): the evidence of similar tables is tried early, yet at any moment the run has
 * tried at least half of what a cold run would have, in the same order. A seed equal to a built-in
 * entry (same trial key) adds nothing and runs once, in its built-in place. The exception is a
 * twin's leads (learned on this same table): they run first.
 */
export function seededPortfolio(
  builtin: readonly PipelineSpec[],
  seeds: WarmSeeds | undefined,
  settings: LoopSettings,
  /** The origin of each built-in entry (default `portfolio`). */
  builtinOrigins: readonly string[] = [],
): SeededPortfolio {
  const builtinKeys = new Set(builtin.map((s) => trialKey(s, settings)));
  const all = seeds?.specs ?? [];
  const extra = all.filter((s) => s.lead !== true && !builtinKeys.has(trialKey(s.spec, settings)));
  const specs: PipelineSpec[] = [];
  const origins: string[] = [];
  const costs: SeededPortfolio["costs"] = [];
  const seen = new Set<string>();
  const add = (spec: PipelineSpec, origin: string, seed?: SeedSpec) => {
    const key = trialKey(spec, settings);
    if (seen.has(key)) return;
    seen.add(key);
    specs.push(spec);
    origins.push(origin);
    costs.push(seed);
  };
  // A twin's leads first, built-in defaults among them (that entry then runs here, not in its place).
  for (const lead of all) if (lead.lead === true) add(lead.spec, lead.origin, lead);
  const leads = specs.length;
  for (let i = 0; i < Math.max(builtin.length, extra.length + 1); i++) {
    const own = builtin[i];
    if (own !== undefined) add(own, builtinOrigins[i] ?? "portfolio");
    const seed = extra[i];
    if (seed !== undefined) add(seed.spec, seed.origin, seed);
  }
  return { specs, origins, costs, leads };
}

/**
 * The longest a seed's trial may run: SEED_CAP_FACTOR × its estimated fits (`folds` of
 * `foldSeconds` each, `lanes` at a time), at least SEED_MIN_CAP_MS; unbounded without an estimate.
 */
export function seedCapMs(foldSeconds: number | undefined, folds: number, lanes: number): number {
  if (foldSeconds === undefined) return Number.POSITIVE_INFINITY;
  const rounds = Math.ceil(folds / Math.max(1, lanes));
  return Math.max(SEED_MIN_CAP_MS, SEED_CAP_FACTOR * foldSeconds * rounds * 1000);
}

/**
 * Whether the seeded baseline entry `spec` should be skipped now: its estimator's built-in trial in
 * this run failed, timed out, or took more than SEED_COST_SHARE of the time budget. A function of
 * the recorded trials, so a resumed run skips the same seeds.
 */
export function skipSeed(
  spec: PipelineSpec,
  trials: readonly Trial[],
  budgetSeconds: number | undefined,
): boolean {
  const name = spec.estimator.name;
  const own = trials.find(
    (t) =>
      t.phase === "baseline" &&
      !t.origin.startsWith(SEED_ORIGIN) &&
      !t.recovery &&
      t.spec.estimator.name === name,
  );
  if (own === undefined) return false;
  if (own.status !== "ok" && own.status !== "recovered") return true;
  return budgetSeconds !== undefined && own.seconds > SEED_COST_SHARE * budgetSeconds;
}
