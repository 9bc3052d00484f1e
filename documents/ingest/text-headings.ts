/** Heading scanners for lightweight markup (Markdown, reStructuredText, AsciiDoc, Org, LaTeX, INI/TOML). */

/** A heading: the offset of its line in the text and its title. */
export interface Heading {
  offset: number;
  title: string;
}

interface Line {
  offset: number;
  text: string;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    out.push({ offset, text: line });
    offset += line.length + 1;
  }
  return out;
}

const FENCE = /^\s{0,3}(```|~~~)/;

/** ATX (`# Title`) and setext (`Title` over `===`/`---`) headings, outside fenced code blocks. */
export function markdownHeadings(text: string): Heading[] {
  const out: Heading[] = [];
  const ls = lines(text);
  let fence: string | undefined;
  for (let i = 0; i < ls.length; i++) {
    const line = ls[i]!;
    const f = FENCE.exec(line.text);
    if (f) {
      if (fence === undefined) fence = f[1];
      else if (f[1] === fence) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const atx = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line.text);
    if (atx?.[1]) {
      out.push({ offset: line.offset, title: atx[1] });
      continue;
    }
    const next = ls[i + 1];
    if (
      next &&
      line.text.trim() !== "" &&
      /^\s{0,3}(=+|-+)\s*$/.test(next.text) &&
      !/^\s*[-*+>]/.test(line.text)
    ) {
      out.push({ offset: line.offset, title: line.text.trim() });
      i++;
    }
  }
  return out;
}

const RST_ADORNMENT = /^([=\-`:'"~^_*+#<>.])\1{2,}\s*$/;

/** reStructuredText section titles: a line underlined (optionally overlined) by a repeated punctuation character. */
export function rstHeadings(text: string): Heading[] {
  const out: Heading[] = [];
  const ls = lines(text);
  for (let i = 0; i + 1 < ls.length; i++) {
    const line = ls[i]!;
    const under = ls[i + 1]!;
    const title = line.text.trim();
    if (title === "" || RST_ADORNMENT.test(line.text) || !RST_ADORNMENT.test(under.text)) continue;
    if (under.text.trimEnd().length < title.length) continue;
    const over = ls[i - 1];
    const offset = over && RST_ADORNMENT.test(over.text) ? over.offset : line.offset;
    out.push({ offset, title });
    i++;
  }
  return out;
}

/** AsciiDoc section titles (`= Title`, `== Section`, or the Markdown-style `#` form). */
export function asciidocHeadings(text: string): Heading[] {
  return matchLines(text, /^(?:={1,6}|#{1,6})\s+(\S.*?)\s*$/);
}

/** Org-mode headlines (`* Title`, `** Sub`). */
export function orgHeadings(text: string): Heading[] {
  return matchLines(text, /^\*+\s+(\S.*?)\s*$/);
}

/** INI `[section]` and TOML `[table]` / `[[array.of.tables]]` headers. */
export function iniHeadings(text: string): Heading[] {
  return matchLines(text, /^\s*\[\[?\s*([^\]\n]+?)\s*\]\]?\s*$/);
}

/** LaTeX `\part`, `\chapter`, `\section`, `\subsection`, `\subsubsection` (starred too). */
export function latexHeadings(text: string): Heading[] {
  const out: Heading[] = [];
  const re = /\\(?:part|chapter|section|subsection|subsubsection)\*?\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const lineStart = text.lastIndexOf("\n", m.index) + 1;
    // A commented-out heading is not a heading.
    if (text.slice(lineStart, m.index).includes("%")) continue;
    out.push({ offset: lineStart, title: m[1]!.trim() });
  }
  return out;
}

function matchLines(text: string, re: RegExp): Heading[] {
  const out: Heading[] = [];
  for (const line of lines(text)) {
    const m = re.exec(line.text);
    if (m?.[1]) out.push({ offset: line.offset, title: m[1] });
  }
  return out;
}
