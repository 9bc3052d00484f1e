/** Text of OOXML runs (WordprocessingML, DrawingML, SpreadsheetML): t, tab, br; deleted and phonetic text left out. */
import { isElement, localName, type XmlNode } from "./xml-tree.js";

const SKIP = new Set(["delText", "instrText", "rPh", "pPr", "rPr", "delInstrText", "fldData"]);

/** The visible text under an OOXML element (a paragraph, a shared string, a cell). */
export function runText(node: XmlNode): string {
  if (!isElement(node)) return "";
  const name = localName(node.name);
  if (SKIP.has(name)) return "";
  if (name === "t") return node.children.map((c) => (isElement(c) ? "" : c)).join("");
  if (name === "tab") return "\t";
  if (name === "br" || name === "cr") return "\n";
  let s = "";
  for (const c of node.children) s += runText(c);
  return s;
}
