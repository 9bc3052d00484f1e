/** Reading parts of zip-based packages (OOXML, ODF, EPUB) with jszip, and resolving relationship targets. */
import { posix } from "node:path";
import type JSZip from "jszip";
import { AlchemistError } from "../../core/errors.js";
import { attr, childElements, parseXml, type XmlElement } from "./xml-tree.js";

/** An opened package: read a part as text, list its part names. */
export interface ZipPackage {
  readonly file: string;
  names(): string[];
  /** The part decoded as UTF-8, or undefined when absent. */
  text(path: string): Promise<string | undefined>;
  /** The part parsed as XML; throws DOCUMENT_UNREADABLE when absent and `required`. */
  xml(path: string, required?: boolean): Promise<XmlElement | undefined>;
}

/** Opens a zip archive; throws DOCUMENT_UNREADABLE when the bytes are not one. */
export async function openZip(bytes: Uint8Array, file: string, format: string): Promise<ZipPackage> {
  const { default: JSZipCtor } = await import("jszip");
  let zip: JSZip;
  try {
    zip = await JSZipCtor.loadAsync(bytes);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new AlchemistError(
      "DOCUMENT_UNREADABLE",
      `${file}: not a readable ${format} package (not a zip archive: corrupt, truncated, or password-protected): ${why}`,
      { path: file },
    );
  }
  const find = (path: string): JSZip.JSZipObject | undefined => {
    const clean = path.replace(/^\/+/, "");
    return zip.file(clean) ?? zip.file(new RegExp(`^${escapeRegExp(clean)}$`, "i"))[0];
  };
  const text = async (path: string): Promise<string | undefined> => {
    const entry = find(path);
    if (!entry) return undefined;
    return (await entry.async("string")).replace(/^\uFEFF/, "");
  };
  return {
    file,
    names: () => Object.keys(zip.files).filter((n) => !zip.files[n]!.dir),
    text,
    async xml(path, required = false) {
      const s = await text(path);
      if (s === undefined) {
        if (!required) return undefined;
        throw new AlchemistError(
          "DOCUMENT_UNREADABLE",
          `${file}: not a valid ${format} (it has no ${path})`,
          {
            path: file,
          },
        );
      }
      return parseXml(s, `${file} (${path})`);
    },
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A relationship target resolved against the folder of the part that declares it. */
export function resolvePart(fromPart: string, target: string): string {
  const clean = safeDecode(target.split("#")[0] ?? "");
  if (clean.startsWith("/")) return posix.normalize(clean).slice(1);
  return posix.normalize(posix.join(posix.dirname(fromPart), clean));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Relationship id → resolved target part, from the `_rels/<name>.rels` next to `part`. */
export async function relationships(pkg: ZipPackage, part: string): Promise<Map<string, string>> {
  const relsPath = posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`);
  const rels = await pkg.xml(relsPath);
  const out = new Map<string, string>();
  const root = rels ? childElements(rels, "Relationships")[0] : undefined;
  if (!root) return out;
  for (const rel of childElements(root, "Relationship")) {
    const id = attr(rel, "Id");
    const target = attr(rel, "Target");
    if (id && target && attr(rel, "TargetMode") !== "External") out.set(id, resolvePart(part, target));
  }
  return out;
}

/** Part names matching `prefix<N>.xml`, ordered by N (the fallback order when the package index is missing). */
export function numberedParts(pkg: ZipPackage, prefix: string): string[] {
  const re = new RegExp(`^${escapeRegExp(prefix)}(\\d+)\\.xml$`);
  return pkg
    .names()
    .map((n) => ({ n, m: re.exec(n) }))
    .filter((x) => x.m !== null)
    .sort((a, b) => Number(a.m![1]) - Number(b.m![1]))
    .map((x) => x.n);
}

/** The relationship id of an element (`r:id`, whatever the prefix), not its plain `id` attribute. */
export function relationshipId(el: XmlElement): string | undefined {
  for (const [k, v] of Object.entries(el.attrs)) if (k.endsWith(":id")) return v;
  return undefined;
}
