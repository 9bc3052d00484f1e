/** The formats ingestion reads: one row per format, with its extensions and the parser behind it. */

/** How a format's bytes become text (the dispatch key of parse-document.ts). */
export type ParserKind =
  | "text"
  | "markdown"
  | "rst"
  | "asciidoc"
  | "org"
  | "latex"
  | "ini"
  | "code"
  | "json"
  | "jsonl"
  | "yaml"
  | "delimited"
  | "xml"
  | "html"
  | "rtf"
  | "pdf"
  | "docx"
  | "pptx"
  | "xlsx"
  | "odt"
  | "odp"
  | "ods"
  | "epub";

/** One supported format: the extensions it is recognised by (lower case, with the dot) and its parser. */
export interface FormatSpec {
  readonly format: string;
  readonly extensions: readonly string[];
  /** The library (or built-in code) that extracts the text, for reports and docs. */
  readonly parser: string;
  readonly kind: ParserKind;
}

const TEXT = "built-in text decoder (UTF-8/UTF-16 BOM, windows-1252 fallback)";
const HEADINGS = "built-in text decoder + heading scanner";
const CODE = "built-in text decoder (code kept as is)";
const OOXML = "jszip + fast-xml-parser";

function code(format: string, ...extensions: string[]): FormatSpec {
  return { format, extensions, parser: CODE, kind: "code" };
}

/** Every format ingestion reads, each counted once (aliases such as .htm or .yml share a row). */
export const SUPPORTED_FORMATS: readonly FormatSpec[] = Object.freeze([
  { format: "text", extensions: [".txt", ".text"], parser: TEXT, kind: "text" },
  { format: "log", extensions: [".log"], parser: TEXT, kind: "text" },
  {
    format: "markdown",
    extensions: [".md", ".markdown", ".mdown", ".mkd"],
    parser: HEADINGS,
    kind: "markdown",
  },
  { format: "restructuredtext", extensions: [".rst", ".rest"], parser: HEADINGS, kind: "rst" },
  { format: "asciidoc", extensions: [".adoc", ".asciidoc", ".asc"], parser: HEADINGS, kind: "asciidoc" },
  { format: "org", extensions: [".org"], parser: HEADINGS, kind: "org" },
  { format: "latex", extensions: [".tex", ".latex"], parser: HEADINGS, kind: "latex" },
  { format: "html", extensions: [".html", ".htm"], parser: "html-to-text", kind: "html" },
  { format: "xhtml", extensions: [".xhtml", ".xht"], parser: "html-to-text", kind: "html" },
  { format: "xml", extensions: [".xml"], parser: "fast-xml-parser (text nodes)", kind: "xml" },
  { format: "svg", extensions: [".svg"], parser: "fast-xml-parser (text nodes)", kind: "xml" },
  { format: "json", extensions: [".json"], parser: "JSON.parse (validated, text kept)", kind: "json" },
  {
    format: "jsonl",
    extensions: [".jsonl", ".ndjson"],
    parser: "JSON.parse per line (validated)",
    kind: "jsonl",
  },
  { format: "yaml", extensions: [".yaml", ".yml"], parser: "yaml (validated, text kept)", kind: "yaml" },
  { format: "toml", extensions: [".toml"], parser: HEADINGS, kind: "ini" },
  { format: "ini", extensions: [".ini", ".cfg", ".conf"], parser: HEADINGS, kind: "ini" },
  { format: "properties", extensions: [".properties"], parser: TEXT, kind: "text" },
  { format: "csv", extensions: [".csv"], parser: TEXT, kind: "delimited" },
  { format: "tsv", extensions: [".tsv", ".tab"], parser: TEXT, kind: "delimited" },
  { format: "subtitles", extensions: [".srt", ".vtt"], parser: TEXT, kind: "text" },
  { format: "rtf", extensions: [".rtf"], parser: "built-in RTF reader", kind: "rtf" },
  { format: "pdf", extensions: [".pdf"], parser: "pdfjs-dist", kind: "pdf" },
  {
    format: "docx",
    extensions: [".docx", ".docm", ".dotx"],
    parser: "mammoth (fallback: jszip)",
    kind: "docx",
  },
  { format: "pptx", extensions: [".pptx", ".pptm", ".ppsx"], parser: OOXML, kind: "pptx" },
  { format: "xlsx", extensions: [".xlsx", ".xlsm"], parser: OOXML, kind: "xlsx" },
  { format: "odt", extensions: [".odt", ".ott"], parser: OOXML, kind: "odt" },
  { format: "odp", extensions: [".odp"], parser: OOXML, kind: "odp" },
  { format: "ods", extensions: [".ods"], parser: OOXML, kind: "ods" },
  { format: "epub", extensions: [".epub"], parser: `${OOXML} + html-to-text`, kind: "epub" },
  code("python", ".py", ".pyi"),
  code("javascript", ".js", ".mjs", ".cjs", ".jsx"),
  code("typescript", ".ts", ".tsx", ".mts", ".cts"),
  code("java", ".java"),
  code("c", ".c", ".h"),
  code("cpp", ".cpp", ".cc", ".cxx", ".hpp", ".hh", ".hxx"),
  code("csharp", ".cs"),
  code("go", ".go"),
  code("rust", ".rs"),
  code("ruby", ".rb"),
  code("php", ".php"),
  code("swift", ".swift"),
  code("kotlin", ".kt", ".kts"),
  code("scala", ".scala"),
  code("shell", ".sh", ".bash", ".zsh"),
  code("powershell", ".ps1"),
  code("sql", ".sql"),
  code("css", ".css", ".scss", ".less"),
  code("r", ".r"),
  code("lua", ".lua"),
  code("perl", ".pl", ".pm"),
  code("haskell", ".hs"),
  code("julia", ".jl"),
]);

const BY_EXTENSION: ReadonlyMap<string, FormatSpec> = new Map(
  SUPPORTED_FORMATS.flatMap((spec) => spec.extensions.map((ext) => [ext, spec] as const)),
);

/** Formats we recognise but cannot read, so the skip reason can say what to do instead. */
const KNOWN_UNREADABLE: Readonly<Record<string, string>> = {
  ".doc": "legacy binary Word (.doc): save it as .docx",
  ".xls": "legacy binary Excel (.xls): save it as .xlsx",
  ".ppt": "legacy binary PowerPoint (.ppt): save it as .pptx",
  ".pages": "Apple Pages: export it as .docx or .pdf",
};

/** The lower-case extension of a file name with its dot ("" when none; ".gz" for "a.tar.gz"). */
export function extensionOf(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot).toLowerCase();
}

/** The format a file name maps to, or undefined when its extension is not supported. */
export function formatForFile(fileName: string): FormatSpec | undefined {
  return BY_EXTENSION.get(extensionOf(fileName));
}

/** Words for an unsupported file: "unsupported format .xyz", with advice for formats we know of. */
export function unsupportedReason(fileName: string): string {
  const ext = extensionOf(fileName);
  if (ext === "") return "unsupported format (no file extension)";
  const advice = KNOWN_UNREADABLE[ext];
  return advice ? `unsupported format ${ext} (${advice})` : `unsupported format ${ext}`;
}
