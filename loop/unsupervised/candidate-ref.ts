/** A candidate of the unsupervised searches as data: a registry estimator, its params and a scaling. */
import { MODEL_REGISTRY } from "../../trainers/registry.js";
import type { Scaling } from "./unsupervised-schema.js";

export interface CandidateRef {
  /** A MODEL_REGISTRY estimator of the task. */
  readonly model: string;
  /** As given (recorded as such); `paramsOf` fills the defaults. */
  readonly params: Record<string, unknown>;
  readonly scaling: Scaling;
}

/** The params with the registry's defaults filled in (as given when the registry refuses them). */
export function paramsOf(ref: Pick<CandidateRef, "model" | "params">): Record<string, unknown> {
  const parsed = MODEL_REGISTRY.get(ref.model)?.params.safeParse(ref.params);
  return parsed?.success === true ? (parsed.data as Record<string, unknown>) : ref.params;
}
