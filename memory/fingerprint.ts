/** Dataset fingerprints: the sha256 (lowercase hex) of a file's bytes, streamed so large files never sit in memory. */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { AlchemistError } from "../core/errors.js";

/** sha256 hex of the given bytes (or UTF-8 text). */
export function fingerprintBytes(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** sha256 hex of a file's bytes; FILE_NOT_FOUND when the path is missing or not a regular file. */
export async function fingerprintFile(path: string): Promise<string> {
  const full = resolve(path);
  const info = await stat(full).catch(() => undefined);
  if (info === undefined || !info.isFile())
    throw new AlchemistError("FILE_NOT_FOUND", `cannot fingerprint ${full}: not a readable file`, {
      path: full,
    });
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(full, { highWaterMark: 1 << 20 }))
      hash.update(chunk as Buffer);
  } catch (e) {
    throw new AlchemistError("FILE_NOT_FOUND", `cannot read ${full}: ${(e as Error).message}`, {
      path: full,
    });
  }
  return hash.digest("hex");
}
