/**
 * validateAction: the gate every proposed move passes before anything runs. Normalises spelling,
 * checks the action exists (did-you-mean), applies here, and takes a value of its allowed set.
 */
import { z } from "zod";
import { AlchemistError, type ErrorDetails } from "../core/errors.js";
import { closestNames } from "../data/did-you-mean.js";
import type { AllowedValues, ParamDomain } from "./action-definition.js";
import { type Action, type ActionContext, featureColumns } from "./action-schema.js";
import { ACTION_SPACE, type ActionSpace } from "./action-space.js";
import { allowedValues, applicableActions, whyNotApplicable } from "./allowed-values.js";
import { currentEstimator } from "./definitions/model-actions.js";
import { listCapped, matchOption, normalizeName, parseBoolean, parseNumber, show } from "./normalize.js";

export type ValidationResult = { ok: true; action: Action } | { ok: false; error: AlchemistError };
type ValueResult =
  | { ok: true; value: Action["value"]; param?: string }
  | { ok: false; error: AlchemistError };

/** At most this many allowed values travel in error details (the message caps its list too). */
const MAX_DETAILS = 100;

function invalid(message: string, details: ErrorDetails): { ok: false; error: AlchemistError } {
  return { ok: false, error: new AlchemistError("INVALID_ACTION", message, details) };
}

function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(" or ")}?` : "";
}

/** An option of a fixed set, with did-you-mean; `null`/`false` read as none/off where offered. */
function enumValue(raw: unknown, options: readonly string[], what: string): ValueResult {
  let text: string | null = typeof raw === "string" ? raw : null;
  if (raw === null || raw === false) text = options.find((o) => o === "none" || o === "off") ?? null;
  const hit = text === null ? null : matchOption(text, options);
  if (hit !== null) return { ok: true, value: hit };
  const suggestions = typeof raw === "string" ? closestNames(raw, options) : [];
  return invalid(
    `${what}: ${show(raw)} is not allowed here.${didYouMean(suggestions)} Allowed: ${listCapped(options)}.`,
    { parameter: "value", suggestions, allowed: options.slice(0, MAX_DETAILS) },
  );
}

function rangeValue(
  raw: unknown,
  r: { min: number; max: number; integer: boolean; also: readonly string[] },
  what: string,
): ValueResult {
  const allowed = [`${r.min}..${r.max}`, ...r.also];
  if (raw === null && r.also.includes("none")) return { ok: true, value: "none" };
  if (typeof raw === "string") {
    const word = matchOption(raw, r.also);
    if (word !== null) return { ok: true, value: word };
  }
  const n = parseNumber(raw);
  const kind = r.integer ? "an integer" : "a number";
  const words = r.also.length > 0 ? ` or ${r.also.map((w) => `'${w}'`).join(" or ")}` : "";
  if (n === null || (r.integer && !Number.isInteger(n)) || n < r.min || n > r.max) {
    return invalid(
      `${what}: ${show(raw)} is outside the allowed values: ${kind} from ${r.min} to ${r.max}${words}.`,
      {
        parameter: "value",
        allowed,
        min: r.min,
        max: r.max,
        integer: r.integer,
      },
    );
  }
  return { ok: true, value: n };
}

function booleanValue(raw: unknown, what: string): ValueResult {
  const b = parseBoolean(raw);
  if (b !== null) return { ok: true, value: b };
  return invalid(`${what}: ${show(raw)} is not on/off; give true (on) or false (off).`, {
    parameter: "value",
    allowed: ["true", "false"],
  });
}

function columnValue(
  raw: unknown,
  allowed: readonly string[],
  ctx: ActionContext,
  what: string,
): ValueResult {
  if (typeof raw === "string") {
    if (allowed.includes(raw)) return { ok: true, value: raw };
    const key = raw.trim().toLowerCase();
    const loose = allowed.filter((c) => c.trim().toLowerCase() === key);
    if (loose.length === 1) return { ok: true, value: loose[0] as string };
    if (raw === ctx.spec.target || ctx.columns.some((c) => c.name === raw && c.target === true)) {
      return invalid(`${what}: '${raw}' is the target, which is never a feature.`, {
        parameter: "value",
        column: raw,
      });
    }
    if (featureColumns(ctx).some((c) => c.name === raw)) {
      return invalid(`${what}: '${raw}' is already dropped.`, { parameter: "value", column: raw });
    }
  }
  const suggestions = typeof raw === "string" ? closestNames(raw, allowed) : [];
  return invalid(
    `${what}: ${show(raw)} is not a column of the data.${didYouMean(suggestions)} Columns: ${listCapped(allowed)}.`,
    { parameter: "value", suggestions, allowed: allowed.slice(0, MAX_DETAILS) },
  );
}

function paramValue(
  rawParam: unknown,
  raw: unknown,
  params: readonly ParamDomain[],
  ctx: ActionContext,
): ValueResult {
  const names = params.map((p) => p.name);
  const estimator = ctx.spec.estimator.name;
  if (typeof rawParam !== "string" || rawParam.trim() === "") {
    return invalid(
      `set_hyperparameter needs \`param\`: one of ${listCapped(names)} (estimator '${estimator}').`,
      {
        parameter: "param",
        allowed: names,
      },
    );
  }
  const name = matchOption(rawParam, names);
  const domain = params.find((p) => p.name === name);
  if (name === null || domain === undefined) {
    const suggestions = closestNames(rawParam, names);
    return invalid(
      `'${rawParam}' is not a parameter of '${estimator}'.${didYouMean(suggestions)} Parameters: ${listCapped(names)}.`,
      { parameter: "param", suggestions, allowed: names },
    );
  }
  const what = `set_hyperparameter ${name}`;
  let r: ValueResult;
  if (domain.kind === "enum") r = enumValue(raw, domain.values, what);
  else if (domain.kind === "boolean") r = booleanValue(raw, what);
  else
    r = rangeValue(raw, { min: domain.min, max: domain.max, integer: domain.kind === "int", also: [] }, what);
  if (!r.ok) {
    r.error.details.param = name;
    return r;
  }
  // The declaration is the last word (it may hold checks the JSON schema does not show).
  const field = currentEstimator(ctx)?.params.shape[name];
  if (field !== undefined && !z.safeParse(field, r.value).success) {
    return invalid(`${what}: ${show(r.value)} fails the parameter's declaration.`, {
      parameter: "value",
      param: name,
    });
  }
  return { ok: true, value: r.value, param: name };
}

