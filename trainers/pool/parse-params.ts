/** Raw params → the estimator's parsed params, or INVALID_PARAMS naming the parameter. */
import type { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import type { EstimatorSpec } from "../estimator.js";

export function parseParams<P extends z.ZodObject>(spec: EstimatorSpec<P>, params: unknown): z.output<P> {
  const parsed = spec.params.safeParse(params ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  const first = issues[0];
  const where = first && first.path !== "" ? `parameter '${first.path}': ` : "";
  throw new AlchemistError(
    "INVALID_PARAMS",
    `${spec.name}: ${where}${first?.message ?? "invalid parameters"}.`,
    {
      estimator: spec.name,
      ...(first && first.path !== "" ? { parameter: first.path } : {}),
      issues,
    },
  );
}
