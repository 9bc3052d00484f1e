/** The proposer's semantic gate: the action must validate here, execute on the incumbent, and lead somewhere new. */
import {
  type Action,
  type ActionColumn,
  type ActionContext,
  type ActionState,
  executeAction,
  normalizeName,
  validateAction,
} from "../../actions/index.js";
import { isAlchemistError } from "../../core/errors.js";
import { fitsSize } from "../../loop/portfolio.js";
import { trialKey } from "../../loop/trial.js";
import { dataBlock, promptJson } from "../contract/agent-prompt.js";
import { moveLabel } from "./move-label.js";
import type { ProposerInput, ProposerOutput } from "./proposer-schema.js";

/** The incumbent as actions see it: the context to validate against, the state to change, its key. */
export interface ProposerScene {
  ctx: ActionContext;
  state: ActionState;
  incumbentKey: string;
}

export function sceneOf(input: ProposerInput): ProposerScene {
  const { spec, settings } = input.incumbent;
  const columns: ActionColumn[] = input.columns.map((c) =>
    c.target === true ? { name: c.name, kind: c.kind, target: true } : { name: c.name, kind: c.kind },
  );
  return {
    ctx: { task: input.task, metric: input.metric, columns, spec },
    state: { spec, settings },
    incumbentKey: trialKey(spec, settings),
  };
}

export type ResolvedMove =
  | { ok: true; action: Action; state: ActionState; key: string }
  | { ok: false; problem: string };

/**
 * Validates `raw` against the incumbent's context (canonical name and value, or the INVALID_ACTION
 * message with did-you-mean and the allowed values) and applies it with executeAction; then checks
 * the resulting state was never evaluated.
 */
export function resolveMove(input: ProposerInput, raw: unknown, scene = sceneOf(input)): ResolvedMove {
  const checked = validateAction(raw, scene.ctx);
  if (!checked.ok) return { ok: false, problem: checked.error.message };
  let state: ActionState;
  try {
    state = executeAction(scene.state, checked.action, scene.ctx);
  } catch (e) {
    return { ok: false, problem: isAlchemistError(e) ? e.message : String(e) };
  }
  const key = trialKey(state.spec, state.settings);
  const label = `\`${moveLabel(checked.action)}\``;
  // What the portfolio leaves out for the table's size costs as much in explore: an MLP on diamonds'
  // 40,000 rows ran out twice and took 11 s of a 30 s run.
  const model = state.spec.estimator.name;
  const { nRows, nFeatures } = input.facts;
  if (model !== scene.state.spec.estimator.name && !fitsSize(model, nRows, nFeatures)) {
    return {
      ok: false,
      problem: `too costly here: ${label} needs a model whose fit does not suit ${nRows} rows × ${nFeatures} features (the baseline portfolio leaves it out for that size); pick another model or move.`,
    };
  }
  if (key === scene.incumbentKey) {
    return {
      ok: false,
      problem: `already tried: ${label} leaves the evaluated pipeline unchanged (it is the incumbent); pick a move that changes the model or its preprocessing.`,
    };
  }
  if (input.tried.has(key)) {
    return {
      ok: false,
      problem: `already tried: ${label} on the incumbent gives a pipeline that was already evaluated; pick another action or value.`,
    };
  }
  return { ok: true, action: checked.action, state, key };
}

/**
 * Quoted rejections are cut to this many characters of JSON, so their data block closes well within
 * the contract's cap on a rendered problem list (2000).
 */
const MAX_QUOTED = 1500;

/**
 * A rejection as the repair turn shows it. Messages about drop_column quote column names (did-you-mean,
 * the allowed list), which are user data: they go inside a data block. Others hold only our names and
 * the model's own words, with `<` escaped so nothing can pose as a tag.
 */
function rejection(action: unknown, problem: string): string {
  const name = (action as { action?: unknown } | null)?.action;
  if (typeof name === "string" && normalizeName(name) === "drop_column") {
    let quoted = problem;
    while (promptJson(quoted).length > MAX_QUOTED)
      quoted = `${quoted.slice(0, Math.floor(quoted.length * 0.8))}…`;
    return `The drop_column proposal is rejected for the reason quoted below as data (it names columns):\n${dataBlock("rejection", quoted)}`;
  }
  return problem.replaceAll("<", "\\u003c");
}

/** The agent's `validate` hook: one violation, or none. */
export function checkProposal(value: ProposerOutput, input: ProposerInput): string[] {
  const r = resolveMove(input, value.action);
  return r.ok ? [] : [rejection(value.action, r.problem)];
}
