/** PDF → text with pdfjs-dist (legacy build, no worker thread, no fonts rendered): one segment per page. */
import { AlchemistError } from "../../core/errors.js";
import type { Segment } from "./document-schema.js";
import { TextBuilder } from "./text-builder.js";

type Pdfjs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let lib: Promise<Pdfjs> | undefined;

/** Extracts each page's text layer; page = 1-based page number. Encrypted or corrupt PDFs throw DOCUMENT_UNREADABLE. */
export async function pdfToText(
  bytes: Uint8Array,
  file: string,
  signal?: AbortSignal,
): Promise<{ text: string; segments: Segment[]; pages: number }> {
  lib ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdfjs = await lib;
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const builder = new TextBuilder();
    for (let n = 1; n <= doc.numPages; n++) {
      if (signal?.aborted) break;
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        text += item.str;
        if (item.hasEOL) text += "\n";
      }
      page.cleanup();
      builder.add(text.replace(/[ \t]+\n/g, "\n"), { page: n });
    }
    return { ...builder.build(), pages: doc.numPages };
  } catch (e) {
    const name = e instanceof Error ? e.name : "";
    const why = e instanceof Error ? e.message : String(e);
    const reason =
      name === "PasswordException" ? "an encrypted PDF (a password is required)" : `a corrupt PDF (${why})`;
    throw new AlchemistError("DOCUMENT_UNREADABLE", `${file}: ${reason}`, { path: file }, { cause: e });
  } finally {
    await task.destroy();
  }
}
