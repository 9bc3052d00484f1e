/** PowerPoint (.pptx) → text: one block per slide in presentation order, page = slide number, section = its title. */
import type { Segment } from "./document-schema.js";
import { runText } from "./ooxml-text.js";
import { TextBuilder } from "./text-builder.js";
import { attr, childElements, findElement, findElements, type XmlElement } from "./xml-tree.js";
import { numberedParts, openZip, relationshipId, relationships, type ZipPackage } from "./zip-package.js";

const PRESENTATION = "ppt/presentation.xml";

/** Extracts slide text; slides without text are left out but keep their numbers. */
export async function pptxToText(
  bytes: Uint8Array,
  file: string,
): Promise<{ text: string; segments: Segment[] }> {
  const pkg = await openZip(bytes, file, "pptx");
  const slides = await slideOrder(pkg);
  const builder = new TextBuilder();
  for (const [index, part] of slides.entries()) {
    const slide = await pkg.xml(part);
    if (!slide) continue;
    const title = slideTitle(slide);
    const paragraphs = findElements(slide, "p").map((p) => runText(p).trim());
    const source = title ? { page: index + 1, section: title } : { page: index + 1 };
    builder.add(paragraphs.filter((p) => p !== "").join("\n"), source);
  }
  return builder.build();
}

async function slideOrder(pkg: ZipPackage): Promise<string[]> {
  const presentation = await pkg.xml(PRESENTATION, true);
  const list = presentation ? findElement(presentation, "sldIdLst") : undefined;
  if (list) {
    const rels = await relationships(pkg, PRESENTATION);
    const ordered = childElements(list, "sldId")
      .map((s) => rels.get(relationshipId(s) ?? ""))
      .filter((p): p is string => p !== undefined);
    if (ordered.length > 0) return ordered;
  }
  return numberedParts(pkg, "ppt/slides/slide");
}

/** The text of the slide's title placeholder (type title or ctrTitle), if any. */
function slideTitle(slide: XmlElement): string | undefined {
  for (const shape of findElements(slide, "sp")) {
    const ph = findElement(shape, "ph");
    const type = ph ? attr(ph, "type") : undefined;
    if (type === "title" || type === "ctrTitle") {
      const body = findElement(shape, "txBody");
      const title = body
        ? findElements(body, "p")
            .map((p) => runText(p).trim())
            .filter((t) => t !== "")
            .join(" ")
        : "";
      if (title !== "") return title;
    }
  }
  return undefined;
}
