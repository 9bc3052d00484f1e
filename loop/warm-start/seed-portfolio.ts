/**
 * The baseline portfolio of a warm-started run: the built-in entries in their own order with the
 * seeds added between them, never ahead of them all. A cold run's first trials are cheap, diverse and
 * strong defaults; a seed learned on another table is evidence too, but weaker, so it joins them
 * rather than pushing them back (and out of a short budget).
 */
import type { PipelineSpec } from "../../data/preprocess/index.js";
import { type LoopSettings, type Trial, trialKey } from "../trial.js";
import type { WarmSeeds } from "./plan.js";

/** The origin prefix of a seeded baseline trial. */
export const SEED_ORIGIN = "warm start: ";
/**
 * A seed is skipped when its estimator's built-in trial here failed, timed out or took more than this
 * share of the time budget: its params then wait for TPE (which tries them first), so one costly
 * model learned elsewhere cannot eat a short budget.
 */
export const SEED_COST_SHARE = 0.1;

export interface SeededPortfolio {
  specs: PipelineSpec[];
  /** The origin each baseline trial records (`portfolio` for built-in entries). */
  origins: string[];
}

/**
 * The built-in entries in order, the seeds interleaved from the second place on (built-in, seed,
 * built-in, seed, …): the evidence of similar tables is tried early, yet at any moment the run has
 * tried at least half of what a cold run would have, in the same order. A seed equal to a built-in
 * entry (same trial key) adds nothing and runs once, in its built-in place.
 */
export function seededPortfolio(
  builtin: readonly PipelineSpec[],
  seeds: WarmSeeds | undefined,
  settings: LoopSettings,
): SeededPortfolio {
  const builtinKeys = new Set(builtin.map((s) => trialKey(s, settings)));
  const extra = (seeds?.specs ?? []).filter((s) => !builtinKeys.has(trialKey(s.spec, settings)));
  const specs: PipelineSpec[] = [];
  const origins: string[] = [];
  const seen = new Set<string>();
  const add = (spec: PipelineSpec, origin: string) => {
    const key = trialKey(spec, settings);
    if (seen.has(key)) return;
    seen.add(key);
    specs.push(spec);
    origins.push(origin);
  };
  for (let i = 0; i < Math.max(builtin.length, extra.length + 1); i++) {
    const own = builtin[i];
    if (own !== undefined) add(own, "portfolio");
    const seed = extra[i];
    if (seed !== undefined) add(seed.spec, seed.origin);
  }
  return { specs, origins };
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
    (t) => t.phase === "baseline" && t.origin === "portfolio" && t.spec.estimator.name === name,
  );
  if (own === undefined) return false;
  if (own.status !== "ok" && own.status !== "recovered") return true;
  return budgetSeconds !== undefined && own.seconds > SEED_COST_SHARE * budgetSeconds;
}
