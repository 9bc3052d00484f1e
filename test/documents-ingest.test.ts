import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAlchemistError } from "../core/errors.js";
import {
  type IngestedDocument,
  type IngestResult,
  IngestResultSchema,
  ingestFile,
  ingestFolder,
  SUPPORTED_FORMATS,
} from "../documents/index.js";
import {
  brokenFixtures,
  type Fixture,
  makePdf,
  RTF_TEXT,
  validFixtures,
  writeFiles,
} from "./documents-ingest-fixtures.js";

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "alchemist-ingest-"));
  temps.push(dir);
  return dir;
}
afterAll(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isAlchemistError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected a typed error");
}

function expectTiling(doc: IngestedDocument): void {
  expect(doc.segments.length).toBeGreaterThan(0);
  expect(doc.segments[0]!.start).toBe(0);
  expect(doc.segments[doc.segments.length - 1]!.end).toBe(doc.text.length);
  for (let i = 1; i < doc.segments.length; i++) expect(doc.segments[i]!.start).toBe(doc.segments[i - 1]!.end);
  for (const s of doc.segments) expect(s.end).toBeGreaterThan(s.start);
}

/** The text of the segment with the given page or section. */
function segmentText(doc: IngestedDocument, where: { page?: number; section?: string }): string {
  const seg = doc.segments.find(
    (s) =>
      (where.page === undefined || s.page === where.page) &&
      (where.section === undefined || s.section === where.section),
  );
  if (!seg)
    throw new Error(`no segment ${JSON.stringify(where)} in ${doc.file}: ${JSON.stringify(doc.segments)}`);
  return doc.text.slice(seg.start, seg.end);
}

