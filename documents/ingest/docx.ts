/** Word (.docx) → text: mammoth's HTML (headings become sections); a plain WordprocessingML reader when mammoth fails. */
import type { Segment } from "./document-schema.js";
import { htmlToSegments } from "./html-text.js";
import { runText } from "./ooxml-text.js";
import { TextBuilder } from "./text-builder.js";
import { attr, childElements, findElement, isElement, localName, type XmlElement } from "./xml-tree.js";
import { openZip } from "./zip-package.js";

/** Extracts the body text of a .docx; headings (Heading n / Title styles) start sections. */
export async function docxToText(
  bytes: Uint8Array,
  file: string,
): Promise<{ text: string; segments: Segment[] }> {
  const { default: mammoth } = await import("mammoth");
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      // Images would be inlined as base64 only to be dropped again; external files are never read.
      { convertImage: mammoth.images.imgElement(async () => ({ src: "" })), externalFileAccess: false },
    );
    const { text, segments } = await htmlToSegments(result.value);
    if (text !== "") return { text, segments };
  } catch {
    // mammoth rejects some valid packages (unusual parts, strict OOXML): the plain reader below still tries.
  }
  return wordprocessingText(bytes, file);
}

/** The plain WordprocessingML reader (exported for tests): paragraphs, tables as tab-separated rows, heading styles as sections. */
export async function wordprocessingText(
  bytes: Uint8Array,
  file: string,
): Promise<{ text: string; segments: Segment[] }> {
  const pkg = await openZip(bytes, file, "docx");
  const doc = await pkg.xml("word/document.xml", true);
  const body = doc ? findElement(doc, "body") : undefined;
  const builder = new TextBuilder();
  let section: string | undefined;
  const walk = (el: XmlElement): void => {
    for (const child of el.children) {
      if (!isElement(child)) continue;
      const name = localName(child.name);
      if (name === "p") {
        const text = runText(child).trim();
        if (isHeading(child) && text !== "") section = text;
        builder.add(text, section === undefined ? {} : { section });
      } else if (name === "tbl") {
        const rows = findAll(child, "tr").map((tr) =>
          childElements(tr, "tc")
            .map((tc) =>
              runText(tc)
                .trim()
                .replace(/\s*\n\s*/g, " "),
            )
            .join("\t"),
        );
        builder.add(rows.join("\n"), section === undefined ? {} : { section });
      } else if (name !== "sectPr") {
        walk(child);
      }
    }
  };
  if (body) walk(body);
  return builder.build();
}

function isHeading(p: XmlElement): boolean {
  const pPr = childElements(p, "pPr")[0];
  const style = pPr ? childElements(pPr, "pStyle")[0] : undefined;
  const id = style ? (attr(style, "val") ?? "") : "";
  return /^(heading|title)/i.test(id) || (pPr !== undefined && childElements(pPr, "outlineLvl").length > 0);
}

function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (localName(c.name) === name) out.push(c);
    else if (localName(c.name) !== "tbl") out.push(...findAll(c, name));
  }
  return out;
}
