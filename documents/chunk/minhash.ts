/** MinHash over word shingles: tokenising, 32-bit shingle hashes, signatures, and LSH band parameters. */
import { createRng } from "../../core/rng.js";

/** Lower-cased NFKC words (letters and digits); punctuation and spacing never make two texts differ. */
export function words(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** FNV-1a over a string's UTF-16 units, finished with the murmur3 mixer. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** murmur3's finaliser: a cheap bijective mix of 32 bits. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The sorted distinct hashes of a text's k-word shingles. A text shorter than k words is one shingle; a
 * text without words hashes its trimmed characters, so punctuation-only chunks still compare.
 */
export function shingleSet(text: string, k: number): Uint32Array {
  const w = words(text);
  if (w.length === 0) return Uint32Array.of(hashString(text.trim()));
  const n = Math.max(1, w.length - k + 1);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = hashString(w.slice(i, i + k).join(" "));
  out.sort();
  let m = 1;
  for (let i = 1; i < n; i++) if (out[i] !== out[m - 1]) out[m++] = out[i]!;
  return out.subarray(0, m);
}

/** Seeds of the hash family h_i(x) = fmix32(x xor seed_i), drawn from the seeded RNG. */
export function permutationSeeds(numPerm: number, seed: number): Uint32Array {
  const rng = createRng(seed);
  const seeds = new Uint32Array(numPerm);
  for (let i = 0; i < numPerm; i++) seeds[i] = Math.floor(rng.next() * 0x100000000) >>> 0;
  return seeds;
}

/** The MinHash signature of a shingle set: per hash function, the minimum hash over the set. */
export function signature(
  shingles: Uint32Array,
  seeds: Uint32Array,
  out = new Uint32Array(seeds.length),
): Uint32Array {
  for (let p = 0; p < seeds.length; p++) {
    const s = seeds[p]!;
    let min = 0xffffffff;
    for (let i = 0; i < shingles.length; i++) {
      const v = fmix32(shingles[i]! ^ s);
      if (v < min) min = v;
    }
    out[p] = min;
  }
  return out;
}

/** Exact Jaccard similarity of two sorted distinct hash sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = a.length + b.length - both;
  return union === 0 ? 1 : both / union;
}

/**
 * LSH bands × rows (bands·rows ≤ numPerm): the fewest false candidates below the threshold among the
 * settings that make a pair exactly at the threshold a candidate with probability ≥ 0.97 (a missed pair is
 * a kept duplicate; a false candidate only costs one exact check).
 */
export function lshParams(threshold: number, numPerm: number): { bands: number; rows: number } {
  let best = { bands: numPerm, rows: 1, cost: Number.POSITIVE_INFINITY };
  for (let rows = 1; rows <= numPerm; rows++) {
    const bands = Math.floor(numPerm / rows);
    const hit = (s: number) => 1 - (1 - s ** rows) ** bands;
    if (hit(threshold) < 0.97) continue;
    const cost = integrate(hit, 0, threshold);
    if (cost < best.cost) best = { bands, rows, cost };
  }
  return { bands: best.bands, rows: best.rows };
}

function integrate(f: (x: number) => number, a: number, b: number): number {
  const steps = 64;
  const h = (b - a) / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += f(a + (i + 0.5) * h);
  return sum * h;
}
