/** A small element tree over fast-xml-parser (ordered, entities decoded here), with lookup helpers. */
import { AlchemistError } from "../../core/errors.js";

/** An element with its attributes (names as written, prefixes included) and ordered children. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

type FxpNode = Record<string, unknown>;
type FxpModule = typeof import("fast-xml-parser");
let fxp: Promise<FxpModule> | undefined;

/**
 * Parses XML into a root element named "#document". Throws DOCUMENT_UNREADABLE when the XML is not
 * well-formed. Entity references are decoded here (the five XML ones and numeric ones) and never from a
 * DOCTYPE, so entity-expansion bombs cannot blow up.
 */
export async function parseXml(xml: string, what: string): Promise<XmlElement> {
  fxp ??= import("fast-xml-parser");
  const { XMLParser, XMLValidator } = await fxp;
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new AlchemistError(
      "DOCUMENT_UNREADABLE",
      `${what}: malformed XML (${valid.err.msg}, line ${valid.err.line})`,
      {
        line: valid.err.line,
      },
    );
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: "#cdata",
  });
  const raw = parser.parse(xml) as FxpNode[];
  return { name: "#document", attrs: {}, children: convert(raw) };
}

function convert(nodes: FxpNode[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of nodes) {
    for (const key of Object.keys(node)) {
      if (key === ":@") continue;
      const value = node[key];
      if (key === "#text") {
        out.push(decodeEntities(String(value)));
      } else if (key === "#cdata") {
        for (const c of value as FxpNode[]) if (typeof c["#text"] === "string") out.push(c["#text"]);
      } else if (!key.startsWith("?") && !key.startsWith("!")) {
        const rawAttrs = (node[":@"] ?? {}) as Record<string, unknown>;
        const attrs: Record<string, string> = {};
        for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = decodeEntities(String(v));
        out.push({ name: key, attrs, children: convert(Array.isArray(value) ? (value as FxpNode[]) : []) });
      }
    }
  }
  return out;
}

const NAMED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes `&amp;`-style and numeric (`&#65;`, `&#x41;`) references; unknown names stay as written. */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const cp =
        ref[1] === "x" || ref[1] === "X"
          ? Number.parseInt(ref.slice(2), 16)
          : Number.parseInt(ref.slice(1), 10);
      return Number.isInteger(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

/** The name without its namespace prefix ("w:p" → "p"). */
export function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

export function isElement(node: XmlNode | undefined): node is XmlElement {
  return typeof node === "object";
}

/** An attribute by local name, whatever its prefix. */
export function attr(el: XmlElement, name: string): string | undefined {
  const direct = el.attrs[name];
  if (direct !== undefined) return direct;
  for (const [k, v] of Object.entries(el.attrs)) if (localName(k) === name) return v;
  return undefined;
}

/** Direct child elements with the given local name. */
export function childElements(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => isElement(c) && localName(c.name) === name);
}

/** The first descendant element (depth-first, document order) with the given local name. */
export function findElement(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (localName(c.name) === name) return c;
    const deep = findElement(c, name);
    if (deep) return deep;
  }
  return undefined;
}

/** All descendant elements with the given local name, in document order, not descending into matches. */
export function findElements(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (localName(c.name) === name) out.push(c);
    else findElements(c, name, out);
  }
  return out;
}

/** Concatenated text of all descendant text nodes. */
export function textContent(node: XmlNode): string {
  if (!isElement(node)) return node;
  let s = "";
  for (const c of node.children) s += textContent(c);
  return s;
}