function checkValue(
  allowed: AllowedValues,
  raw: Record<string, unknown>,
  ctx: ActionContext,
  what: string,
): ValueResult {
  switch (allowed.kind) {
    case "enum":
      return enumValue(raw.value, allowed.values, what);
    case "range":
      return rangeValue(raw.value, allowed, what);
    case "boolean":
      return booleanValue(raw.value, what);
    case "column":
      return columnValue(raw.value, allowed.values, ctx, what);
    case "param":
      return paramValue(raw.param, raw.value, allowed.params, ctx);
  }
}

/**
 * Checks a proposed action against `space` in `ctx` and returns it in canonical form (name,
 * value spelling, numbers for numeric strings), or an INVALID_ACTION error whose details name the
 * `parameter` (action, value or param) with `suggestions` and the `allowed` set.
 */
export function validateAction(
  raw: unknown,
  ctx: ActionContext,
  space: ActionSpace = ACTION_SPACE,
): ValidationResult {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return invalid("An action is an object {action, value, param?}.", {
      parameter: "action",
      allowed: space.names,
    });
  }
  const obj = raw as Record<string, unknown>;
  if (typeof obj.action !== "string" || obj.action.trim() === "") {
    return invalid(`\`action\` must name one of: ${space.names.join(", ")}.`, {
      parameter: "action",
      allowed: space.names,
    });
  }
  const name = normalizeName(obj.action);
  const def = space.get(name);
  if (def === undefined) {
    const suggestions = closestNames(name, space.names);
    return invalid(
      `Unknown action '${obj.action}'.${didYouMean(suggestions)} Actions: ${space.names.join(", ")}.`,
      {
        parameter: "action",
        suggestions,
        allowed: space.names,
      },
    );
  }
  const why = whyNotApplicable(def, ctx);
  if (why !== null) {
    return invalid(why, { parameter: "action", allowed: applicableActions(ctx, space).map((d) => d.name) });
  }
  const hasParam = obj.param !== undefined && obj.param !== null && obj.param !== "";
  if (def.values.kind !== "param" && hasParam) {
    return invalid(`'${def.name}' takes no \`param\` (only set_hyperparameter does).`, {
      parameter: "param",
    });
  }
  const r = checkValue(allowedValues(def, ctx), obj, ctx, def.name);
  if (!r.ok) return r;
  const action: Action = { action: def.name, value: r.value };
  if (r.param !== undefined) action.param = r.param;
  return { ok: true, action };
}
