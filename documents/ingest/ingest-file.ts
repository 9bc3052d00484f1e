/** One file → an IngestedDocument, or a typed error saying why it cannot be one. */
import { isUtf8 } from "node:buffer";
import { open, readFile, stat } from "node:fs/promises";
import { basename, dirname, relative, resolve, sep } from "node:path";
import { AlchemistError, type ErrorCode, isAlchemistError } from "../../core/errors.js";
import type { IngestedDocument } from "./document-schema.js";
import { formatForFile, type ParserKind, unsupportedReason } from "./formats.js";
import { parseDocument } from "./parse-document.js";

/** The default per-file size limit: 64 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Options shared by ingestFile and ingestFolder. */
export interface IngestFileOptions {
  /** Files larger than this are refused with DOCUMENT_TOO_LARGE (default 64 MiB). */
  maxFileBytes?: number;
  signal?: AbortSignal;
}

// Kinds whose empty output means an empty (whitespace-only) file rather than a parse that found nothing.
const TEXT_KINDS: ReadonlySet<ParserKind> = new Set([
  "text",
  "markdown",
  "rst",
  "asciidoc",
  "org",
  "latex",
  "ini",
  "code",
  "json",
  "jsonl",
  "yaml",
  "delimited",
]);

/** An error whose `details.reason` is the short reason a folder report lists (the message adds the file). */
export function ingestError(code: ErrorCode, file: string, reason: string): AlchemistError {
  return new AlchemistError(code, `${file}: ${reason}`, { path: file, reason });
}

const CONVENTIONAL_TEXT =
  /^(readme|license|licence|copying|copyright|changelog|changes|news|authors|install|notice|contributing|todo|hacking|history)([._-]|$)/i;

/** The first 8 KiB hold no NUL byte and are valid UTF-8 (a cut multi-byte character at the end allowed). */
async function looksLikeText(path: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    const head = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead === 0) return false;
    const bytes = head.subarray(0, bytesRead);
    if (bytes.includes(0)) return false;
    for (let cut = 0; cut < 4 && cut < bytesRead; cut++)
      if (isUtf8(bytes.subarray(0, bytesRead - cut))) return true;
    return false;
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/**
 * Reads and parses one file. `root` (default: the file's folder) makes `file` a relative posix path.
 * Throws FILE_NOT_FOUND, UNSUPPORTED_FORMAT, EMPTY_FILE, DOCUMENT_TOO_LARGE or DOCUMENT_UNREADABLE.
 */
export async function ingestFile(
  path: string,
  root?: string,
  options: IngestFileOptions = {},
): Promise<IngestedDocument> {
  const abs = resolve(path);
  const file = relative(resolve(root ?? dirname(abs)), abs)
    .split(sep)
    .join("/");
  const info = await stat(abs).catch(() => undefined);
  if (!info) throw ingestError("FILE_NOT_FOUND", file, "the file does not exist or cannot be read");
  if (!info.isFile()) throw ingestError("UNSUPPORTED_FORMAT", file, "not a regular file");
  // README.Debian, LICENSE, CHANGES.old: the conventional text files of a project, read as text when
  // their bytes are text (other unknown names stay unsupported rather than guessed).
  const conventional = CONVENTIONAL_TEXT.test(basename(abs)) && (await looksLikeText(abs));
  const spec = formatForFile(abs) ?? (conventional ? formatForFile("plain.txt") : undefined);
  if (!spec) throw ingestError("UNSUPPORTED_FORMAT", file, unsupportedReason(abs));
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (info.size > limit) {
    throw ingestError("DOCUMENT_TOO_LARGE", file, `${info.size} bytes, over the limit of ${limit} bytes`);
  }
  if (info.size === 0) throw ingestError("EMPTY_FILE", file, "the file is empty (0 bytes)");
  let bytes: Uint8Array;
  try {
    bytes = await readFile(abs);
  } catch (e) {
    throw ingestError("FILE_NOT_FOUND", file, `the file cannot be read (${errorText(e)})`);
  }
  let extracted: Awaited<ReturnType<typeof parseDocument>>;
  try {
    extracted = await parseDocument(spec.kind, bytes, file, options.signal);
  } catch (e) {
    if (isAlchemistError(e)) {
      const reason = e.message.startsWith(`${file}: `) ? e.message.slice(file.length + 2) : e.message;
      throw new AlchemistError(e.code, e.message, { ...e.details, path: file, reason }, { cause: e });
    }
    throw new AlchemistError(
      "DOCUMENT_UNREADABLE",
      `${file}: the ${spec.format} parser failed (${errorText(e)})`,
      { path: file, reason: `the ${spec.format} parser failed (${errorText(e)})` },
      { cause: e },
    );
  }
  if (extracted.text.trim() === "") {
    throw TEXT_KINDS.has(spec.kind)
      ? ingestError("EMPTY_FILE", file, "the file holds only whitespace")
      : ingestError(
          "DOCUMENT_UNREADABLE",
          file,
          `no text could be extracted from this ${spec.format} (e.g. a scanned PDF without a text layer)`,
        );
  }
  return { file, format: spec.format, text: extracted.text, segments: extracted.segments, bytes: info.size };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
