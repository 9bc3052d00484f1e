/** Reads any supported table file, choosing the reader from the extension or the first bytes. */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { extname } from "node:path";
import { AlchemistError } from "../core/errors.js";
import { type CsvOptions, readCsv } from "./csv-reader.js";
import type { ReadResult, TableFormat } from "./read-result.js";

export type ReadTableOptions = CsvOptions & { format?: TableFormat };

const BY_EXTENSION: Record<string, TableFormat> = {
  ".csv": "csv",
  ".txt": "csv",
  ".tsv": "tsv",
  ".tab": "tsv",
  ".json": "json",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".parquet": "parquet",
  ".pq": "parquet",
  ".arrow": "arrow",
  ".feather": "arrow",
  ".ipc": "arrow",
};

/** The format of `path`: the caller's choice, else the extension, else the first bytes. */
export function detectFormat(path: string, head: Uint8Array): TableFormat {
  const ext = BY_EXTENSION[extname(path).toLowerCase()];
  if (ext) return ext;
  const text = new TextDecoder("latin1").decode(head.subarray(0, 8));
  if (text.startsWith("PAR1")) return "parquet";
  if (
    text.startsWith("ARROW1") ||
    (head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff)
  ) {
    return "arrow";
  }
  const first = text.trimStart()[0];
  if (first === "[") return "json";
  if (first === "{") return "jsonl";
  return "csv";
}

function readHead(path: string): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const head = new Uint8Array(64);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Reads a table file into a Frame with every coercion recorded. */
export async function readTable(path: string, options: ReadTableOptions = {}): Promise<ReadResult> {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) {
      throw new AlchemistError(
        "FILE_NOT_FOUND",
        `${path} is a directory; give a table file (CSV, TSV, JSON, JSONL, Parquet, Arrow).`,
        { path },
      );
    }
    size = st.size;
  } catch (e) {
    if (e instanceof AlchemistError) throw e;
    throw new AlchemistError("FILE_NOT_FOUND", `Cannot read ${path}: no such file.`, { path });
  }
  if (size === 0) throw new AlchemistError("EMPTY_FILE", `${path} is empty (0 bytes).`, { path });
  const format = options.format ?? detectFormat(path, readHead(path));
  switch (format) {
    case "csv":
      return readCsv(path, options);
    case "tsv":
      return readCsv(path, { delimiter: "\t", ...options });
    case "json":
    case "jsonl": {
      const { readJson } = await import("./json-reader.js");
      return readJson(path, options.format === "jsonl" ? { ...options, lines: true } : options);
    }
    case "parquet": {
      const { readParquet } = await import("./parquet-reader.js");
      return readParquet(path, options);
    }
    case "arrow": {
      const { readArrow } = await import("./arrow-reader.js");
      return readArrow(path, options);
    }
  }
}
