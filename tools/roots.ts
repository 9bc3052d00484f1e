/** File paths given to tools are confined to configured roots (default: the working directory). */
import { existsSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { AlchemistError } from "../core/errors.js";

/** The roots as real absolute paths (symlinks resolved), so a later check compares like with like. */
export function normalizeRoots(roots: readonly string[]): string[] {
  const list = roots.length > 0 ? roots : [process.cwd()];
  return list.map((r) => {
    const abs = resolve(r);
    return existsSync(abs) ? realpathSync(abs) : abs;
  });
}

/** The real path of `p`, or of its nearest existing ancestor joined with the rest (for files yet to be written). */
function realish(p: string): string {
  let head = p;
  const tail: string[] = [];
  while (!existsSync(head)) {
    const up = dirname(head);
    if (up === head) return p;
    tail.unshift(head.slice(up.length + 1));
    head = up;
  }
  return resolve(realpathSync(head), ...tail);
}

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * Resolves `path` (relative paths against the first root) and returns it when it lies inside a root,
 * symlinks followed; PATH_NOT_ALLOWED naming the parameter and the roots otherwise.
 */
export function resolveInRoots(path: string, roots: readonly string[], parameter: string): string {
  const first = roots[0] ?? process.cwd();
  const abs = resolve(first, path);
  const real = realish(abs);
  if (roots.some((r) => inside(r, real))) return abs;
  throw new AlchemistError(
    "PATH_NOT_ALLOWED",
    `${parameter} '${path}' is outside the allowed roots (${roots.join(", ")}); give a path inside them, or start the server with --root <dir>.`,
    { parameter, path, allowed: [...roots] },
  );
}
