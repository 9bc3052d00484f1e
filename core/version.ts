/** The installed Alchemist version, read from the package.json above this module (source or dist): bundles, MCP serverInfo, OpenAPI. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/** `version` of the nearest package.json named alchemist-automl; "0.0.0" if none is found. */
export function alchemistVersion(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, "package.json");
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "alchemist-automl" && typeof pkg.version === "string") {
        cached = pkg.version;
        return cached;
      }
    }
    dir = dirname(dir);
  }
  cached = "0.0.0";
  return cached;
}
