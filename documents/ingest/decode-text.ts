/** Bytes → string for text formats: BOMs, UTF-8, UTF-16, windows-1252 fallback, binary detection. */
import { isUtf8 } from "node:buffer";
import { AlchemistError } from "../../core/errors.js";

/** Decodes a text file; throws DOCUMENT_UNREADABLE for binary content (NUL bytes outside UTF-16). */
export function decodeText(bytes: Uint8Array, file: string): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3));
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (looksBinary(bytes)) {
    throw new AlchemistError("DOCUMENT_UNREADABLE", `${file}: binary data, not text`, { path: file });
  }
  if (isUtf8(bytes)) return utf8(bytes);
  // Not UTF-8: the common legacy encoding of Western text files; every byte maps to a character.
  return decodeWindows1252(bytes);
}

// 0x80–0x9F of windows-1252 (Node 20's TextDecoder decodes that label as ISO-8859-1, controls there).
const CP1252_HIGH =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

/** Decodes windows-1252 bytes (every byte is a character; 0x81, 0x8D, 0x8F, 0x90, 0x9D map to C1 controls). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    const end = Math.min(bytes.length, i + 8192);
    let s = "";
    for (let j = i; j < end; j++) {
      const b = bytes[j]!;
      s += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
    }
    parts.push(s);
  }
  return parts.join("");
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes);
}

/** NUL bytes in the first 8 KiB mean a binary file (text encodings other than UTF-16/32 never hold them). */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}
