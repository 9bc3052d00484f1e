/** Exact distinct counts of Float64 values by hashing, partitioned so each hash table stays in cache. */
import type { ProfileScratch } from "./scratch.js";

/** Distinct count and the multiplicity of the most frequent value. */
export interface DistinctResult {
  distinct: number;
  modeCount: number;
}

/** 32-bit mix of a double's two words (murmur3 finaliser over a multiply-combine). */
function hashBits(lo: number, hi: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Values per partition the hash tables are sized for (a 2× table of them fits in L2). */
const PARTITION_TARGET = 4096;

/**
 * Counts distinct values of `values[0..m)`, where `bits` is the Uint32 view of `values`. Values must not
 * be NaN and `-0` must already be normalised to `0` (equal values must have equal bits). When `uniques`
 * is given (length ≥ m) the distinct values are written to its front, in no particular order.
 * Uses `scratch.work`, `scratch.hashes`, `scratch.counts` and `scratch.table`.
 */
export function distinctFloat64(
  values: Float64Array,
  bits: Uint32Array,
  m: number,
  scratch: ProfileScratch,
  uniques?: Float64Array,
): DistinctResult {
  if (m === 0) return { distinct: 0, modeCount: 0 };
  let pBits = 0;
  while (pBits < 12 && m >> pBits > PARTITION_TARGET) pBits++;
  const hashes = scratch.hashes(m);
  for (let i = 0; i < m; i++) hashes[i] = hashBits(bits[2 * i]!, bits[2 * i + 1]!);
  if (pBits === 0) return dedupe(values, hashes, 0, m, scratch, uniques, 0);

  // Partition by the top hash bits: one counting pass, one scatter pass of values and hashes.
  const shift = 32 - pBits;
  const nParts = 1 << pBits;
  const starts = new Int32Array(nParts + 1);
  for (let i = 0; i < m; i++) starts[(hashes[i]! >>> shift) + 1]!++;
  for (let p = 0; p < nParts; p++) starts[p + 1]! += starts[p]!;
  const cursor = starts.slice(0, nParts);
  const parted = scratch.work(m);
  const partedHashes = scratch.counts(m);
  for (let i = 0; i < m; i++) {
    const h = hashes[i]!;
    const at = cursor[h >>> shift]!++;
    parted[at] = values[i]!;
    partedHashes[at] = h;
  }

  let distinct = 0;
  let modeCount = 0;
  for (let p = 0; p < nParts; p++) {
    const r = dedupe(parted, partedHashes, starts[p]!, starts[p + 1]!, scratch, uniques, distinct);
    distinct += r.distinct;
    if (r.modeCount > modeCount) modeCount = r.modeCount;
  }
  return { distinct, modeCount };
}

/**
 * Open-addressing dedupe of `values[from..to)` with their `hashes`, writing uniques at
 * `uniques[offset..]`. Slots hold the hash with its low bit set (0 marks an empty slot), compared
 * before the value: integer compares are cheaper than double ones, and most probes end on them.
 */
function dedupe(
  values: Float64Array,
  hashes: Int32Array,
  from: number,
  to: number,
  scratch: ProfileScratch,
  uniques: Float64Array | undefined,
  offset: number,
): DistinctResult {
  let cap = 16;
  while (cap < 2 * (to - from)) cap *= 2;
  const { keys, values: kept, counts } = scratch.table(cap);
  const mask = cap - 1;
  let distinct = 0;
  let modeCount = 0;
  for (let i = from; i < to; i++) {
    const x = values[i]!;
    const h = hashes[i]!;
    const key = h | 1;
    let s = (h >>> 1) & mask;
    for (;;) {
      const e = keys[s]!;
      if (e === 0) {
        keys[s] = key;
        kept[s] = x;
        if (uniques) uniques[offset + distinct] = x;
        distinct++;
        break;
      }
      if (e === key && kept[s] === x) break;
      s = (s + 1) & mask;
    }
    const c = ++counts[s]!;
    if (c > modeCount) modeCount = c;
  }
  return { distinct, modeCount };
}
