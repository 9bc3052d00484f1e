/** Dispatch from a format's parser kind to the extractor that turns the file's bytes into text and segments. */
import type { Segment } from "./document-schema.js";
import { decodeText } from "./decode-text.js";
import { docxToText } from "./docx.js";
import { epubToText } from "./epub.js";
import type { ParserKind } from "./formats.js";
import { htmlToSegments } from "./html-text.js";
import { odpToText, odsToText, odtToText } from "./odf.js";
import { pdfToText } from "./pdf.js";
import { pptxToText } from "./pptx.js";
import { rtfToText } from "./rtf.js";
import { checkJson, checkJsonLines, checkYaml, xmlText } from "./structured-text.js";
import { normalizeNewlines, segmentsFromHeadings } from "./text-builder.js";
import {
  asciidocHeadings,
  type Heading,
  iniHeadings,
  latexHeadings,
  markdownHeadings,
  orgHeadings,
  rstHeadings,
} from "./text-headings.js";
import { xlsxToText } from "./xlsx.js";

/** A document's text (line endings normalised) and segments tiling it. */
export interface Extracted {
  text: string;
  segments: Segment[];
}

const HEADING_SCANNERS: Partial<Record<ParserKind, (text: string) => Heading[]>> = {
  markdown: markdownHeadings,
  rst: rstHeadings,
  asciidoc: asciidocHeadings,
  org: orgHeadings,
  latex: latexHeadings,
  ini: iniHeadings,
};

/** Parses a file's bytes by kind. Throws AlchemistError (DOCUMENT_UNREADABLE) for content it cannot read. */
export async function parseDocument(
  kind: ParserKind,
  bytes: Uint8Array,
  file: string,
  signal?: AbortSignal,
): Promise<Extracted> {
  switch (kind) {
    case "pdf":
      return pdfToText(bytes, file, signal);
    case "docx":
      return docxToText(bytes, file);
    case "pptx":
      return pptxToText(bytes, file);
    case "xlsx":
      return xlsxToText(bytes, file);
    case "odt":
      return odtToText(bytes, file);
    case "odp":
      return odpToText(bytes, file);
    case "ods":
      return odsToText(bytes, file);
    case "epub":
      return epubToText(bytes, file);
    case "rtf":
      return whole(
        rtfToText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1"), file),
      );
    case "html":
      return htmlToSegments(decodeText(bytes, file));
    case "xml":
      return whole(await xmlText(decodeText(bytes, file), file));
    default:
      return plainText(kind, normalizeNewlines(decodeText(bytes, file)), file);
  }
}

async function plainText(kind: ParserKind, text: string, file: string): Promise<Extracted> {
  if (kind === "json") checkJson(text, file);
  else if (kind === "jsonl") checkJsonLines(text, file);
  else if (kind === "yaml") await checkYaml(text, file);
  // Code and data keep their layout (indentation is meaning); prose loses only trailing blank space.
  const kept = kind === "code" || kind === "delimited" ? text.replace(/\s+$/, "") : text.trim();
  const scan = HEADING_SCANNERS[kind];
  if (!scan || kept === "") return whole(kept);
  return { text: kept, segments: segmentsFromHeadings(kept, scan(kept)) };
}

function whole(text: string): Extracted {
  const t = normalizeNewlines(text).trim();
  return { text: t, segments: t === "" ? [] : [{ start: 0, end: t.length }] };
}