describe("ingestFolder over one fixture per supported format", () => {
  let valid: Fixture[];
  let result: IngestResult;
  const byFile = (file: string): IngestedDocument => {
    const doc = result.documents.find((d) => d.file === file);
    if (!doc)
      throw new Error(`${file} not ingested: ${JSON.stringify(result.skipped.find((s) => s.file === file))}`);
    return doc;
  };

  beforeAll(async () => {
    const dir = await tempDir();
    valid = await validFixtures();
    await writeFiles(dir, [
      ...valid,
      ...brokenFixtures(),
      { file: ".hidden/secret.txt", content: "hidden" },
      { file: "notes/.DS_Store", content: "x" },
    ]);
    result = await ingestFolder(dir);
  });

  it("lists at least 36 distinct formats, each with its own extensions", () => {
    const formats = new Set(SUPPORTED_FORMATS.map((f) => f.format));
    expect(formats.size).toBe(SUPPORTED_FORMATS.length);
    expect(formats.size).toBeGreaterThanOrEqual(36);
    const extensions = SUPPORTED_FORMATS.flatMap((f) => f.extensions);
    expect(new Set(extensions).size).toBe(extensions.length);
  });

  it("accounts for every provided file and leaves hidden ones out", () => {
    expect(IngestResultSchema.safeParse(result).success).toBe(true);
    const provided = valid.length + brokenFixtures().length;
    expect(result.provided).toBe(provided);
    expect(result.documents.length + result.skipped.length).toBe(provided);
    expect(result.hidden).toEqual([".hidden/", "notes/.DS_Store"]);
    const seen = [...result.documents.map((d) => d.file), ...result.skipped.map((s) => s.file)];
    expect(new Set(seen).size).toBe(provided);
  });

  it("ingests every supported format, with its marker text and tiling segments", () => {
    for (const spec of SUPPORTED_FORMATS) {
      const fixture = valid.find((f) => f.format === spec.format);
      expect(fixture, `a fixture for ${spec.format}`).toBeDefined();
      const doc = byFile(fixture!.file);
      expect(doc.format).toBe(spec.format);
      expect(doc.text).toContain(fixture!.marker);
      expect(doc.text).not.toMatch(/\r/);
      expectTiling(doc);
    }
  });

  it("skips broken files with their reasons and codes, never failing the folder", () => {
    for (const broken of brokenFixtures()) {
      const skip = result.skipped.find((s) => s.file === broken.file);
      expect(skip, broken.file).toBeDefined();
      expect(skip!.code, broken.file).toBe(broken.code);
      expect(skip!.reason.length).toBeGreaterThan(5);
    }
    expect(result.skipped.find((s) => s.file === "broken/unknown.xyz")!.reason).toBe(
      "unsupported format .xyz",
    );
    expect(result.skipped.find((s) => s.file === "broken/old.doc")!.reason).toContain(".docx");
    expect(result.skipped.find((s) => s.file === "broken/scanned.pdf")!.reason).toContain("no text");
    expect(result.skipped.find((s) => s.file === "broken/bad.jsonl")!.reason).toContain("line 2");
  });

  it("gives PDF pages their page numbers", () => {
    const pdf = byFile("office/report.pdf");
    expect(pdf.segments.map((s) => s.page)).toEqual([1, 2]);
    expect(segmentText(pdf, { page: 1 })).toContain("First page marker-pdf (intro).");
    expect(segmentText(pdf, { page: 2 })).toContain("Second page text.");
    expect(segmentText(pdf, { page: 1 })).not.toContain("Second page");
  });

  it("orders slides as the presentation does and names them by title", () => {
    const pptx = byFile("office/deck.pptx");
    expect(pptx.segments.map((s) => [s.page, s.section])).toEqual([
      [1, "Welcome"],
      [2, "Agenda"],
    ]);
    expect(segmentText(pptx, { page: 1 })).toContain("marker-pptx opening slide");
    const odp = byFile("office/deck.odp");
    expect(odp.segments.map((s) => [s.page, s.section])).toEqual([
      [1, "Overview"],
      [2, "Details"],
    ]);
    expect(odp.text).not.toContain("speaker notes");
  });

  it("reads spreadsheets sheet by sheet, cells in their columns", () => {
    const xlsx = byFile("office/book.xlsx");
    expect(segmentText(xlsx, { section: "Revenue" })).toBe(
      "Region\tAmount\nmarker-xlsx\t1250.5\nNorth\t\tTRUE\n\n",
    );
    expect(segmentText(xlsx, { section: "Notes" })).toBe("Checked by audit");
    const ods = byFile("office/sheet.ods");
    // A million repeated empty rows must not expand into text.
    expect(ods.text).toBe("Item\tCount\nmarker-ods\t7\t7");
    expect(ods.segments[0]!.section).toBe("Inventory");
  });

  it("turns headings into sections in word processing, markup and web formats", () => {
    const docx = byFile("office/report.docx");
    expect(segmentText(docx, { section: "Quarterly Report" })).toContain("marker-docx paragraph & its text.");
    expect(segmentText(docx, { section: "Outlook" })).toContain("Sales will grow");
    const odt = byFile("office/paper.odt");
    expect(segmentText(odt, { section: "Introduction" })).toContain("The marker-odt text,  spaced.");
    expect(segmentText(odt, { section: "Methods" })).toContain("We measured things.");
    const md = byFile("docs/guide.md");
    expect(md.segments.map((s) => s.section)).toEqual([undefined, "Install", "Setup"]);
    const rst = byFile("docs/guide.rst");
    expect(rst.segments.map((s) => s.section)).toEqual(["Title", "Usage"]);
    const tex = byFile("docs/paper.tex");
    expect(tex.segments.map((s) => s.section)).toEqual(["Intro", "Data"]);
    const html = byFile("web/page.html");
    expect(segmentText(html, { section: "Details" })).toContain("See the link.");
    expect(html.text).not.toContain("script-text");
    expect(html.text).not.toContain("color:red");
    const epub = byFile("books/novel.epub");
    expect(epub.segments.map((s) => s.section)).toEqual(["The Beginning", "Chapter Two"]);
    expect(segmentText(epub, { section: "Chapter Two" })).toContain("Morning came");
  });

  it("keeps source code and data exactly as written, and decodes RTF", () => {
    const py = byFile("src/python/main.py");
    expect(py.text).toBe("def marker_python(x):\n    if x:\n        return 1\n    return 0");
    expect(byFile("data/config.json").text).toBe('{"name": "marker-json", "n": [1, 2]}');
    expect(byFile("notes/plain.txt").text).toBe("Plain text with marker-text.\nSecond line.");
    expect(byFile("office/letter.rtf").text).toBe(RTF_TEXT);
    expect(byFile("data/feed.xml").text).toBe("marker-xml & co\nraw <b>cdata</b>");
  });
});

