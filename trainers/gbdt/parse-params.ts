/** Parameter validation at fit time: a zod failure becomes INVALID_PARAMS naming the parameter. */
import type { z } from "zod";
import { AlchemistError } from "../../core/errors.js";

/** Parses `params` (possibly partial, or already parsed) with `schema`; throws INVALID_PARAMS. */
export function parseParamsOrThrow<S extends z.ZodType>(
  estimator: string,
  schema: S,
  params: unknown,
): z.output<S> {
  const r = schema.safeParse(params ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const parameter = issue?.path.map(String).join(".") ?? "";
  throw new AlchemistError(
    "INVALID_PARAMS",
    `${estimator}: parameter '${parameter}' is invalid: ${issue?.message ?? "does not parse"}.`,
    { parameter },
  );
}
