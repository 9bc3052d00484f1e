/** A folder → every file under it either ingested or skipped with its reason; none lost, none fatal. */
import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { AlchemistError, type ErrorCode, isAlchemistError } from "../../core/errors.js";
import { log } from "../../core/log.js";
import type { IngestedDocument, IngestResult, SkippedFile } from "./document-schema.js";
import { type IngestFileOptions, ingestFile } from "./ingest-file.js";

/** Progress after each file: `done` of `total` files, the one just handled. */
export interface IngestProgress {
  done: number;
  total: number;
  file: string;
}

export interface IngestFolderOptions extends IngestFileOptions {
  onProgress?: (progress: IngestProgress) => void;
}

interface Listing {
  files: { abs: string; rel: string }[];
  skipped: SkippedFile[];
  hidden: string[];
}

/**
 * Ingests every file under `dir`, recursively, in sorted path order. Hidden files and folders (name
 * starting with ".") are left out and listed in `hidden`; every other file is "provided" and ends up in
 * `documents` or in `skipped` (unsupported format, corrupt, empty, too large), so
 * `provided === documents.length + skipped.length`. Symbolic links are followed (each folder once).
 * Throws FILE_NOT_FOUND (no such folder), INVALID_ARGUMENT (not a folder), NO_DOCUMENTS (no files),
 * CANCELLED (the signal fired).
 */
export async function ingestFolder(dir: string, options: IngestFolderOptions = {}): Promise<IngestResult> {
  const root = resolve(dir);
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new AlchemistError("FILE_NOT_FOUND", `no such folder: ${dir}`, { path: dir });
  if (!info.isDirectory()) {
    throw new AlchemistError("INVALID_ARGUMENT", `${dir} is a file, not a folder of documents`, {
      path: dir,
      parameter: "dir",
    });
  }
  if (options.maxFileBytes !== undefined && !(options.maxFileBytes > 0)) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `maxFileBytes must be a positive number (got ${options.maxFileBytes})`,
      {
        parameter: "maxFileBytes",
      },
    );
  }
  const listing: Listing = { files: [], skipped: [], hidden: [] };
  await walk(root, "", listing, new Set([await realpath(root)]), true);
  const total = listing.files.length + listing.skipped.length;
  if (total === 0) {
    const hiddenNote = listing.hidden.length > 0 ? ` (${listing.hidden.length} hidden entries ignored)` : "";
    throw new AlchemistError("NO_DOCUMENTS", `the folder ${dir} holds no files${hiddenNote}`, { path: dir });
  }
  const documents: IngestedDocument[] = [];
  const skipped = [...listing.skipped];
  let done = skipped.length;
  for (const { abs, rel } of listing.files) {
    if (options.signal?.aborted) {
      throw new AlchemistError(
        "CANCELLED",
        `ingestion of ${dir} was cancelled after ${done} of ${total} files`,
        {
          path: dir,
        },
      );
    }
    try {
      documents.push(await ingestFile(abs, root, options));
    } catch (e) {
      skipped.push(skipEntry(rel, e));
    }
    done++;
    options.onProgress?.({ done, total, file: rel });
  }
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (skipped.length > 0)
    log.info("documents skipped during ingestion", { folder: dir, skipped: skipped.length });
  return { provided: total, documents, skipped, hidden: listing.hidden };
}

function skipEntry(file: string, e: unknown): SkippedFile {
  if (isAlchemistError(e)) {
    const reason = typeof e.details.reason === "string" ? e.details.reason : e.message;
    return { file, reason, code: e.code };
  }
  const why = e instanceof Error ? e.message : String(e);
  return { file, reason: `unexpected failure: ${why}`, code: "DOCUMENT_UNREADABLE" };
}

function skip(listing: Listing, file: string, code: ErrorCode, reason: string): void {
  listing.skipped.push({ file, reason, code });
}

async function walk(
  abs: string,
  rel: string,
  listing: Listing,
  seen: Set<string>,
  top: boolean,
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(abs, { withFileTypes: true });
  } catch (e) {
    if (top) throw e;
    skip(listing, `${rel}/`, "FILE_NOT_FOUND", `the folder cannot be read (${(e as Error).message})`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const childAbs = join(abs, entry.name);
    const childRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.name.startsWith(".")) {
      listing.hidden.push(entry.isDirectory() ? `${childRel}/` : childRel);
      continue;
    }
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(childAbs).catch(() => undefined);
      if (!target) {
        skip(listing, childRel, "FILE_NOT_FOUND", "a broken symbolic link");
        continue;
      }
      isDir = target.isDirectory();
      isFile = target.isFile();
    }
    if (isDir) {
      const real = await realpath(childAbs).catch(() => childAbs);
      // A link back up the tree would recurse forever: each real folder is walked once.
      if (seen.has(real)) continue;
      seen.add(real);
      await walk(childAbs, childRel, listing, seen, false);
    } else if (isFile) {
      listing.files.push({ abs: childAbs, rel: childRel });
    } else {
      skip(listing, childRel, "UNSUPPORTED_FORMAT", "not a regular file (a pipe, socket or device)");
    }
  }
}
