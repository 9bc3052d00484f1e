/** The trainers' line-delimited JSON progress protocol: one event per stdout line, parsed at the boundary. */
import { z } from "zod";

const finite = z.number().refine(Number.isFinite, "must be finite");

/** Protocol version the Python scripts speak (`v` on every line). */
export const SLM_PROTOCOL_VERSION = 1;

export const SlmStartEventSchema = z.object({
  event: z.literal("start"),
  backend: z.string(),
  model: z.string(),
  device: z.string(),
  params_trainable: z.number().int().nullable().optional(),
  params_total: z.number().int().nullable().optional(),
  train_examples: z.number().int(),
  eval_examples: z.number().int(),
});

export const SlmStepEventSchema = z.object({
  event: z.literal("step"),
  step: z.number().int().min(1),
  loss: finite,
  /** Loss-bearing tokens per second of this step. */
  tokens_per_s: z.number().min(0),
  lr: z.number().nullable().optional(),
});

export const SlmEvalEventSchema = z.object({
  event: z.literal("eval"),
  step: z.number().int().min(0),
  eval_loss: finite,
});

export const SlmGenerationEventSchema = z.object({
  event: z.literal("generation"),
  /** Index into the eval records, in file order. */
  index: z.number().int().min(0),
  text: z.string(),
});

export const SlmDoneEventSchema = z.object({
  event: z.literal("done"),
  step: z.number().int().min(0),
  train_loss: z.number().nullable(),
  eval_loss: z.number().nullable(),
  adapter_dir: z.string(),
  seconds: z.number().min(0),
});

export const SlmErrorEventSchema = z.object({
  event: z.literal("error"),
  message: z.string(),
  code: z.string().optional(),
});

export const SlmEventSchema = z.discriminatedUnion("event", [
  SlmStartEventSchema,
  SlmStepEventSchema,
  SlmEvalEventSchema,
  SlmGenerationEventSchema,
  SlmDoneEventSchema,
  SlmErrorEventSchema,
]);

export type SlmEvent = z.output<typeof SlmEventSchema>;
export type SlmStepEvent = z.output<typeof SlmStepEventSchema>;
export type SlmEvalEvent = z.output<typeof SlmEvalEventSchema>;
export type SlmDoneEvent = z.output<typeof SlmDoneEventSchema>;

/** What one stdout line was: a protocol event, or something else (kept as a log line, never fatal). */
export type ParsedLine = { kind: "event"; event: SlmEvent } | { kind: "log"; line: string; problem: string };

/** Parses one stdout line; a line that is not a valid event is returned as a log line with the reason. */
export function parseProgressLine(line: string): ParsedLine {
  const text = line.trim();
  if (!text.startsWith("{")) return { kind: "log", line, problem: "not JSON" };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: "log", line, problem: "not JSON" };
  }
  const parsed = SlmEventSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      kind: "log",
      line,
      problem: `not a protocol event (${issue?.path.join(".")}: ${issue?.message})`,
    };
  }
  return { kind: "event", event: parsed.data };
}

/**
 * Splits a byte stream into lines: `push` returns the complete lines received so far, `end` the rest.
 * Chunks from a pipe cut lines anywhere, including inside a multi-byte character.
 */
export function lineSplitter(): { push(chunk: Buffer | string): string[]; end(): string[] } {
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  const take = (): string[] => {
    const parts = pending.split("\n");
    pending = parts.pop() ?? "";
    return parts.map((p) => (p.endsWith("\r") ? p.slice(0, -1) : p));
  };
  return {
    push(chunk) {
      pending += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
      return take();
    },
    end() {
      pending += decoder.decode();
      const rest = take();
      if (pending !== "") rest.push(pending);
      pending = "";
      return rest;
    },
  };
}
