/**
 * TEST DOUBLE. ScriptedGateway: an in-memory LlmGateway that answers each method from a script of
 * values and errors, in order, and records every call. For agent tests only; the real providers and
 * their fault handling live in llm/.
 */
import type { z } from "zod";
import { AlchemistError, type ErrorCode } from "../../core/errors.js";
import type { LlmCallOptions, LlmGateway, LlmMessage, LlmResult, LlmUsage } from "../../llm/types.js";

/** One scripted answer: a value (with optional usage), or an error the call rejects with. */
export type ScriptStep = { value: unknown; usage?: Partial<LlmUsage> } | { error: Error };

export type ScriptedMethod = "completeStructured" | "completeJson" | "complete";

export interface ScriptedCall {
  method: ScriptedMethod;
  messages: LlmMessage[];
  options: LlmCallOptions;
}

export interface ScriptedGatewayOptions {
  /** `provider/model`; `none` makes every call reject with LLM_UNAVAILABLE, as the real none provider. */
  modelId?: string;
  structured?: ScriptStep[];
  json?: ScriptStep[];
  text?: ScriptStep[];
}

/** Usage of a scripted answer unless the step overrides it. */
export const SCRIPTED_USAGE: LlmUsage = {
  inputTokens: 100,
  outputTokens: 20,
  costUsd: 0.001,
  latencyMs: 5,
  attempts: 1,
};

/** A scripted value. */
export function answer(value: unknown, usage?: Partial<LlmUsage>): ScriptStep {
  return usage ? { value, usage } : { value };
}

/** A scripted rejection with an AlchemistError of `code`. */
export function failWith(code: ErrorCode, message = `scripted ${code}`): ScriptStep {
  return { error: new AlchemistError(code, message) };
}

export class ScriptedGateway implements LlmGateway {
  readonly modelId: string;
  /** Every call, in order. */
  readonly calls: ScriptedCall[] = [];
  private readonly scripts: Record<ScriptedMethod, ScriptStep[]>;

  constructor(options: ScriptedGatewayOptions = {}) {
    this.modelId = options.modelId ?? "scripted/test-model";
    this.scripts = {
      completeStructured: [...(options.structured ?? [])],
      completeJson: [...(options.json ?? [])],
      complete: [...(options.text ?? [])],
    };
  }

  /** Calls made to one method. */
  callsTo(method: ScriptedMethod): ScriptedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  completeStructured<S extends z.ZodType>(
    messages: LlmMessage[],
    _schema: S,
    options: LlmCallOptions,
  ): Promise<LlmResult<z.output<S>>> {
    return this.next("completeStructured", messages, options) as Promise<LlmResult<z.output<S>>>;
  }

  completeJson(messages: LlmMessage[], options: LlmCallOptions): Promise<LlmResult<unknown>> {
    return this.next("completeJson", messages, options);
  }

  complete(messages: LlmMessage[], options: LlmCallOptions): Promise<LlmResult<string>> {
    return this.next("complete", messages, options) as Promise<LlmResult<string>>;
  }

  private async next(
    method: ScriptedMethod,
    messages: LlmMessage[],
    options: LlmCallOptions,
  ): Promise<LlmResult<unknown>> {
    this.calls.push({ method, messages: structuredClone(messages), options });
    if (this.modelId === "none") throw new AlchemistError("LLM_UNAVAILABLE", "no LLM configured (none)");
    const step = this.scripts[method].shift();
    if (step === undefined) {
      throw new AlchemistError("INTERNAL", `ScriptedGateway: no scripted answer left for ${method}`);
    }
    if ("error" in step) throw step.error;
    const slash = this.modelId.indexOf("/");
    return {
      value: structuredClone(step.value),
      usage: { ...SCRIPTED_USAGE, ...step.usage },
      provider: slash > 0 ? this.modelId.slice(0, slash) : this.modelId,
      model: slash > 0 ? this.modelId.slice(slash + 1) : this.modelId,
    };
  }
}
