/** A coercion: something a reader or type inference decided about the data, in plain words. */
import { z } from "zod";

export const CoercionKindSchema = z.enum([
  "missing", // values turned into missing (empty fields, NA tokens, unparsable numbers)
  "type", // the inferred or overridden type of a column
  "format", // a parse format (dates)
  "level", // a suspicious categorical level kept as is
  "rename", // a column renamed (empty or duplicate header)
  "encoding", // bytes decoded other than as UTF-8
  "structure", // ragged rows padded, BOM removed, delimiter sniffed
  "value", // a value kept but flagged (infinities, precision)
]);
export type CoercionKind = z.infer<typeof CoercionKindSchema>;

export const CoercionSchema = z.object({
  column: z.string().optional().describe("The column concerned; absent for file-level coercions"),
  kind: CoercionKindSchema,
  message: z.string().describe('Plain words, e.g. "Horsepower: 6 empty fields → missing"'),
  count: z.number().int().nonnegative().optional().describe("Cells or rows affected"),
  firstLine: z.number().int().positive().optional().describe("1-based file line of the first affected row"),
});
export type Coercion = z.infer<typeof CoercionSchema>;

/** Builds a coercion, omitting absent optional fields (exactOptionalPropertyTypes-friendly). */
export function coercion(
  kind: CoercionKind,
  message: string,
  extra: { column?: string | undefined; count?: number | undefined; firstLine?: number | undefined } = {},
): Coercion {
  const c: Coercion = { kind, message };
  if (extra.column !== undefined) c.column = extra.column;
  if (extra.count !== undefined) c.count = extra.count;
  if (extra.firstLine !== undefined) c.firstLine = extra.firstLine;
  return c;
}

/** "1 row" / "6 rows". */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}
