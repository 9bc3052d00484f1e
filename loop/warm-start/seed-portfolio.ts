/** The baseline portfolio of a warm-started run: the seeds first, then the built-in entries they do not repeat. */
import type { PipelineSpec } from "../../data/preprocess/index.js";
import { type LoopSettings, trialKey } from "../trial.js";
import type { WarmSeeds } from "./plan.js";

export interface SeededPortfolio {
  specs: PipelineSpec[];
  /** The origin each baseline trial records (`portfolio` for built-in entries). */
  origins: string[];
}

/** Seeds ahead of the built-in portfolio; a built-in entry equal to a seed (same trial key) runs once. */
export function seededPortfolio(
  builtin: readonly PipelineSpec[],
  seeds: WarmSeeds | undefined,
  settings: LoopSettings,
): SeededPortfolio {
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
  for (const s of seeds?.specs ?? []) add(s.spec, s.origin);
  for (const spec of builtin) add(spec, "portfolio");
  return { specs, origins };
}
