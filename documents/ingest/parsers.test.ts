import { describe, expect, it } from "vitest";
import { decodeText, decodeWindows1252 } from "./decode-text.js";
import { htmlToSegments } from "./html-text.js";
import { TextBuilder } from "./text-builder.js";
import {
  asciidocHeadings,
  iniHeadings,
  latexHeadings,
  markdownHeadings,
  rstHeadings,
} from "./text-headings.js";
import { decodeEntities, parseXml, textContent } from "./xml-tree.js";

describe("heading scanners", () => {
  it("find Markdown ATX and setext headings, not inside code fences", () => {
    const md = "# One #\ntext\n```\n# code\n```\nTwo\n===\n- item\n---\n";
    expect(markdownHeadings(md).map((h) => h.title)).toEqual(["One", "Two"]);
    expect(markdownHeadings(md)[1]!.offset).toBe(md.indexOf("Two"));
  });

  it("find reStructuredText titles with and without overlines", () => {
    const rst = "####\nTop\n####\n\nbody\n\nSub\n~~~~\n\n::\n\n====\n";
    expect(rstHeadings(rst)).toEqual([
      { offset: 0, title: "Top" },
      { offset: rst.indexOf("Sub"), title: "Sub" },
    ]);
  });

  it("find AsciiDoc, INI/TOML and LaTeX headings, ignoring commented LaTeX", () => {
    expect(asciidocHeadings("= A\nx\n== B\n").map((h) => h.title)).toEqual(["A", "B"]);
    expect(iniHeadings("[a]\nk=1\n[[b.c]]\n").map((h) => h.title)).toEqual(["a", "b.c"]);
    expect(latexHeadings("\\chapter{C}\n% \\section{No}\n\\section*[short]{S}").map((h) => h.title)).toEqual([
      "C",
      "S",
    ]);
  });
});

describe("TextBuilder", () => {
  it("joins blocks with blank lines and merges equal sources into one segment", () => {
    const b = new TextBuilder();
    b.add("a", { page: 1 });
    b.add("  \n", { page: 1 });
    b.add("b\r\nc", { page: 1 });
    b.add("d", { page: 2, section: "S" });
    const { text, segments } = b.build();
    expect(text).toBe("a\n\nb\nc\n\nd");
    expect(segments).toEqual([
      { start: 0, end: 8, page: 1 },
      { start: 8, end: 9, page: 2, section: "S" },
    ]);
  });
});

describe("html-text", () => {
  it("splits at headings, keeps a default section before the first, and reads the title", async () => {
    const r = await htmlToSegments(
      "<html><head><title>T &amp; U</title></head><body><p>lead</p><h1 class='x'>H <em>one</em></h1><p>body</p></body></html>",
      "Chapter",
    );
    expect(r.text).toBe("lead\n\nH one\n\nbody");
    expect(r.title).toBe("T & U");
    expect(r.segments).toEqual([
      { start: 0, end: 6, section: "Chapter" },
      { start: 6, end: 17, section: "H one" },
    ]);
  });
});

describe("text decoding and XML", () => {
  it("decodes BOMs, UTF-8 and windows-1252, and refuses binary", () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9]), "f")).toBe("hé");
    expect(decodeText(Uint8Array.from([0xfe, 0xff, 0x00, 0x41]), "f")).toBe("A");
    expect(decodeWindows1252(Uint8Array.from([0x93, 0x41, 0x94, 0x99, 0xff]))).toBe("\u201CA\u201D\u2122ÿ");
    expect(() => decodeText(Uint8Array.from([0x41, 0x00, 0x42]), "f")).toThrow(/binary/);
  });

  it("decodes XML entities once, never from a DOCTYPE", async () => {
    expect(decodeEntities("&amp;lt; &#x41;&#66; &nbsp;")).toBe("&lt; AB &nbsp;");
    const root = await parseXml(
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "EXPANDED">]><d a="&quot;q&quot;">x &amp; &e; <![CDATA[<raw>&amp;]]></d>',
      "t",
    );
    expect(textContent(root)).toBe("x & &e; <raw>&amp;");
  });
});

describe("docx plain reader (mammoth's fallback)", () => {
  it("reads runs, tabs, insertions and tables, drops deletions, and starts sections at headings", async () => {
    const { default: JSZip } = await import("jszip");
    const { wordprocessingText } = await import("./docx.js");
    const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const zip = new JSZip();
    zip.file(
      "word/document.xml",
      `<?xml version="1.0"?><w:document ${w}><w:body><w:p><w:r><w:t>Lead</w:t></w:r></w:p>` +
        '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Scope</w:t></w:r></w:p>' +
        '<w:p><w:r><w:t xml:space="preserve">Plain </w:t></w:r><w:r><w:tab/><w:t>reader</w:t></w:r>' +
        "<w:ins><w:r><w:t> inserted</w:t></w:r></w:ins><w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>" +
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" +
        "</w:body></w:document>",
    );
    const r = await wordprocessingText(await zip.generateAsync({ type: "uint8array" }), "x.docx");
    expect(r.text).toBe("Lead\n\nScope\n\nPlain \treader inserted\n\na\tb");
    expect(r.segments).toEqual([
      { start: 0, end: 6 },
      { start: 6, end: r.text.length, section: "Scope" },
    ]);
  });
});
