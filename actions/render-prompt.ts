/** renderActionSpacePrompt: the Markdown menu of the moves allowed in a context, for the proposer's prompt. */
import { METRICS } from "../evaluate/metrics/index.js";
import type { ActionDefinition, AllowedValues, ParamDomain } from "./action-definition.js";
import { ACTION_CATEGORIES, type ActionCategory, type ActionContext } from "./action-schema.js";
import { ACTION_SPACE, type ActionSpace } from "./action-space.js";
import { allowedValues, applicableActions } from "./allowed-values.js";

const HEADINGS: Record<ActionCategory, string> = {
  model: "Model",
  preprocessing: "Preprocessing",
  data: "Data",
  config: "Run settings",
};

/** Column names come from user data: quoted as JSON in a data block, `<` escaped, as agents quote data. */
function dataList(name: string, values: readonly string[], max: number): string {
  const shown = JSON.stringify(values.slice(0, max)).replaceAll("<", "\\u003c");
  const more = values.length > max ? ` (first ${max} of ${values.length})` : "";
  return `a column name from <data name="${name}">${shown}</data>${more}`;
}

function code(v: string | number | boolean): string {
  return `\`${String(v)}\``;
}

function firstSentence(text: string, max = 110): string {
  const s = text.split(/(?<=\.)\s/)[0] ?? text;
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function range(min: number, max: number, integer: boolean, log: boolean): string {
  return `${integer ? "an integer" : "a number"} from ${min} to ${max}${log ? " (log scale)" : ""}`;
}

function paramLine(p: ParamDomain, current: unknown): string {
  let what: string;
  if (p.kind === "enum") what = `one of ${p.values.map(code).join(", ")}`;
  else if (p.kind === "boolean") what = "true or false";
  else what = range(p.min, p.max, p.kind === "int", p.log);
  const now = current !== undefined ? `; now ${JSON.stringify(current)}` : "";
  return `  - ${code(p.name)}: ${what}; default ${JSON.stringify(p.default)}${now}. ${firstSentence(p.description)}`;
}

function valuesText(
  def: ActionDefinition,
  allowed: AllowedValues,
  ctx: ActionContext,
  maxColumns: number,
): string {
  switch (allowed.kind) {
    case "enum": {
      const labels = def.values.kind === "enum" ? def.values.labels : undefined;
      return allowed.values.map((v) => (labels?.[v] ? `${code(v)} (${labels[v]})` : code(v))).join(", ");
    }
    case "range": {
      const words = allowed.also.map(code);
      return [range(allowed.min, allowed.max, allowed.integer, allowed.scale === "log"), ...words].join(
        ", or ",
      );
    }
    case "boolean":
      return "`true` (on) or `false` (off)";
    case "column":
      return dataList(`${def.name}_values`, allowed.values, maxColumns);
    case "param": {
      const params = ctx.spec.estimator.params;
      const lines = allowed.params.map((p) => paramLine(p, params[p.name]));
      return `\`param\` of ${code(allowed.estimator ?? "?")} and its value:\n${lines.join("\n")}`;
    }
  }
}

export interface PromptOptions {
  /** At most this many column names are listed (default 50). */
  readonly maxColumns?: number;
}

/**
 * The menu of every action that applies in `ctx`, grouped by category, each with its description
 * and its allowed values here, closed by the rule that nothing else may be picked.
 */
export function renderActionSpacePrompt(
  ctx: ActionContext,
  space: ActionSpace = ACTION_SPACE,
  options: PromptOptions = {},
): string {
  const maxColumns = options.maxColumns ?? 50;
  const applicable = applicableActions(ctx, space);
  const needsProba = METRICS[ctx.metric].needs === "proba";
  const out: string[] = [
    "## Actions",
    "",
    `Task: ${ctx.task}. Metric: ${ctx.metric}${needsProba ? " (scores probabilities, so only estimators that give them are offered)" : ""}. Current estimator: ${code(ctx.spec.estimator.name)}.`,
  ];
  for (const category of ACTION_CATEGORIES) {
    const defs = applicable.filter((d) => d.category === category);
    if (defs.length === 0) continue;
    out.push("", `### ${HEADINGS[category]}`);
    for (const d of defs) {
      out.push(
        `- ${code(d.name)}: ${d.description} Values: ${valuesText(d, allowedValues(d, ctx), ctx, maxColumns)}`,
      );
    }
  }
  out.push(
    "",
    `You may only pick one of the actions listed above (${applicable.map((d) => d.name).join(", ")}), with one of the values listed for it; any other action or value is rejected. Answer with {"action": <name>, "value": <value>}, plus "param" for set_hyperparameter.`,
  );
  return out.join("\n");
}