describe("ingestFolder errors, limits, progress and cancellation", () => {
  it("throws typed errors for a missing folder, a file, and a folder without files", async () => {
    const dir = await tempDir();
    expect((await errorOf(ingestFolder(join(dir, "nope")))).code).toBe("FILE_NOT_FOUND");
    await writeFile(join(dir, "a.txt"), "hello");
    expect((await errorOf(ingestFolder(join(dir, "a.txt")))).code).toBe("INVALID_ARGUMENT");
    const empty = join(dir, "empty");
    await mkdir(join(empty, "sub", "deeper"), { recursive: true });
    expect((await errorOf(ingestFolder(empty))).code).toBe("NO_DOCUMENTS");
    await writeFile(join(empty, ".only-hidden.txt"), "x");
    const hidden = await errorOf(ingestFolder(empty));
    expect(hidden.code).toBe("NO_DOCUMENTS");
    expect(hidden.message).toContain("1 hidden");
    expect((await errorOf(ingestFolder(dir, { maxFileBytes: -1 }))).code).toBe("INVALID_ARGUMENT");
  });

  it("skips files over maxFileBytes, and reports progress for each file", async () => {
    const dir = await tempDir();
    await writeFiles(dir, [
      { file: "small.txt", content: "short text" },
      { file: "big.txt", content: "x".repeat(5000) },
      { file: "c.md", content: "# T\n\nbody" },
    ]);
    const progress: { done: number; total: number; file: string }[] = [];
    const r = await ingestFolder(dir, { maxFileBytes: 1000, onProgress: (p) => progress.push(p) });
    expect(r.documents.map((d) => d.file)).toEqual(["c.md", "small.txt"]);
    expect(r.skipped).toEqual([
      { file: "big.txt", code: "DOCUMENT_TOO_LARGE", reason: "5000 bytes, over the limit of 1000 bytes" },
    ]);
    expect(progress.map((p) => [p.done, p.total, p.file])).toEqual([
      [1, 3, "big.txt"],
      [2, 3, "c.md"],
      [3, 3, "small.txt"],
    ]);
  });

  it("stops with CANCELLED when the signal fires", async () => {
    const dir = await tempDir();
    await writeFiles(dir, [
      { file: "a.txt", content: "one" },
      { file: "b.txt", content: "two" },
      { file: "c.txt", content: "three" },
    ]);
    const controller = new AbortController();
    const err = await errorOf(
      ingestFolder(dir, { signal: controller.signal, onProgress: (p) => p.done === 1 && controller.abort() }),
    );
    expect(err.code).toBe("CANCELLED");
  });

  it("follows symbolic links without looping, and reports broken ones", async () => {
    const dir = await tempDir();
    await writeFiles(dir, [{ file: "real/a.txt", content: "alpha" }]);
    await symlink(join(dir, "real"), join(dir, "real", "loop"));
    await symlink(join(dir, "real", "a.txt"), join(dir, "link.txt"));
    await symlink(join(dir, "missing.txt"), join(dir, "dangling.txt"));
    const r = await ingestFolder(dir);
    expect(r.documents.map((d) => d.file)).toEqual(["link.txt", "real/a.txt"]);
    expect(r.skipped).toEqual([
      { file: "dangling.txt", code: "FILE_NOT_FOUND", reason: "a broken symbolic link" },
    ]);
    expect(r.provided).toBe(3);
  });
});

describe("ingestFile", () => {
  it("names the file relative to its root and throws typed errors", async () => {
    const dir = await tempDir();
    await writeFiles(dir, [
      { file: "sub/report.pdf", content: makePdf(["Only page."]) },
      { file: "sub/x.unknown", content: "?" },
    ]);
    const doc = await ingestFile(join(dir, "sub", "report.pdf"), dir);
    expect(doc.file).toBe("sub/report.pdf");
    expect(doc.text).toBe("Only page.");
    expect(doc.segments).toEqual([{ start: 0, end: 10, page: 1 }]);
    const unknown = await errorOf(ingestFile(join(dir, "sub", "x.unknown"), dir));
    expect(unknown).toEqual({
      code: "UNSUPPORTED_FORMAT",
      message: "sub/x.unknown: unsupported format .unknown",
    });
    expect((await errorOf(ingestFile(join(dir, "none.txt"), dir))).code).toBe("FILE_NOT_FOUND");
  });

  it("decodes UTF-16 with a BOM and windows-1252 text", async () => {
    const dir = await tempDir();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Grüße aus Köln", "utf16le")]);
    await writeFile(join(dir, "u16.txt"), utf16);
    await writeFile(join(dir, "cp1252.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80]));
    expect((await ingestFile(join(dir, "u16.txt"))).text).toBe("Grüße aus Köln");
    expect((await ingestFile(join(dir, "cp1252.txt"))).text).toBe("café €");
  });
});
