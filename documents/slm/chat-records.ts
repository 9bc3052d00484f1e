/** Training records for chat fine-tuning: `{messages, source}` per pair, written as JSON Lines. */
import { writeFileSync } from "node:fs";
import { z } from "zod";
import type { QaPair } from "../qa/qa-pair.js";

/** The system prompt of training records and of the exported Modelfile (the model sees the same at run time). */
export const DEFAULT_SYSTEM_PROMPT =
  "You answer questions about the user's documents. Answer briefly with the facts the documents state; if they do not say, say you do not know.";

export const ChatMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
});
export type ChatMessage = z.output<typeof ChatMessageSchema>;

export const ChatRecordSchema = z.object({
  messages: z.array(ChatMessageSchema).min(2),
  source: z.object({ file: z.string(), start: z.number().int(), end: z.number().int() }),
});
export type ChatRecord = z.output<typeof ChatRecordSchema>;

/** One pair as a chat record: system, user question, assistant answer; the citation as its source. */
export function toChatRecord(pair: QaPair, systemPrompt: string = DEFAULT_SYSTEM_PROMPT): ChatRecord {
  return {
    messages: [
      { role: "system", content: systemPrompt },
      { role: "user", content: pair.question },
      { role: "assistant", content: pair.answer },
    ],
    source: { ...pair.citation },
  };
}

/** Writes records as JSON Lines (one object a line, a newline after each; an empty file for none). */
export function writeJsonl(path: string, records: readonly unknown[]): void {
  writeFileSync(path, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
}
