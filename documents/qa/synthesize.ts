/** Synthesises grounded Q&A pairs from chunks through the Q&A writer agent, keeping only verified pairs. */
import { MAX_PAIRS_PER_CHUNK, type QaChunk, qaWriterAgent } from "../../agents/qa-writer/index.js";
import type { AgentTier, AgentUsage } from "../../agents/contract/agent-types.js";
import type { LlmGateway } from "../../llm/types.js";
import { checkCitation } from "./citation-check.js";
import { DROP_REASONS, type DropReason, type QaPair } from "./qa-pair.js";
import { DEFAULT_QUALITY, PairDeduper, type QualityOptions, qualityProblem } from "./quality-filter.js";

/** Pairs wanted when the caller does not say. */
export const DEFAULT_PAIR_TARGET = 300;

export interface SynthesizeOptions {
  gateway: LlmGateway;
  /** Pairs wanted (default 300); synthesis stops once this many pairs are kept. */
  target?: number;
  /** Pairs asked of each chunk (default: target spread over the chunks, 1 to 10). */
  perChunk?: number;
  /** Chunks in flight at once (default 4). */
  concurrency?: number;
  quality?: Partial<QualityOptions>;
  runId?: string;
  signal?: AbortSignal;
  onProgress?: (p: { chunksDone: number; chunks: number; pairs: number }) => void;
}

export interface DroppedPair {
  chunkId: string;
  question: string;
  reason: DropReason;
  detail: string;
}

export interface QaSynthesis {
  pairs: QaPair[];
  target: number;
  /** Pairs the writer drafted (every tier), before any check. */
  drafted: number;
  /** Drafts whose citation verified. */
  cited: number;
  /** cited / drafted (1 when nothing was drafted). */
  citationCoverage: number;
  dropped: Record<DropReason, number>;
  /** The first dropped drafts with their reasons (for the report). */
  droppedExamples: DroppedPair[];
  chunksUsed: number;
  chunksTotal: number;
  /** Chunks answered by each tier. */
  tiers: Record<AgentTier, number>;
  usage: AgentUsage;
  /** Model that wrote the most chunks' pairs (null: all heuristic). */
  model: string | null;
}

const MAX_EXAMPLES = 20;

/**
 * Interleaves chunks across files (a, b, c, a, b, c, …) so that a target smaller than the corpus
 * still draws on every document, and the held-out split by document has pairs on both sides.
 */
export function interleaveByFile<T extends { file: string }>(chunks: readonly T[]): T[] {
  const byFile = new Map<string, T[]>();
  for (const c of chunks) {
    const list = byFile.get(c.file);
    if (list) list.push(c);
    else byFile.set(c.file, [c]);
  }
  const lists = [...byFile.values()];
  const out: T[] = [];
  for (let i = 0; out.length < chunks.length; i++) {
    for (const l of lists) if (i < l.length) out.push(l[i]!);
  }
  return out;
}

/**
 * Asks the Q&A writer for pairs chunk by chunk (a few chunks at a time; results taken in chunk order,
 * so the outcome does not depend on which call returns first), checks each pair's citation against its
 * chunk, applies the quality filters and dedup, and stops at the target.
 */
export async function synthesizeQa(
  chunks: readonly QaChunk[],
  options: SynthesizeOptions,
): Promise<QaSynthesis> {
  const target = options.target ?? DEFAULT_PAIR_TARGET;
  const order = interleaveByFile(chunks);
  const perChunk =
    options.perChunk ??
    Math.min(MAX_PAIRS_PER_CHUNK, Math.max(1, Math.ceil(target / Math.max(1, order.length))));
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const quality = { ...DEFAULT_QUALITY, ...options.quality };
  const dedup = new PairDeduper(quality.duplicateJaccard);
  const dropped = Object.fromEntries(Object.keys(DROP_REASONS).map((k) => [k, 0])) as Record<
    DropReason,
    number
  >;
  const out: QaSynthesis = {
    pairs: [],
    target,
    drafted: 0,
    cited: 0,
    citationCoverage: 1,
    dropped,
    droppedExamples: [],
    chunksUsed: 0,
    chunksTotal: order.length,
    tiers: { structured: 0, json: 0, heuristic: 0 },
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, latencyMs: 0, calls: 0 },
    model: null,
  };
  const models = new Map<string, number>();
  const drop = (chunkId: string, question: string, reason: DropReason, detail: string): void => {
    dropped[reason]++;
    if (out.droppedExamples.length < MAX_EXAMPLES)
      out.droppedExamples.push({ chunkId, question, reason, detail });
  };

  for (let i = 0; i < order.length && out.pairs.length < target; i += concurrency) {
    options.signal?.throwIfAborted();
    const batch = order.slice(i, i + concurrency);
    const results = await Promise.all(
      batch.map((chunk) =>
        qaWriterAgent.analyze(
          { chunk, count: perChunk },
          {
            gateway: options.gateway,
            ...(options.runId !== undefined ? { runId: options.runId } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
          },
        ),
      ),
    );
    for (let k = 0; k < batch.length; k++) {
      const chunk = batch[k]!;
      const r = results[k]!;
      if (out.pairs.length >= target) break;
      out.chunksUsed++;
      out.tiers[r.tier]++;
      if (r.model) models.set(r.model, (models.get(r.model) ?? 0) + 1);
      for (const key of ["inputTokens", "outputTokens", "costUsd", "latencyMs", "calls"] as const) {
        out.usage[key] += r.usage[key];
      }
      r.value.pairs.forEach((draft, n) => {
        out.drafted++;
        const check = checkCitation(draft, chunk);
        if (!check.ok) {
          drop(chunk.id, draft.question, check.reason, check.detail);
          return;
        }
        out.cited++;
        const problem =
          qualityProblem(draft.question, draft.answer, chunk.text, quality) ??
          (out.pairs.length >= target ? "over_target" : null) ??
          (dedup.admit(draft.question, draft.answer) ? null : "duplicate");
        if (problem) {
          drop(chunk.id, draft.question, problem, DROP_REASONS[problem]);
          return;
        }
        out.pairs.push({
          id: `${chunk.id}#${n}`,
          question: draft.question.trim(),
          answer: draft.answer.trim(),
          quote: check.quote,
          citation: check.citation,
          chunkId: chunk.id,
          tier: r.tier,
          quoteSimilarity: check.quoteSimilarity,
          support: check.support,
        });
      });
    }
    options.onProgress?.({ chunksDone: out.chunksUsed, chunks: order.length, pairs: out.pairs.length });
  }
  out.citationCoverage = out.drafted === 0 ? 1 : out.cited / out.drafted;
  out.model = [...models.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return out;
}
