/** Data formats kept as written after a validity check (JSON, JSON Lines, YAML), and XML reduced to its text nodes. */
import { AlchemistError } from "../../core/errors.js";
import { isElement, parseXml, type XmlNode } from "./xml-tree.js";

function unreadable(file: string, what: string, why: string, line?: number): AlchemistError {
  const at = line === undefined ? "" : ` at line ${line}`;
  return new AlchemistError("DOCUMENT_UNREADABLE", `${file}: not valid ${what}${at}: ${why}`, {
    path: file,
    ...(line === undefined ? {} : { line }),
  });
}

/** Throws DOCUMENT_UNREADABLE when the text is not one JSON value. */
export function checkJson(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (e) {
    throw unreadable(file, "JSON", e instanceof Error ? e.message : String(e));
  }
}

/** Throws DOCUMENT_UNREADABLE (naming the line) when a non-blank line is not a JSON value. */
export function checkJsonLines(text: string, file: string): void {
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    try {
      JSON.parse(line);
    } catch (e) {
      throw unreadable(file, "JSON Lines", e instanceof Error ? e.message : String(e), i + 1);
    }
  }
}

/** Throws DOCUMENT_UNREADABLE when any document of a YAML stream has an error. */
export async function checkYaml(text: string, file: string): Promise<void> {
  const { parseAllDocuments } = await import("yaml");
  const parsed = parseAllDocuments(text);
  const docs = Array.isArray(parsed) ? parsed : [parsed];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) throw unreadable(file, "YAML", err.message.split("\n")[0] ?? err.code, err.linePos?.[0]?.line);
  }
}

/** The text nodes of an XML document, one per line, whitespace collapsed (markup, comments and attributes dropped). */
export async function xmlText(text: string, file: string): Promise<string> {
  const root = await parseXml(text, file);
  const lines: string[] = [];
  const walk = (node: XmlNode): void => {
    if (!isElement(node)) {
      const t = node.replace(/\s+/g, " ").trim();
      if (t !== "") lines.push(t);
      return;
    }
    for (const c of node.children) walk(c);
  };
  walk(root);
  return lines.join("\n");
}
