/** Finds the Python scripts that ship with the package, from source (tsx) and from dist/ alike. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AlchemistError } from "../../core/errors.js";

const PACKAGE_NAME = "alchemist-automl";
/** The scripts' folder relative to the package root (tsc does not copy .py files into dist/). */
export const SLM_PYTHON_DIR = join("trainers", "slm", "python");

let cachedRoot: string | undefined;

/** Walks up from this module to the folder whose package.json names this package. */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  if (cachedRoot !== undefined && from === fileURLToPath(import.meta.url)) return cachedRoot;
  let dir = dirname(from);
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: unknown }).name === PACKAGE_NAME) {
          if (from === fileURLToPath(import.meta.url)) cachedRoot = dir;
          return dir;
        }
      } catch {
        // an unreadable package.json on the way up is not ours
      }
    }
    const up = dirname(dir);
    if (up === dir) {
      throw new AlchemistError("INTERNAL", `Cannot find the ${PACKAGE_NAME} package root above ${from}.`);
    }
    dir = up;
  }
}

/** Absolute path of a shipped script (e.g. `train_torch.py`); throws INTERNAL when the package lacks it. */
export function slmScript(name: string): string {
  const path = join(packageRoot(), SLM_PYTHON_DIR, name);
  if (!existsSync(path)) {
    throw new AlchemistError(
      "INTERNAL",
      `The trainer script ${path} is missing: the package must ship ${SLM_PYTHON_DIR}/ (package.json "files").`,
      { path },
    );
  }
  return path;
}
