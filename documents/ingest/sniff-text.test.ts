/** A project's conventional text files (README.Debian, LICENSE) are read as text when their bytes are text; binaries stay skipped. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { ingestFolder } from "./ingest-folder.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-sniff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("unknown names", () => {
  it("reads README.Debian and LICENSE as text, and skips a gzip file", async () => {
    writeFileSync(join(dir, "README.Debian"), "Notes for Debian users: the café is open.\n");
    writeFileSync(join(dir, "LICENSE"), "MIT License\n\nPermission is hereby granted.\n");
    writeFileSync(join(dir, "notes.gz"), gzipSync(Buffer.from("hidden text")));
    writeFileSync(join(dir, "README.gz"), gzipSync(Buffer.from("hidden text")));
    const r = await ingestFolder(dir);
    expect(r.provided).toBe(4);
    expect(r.documents.map((d) => [d.file, d.format]).sort()).toEqual([
      ["LICENSE", "text"],
      ["README.Debian", "text"],
    ]);
    expect(r.documents.find((d) => d.file === "README.Debian")?.text).toContain("café");
    expect(r.skipped.map((x) => [x.file, x.code]).sort()).toEqual([
      ["README.gz", "UNSUPPORTED_FORMAT"],
      ["notes.gz", "UNSUPPORTED_FORMAT"],
    ]);
  });
});
