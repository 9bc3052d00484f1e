/**
 * defineAgent: the three-tier ladder every agent walks. Tier 1 asks the gateway for provider-native
 * structured output; tier 2 for JSON text, validated, with one repair turn that shows the model its
 * validation errors; tier 3 is the agent's deterministic heuristic. Every value is validated.
 */
import type { z } from "zod";
import { AlchemistError, type ErrorCode, isAlchemistError } from "../../core/errors.js";
import type { LlmCallOptions, LlmGateway, LlmMessage, LlmResult } from "../../llm/types.js";
import {
  outputJsonSchema,
  promptJson,
  repairPromptFor,
  systemPromptFor,
  userPromptFor,
} from "./agent-prompt.js";
import type {
  Agent,
  AgentDefinition,
  AgentFailure,
  AgentResult,
  AgentTier,
  AnalyzeOptions,
} from "./agent-types.js";
import { checkOutput, coerceJson, formatIssues } from "./output-check.js";
import { UsageMeter } from "./usage-meter.js";

/** Rejections after which no further call can succeed: go straight to the heuristic. */
const TERMINAL_CODES: ReadonlySet<ErrorCode> = new Set([
  "LLM_UNAVAILABLE",
  "LLM_BUDGET_EXCEEDED",
  "LLM_CONFIG",
]);
/** The model id of the gateway with no LLM configured. */
export const NO_LLM_MODEL = "none";
/** The invalid answer shown back in the repair turn is cut at this many characters. */
const MAX_ECHO_CHARS = 8000;
const MAX_MESSAGE_CHARS = 500;

const AGENT_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Builds an Agent from its declaration; throws INVALID_ARGUMENT for a malformed declaration. */
export function defineAgent<I, S extends z.ZodType>(def: AgentDefinition<I, S>): Agent<I, z.output<S>> {
  if (!AGENT_NAME.test(def.name)) {
    throw new AlchemistError("INVALID_ARGUMENT", `Agent name '${def.name}' must be kebab-case.`, {
      parameter: "name",
    });
  }
  type O = z.output<S>;
  // Computed once: the schema never changes, and every call would otherwise redo it.
  const schemaJson = promptJson(outputJsonSchema(def.output));
  const system = systemPromptFor(def.systemPrompt);

  const checkInput = (input: I): I => {
    if (!def.input) return input;
    const r = def.input.safeParse(input);
    if (!r.success) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `Invalid input for agent '${def.name}':\n${formatIssues(r.error.issues)}`,
        { parameter: "input" },
      );
    }
    return r.data;
  };

  const messages = (input: I): LlmMessage[] => [
    { role: "system", content: system },
    { role: "user", content: userPromptFor(def.buildPrompt(input), schemaJson) },
  ];

  const heuristic = (input: I): O => {
    const check = checkOutput(def.output, def.heuristic(input), input, def.validate?.bind(def));
    if (check.ok) return check.value;
    throw new AlchemistError(
      "INTERNAL",
      `Agent '${def.name}': its heuristic broke its own contract (${check.code}):\n${check.problems}`,
    );
  };

  const analyze = async (rawInput: I, options: AnalyzeOptions): Promise<AgentResult<O>> => {
    const { gateway, signal } = options;
    signal?.throwIfAborted();
    const input = checkInput(rawInput);
    const validate = def.validate?.bind(def);
    const meter = new UsageMeter();
    const failures: AgentFailure[] = [];
    const done = (value: O, tier: AgentTier, model: string | null): AgentResult<O> => ({
      agent: def.name,
      value,
      tier,
      failures,
      usage: meter.snapshot(),
      model,
    });
    const fallback = () => done(heuristic(input), "heuristic", null);

    if (gateway.modelId === NO_LLM_MODEL) {
      failures.push({
        tier: "structured",
        code: "LLM_UNAVAILABLE",
        message: "no LLM configured (model none)",
      });
      return fallback();
    }
    const callOptions = callOptionsFor(def, options);
    const call = <T>(run: () => Promise<LlmResult<T>>) => callGateway(run, meter, signal);
    const prompt = messages(input);

    // Tier 1: provider-native structured output.
    const structured = await call(() => gateway.completeStructured(prompt, def.output, callOptions));
    if (structured.ok) {
      const check = checkOutput(def.output, structured.result.value, input, validate);
      if (check.ok) return done(check.value, "structured", modelOf(structured.result, gateway));
      failures.push({ tier: "structured", code: check.code, message: check.problems });
    } else {
      failures.push({ tier: "structured", code: structured.code, message: structured.message });
      if (TERMINAL_CODES.has(structured.code as ErrorCode)) return fallback();
    }

    // Tier 2: JSON text, validated; one repair turn when it parses but does not validate.
    const json = await call(() => gateway.completeJson(prompt, callOptions));
    if (!json.ok) {
      failures.push({ tier: "json", code: json.code, message: json.message });
      return fallback();
    }
    const first = coerceJson(json.result.value);
    const check = checkOutput(def.output, first, input, validate);
    if (check.ok) return done(check.value, "json", modelOf(json.result, gateway));
    failures.push({ tier: "json", code: check.code, message: check.problems });

    const repairMessages: LlmMessage[] = [
      ...prompt,
      { role: "assistant", content: echo(first) },
      { role: "user", content: repairPromptFor(check.problems) },
    ];
    const repaired = await call(() => gateway.completeJson(repairMessages, callOptions));
    if (!repaired.ok) {
      failures.push({ tier: "json", code: repaired.code, message: repaired.message, repair: true });
      return fallback();
    }
    const recheck = checkOutput(def.output, coerceJson(repaired.result.value), input, validate);
    if (recheck.ok) return done(recheck.value, "json", modelOf(repaired.result, gateway));
    failures.push({ tier: "json", code: recheck.code, message: recheck.problems, repair: true });

    // Tier 3: the heuristic.
    return fallback();
  };

  return Object.freeze({
    name: def.name,
    purpose: def.purpose,
    output: def.output as z.ZodType<O>,
    analyze,
    messages: (input: I) => messages(checkInput(input)),
    heuristic: (input: I) => heuristic(checkInput(input)),
  });
}

