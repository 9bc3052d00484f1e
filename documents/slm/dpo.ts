/** DPO preference records: chosen = the grounded answer, rejected = another chunk's answer or a perturbed one. */
import { z } from "zod";
import { contentWords } from "../../agents/qa-writer/index.js";
import { createRng, type Rng } from "../../core/rng.js";
import type { QaPair } from "../qa/qa-pair.js";
import { ChatMessageSchema, DEFAULT_SYSTEM_PROMPT } from "./chat-records.js";

export const DpoRecordSchema = z.object({
  prompt: z.array(ChatMessageSchema),
  chosen: z.string(),
  rejected: z.string(),
  /** ungrounded: an answer to a question about other text; perturbed: this answer with its facts changed. */
  rejected_kind: z.enum(["ungrounded", "perturbed"]),
  source: z.object({ file: z.string(), start: z.number().int(), end: z.number().int() }),
});
export type DpoRecord = z.output<typeof DpoRecordSchema>;

const NUMBER = /\d+(?:[.,]\d+)?/g;
const SWAPS: Record<string, string> = {
  must: "need not",
  always: "never",
  never: "always",
  before: "after",
  after: "before",
  increase: "decrease",
  decrease: "increase",
  higher: "lower",
  lower: "higher",
  more: "less",
  less: "more",
  can: "cannot",
  cannot: "can",
  enabled: "disabled",
  disabled: "enabled",
};

/** Changes the answer's facts: numbers shifted, polar words swapped; null when nothing can be changed. */
export function perturbAnswer(answer: string, rng: Rng): string | null {
  let changed = false;
  let out = answer.replace(NUMBER, (n) => {
    const v = Number(n.replace(",", "."));
    if (!Number.isFinite(v)) return n;
    changed = true;
    const shifted = Number.isInteger(v) ? v + 1 + rng.int(9) : Math.round(v * (1.5 + rng.next()) * 100) / 100;
    return String(shifted);
  });
  out = out.replace(/\b[A-Za-z]+\b/g, (w) => {
    const swap = SWAPS[w.toLowerCase()];
    if (!swap) return w;
    changed = true;
    return w[0] === w[0]!.toUpperCase() ? swap[0]!.toUpperCase() + swap.slice(1) : swap;
  });
  return changed && out !== answer ? out : null;
}

/**
 * One preference record per pair. The rejected answer is, in turn, a perturbed version of the answer
 * (when it has numbers or polar words to change) or the answer of a pair from another chunk sharing
 * as few words as possible with it (ungrounded for this question). Seeded: same pairs, same records.
 */
export function makeDpoRecords(
  pairs: readonly QaPair[],
  options: { seed?: number; systemPrompt?: string } = {},
): DpoRecord[] {
  const rng = createRng(options.seed ?? 0);
  const system = options.systemPrompt ?? DEFAULT_SYSTEM_PROMPT;
  const words = pairs.map((p) => new Set(contentWords(p.answer)));
  const out: DpoRecord[] = [];
  pairs.forEach((p, i) => {
    let rejected = i % 2 === 0 ? perturbAnswer(p.answer, rng) : null;
    let kind: DpoRecord["rejected_kind"] = "perturbed";
    if (rejected === null) {
      const other = leastRelated(pairs, words, i, rng);
      if (other !== null) {
        rejected = pairs[other]!.answer;
        kind = "ungrounded";
      } else {
        rejected = perturbAnswer(p.answer, rng);
      }
    }
    if (rejected === null || rejected === p.answer) return;
    out.push({
      prompt: [
        { role: "system", content: system },
        { role: "user", content: p.question },
      ],
      chosen: p.answer,
      rejected,
      rejected_kind: kind,
      source: { ...p.citation },
    });
  });
  return out;
}

/** Among a few random pairs of other chunks, the one whose answer shares the fewest words with pair i. */
function leastRelated(pairs: readonly QaPair[], words: Set<string>[], i: number, rng: Rng): number | null {
  let best: number | null = null;
  let bestShared = Number.POSITIVE_INFINITY;
  for (let t = 0; t < 8; t++) {
    const j = rng.int(pairs.length);
    if (j === i || pairs[j]!.chunkId === pairs[i]!.chunkId || pairs[j]!.answer === pairs[i]!.answer) continue;
    let shared = 0;
    for (const w of words[j]!) if (words[i]!.has(w)) shared++;
    if (shared < bestShared) {
      bestShared = shared;
      best = j;
    }
  }
  return best;
}
