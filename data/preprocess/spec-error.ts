/** Zod validation failures as INVALID_SPEC errors that name the parameter path. */
import type { z } from "zod";
import { AlchemistError } from "../../core/errors.js";

/** Turns the first zod issue into INVALID_SPEC naming the parameter path (e.g. `steps[2].folds`). */
export function specErrorFromZod(error: z.ZodError, prefix: string): AlchemistError {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? [])]
    .filter((p) => p !== "")
    .reduce<string>(
      (acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
      "",
    );
  const message = issue?.message ?? "invalid value";
  return new AlchemistError("INVALID_SPEC", `Invalid ${path || "spec"}: ${message}`, {
    parameter: path,
    issues: error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
  });
}
