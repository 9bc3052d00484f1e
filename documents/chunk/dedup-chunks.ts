/** Near-duplicate chunk removal: MinHash signatures, LSH banding for candidates, exact Jaccard to decide. */
import { AlchemistError } from "../../core/errors.js";
import { type Chunk, type DedupOptions, DedupOptionsSchema, type RemovedChunk } from "./chunk-schema.js";
import { jaccard, lshParams, permutationSeeds, shingleSet, signature } from "./minhash.js";

/** Kept chunks (input order), removed ones with the kept chunk they duplicate, and how many pairs were compared. */
export interface DedupResult<C extends Chunk = Chunk> {
  kept: C[];
  removed: RemovedChunk[];
  /** Candidate pairs checked exactly (LSH keeps this near-linear instead of n²/2). */
  comparisons: number;
}

/**
 * Removes chunks whose word-shingle Jaccard similarity to an earlier kept chunk is at least `threshold`
 * (default 0.8). Candidates come from LSH buckets over MinHash signatures, so only likely pairs are
 * compared; the decision uses the exact Jaccard of the shingle sets. The first of a group is kept.
 * Same chunks and options ⇒ same result. Throws INVALID_ARGUMENT for bad options.
 */
export function dedupChunks<C extends Chunk>(
  chunks: readonly C[],
  options: DedupOptions = {},
): DedupResult<C> {
  const parsed = DedupOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AlchemistError("INVALID_ARGUMENT", `dedup options: ${issue?.message ?? "invalid"}`, {
      parameter: String(issue?.path[0] ?? "options"),
    });
  }
  const { threshold, numPerm, shingleSize, seed } = parsed.data;
  const { bands, rows } = lshParams(threshold, numPerm);
  const seeds = permutationSeeds(numPerm, seed);
  const sig = new Uint32Array(numPerm);
  const buckets = new Map<number, number[]>();
  const keptShingles: Uint32Array[] = [];
  const kept: C[] = [];
  const removed: RemovedChunk[] = [];
  // Stamp per kept chunk of the last chunk that compared against it, so a candidate is checked once.
  const lastChecked: number[] = [];
  const keys = new Array<number>(bands);
  let comparisons = 0;
  for (const [index, chunk] of chunks.entries()) {
    const shingles = shingleSet(chunk.text, shingleSize);
    signature(shingles, seeds, sig);
    let best = -1;
    let bestSim = -1;
    for (let b = 0; b < bands; b++) {
      const key = bandKey(sig, b, rows);
      keys[b] = key;
      for (const k of buckets.get(key) ?? []) {
        if (lastChecked[k] === index) continue;
        lastChecked[k] = index;
        comparisons++;
        const sim = jaccard(shingles, keptShingles[k]!);
        if (sim > bestSim) {
          bestSim = sim;
          best = k;
        }
      }
    }
    if (best >= 0 && bestSim >= threshold) {
      removed.push({
        id: chunk.id,
        duplicateOf: kept[best]!.id,
        similarity: Math.round(bestSim * 1e4) / 1e4,
      });
      continue;
    }
    const k = kept.length;
    kept.push(chunk);
    keptShingles.push(shingles);
    lastChecked.push(index);
    for (let b = 0; b < bands; b++) {
      const key = keys[b]!;
      const list = buckets.get(key);
      if (list) list.push(k);
      else buckets.set(key, [k]);
    }
  }
  return { kept, removed, comparisons };
}

/** One number per (band, row values): the band index in the high bits, a 32-bit hash of its rows below. */
function bandKey(sig: Uint32Array, band: number, rows: number): number {
  let h = 0x811c9dc5 ^ band;
  for (let r = band * rows; r < (band + 1) * rows; r++) {
    h = Math.imul(h ^ sig[r]!, 0x01000193);
    h ^= h >>> 15;
  }
  return band * 0x100000000 + (h >>> 0);
}