function callOptionsFor<I, S extends z.ZodType>(
  def: AgentDefinition<I, S>,
  options: AnalyzeOptions,
): LlmCallOptions {
  const o: LlmCallOptions = { purpose: def.purpose, temperature: def.temperature ?? 0 };
  if (options.runId !== undefined) o.runId = options.runId;
  if (options.signal !== undefined) o.signal = options.signal;
  if (options.timeoutMs !== undefined) o.timeoutMs = options.timeoutMs;
  if (def.maxTokens !== undefined) o.maxTokens = def.maxTokens;
  return o;
}

type CallOutcome<T> =
  | { ok: true; result: LlmResult<T> }
  | { ok: false; code: AgentFailure["code"]; message: string };

/**
 * One gateway call, metered. A rejection becomes a failure record (anything not an AlchemistError is
 * a gateway bug, recorded as INTERNAL rather than thrown: the run goes on with the next tier), except
 * when the caller aborted: that rethrows the abort reason.
 */
async function callGateway<T>(
  run: () => Promise<LlmResult<T>>,
  meter: UsageMeter,
  signal: AbortSignal | undefined,
): Promise<CallOutcome<T>> {
  const start = performance.now();
  try {
    const result = await run();
    meter.answered(result.usage);
    signal?.throwIfAborted();
    return { ok: true, result };
  } catch (e) {
    signal?.throwIfAborted();
    const d = isAlchemistError(e) ? e.details : {};
    const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
    meter.rejected(performance.now() - start, {
      inputTokens: num(d.inputTokens),
      outputTokens: num(d.outputTokens),
      costUsd: num(d.costUsd),
    });
    const code = isAlchemistError(e) ? e.code : "INTERNAL";
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, code, message: truncate(message, MAX_MESSAGE_CHARS) };
  }
}

function modelOf(result: LlmResult<unknown>, gateway: LlmGateway): string {
  return result.provider && result.model ? `${result.provider}/${result.model}` : gateway.modelId;
}

function echo(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return truncate(text, MAX_ECHO_CHARS);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
