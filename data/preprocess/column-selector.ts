/** Resolves a step's `columns` selector (a group name or a list of names) against the working table. */
import { AlchemistError } from "../../core/errors.js";
import { closestNames } from "../did-you-mean.js";
import type { WorkColumn, WorkTable } from "./work-table.js";

export const isContinuous = (c: WorkColumn): boolean => c.kind === "numeric" && c.role === "continuous";
export const isNumericNotCodes = (c: WorkColumn): boolean => c.kind === "numeric" && c.role !== "codes";
export const isCategorical = (c: WorkColumn): boolean => c.kind === "categorical";
export const isCoded = (c: WorkColumn): boolean => c.kind === "categorical" || c.kind === "text";
export const isDatetime = (c: WorkColumn): boolean => c.kind === "datetime";
export const isText = (c: WorkColumn): boolean => c.kind === "text";

export interface SelectOptions {
  /** Names the step in errors, e.g. `steps[2] (scale)`. */
  readonly step: string;
  /** Group name → membership. */
  readonly groups: Readonly<Record<string, (c: WorkColumn) => boolean>>;
  /** What an explicitly named column may be. */
  readonly accepts: (c: WorkColumn) => boolean;
  /** The accepted kinds in words, for errors. */
  readonly expected: string;
  /** The target column: naming it is a spec error (it is never a feature). */
  readonly target: string | null;
}

function describe(c: WorkColumn): string {
  return c.kind === "numeric" ? `a numeric (${c.role}) feature` : `a ${c.kind} column`;
}

/**
 * The working columns a selector picks, in table order, without duplicates. A listed name picks
 * the column of that exact name, else every accepted feature derived from the raw column of that
 * name. Unknown names → COLUMN_NOT_FOUND (with suggestions); wrong kinds or the target → INVALID_SPEC.
 */
export function selectColumns(
  table: WorkTable,
  selector: string | readonly string[],
  opts: SelectOptions,
): WorkColumn[] {
  if (typeof selector === "string") {
    const inGroup = opts.groups[selector];
    if (inGroup === undefined) {
      throw new AlchemistError("INVALID_SPEC", `${opts.step}: unknown column group '${selector}'.`, {
        parameter: "columns",
        allowed: Object.keys(opts.groups),
      });
    }
    return table.columns.filter(inGroup);
  }
  const picked = new Set<WorkColumn>();
  for (const name of selector) {
    if (name === opts.target) {
      throw new AlchemistError(
        "INVALID_SPEC",
        `${opts.step}: '${name}' is the target column, which is never a feature.`,
        { column: name, parameter: "columns" },
      );
    }
    const exact = table.columns.find((c) => c.name === name);
    if (exact) {
      if (!opts.accepts(exact)) {
        throw new AlchemistError(
          "INVALID_SPEC",
          `${opts.step}: '${name}' is ${describe(exact)}; this step takes ${opts.expected}.`,
          { column: name, parameter: "columns" },
        );
      }
      picked.add(exact);
      continue;
    }
    const derived = table.columns.filter((c) => c.source === name);
    if (derived.length === 0) {
      const candidates = [...new Set(table.columns.flatMap((c) => [c.name, c.source]))];
      const suggestions = closestNames(name, candidates);
      const hint =
        suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(" or ")}?` : "";
      throw new AlchemistError(
        "COLUMN_NOT_FOUND",
        `${opts.step}: no column or feature named '${name}' at this point of the pipeline.${hint}`,
        { column: name, parameter: "columns", suggestions },
      );
    }
    const ok = derived.filter(opts.accepts);
    if (ok.length === 0) {
      throw new AlchemistError(
        "INVALID_SPEC",
        `${opts.step}: the features of '${name}' (${derived.map((c) => c.name).join(", ")}) are not ${opts.expected}.`,
        { column: name, parameter: "columns" },
      );
    }
    for (const c of ok) picked.add(c);
  }
  return table.columns.filter((c) => picked.has(c));
}
