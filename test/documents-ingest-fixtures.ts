/** Test fixtures for document ingestion, generated in code: one file per supported format, plus broken ones. */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import JSZip from "jszip";

/** A fixture file: its relative path, bytes, the format it should ingest as, and a word its text must contain. */
export interface Fixture {
  file: string;
  content: string | Uint8Array;
  format: string;
  marker: string;
}

async function zip(entries: Record<string, string>): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [name, content] of Object.entries(entries)) z.file(name, content);
  return z.generateAsync({ type: "uint8array" });
}

function escapePdf(s: string): string {
  return s.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** A valid PDF with one text line per page (Helvetica, uncompressed content streams, exact xref offsets). */
export function makePdf(pages: readonly string[]): Uint8Array {
  const objects: string[] = ["<< /Type /Catalog /Pages 2 0 R >>"];
  const fontId = 3 + pages.length * 2;
  const kids = pages.map((_, i) => `${3 + i * 2} 0 R`).join(" ");
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  pages.forEach((text, i) => {
    const stream = text === "" ? "" : `BT /F1 12 Tf 72 720 Td (${escapePdf(text)}) Tj ET`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${4 + i * 2} 0 R >>`,
    );
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  });
  objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
const P = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
const REL = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';

function wordParagraph(text: string, style?: string): string {
  const pPr = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : "";
  return `<w:p>${pPr}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

/** A .docx with a Heading 1, two paragraphs and a second heading (styles.xml so mammoth knows the headings). */
export function makeDocx(): Promise<Uint8Array> {
  const body = [
    wordParagraph("Quarterly Report", "Heading1"),
    wordParagraph("The marker-docx paragraph &amp; its text."),
    wordParagraph("Outlook", "Heading1"),
    wordParagraph("Sales will grow next year."),
  ].join("");
  return zip({
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships ${REL}><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    "word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships ${REL}><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    "word/styles.xml": `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>`,
    "word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document ${W} ${R}><w:body>${body}<w:sectPr/></w:body></w:document>`,
  });
}

function slide(title: string, body: string): string {
  const sp = (type: string | undefined, text: string) =>
    `<p:sp><p:nvSpPr><p:cNvPr id="1" name="s"/><p:cNvSpPr/><p:nvPr>${type ? `<p:ph type="${type}"/>` : ""}</p:nvPr></p:nvSpPr><p:txBody><a:bodyPr/><a:p><a:r><a:t>${text}</a:t></a:r></a:p></p:txBody></p:sp>`;
  return `<?xml version="1.0" encoding="UTF-8"?><p:sld ${A} ${P} ${R}><p:cSld><p:spTree>${sp("title", title)}${sp(undefined, body)}</p:spTree></p:cSld></p:sld>`;
}

/** A .pptx whose presentation order (slide2.xml first) differs from the file names' order. */
export function makePptx(): Promise<Uint8Array> {
  return zip({
    "ppt/presentation.xml": `<?xml version="1.0" encoding="UTF-8"?><p:presentation ${P} ${R}><p:sldIdLst><p:sldId id="256" r:id="rId7"/><p:sldId id="257" r:id="rId8"/></p:sldIdLst></p:presentation>`,
    "ppt/_rels/presentation.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships ${REL}><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide1.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide2.xml"/></Relationships>`,
    "ppt/slides/slide2.xml": slide("Welcome", "The marker-pptx opening slide."),
    "ppt/slides/slide1.xml": slide("Agenda", "Second slide body."),
  });
}

/** A .xlsx with two sheets: shared, inline and boolean cells, a number, and a skipped column. */
export function makeXlsx(): Promise<Uint8Array> {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  return zip({
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook ${ns} ${R}><sheets><sheet name="Revenue" sheetId="1" r:id="rId1"/><sheet name="Notes" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships ${REL}><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>`,
    "xl/sharedStrings.xml": `<?xml version="1.0" encoding="UTF-8"?><sst ${ns}><si><t>Region</t></si><si><t>Amount</t></si><si><r><t>marker-</t></r><r><t>xlsx</t></r></si></sst>`,
    "xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>1250.5</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>North</t></is></c><c r="C3" t="b"><v>1</v></c></row></sheetData></worksheet>`,
    "xl/worksheets/sheet2.xml": `<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}><sheetData><row r="1"><c r="A1" t="str"><v>Checked by audit</v></c></row></sheetData></worksheet>`,
  });
}

const ODF_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"';

function odf(mime: string, body: string): Promise<Uint8Array> {
  return zip({
    mimetype: mime,
    "META-INF/manifest.xml": `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mime}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
    "content.xml": `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NS}><office:automatic-styles/><office:body>${body}</office:body></office:document-content>`,
  });
}

export function makeOdt(): Promise<Uint8Array> {
  return odf(
    "application/vnd.oasis.opendocument.text",
    `<office:text><text:h text:outline-level="1">Introduction</text:h><text:p>The <text:span>marker-odt</text:span> text,<text:s text:c="2"/>spaced.</text:p><text:list><text:list-item><text:p>First item</text:p></text:list-item></text:list><text:h text:outline-level="1">Methods</text:h><text:p>We measured
      things.</text:p></office:text>`,
  );
}

export function makeOdp(): Promise<Uint8Array> {
  const page = (name: string, title: string, body: string) =>
    `<draw:page draw:name="${name}"><draw:frame presentation:class="title"><draw:text-box><text:p>${title}</text:p></draw:text-box></draw:frame><draw:frame presentation:class="outline"><draw:text-box><text:p>${body}</text:p></draw:text-box></draw:frame><presentation:notes><draw:frame><draw:text-box><text:p>speaker notes hidden</text:p></draw:text-box></draw:frame></presentation:notes></draw:page>`;
  return odf(
    "application/vnd.oasis.opendocument.presentation",
    `<office:presentation>${page("p1", "Overview", "The marker-odp slide.")}${page("p2", "Details", "More details here.")}</office:presentation>`,
  );
}

export function makeOds(): Promise<Uint8Array> {
  return odf(
    "application/vnd.oasis.opendocument.spreadsheet",
    `<office:spreadsheet><table:table table:name="Inventory"><table:table-row><table:table-cell><text:p>Item</text:p></table:table-cell><table:table-cell><text:p>Count</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>marker-ods</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"><text:p>7</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table></office:spreadsheet>`,
  );
}

export function makeEpub(): Promise<Uint8Array> {
  const xhtml = (title: string, body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${title}</title></head><body>${body}</body></html>`;
  return zip({
    mimetype: "application/epub+zip",
    "META-INF/container.xml": `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`,
    "OEBPS/content.opf": `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>A Book</dc:title></metadata><manifest><item id="c1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/><item id="c2" href="text/ch2.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>`,
    "OEBPS/text/ch1.xhtml": xhtml(
      "Chapter One",
      "<h1>The Beginning</h1><p>It was the marker-epub night.</p>",
    ),
    "OEBPS/text/ch2.xhtml": xhtml("Chapter Two", "<p>Morning came at last.</p>"),
  });
}

const RTF =
  "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman Times;}}{\\colortbl;\\red0\\green0\\blue0;}" +
  "{\\*\\generator Hand;}\\f0 Caf\\'e9 marker-rtf \\u8364? euro\\par Second line with \\{braces\\}\\par " +
  '{\\field{\\*\\fldinst HYPERLINK "http://example.com"}{\\fldrslt link text}}\\par \\u-10179?\\u-8704? smile}';

/** The text the RTF fixture must yield. */
export const RTF_TEXT = "Café marker-rtf € euro\nSecond line with {braces}\nlink text\n\u{1F600} smile";

const CODE: Record<string, [string, string]> = {
  python: ["py", "def marker_python(x):\n    if x:\n        return 1\n    return 0\n"],
  javascript: ["js", "export function markerJavascript() {\n  return 1;\n}\n"],
  typescript: ["ts", "export const markerTypescript: number = 1;\n"],
  java: ["java", "class MarkerJava {\n  int x = 1;\n}\n"],
  c: ["c", "int marker_c(void) { return 1; }\n"],
  cpp: ["cpp", "int marker_cpp() { return 1; }\n"],
  csharp: ["cs", "class MarkerCsharp { }\n"],
  go: ["go", "package main\n\nfunc markerGo() int { return 1 }\n"],
  rust: ["rs", "fn marker_rust() -> i32 { 1 }\n"],
  ruby: ["rb", "def marker_ruby\n  1\nend\n"],
  php: ["php", "<?php function marker_php() { return 1; }\n"],
  swift: ["swift", "func markerSwift() -> Int { 1 }\n"],
  kotlin: ["kt", "fun markerKotlin() = 1\n"],
  scala: ["scala", "object MarkerScala { val x = 1 }\n"],
  shell: ["sh", "#!/bin/sh\nmarker_shell() { echo 1; }\n"],
  powershell: ["ps1", "function Marker-Powershell { 1 }\n"],
  sql: ["sql", "SELECT 1 AS marker_sql;\n"],
  css: ["css", ".marker-css { color: red; }\n"],
  r: ["R", "marker_r <- function() 1\n"],
  lua: ["lua", "function marker_lua() return 1 end\n"],
  perl: ["pl", "sub marker_perl { 1 }\n"],
  haskell: ["hs", "markerHaskell = 1\n"],
  julia: ["jl", "marker_julia() = 1\n"],
};

/** One valid fixture per supported format (nested in folders, to test recursion). */
export async function validFixtures(): Promise<Fixture[]> {
  const f = (file: string, format: string, marker: string, content: string | Uint8Array): Fixture => ({
    file,
    content,
    format,
    marker,
  });
  const fixtures: Fixture[] = [
    f("notes/plain.txt", "text", "marker-text", "Plain text with marker-text.\r\nSecond line.\r\n"),
    f("logs/server.log", "log", "marker-log", "2024-01-01 INFO started marker-log\n"),
    f(
      "docs/guide.md",
      "markdown",
      "marker-markdown",
      "Preamble marker-markdown.\n\n# Install\n\nRun it.\n\n```\n# not a heading\n```\n\nSetup\n-----\n\nDone.\n",
    ),
    f(
      "docs/guide.rst",
      "restructuredtext",
      "marker-rst",
      "=====\nTitle\n=====\n\nIntro marker-rst.\n\nUsage\n-----\n\nCall it.\n",
    ),
    f(
      "docs/guide.adoc",
      "asciidoc",
      "marker-adoc",
      "= Manual\n\nAbout marker-adoc.\n\n== Usage\n\nUse it.\n",
    ),
    f("docs/plan.org", "org", "marker-org", "* Goals\nReach marker-org.\n** Sub goal\nMore.\n"),
    f(
      "docs/paper.tex",
      "latex",
      "marker-latex",
      "\\section{Intro}\nText marker-latex.\n% \\section{Hidden}\n\\subsection*{Data}\nRows.\n",
    ),
    f(
      "web/page.html",
      "html",
      "marker-html",
      '<html><head><title>Page</title><style>p{color:red}</style><script>var x="script-text";</script></head><body><p>Intro marker-html &amp; more.</p><h2>Details</h2><p>See <a href="http://x">the link</a>.</p><table><tr><th>k</th><td>v1</td></tr></table></body></html>',
    ),
    f(
      "web/page.xhtml",
      "xhtml",
      "marker-xhtml",
      '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><h1>Top</h1><p>marker-xhtml body</p></body></html>',
    ),
    f(
      "data/feed.xml",
      "xml",
      "marker-xml",
      '<?xml version="1.0"?><feed><entry id="1"><title>marker-xml &amp; co</title><!-- comment --><body><![CDATA[raw <b>cdata</b>]]></body></entry></feed>',
    ),
    f(
      "img/logo.svg",
      "svg",
      "marker-svg",
      '<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="2">marker-svg label</text></svg>',
    ),
    f("data/config.json", "json", "marker-json", '{"name": "marker-json", "n": [1, 2]}\n'),
    f("data/rows.jsonl", "jsonl", "marker-jsonl", '{"a": "marker-jsonl"}\n{"a": 2}\n'),
    f("data/config.yaml", "yaml", "marker-yaml", "name: marker-yaml\nitems:\n  - 1\n  - 2\n"),
    f("data/config.toml", "toml", "marker-toml", 'title = "marker-toml"\n\n[server]\nport = 80\n'),
    f("data/setup.ini", "ini", "marker-ini", "[main]\nkey = marker-ini\n[extra]\nother = 1\n"),
    f("data/app.properties", "properties", "marker-properties", "app.name=marker-properties\n"),
    f("data/table.csv", "csv", "marker-csv", "a,b\nmarker-csv,2\n"),
    f("data/table.tsv", "tsv", "marker-tsv", "a\tb\nmarker-tsv\t2\n"),
    f(
      "media/talk.srt",
      "subtitles",
      "marker-subtitles",
      "1\n00:00:01,000 --> 00:00:02,000\nHello marker-subtitles\n",
    ),
    f("office/letter.rtf", "rtf", "marker-rtf", RTF),
    f(
      "office/report.pdf",
      "pdf",
      "marker-pdf",
      makePdf(["First page marker-pdf (intro).", "Second page text."]),
    ),
    f("office/report.docx", "docx", "marker-docx", await makeDocx()),
    f("office/deck.pptx", "pptx", "marker-pptx", await makePptx()),
    f("office/book.xlsx", "xlsx", "marker-xlsx", await makeXlsx()),
    f("office/paper.odt", "odt", "marker-odt", await makeOdt()),
    f("office/deck.odp", "odp", "marker-odp", await makeOdp()),
    f("office/sheet.ods", "ods", "marker-ods", await makeOds()),
    f("books/novel.epub", "epub", "marker-epub", await makeEpub()),
  ];
  for (const [format, [ext, source]] of Object.entries(CODE)) {
    const marker = /marker[_-]?\w+|Marker[-\w]+/i.exec(source)![0];
    fixtures.push(f(`src/${format}/main.${ext}`, format, marker, source));
  }
  return fixtures;
}

/** Files that must be skipped, each with the error code expected. */
export function brokenFixtures(): { file: string; content: string | Uint8Array; code: string }[] {
  return [
    { file: "broken/unknown.xyz", content: "whatever", code: "UNSUPPORTED_FORMAT" },
    { file: "broken/old.doc", content: "binary word", code: "UNSUPPORTED_FORMAT" },
    { file: "broken/corrupt.pdf", content: "%PDF-1.4 this is not really a pdf", code: "DOCUMENT_UNREADABLE" },
    { file: "broken/scanned.pdf", content: makePdf([""]), code: "DOCUMENT_UNREADABLE" },
    { file: "broken/corrupt.docx", content: "not a zip at all", code: "DOCUMENT_UNREADABLE" },
    {
      file: "broken/corrupt.xlsx",
      content: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]),
      code: "DOCUMENT_UNREADABLE",
    },
    { file: "broken/bad.json", content: '{"a": ', code: "DOCUMENT_UNREADABLE" },
    { file: "broken/bad.jsonl", content: '{"a": 1}\nnot json\n', code: "DOCUMENT_UNREADABLE" },
    { file: "broken/bad.yaml", content: "a: [1, 2\nb: }", code: "DOCUMENT_UNREADABLE" },
    { file: "broken/bad.xml", content: "<a><b></a>", code: "DOCUMENT_UNREADABLE" },
    { file: "broken/bad.rtf", content: "plain words, not rtf", code: "DOCUMENT_UNREADABLE" },
    { file: "broken/binary.txt", content: new Uint8Array([1, 0, 2, 0, 3]), code: "DOCUMENT_UNREADABLE" },
    { file: "broken/empty.md", content: "", code: "EMPTY_FILE" },
    { file: "broken/blank.txt", content: "  \n\t\n", code: "EMPTY_FILE" },
    { file: "broken/noext", content: "no extension", code: "UNSUPPORTED_FORMAT" },
  ];
}

/** Writes files under `dir`, creating folders. */
export async function writeFiles(
  dir: string,
  files: readonly { file: string; content: string | Uint8Array }[],
) {
  for (const { file, content } of files) {
    const path = join(dir, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}
