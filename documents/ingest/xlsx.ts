/** Excel (.xlsx) → text: one block per sheet (section = sheet name), one line per row, cells separated by tabs. */
import type { Segment } from "./document-schema.js";
import { runText } from "./ooxml-text.js";
import { TextBuilder } from "./text-builder.js";
import { attr, childElements, findElement, findElements, type XmlElement } from "./xml-tree.js";
import { numberedParts, openZip, relationshipId, relationships, type ZipPackage } from "./zip-package.js";

const WORKBOOK = "xl/workbook.xml";

/** Extracts every sheet's cell values (shared, inline and literal strings; numbers and booleans as written). */
export async function xlsxToText(
  bytes: Uint8Array,
  file: string,
): Promise<{ text: string; segments: Segment[] }> {
  const pkg = await openZip(bytes, file, "xlsx");
  const shared = await sharedStrings(pkg);
  const builder = new TextBuilder();
  for (const sheet of await sheetList(pkg)) {
    const xml = await pkg.xml(sheet.part);
    if (!xml) continue;
    builder.add(sheetText(xml, shared), { section: sheet.name });
  }
  return builder.build();
}

async function sheetList(pkg: ZipPackage): Promise<{ name: string; part: string }[]> {
  const workbook = await pkg.xml(WORKBOOK, true);
  const sheets = workbook ? findElement(workbook, "sheets") : undefined;
  if (sheets) {
    const rels = await relationships(pkg, WORKBOOK);
    const out = childElements(sheets, "sheet")
      .map((s) => ({ name: attr(s, "name") ?? "", part: rels.get(relationshipId(s) ?? "") }))
      .filter((s): s is { name: string; part: string } => s.part !== undefined);
    if (out.length > 0) return out;
  }
  return numberedParts(pkg, "xl/worksheets/sheet").map((part, i) => ({ name: `Sheet${i + 1}`, part }));
}

async function sharedStrings(pkg: ZipPackage): Promise<string[]> {
  const xml = await pkg.xml("xl/sharedStrings.xml");
  const sst = xml ? findElement(xml, "sst") : undefined;
  return sst ? childElements(sst, "si").map((si) => runText(si)) : [];
}

function sheetText(sheet: XmlElement, shared: readonly string[]): string {
  const lines: string[] = [];
  for (const row of findElements(sheet, "row")) {
    const cells: string[] = [];
    let next = 0;
    for (const c of childElements(row, "c")) {
      const col = columnIndex(attr(c, "r")) ?? next;
      while (cells.length < col) cells.push("");
      cells[col] = cellValue(c, shared);
      next = col + 1;
    }
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    if (cells.length > 0) lines.push(cells.join("\t"));
  }
  return lines.join("\n");
}

function cellValue(c: XmlElement, shared: readonly string[]): string {
  const type = attr(c, "t");
  if (type === "inlineStr") {
    const is = findElement(c, "is");
    return is ? runText(is).trim() : "";
  }
  const v = childElements(c, "v")[0];
  const raw = v ? runText({ name: "t", attrs: {}, children: v.children }) : "";
  if (type === "s") return (shared[Number(raw)] ?? "").trim();
  if (type === "b") return raw === "1" ? "TRUE" : raw === "0" ? "FALSE" : raw;
  return raw.trim();
}

/** "B7" → 1 (0-based column), undefined when the reference is missing or malformed. */
function columnIndex(ref: string | undefined): number | undefined {
  const m = ref ? /^([A-Za-z]{1,3})\d*$/.exec(ref) : null;
  if (!m) return undefined;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
