import { describe, expect, it } from "vitest";
import { isAlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import type { Chunk } from "./chunk-schema.js";
import { dedupChunks } from "./dedup-chunks.js";
import { jaccard, lshParams, shingleSet } from "./minhash.js";

/** `n` words drawn from a vocabulary of `vocab` made-up words, seeded. */
function randomText(seed: number, n: number, vocab = 5000): string {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => `w${rng.int(vocab).toString(36)}`).join(" ");
}

function chunk(id: string, text: string): Chunk {
  return { id, file: `${id}.txt`, start: 0, end: text.length, text };
}

/** Replaces `k` words of the text with new ones (seeded), keeping everything else. */
function edit(text: string, k: number, seed: number): string {
  const words = text.split(" ");
  const rng = createRng(seed);
  for (let i = 0; i < k; i++) words[rng.int(words.length)] = `edited${i}`;
  return words.join(" ");
}

describe("dedupChunks", () => {
  it("removes a slightly edited copy and keeps distinct texts", () => {
    const original = randomText(1, 200);
    const chunks = [
      chunk("a", original),
      chunk("b", randomText(2, 200)),
      chunk("c", `${edit(original, 3, 7)}!`),
      chunk("d", randomText(3, 200)),
    ];
    const r = dedupChunks(chunks);
    expect(r.kept.map((c) => c.id)).toEqual(["a", "b", "d"]);
    expect(r.removed).toHaveLength(1);
    expect(r.removed[0]!.id).toBe("c");
    expect(r.removed[0]!.duplicateOf).toBe("a");
    expect(r.removed[0]!.similarity).toBeGreaterThan(0.8);
    expect(r.removed[0]!.similarity).toBeLessThan(1);
  });

  it("ignores case, punctuation and spacing; exact copies have similarity 1", () => {
    const r = dedupChunks([
      chunk("a", "The cat sat on the mat, happily."),
      chunk("b", "the  CAT sat on the mat happily"),
    ]);
    expect(r.removed).toEqual([{ id: "b", duplicateOf: "a", similarity: 1 }]);
  });

  it("honours the threshold around a pair's true similarity", () => {
    const a = randomText(4, 300);
    const b = edit(a, 12, 9);
    const sim = jaccard(shingleSet(a, 3), shingleSet(b, 3));
    expect(sim).toBeGreaterThan(0.6);
    expect(sim).toBeLessThan(0.9);
    expect(dedupChunks([chunk("a", a), chunk("b", b)], { threshold: sim - 0.05 }).removed).toHaveLength(1);
    expect(dedupChunks([chunk("a", a), chunk("b", b)], { threshold: sim + 0.05 }).removed).toHaveLength(0);
  });

  it("catches near-duplicates among many chunks without comparing every pair", () => {
    const n = 1500;
    const chunks: Chunk[] = [];
    for (let i = 0; i < n; i++) chunks.push(chunk(`u${i}`, randomText(100 + i, 120)));
    // 50 edited copies of earlier chunks, spread through the list.
    for (let i = 0; i < 50; i++) chunks.push(chunk(`dup${i}`, edit(chunks[i * 30]!.text, 2, i)));
    const r = dedupChunks(chunks);
    expect(r.removed.map((x) => x.id).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `dup${i}`).sort());
    for (const x of r.removed) expect(x.duplicateOf).toBe(`u${Number(x.id.slice(3)) * 30}`);
    expect(r.kept).toHaveLength(n);
    // n²/2 ≈ 1.2 million pairs; LSH checks about one candidate per true duplicate.
    expect(r.comparisons).toBeLessThan(n);
  });

  it("is deterministic for a seed", () => {
    const chunks = Array.from({ length: 40 }, (_, i) => chunk(`c${i}`, randomText(i % 25, 60)));
    const a = dedupChunks(chunks, { seed: 5 });
    const b = dedupChunks(chunks, { seed: 5 });
    expect(b).toEqual(a);
    expect(a.removed).toHaveLength(15);
  });

  it("picks LSH bands that make a pair at the threshold a candidate almost surely", () => {
    for (const t of [0.5, 0.8, 0.95]) {
      const { bands, rows } = lshParams(t, 128);
      expect(bands * rows).toBeLessThanOrEqual(128);
      expect(1 - (1 - t ** rows) ** bands).toBeGreaterThanOrEqual(0.97);
    }
  });

  it("refuses a threshold outside (0, 1]", () => {
    try {
      dedupChunks([], { threshold: 1.5 });
      expect.unreachable();
    } catch (e) {
      expect(isAlchemistError(e) && e.code).toBe("INVALID_ARGUMENT");
    }
  });
});
