/** File paths of tools stay inside the configured roots, symlinks included. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { normalizeRoots, resolveInRoots } from "./roots.js";

const base = mkdtempSync(join(tmpdir(), "alchemist-roots-"));
const root = join(base, "root");
mkdirSync(root);
writeFileSync(join(base, "secret.csv"), "a\n1\n");
symlinkSync(join(base, "secret.csv"), join(root, "link.csv"));
writeFileSync(join(root, "ok.csv"), "a\n1\n");
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("resolveInRoots", () => {
  const roots = normalizeRoots([root]);
  it("accepts paths inside a root, relative ones against the first root", () => {
    expect(resolveInRoots("ok.csv", roots, "path")).toBe(join(roots[0] as string, "ok.csv"));
    expect(resolveInRoots(join(root, "new", "out.onnx"), roots, "out")).toContain("out.onnx");
  });
  it("refuses escapes by '..', absolute paths and symlinks, naming the parameter", () => {
    for (const p of ["../secret.csv", join(base, "secret.csv"), "link.csv", "/etc/passwd"]) {
      expect(() => resolveInRoots(p, roots, "train")).toThrowError(/train '.*' is outside the allowed roots/);
    }
  });
});
