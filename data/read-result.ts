/** What every reader returns: the Frame, every coercion it made, and where the data came from. */
import { z } from "zod";
import type { Coercion } from "./coercion.js";
import type { ColumnKind, Frame } from "./frame.js";

export const TableFormatSchema = z.enum(["csv", "tsv", "json", "jsonl", "parquet", "arrow"]);
export type TableFormat = z.infer<typeof TableFormatSchema>;

export interface SourceInfo {
  path?: string;
  format: TableFormat;
  bytes: number;
  /** CSV only: the delimiter used (sniffed or given). */
  delimiter?: string;
  /** Text formats: how bytes were decoded. */
  encoding?: "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";
}

export interface ReadResult {
  frame: Frame;
  coercions: Coercion[];
  source: SourceInfo;
}

/** Options every reader accepts. */
export interface ReadOptions {
  /** Force column kinds by name (unknown names are an error with suggestions). */
  types?: Record<string, ColumnKind>;
  /** Extra text tokens read as missing (by default only an empty field is missing). */
  naValues?: string[];
}
