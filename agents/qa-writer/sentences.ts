/** Splits chunk text into headings and sentences, each with its offsets, for the extractive heuristic. */

export interface TextSpan {
  text: string;
  start: number;
  end: number;
  /** The nearest heading above the span inside the chunk (or the chunk's section). */
  heading?: string;
}

const MD_HEADING = /^#{1,6}\s+(.+?)\s*#*\s*$/;
const BULLET = /^(?:[-*•+]|\d{1,3}[.)])\s+/;

/** A short line without closing punctuation, set off by blank lines or written as a Markdown heading. */
function headingOf(line: string, prevBlank: boolean, nextBlank: boolean): string | null {
  const t = line.trim();
  const md = MD_HEADING.exec(t);
  if (md?.[1]) return md[1];
  if (t.length < 3 || t.length > 80 || /[.!?:;,]$/.test(t)) return null;
  if (t.split(/\s+/).length > 10) return null;
  return prevBlank && nextBlank ? t : null;
}

/**
 * Sentences of the text with offsets; headings become the `heading` of the sentences below them.
 * Hard-wrapped lines of one paragraph are read as one text (a sentence may cross a line break; its
 * span is the exact slice of `text`); a blank line, a heading or a bullet starts a new paragraph.
 */
export function splitSentences(text: string, section?: string): TextSpan[] {
  const out: TextSpan[] = [];
  const lines: { text: string; start: number }[] = [];
  let at = 0;
  for (const line of text.split("\n")) {
    lines.push({ text: line, start: at });
    at += line.length + 1;
  }
  let heading = section;
  // The open paragraph: from the first body character of its first line to the end of its last.
  let para: { start: number; end: number } | null = null;
  const flush = () => {
    if (para === null) return;
    const body = text.slice(para.start, para.end);
    for (const [from, to] of sentenceBounds(body)) {
      const raw = body.slice(from, to);
      const trimmed = raw.trim();
      if (trimmed === "") continue;
      const start = para.start + from + (raw.length - raw.trimStart().length);
      out.push({
        text: trimmed,
        start,
        end: start + trimmed.length,
        ...(heading !== undefined ? { heading } : {}),
      });
    }
    para = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const blank = line.text.trim() === "";
    const prevBlank = i === 0 || lines[i - 1]!.text.trim() === "";
    const nextBlank = i === lines.length - 1 || lines[i + 1]!.text.trim() === "";
    const h = blank ? null : headingOf(line.text, prevBlank, nextBlank);
    if (blank || h !== null) {
      flush();
      if (h !== null) heading = h;
      continue;
    }
    const bullet = BULLET.exec(line.text.trimStart());
    const lead = line.text.length - line.text.trimStart().length + (bullet ? bullet[0].length : 0);
    if (bullet) flush();
    if (para === null) para = { start: line.start + lead, end: line.start + line.text.length };
    else para.end = line.start + line.text.length;
  }
  flush();
  return out;
}

const SENTENCE_END = /[.!?]+["')\]]*(?=\s|$)/g;
const ABBREVIATION = /\b(?:e\.g|i\.e|etc|vs|cf|dr|mr|mrs|ms|no|fig|approx|[a-z])$/i;

/** [start, end) of each sentence of a paragraph: ends at . ! ? before a space, except after an abbreviation. */
function sentenceBounds(body: string): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (const m of body.matchAll(SENTENCE_END)) {
    if (m[0].startsWith(".") && m[0].length === 1 && ABBREVIATION.test(body.slice(from, m.index))) continue;
    const to = m.index + m[0].length;
    out.push([from, to]);
    from = to;
  }
  if (body.slice(from).trim() !== "") out.push([from, body.length]);
  return out;
}
