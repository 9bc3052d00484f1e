import { describe, expect, it } from "vitest";
import { isAlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import type { IngestedDocument } from "../ingest/document-schema.js";
import { chunkDocuments } from "./chunk-documents.js";

const WORDS =
  "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma".split(" ");

/** Prose of `paragraphs` paragraphs of `sentences` sentences, seeded. */
function prose(seed: number, paragraphs: number, sentences: number): string {
  const rng = createRng(seed);
  const para = () =>
    Array.from({ length: sentences }, () => {
      const n = 6 + rng.int(10);
      const s = Array.from({ length: n }, () => WORDS[rng.int(WORDS.length)]!).join(" ");
      return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
    }).join(" ");
  return Array.from({ length: paragraphs }, para).join("\n\n");
}

function doc(file: string, text: string, segments?: IngestedDocument["segments"]) {
  return { file, text, segments: segments ?? [{ start: 0, end: text.length }] };
}

describe("chunkDocuments", () => {
  const text = prose(1, 12, 6);
  const chunks = chunkDocuments([doc("a.txt", text)], { size: 400, overlap: 80 });

  it("keeps offsets exact and sizes within the limit", () => {
    expect(chunks.length).toBeGreaterThan(text.length / 400);
    for (const c of chunks) {
      expect(text.slice(c.start, c.end)).toBe(c.text);
      expect(c.text.length).toBeLessThanOrEqual(400);
      expect(c.text).toBe(c.text.trim());
    }
  });

  it("covers every character, overlapping consecutive chunks by at most the overlap", () => {
    const covered = new Uint8Array(text.length);
    for (const c of chunks) covered.fill(1, c.start, c.end);
    for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i]!)) expect(covered[i], `offset ${i}`).toBe(1);
    for (let i = 1; i < chunks.length; i++) {
      const shared = chunks[i - 1]!.end - chunks[i]!.start;
      expect(chunks[i]!.start).toBeGreaterThan(chunks[i - 1]!.start);
      expect(shared).toBeLessThanOrEqual(80);
    }
    // Most chunks do repeat a tail of their predecessor (the overlap is not silently dropped).
    const overlapping = chunks.slice(1).filter((c, i) => c.start < chunks[i]!.end).length;
    expect(overlapping).toBeGreaterThan((chunks.length - 1) / 2);
  });

  it("ends chunks at paragraph or sentence boundaries in prose", () => {
    for (const c of chunks.slice(0, -1)) expect(c.text).toMatch(/\.$/);
  });

  it("starts overlaps on a word boundary", () => {
    for (const c of chunks) expect(c.start === 0 || /\s/.test(text[c.start - 1]!)).toBe(true);
  });

  it("gives stable, distinct ids", () => {
    const again = chunkDocuments([doc("a.txt", text)], { size: 400, overlap: 80 });
    expect(again.map((c) => c.id)).toEqual(chunks.map((c) => c.id));
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
    const other = chunkDocuments([doc("b.txt", text)], { size: 400, overlap: 80 });
    expect(other[0]!.id).not.toBe(chunks[0]!.id);
  });

  it("never crosses a segment, and carries the segment's page and section", () => {
    const p1 = prose(2, 3, 5);
    const p2 = prose(3, 3, 5);
    const full = `${p1}\n\n${p2}`;
    const segs = [
      { start: 0, end: p1.length + 2, page: 1 },
      { start: p1.length + 2, end: full.length, page: 2, section: "Results" },
    ];
    const cs = chunkDocuments([doc("r.pdf", full, segs)], { size: 300, overlap: 50 });
    for (const c of cs) {
      const seg = c.page === 1 ? segs[0]! : segs[1]!;
      expect(c.start).toBeGreaterThanOrEqual(seg.start);
      expect(c.end).toBeLessThanOrEqual(seg.end);
      expect(c.section).toBe(c.page === 2 ? "Results" : undefined);
    }
    expect(cs.some((c) => c.page === 1) && cs.some((c) => c.page === 2)).toBe(true);
  });

  it("never splits a surrogate pair, even in text without spaces", () => {
    const emoji = "\u{1F600}\u{1F680}\u{1F9EA}".repeat(200);
    for (const size of [50, 51, 97]) {
      const cs = chunkDocuments([doc("e.txt", emoji)], { size, overlap: 11 });
      for (const c of cs) {
        expect(c.text.length).toBeLessThanOrEqual(size);
        const first = c.text.charCodeAt(0);
        const last = c.text.charCodeAt(c.text.length - 1);
        expect(first >= 0xdc00 && first <= 0xdfff, "starts with a low surrogate").toBe(false);
        expect(last >= 0xd800 && last <= 0xdbff, "ends with a high surrogate").toBe(false);
      }
      expect(cs.map((c) => c.text).join("").length).toBeGreaterThanOrEqual(emoji.length);
    }
  });

  it("returns one chunk for a short document and none for an empty one", () => {
    expect(chunkDocuments([doc("s.txt", "  Short text.  ")])).toEqual([
      expect.objectContaining({ start: 2, end: 13, text: "Short text." }),
    ]);
    expect(chunkDocuments([doc("e.txt", "", [])])).toEqual([]);
  });

  it("refuses an overlap not smaller than the size", () => {
    try {
      chunkDocuments([doc("a.txt", "x")], { size: 100, overlap: 100 });
      expect.unreachable();
    } catch (e) {
      expect(isAlchemistError(e) && e.code).toBe("INVALID_ARGUMENT");
      expect(isAlchemistError(e) && e.details.parameter).toBe("overlap");
    }
  });
});
