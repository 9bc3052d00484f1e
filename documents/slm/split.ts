/** Held-out split of Q&A pairs by document: no document has pairs on both sides. */
import { createRng } from "../../core/rng.js";
import type { QaPair } from "../qa/qa-pair.js";

export interface SplitOptions {
  /** Share of documents (by pair count, approximately) held out; default 0.2. */
  evalFraction?: number;
  seed?: number;
}

export interface QaSplit {
  train: QaPair[];
  eval: QaPair[];
  /**
   * document: whole files held out; chunk: one document only, so its last chunks are held out
   * (pairs of one chunk never straddle); none: too few pairs to hold any out.
   */
  mode: "document" | "chunk" | "none";
  evalFiles: string[];
}

/**
 * Shuffles the documents (seeded) and holds out whole documents until about `evalFraction` of the pairs
 * are held out, keeping at least one document for training. With a single document, holds out its last
 * chunks instead and says so (`mode: "chunk"`).
 */
export function splitByDocument(pairs: readonly QaPair[], options: SplitOptions = {}): QaSplit {
  const fraction = options.evalFraction ?? 0.2;
  if (pairs.length < 2 || fraction <= 0) return { train: [...pairs], eval: [], mode: "none", evalFiles: [] };
  const byFile = new Map<string, QaPair[]>();
  for (const p of pairs) {
    const list = byFile.get(p.citation.file);
    if (list) list.push(p);
    else byFile.set(p.citation.file, [p]);
  }
  const want = Math.max(1, Math.round(pairs.length * fraction));
  if (byFile.size === 1) return splitOneDocument(pairs, want);
  const files = createRng(options.seed ?? 0).shuffle([...byFile.keys()].sort());
  const held = new Set<string>();
  let count = 0;
  for (const f of files) {
    if (count >= want || held.size >= files.length - 1) break;
    held.add(f);
    count += byFile.get(f)!.length;
  }
  return {
    train: pairs.filter((p) => !held.has(p.citation.file)),
    eval: pairs.filter((p) => held.has(p.citation.file)),
    mode: "document",
    evalFiles: [...held].sort(),
  };
}

function splitOneDocument(pairs: readonly QaPair[], want: number): QaSplit {
  const chunks = [...new Set(pairs.map((p) => p.chunkId))];
  if (chunks.length < 2) return { train: [...pairs], eval: [], mode: "none", evalFiles: [] };
  // Later chunks held out: a contiguous tail overlaps the training text least.
  const byStart = [...chunks].sort(
    (a, b) => firstStart(pairs, a) - firstStart(pairs, b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const held = new Set<string>();
  let count = 0;
  for (let i = byStart.length - 1; i > 0 && count < want; i--) {
    held.add(byStart[i]!);
    count += pairs.filter((p) => p.chunkId === byStart[i]).length;
  }
  return {
    train: pairs.filter((p) => !held.has(p.chunkId)),
    eval: pairs.filter((p) => held.has(p.chunkId)),
    mode: "chunk",
    evalFiles: [],
  };
}

function firstStart(pairs: readonly QaPair[], chunkId: string): number {
  let m = Number.POSITIVE_INFINITY;
  for (const p of pairs) if (p.chunkId === chunkId && p.citation.start < m) m = p.citation.start;
  return m;
}
