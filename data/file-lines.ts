/** File access shared by the readers: size with typed errors, and lines streamed in chunks. */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { AlchemistError } from "../core/errors.js";

/** A line's text (without its LF) and its 1-based number. */
export type Line = [text: string, line: number];

/** The size in bytes of a regular file; FILE_NOT_FOUND when there is none. */
export function fileSize(path: string): number {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new AlchemistError("FILE_NOT_FOUND", `${path} is not a file.`, { path });
    return st.size;
  } catch (e) {
    if (e instanceof AlchemistError) throw e;
    throw new AlchemistError("FILE_NOT_FOUND", `Cannot read ${path}: no such file.`, { path }, { cause: e });
  }
}

/** Lines of text already in memory. */
export function* textLines(text: string): Generator<Line> {
  let start = 0;
  let line = 1;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    yield [text.slice(start, end), line++];
    start = end + 1;
  }
}

/**
 * Lines of a file, read in chunks of `chunkBytes` and decoded as UTF-8 a chunk at a time (cut after
 * its last LF, which never splits a character); a line longer than a chunk grows the buffer.
 */
export function* fileLines(path: string, chunkBytes: number): Generator<Line> {
  const fd = openSync(path, "r");
  const decoder = new TextDecoder("utf-8");
  try {
    let buf = Buffer.allocUnsafe(chunkBytes);
    let have = 0;
    let line = 1;
    let first = true;
    for (;;) {
      const n = readSync(fd, buf, have, buf.length - have, null);
      const end = have + n;
      const cut = n === 0 ? end : buf.lastIndexOf(10, end - 1) + 1;
      if (cut > 0) {
        let text = decoder.decode(buf.subarray(0, cut));
        if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
        for (const l of textLines(text)) yield [l[0], line++];
      }
      if (n === 0) return;
      const left = end - cut;
      if (left === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, cut, end);
        buf = bigger;
      } else if (cut > 0) buf.copy(buf, 0, cut, end);
      have = left;
    }
  } finally {
    closeSync(fd);
  }
}
