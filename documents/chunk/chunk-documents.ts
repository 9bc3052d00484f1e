/** Splits documents into overlapping chunks that end at paragraph or sentence boundaries when they can. */
import { createHash } from "node:crypto";
import { AlchemistError } from "../../core/errors.js";
import type { IngestedDocument, Segment } from "../ingest/document-schema.js";
import { type Chunk, type ChunkOptions, ChunkOptionsSchema } from "./chunk-schema.js";

const SENTENCE_END = /[.!?;。！？…]/;
const CLOSERS = /["'”’)\]»]/;
const FULL_STOP_NO_SPACE = /[。！？]/;

/**
 * Chunks every document: at most `size` characters each (default 1200), each repeating about `overlap`
 * characters (default 200) of the previous chunk's end. Chunks never cross a segment boundary (a page, a
 * slide, a section), so each carries one page/section; never start or end in whitespace; and never split
 * a surrogate pair. Throws INVALID_ARGUMENT for bad options.
 */
export function chunkDocuments(
  docs: readonly Pick<IngestedDocument, "file" | "text" | "segments">[],
  options: ChunkOptions = {},
): Chunk[] {
  const parsed = ChunkOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AlchemistError("INVALID_ARGUMENT", `chunk options: ${issue?.message ?? "invalid"}`, {
      parameter: String(issue?.path[0] ?? "options"),
    });
  }
  const { size, overlap } = parsed.data;
  const out: Chunk[] = [];
  for (const doc of docs) {
    const segments: Segment[] = doc.segments.length > 0 ? doc.segments : [{ start: 0, end: doc.text.length }];
    for (const seg of segments) {
      for (const [start, end] of chunkSpan(
        doc.text,
        seg.start,
        Math.min(seg.end, doc.text.length),
        size,
        overlap,
      )) {
        out.push(makeChunk(doc.file, doc.text, start, end, seg));
      }
    }
  }
  return out;
}

function makeChunk(file: string, text: string, start: number, end: number, seg: Segment): Chunk {
  const body = text.slice(start, end);
  const id = createHash("sha256")
    .update(`${file}\u0000${start}\u0000${end}\u0000${body}`)
    .digest("hex")
    .slice(0, 16);
  const chunk: Chunk = { id, file, start, end, text: body };
  if (seg.page !== undefined) chunk.page = seg.page;
  if (seg.section !== undefined) chunk.section = seg.section;
  return chunk;
}

/** [start, end) pairs covering the non-blank text of [from, to). Exported for tests. */
export function chunkSpan(
  text: string,
  from: number,
  to: number,
  size: number,
  overlap: number,
): [number, number][] {
  const out: [number, number][] = [];
  // A break is searched no earlier than this far in, so every step moves forward past the overlap.
  const minLength = Math.min(size, Math.max(Math.floor(size / 2), overlap + 1));
  let pos = skipSpace(text, from, to);
  while (pos < to) {
    const end = trimEnd(text, pos, to);
    if (end - pos <= size) {
      if (end > pos) out.push([pos, end]);
      break;
    }
    let limit = pos + size;
    if (isHigh(text.charCodeAt(limit - 1))) limit--;
    const cut = findBreak(text, pos + minLength, limit);
    out.push([pos, trimEnd(text, pos, cut)]);
    if (skipSpace(text, cut, to) >= to) break;
    pos = skipSpace(text, overlapStart(text, Math.max(cut - overlap, pos + 1), cut), to);
  }
  return out;
}

/** The best cut in (lo, hi]: after a blank line, a line end, a sentence end, a space; else hi. */
function findBreak(text: string, lo: number, hi: number): number {
  let line = -1;
  let sentence = -1;
  let space = -1;
  for (let i = hi - 1; i >= lo; i--) {
    const c = text[i]!;
    if (c === "\n") {
      let j = i - 1;
      while (j >= lo && (text[j] === " " || text[j] === "\t")) j--;
      if (j >= lo && text[j] === "\n") return i + 1;
      if (line < 0) line = i + 1;
    } else if (FULL_STOP_NO_SPACE.test(c)) {
      // Chinese and Japanese sentences end without a following space.
      if (sentence < 0) sentence = i + 1;
    } else if (isSpace(c)) {
      if (space < 0) space = i;
      if (sentence < 0) {
        let j = i - 1;
        while (j >= lo && CLOSERS.test(text[j]!)) j--;
        if (j >= lo && SENTENCE_END.test(text[j]!)) sentence = i;
      }
    }
  }
  if (line >= 0) return line;
  if (sentence >= 0) return sentence;
  if (space >= 0) return space;
  return hi;
}

/** Moves a start forward to the next word boundary (never past `limit`) and off a low surrogate. */
function overlapStart(text: string, start: number, limit: number): number {
  if (start > 0 && !isSpace(text[start - 1]!)) {
    for (let i = start; i < limit; i++) {
      if (isSpace(text[i]!)) return i;
    }
  }
  return isLow(text.charCodeAt(start)) ? start + 1 : start;
}

function skipSpace(text: string, from: number, to: number): number {
  while (from < to && isSpace(text[from]!)) from++;
  return from;
}

function trimEnd(text: string, from: number, to: number): number {
  while (to > from && isSpace(text[to - 1]!)) to--;
  return to;
}

function isSpace(c: string): boolean {
  return (
    c === " " ||
    c === "\n" ||
    c === "\t" ||
    c === "\r" ||
    c === "\f" ||
    c === "\v" ||
    c === "\u00a0" ||
    c === "\u3000"
  );
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
