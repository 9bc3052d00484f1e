/** OpenDocument (.odt, .odp, .ods) → text from content.xml: headings as sections, pages as slides, tables as sheets. */
import type { Segment } from "./document-schema.js";
import { TextBuilder } from "./text-builder.js";
import {
  attr,
  childElements,
  findElement,
  findElements,
  isElement,
  localName,
  type XmlElement,
} from "./xml-tree.js";
import { openZip } from "./zip-package.js";

type Extracted = { text: string; segments: Segment[] };

// Repeated empty rows/columns pad sheets to their full size (a million rows): never expand past this.
const MAX_REPEAT = 1000;
const SKIP = new Set(["annotation", "note", "notes", "tracked-changes", "sequence-decls", "forms"]);

async function body(bytes: Uint8Array, file: string, format: string, kind: string): Promise<XmlElement> {
  const pkg = await openZip(bytes, file, format);
  const content = await pkg.xml("content.xml", true);
  const officeBody = content ? findElement(content, "body") : undefined;
  const found = officeBody ? childElements(officeBody, kind)[0] : undefined;
  return found ?? { name: kind, attrs: {}, children: [] };
}

/** The text of a paragraph or heading: whitespace collapsed as ODF prescribes; text:s, text:tab, text:line-break honoured. */
export function odfParagraphText(el: XmlElement): string {
  let s = "";
  for (const c of el.children) {
    if (!isElement(c)) {
      s += c.replace(/[ \t\r\n]+/g, " ");
      continue;
    }
    const name = localName(c.name);
    if (name === "s") s += " ".repeat(Math.min(Number(attr(c, "c") ?? 1) || 1, MAX_REPEAT));
    else if (name === "tab") s += "\t";
    else if (name === "line-break") s += "\n";
    else if (!SKIP.has(name)) s += odfParagraphText(c);
  }
  return s;
}

/** Text document: paragraphs and lists in order; text:h starts a section; tables as tab-separated rows. */
export async function odtToText(bytes: Uint8Array, file: string): Promise<Extracted> {
  const root = await body(bytes, file, "odt", "text");
  const builder = new TextBuilder();
  let section: string | undefined;
  const walk = (el: XmlElement): void => {
    for (const c of el.children) {
      if (!isElement(c)) continue;
      const name = localName(c.name);
      if (SKIP.has(name)) continue;
      if (name === "h" || name === "p") {
        const text = odfParagraphText(c).trim();
        if (name === "h" && text !== "") section = text;
        builder.add(text, section === undefined ? {} : { section });
      } else if (name === "table") {
        builder.add(tableText(c), section === undefined ? {} : { section });
      } else {
        walk(c);
      }
    }
  };
  walk(root);
  return builder.build();
}

/** Presentation: one block per draw:page, page = its position, section = its title frame's text. */
export async function odpToText(bytes: Uint8Array, file: string): Promise<Extracted> {
  const root = await body(bytes, file, "odp", "presentation");
  const builder = new TextBuilder();
  for (const [index, page] of findElements(root, "page").entries()) {
    const paragraphs: string[] = [];
    let title: string | undefined;
    const walk = (el: XmlElement): void => {
      for (const c of el.children) {
        if (!isElement(c)) continue;
        const name = localName(c.name);
        if (SKIP.has(name)) continue;
        if (name === "p" || name === "h") {
          const text = odfParagraphText(c).trim();
          if (text !== "") paragraphs.push(text);
        } else {
          walk(c);
        }
      }
    };
    for (const frame of childElements(page, "frame")) {
      if (attr(frame, "class") === "title" && title === undefined) {
        const text = findElements(frame, "p")
          .map((p) => odfParagraphText(p).trim())
          .join(" ")
          .trim();
        if (text !== "") title = text;
      }
    }
    walk(page);
    builder.add(
      paragraphs.join("\n"),
      title === undefined ? { page: index + 1 } : { page: index + 1, section: title },
    );
  }
  return builder.build();
}

/** Spreadsheet: one block per table:table, section = the sheet name. */
export async function odsToText(bytes: Uint8Array, file: string): Promise<Extracted> {
  const root = await body(bytes, file, "ods", "spreadsheet");
  const builder = new TextBuilder();
  for (const table of findElements(root, "table")) {
    const name = attr(table, "name");
    builder.add(tableText(table), name ? { section: name } : {});
  }
  return builder.build();
}

function tableText(table: XmlElement): string {
  const lines: string[] = [];
  for (const row of findElements(table, "table-row")) {
    const cells: string[] = [];
    for (const cell of row.children) {
      if (!isElement(cell)) continue;
      const name = localName(cell.name);
      if (name !== "table-cell" && name !== "covered-table-cell") continue;
      const text = findElements(cell, "p")
        .map((p) => odfParagraphText(p).trim())
        .join(" ")
        .trim();
      const repeat = Math.min(Number(attr(cell, "number-columns-repeated") ?? 1) || 1, MAX_REPEAT);
      for (let i = 0; i < repeat; i++) cells.push(text);
    }
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    if (cells.length === 0) continue;
    const line = cells.join("\t");
    const repeat = Math.min(Number(attr(row, "number-rows-repeated") ?? 1) || 1, MAX_REPEAT);
    for (let i = 0; i < repeat; i++) lines.push(line);
  }
  return lines.join("\n");
}
