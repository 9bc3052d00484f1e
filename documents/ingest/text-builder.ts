/** Builds a document's text block by block while recording each block's page/section as segments. */
import type { Segment } from "./document-schema.js";

/** Where a block came from; blocks with equal sources share one segment. */
export interface BlockSource {
  page?: number;
  section?: string;
}

/**
 * Appends blocks separated by a blank line, merging consecutive blocks of the same source into one
 * segment, so the segments tile the text without gaps.
 */
export class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly segments: Segment[] = [];

  /** Adds a block (trimmed of surrounding blank lines; ignored when only whitespace). */
  add(block: string, source: BlockSource = {}): void {
    const text = normalizeNewlines(block)
      .replace(/^\s*\n/, "")
      .trimEnd();
    if (text.trim() === "") return;
    const sep = this.length === 0 ? "" : "\n\n";
    const last = this.segments[this.segments.length - 1];
    if (last && last.page === source.page && last.section === source.section) {
      this.push(sep + text);
      last.end = this.length;
      return;
    }
    // The separator belongs to the previous segment so the next one starts on its first character.
    this.push(sep);
    if (last) last.end = this.length;
    const start = this.length;
    this.push(text);
    this.segments.push(segment(start, this.length, source));
  }

  /** The text and its segments; an empty builder yields "" and no segments. */
  build(): { text: string; segments: Segment[] } {
    return { text: this.parts.join(""), segments: this.segments.map((s) => ({ ...s })) };
  }

  private push(s: string): void {
    if (s.length === 0) return;
    this.parts.push(s);
    this.length += s.length;
  }
}

function segment(start: number, end: number, source: BlockSource): Segment {
  const s: Segment = { start, end };
  if (source.page !== undefined) s.page = source.page;
  if (source.section !== undefined && source.section !== "") s.section = source.section;
  return s;
}

/** CRLF and lone CR become LF (offsets then refer to the normalised text). */
export function normalizeNewlines(s: string): string {
  return s.includes("\r") ? s.replace(/\r\n?/g, "\n") : s;
}

/**
 * Segments for a text whose sections start at the given offsets (e.g. heading lines): the text before the
 * first heading is a segment without section; each heading starts a segment that runs to the next one.
 */
export function segmentsFromHeadings(
  text: string,
  headings: readonly { offset: number; title: string }[],
): Segment[] {
  if (text.length === 0) return [];
  const sorted = [...headings].filter((h) => h.offset >= 0 && h.offset < text.length);
  sorted.sort((a, b) => a.offset - b.offset);
  const out: Segment[] = [];
  let start = 0;
  let section: string | undefined;
  for (const h of sorted) {
    if (h.offset > start) out.push(segment(start, h.offset, section === undefined ? {} : { section }));
    start = h.offset;
    section = h.title.trim();
  }
  out.push(segment(start, text.length, section === undefined ? {} : { section }));
  return out;
}
