/** HTML/XHTML → text (html-to-text) with one segment per heading, found through a marker character. */
import type { Segment } from "./document-schema.js";
import { segmentsFromHeadings } from "./text-builder.js";
import type { Heading } from "./text-headings.js";

type HtmlToText = typeof import("html-to-text");
let lib: Promise<HtmlToText> | undefined;

// A private-use character marks where each heading's text starts; html-to-text keeps it as a letter.
const MARK = "\uE000";

const HEADING_SELECTORS = [1, 2, 3, 4, 5, 6].map((level) => ({
  selector: `h${level}`,
  format: "heading",
  options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 2 },
}));

const OPTIONS = {
  wordwrap: false as const,
  // The default truncates input past 16 Mi characters with a console warning; file size is capped upstream.
  limits: { maxInputLength: 0 },
  selectors: [
    ...HEADING_SELECTORS,
    { selector: "a", options: { ignoreHref: true } },
    { selector: "img", format: "skip" },
    { selector: "script", format: "skip" },
    { selector: "style", format: "skip" },
    { selector: "noscript", format: "skip" },
    {
      selector: "table",
      format: "dataTable",
      options: { uppercaseHeaderCells: false, maxColumnWidth: 1000 },
    },
  ],
};

/** The converted text with heading segments, and the page's <title> when it has one. */
export interface HtmlText {
  text: string;
  segments: Segment[];
  title?: string;
}

/** Converts an HTML document; text before the first heading gets `defaultSection` when given. */
export async function htmlToSegments(html: string, defaultSection?: string): Promise<HtmlText> {
  lib ??= import("html-to-text");
  const { convert } = await lib;
  const marked = html.replaceAll(MARK, "").replace(/<h([1-6])(\s[^>]*)?>/gi, (tag) => `${tag}${MARK}`);
  const raw = convert(marked, OPTIONS).replace(/\r\n?/g, "\n");
  const headings: Heading[] = [];
  let text = "";
  let from = 0;
  for (let at = raw.indexOf(MARK); at >= 0; at = raw.indexOf(MARK, from)) {
    text += raw.slice(from, at);
    from = at + 1;
    const lineEnd = raw.indexOf("\n", from);
    const title = raw
      .slice(from, lineEnd < 0 ? raw.length : lineEnd)
      .replaceAll(MARK, "")
      .trim();
    if (title !== "") headings.push({ offset: text.lastIndexOf("\n") + 1, title });
  }
  text += raw.slice(from);
  const leading = text.length - text.trimStart().length;
  text = text.trim();
  const shifted = headings.map((h) => ({ offset: Math.max(0, h.offset - leading), title: h.title }));
  const segments = segmentsFromHeadings(text, shifted);
  if (defaultSection !== undefined && defaultSection !== "") {
    for (const s of segments) if (s.section === undefined) s.section = defaultSection;
  }
  const titleMatch = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const title = titleMatch?.[1] ? convert(titleMatch[1], { wordwrap: false }).trim() : "";
  return title === "" ? { text, segments } : { text, segments, title };
}
