/** Checks the envelope of a serialised tree model (estimator, version, params, shapes) before its state. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import type { ModelJSON } from "../estimator.js";

export interface ModelHeader<P> {
  params: P;
  nFeatures: number;
  /** Classifiers only. */
  nClasses: number | undefined;
}

/** Validates `json` against the estimator's name, state version and params schema. */
export function checkModelHeader<S extends z.ZodObject>(
  json: ModelJSON,
  name: string,
  version: number,
  paramsSchema: S,
  classifier: boolean,
): ModelHeader<z.output<S>> {
  const header = z.object({
    estimator: z.literal(name),
    version: z.literal(version),
    params: z.record(z.string(), z.unknown()),
    nFeatures: z.number().int().min(1),
    nClasses: classifier ? z.number().int().min(2) : z.undefined().optional(),
  });
  const h = header.safeParse(json);
  if (!h.success) {
    const issue = h.error.issues[0];
    throw new AlchemistError(
      "INVALID_MODEL_STATE",
      `Not a valid ${name} model (version ${version}): ${issue?.path.join(".") || "model"}: ${issue?.message ?? "invalid"}.`,
      { path: issue?.path.join(".") ?? "" },
    );
  }
  const p = paramsSchema.safeParse(json.params);
  if (!p.success) {
    const issue = p.error.issues[0];
    throw new AlchemistError(
      "INVALID_MODEL_STATE",
      `Stored params of ${name} are invalid: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}.`,
      { path: `params.${issue?.path.join(".") ?? ""}` },
    );
  }
  return {
    params: p.data,
    nFeatures: h.data.nFeatures,
    nClasses: classifier ? (json.nClasses as number) : undefined,
  };
}
