/** EPUB → text: the spine's XHTML documents in reading order through html-to-text; chapter titles as sections. */
import { posix } from "node:path";
import { AlchemistError } from "../../core/errors.js";
import type { Segment } from "./document-schema.js";
import { htmlToSegments } from "./html-text.js";
import { TextBuilder } from "./text-builder.js";
import { attr, childElements, findElement, findElements } from "./xml-tree.js";
import { openZip, resolvePart } from "./zip-package.js";

/** Extracts the book's text; a chapter's headings name its sections, else its <title>. */
export async function epubToText(
  bytes: Uint8Array,
  file: string,
): Promise<{ text: string; segments: Segment[] }> {
  const pkg = await openZip(bytes, file, "epub");
  const container = await pkg.xml("META-INF/container.xml", true);
  const rootfile = container ? findElement(container, "rootfile") : undefined;
  const opfPath = rootfile ? attr(rootfile, "full-path") : undefined;
  const opf = opfPath ? await pkg.xml(opfPath) : undefined;
  if (!opfPath || !opf) {
    throw new AlchemistError(
      "DOCUMENT_UNREADABLE",
      `${file}: not a valid epub (its package document is missing)`,
      {
        path: file,
      },
    );
  }
  const manifest = new Map<string, string>();
  const manifestEl = findElement(opf, "manifest");
  for (const item of manifestEl ? childElements(manifestEl, "item") : []) {
    const id = attr(item, "id");
    const href = attr(item, "href");
    if (id && href) manifest.set(id, resolvePart(opfPath, href));
  }
  const spine = findElement(opf, "spine");
  const order = (spine ? findElements(spine, "itemref") : [])
    .map((ref) => manifest.get(attr(ref, "idref") ?? ""))
    .filter((p): p is string => p !== undefined);
  const builder = new TextBuilder();
  for (const part of order) {
    const html = await pkg.text(part);
    if (html === undefined) continue;
    const chapter = await htmlToSegments(html);
    const fallback = chapter.title ?? posix.basename(part).replace(/\.[^.]+$/, "");
    for (const s of chapter.segments) {
      builder.add(chapter.text.slice(s.start, s.end), { section: s.section ?? fallback });
    }
  }
  return builder.build();
}
