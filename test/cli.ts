/** Runs the built CLI (`dist/server/cli.js`) as a real subprocess. `npm test` builds before testing. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./datasets.js";

export const CLI = join(REPO_ROOT, "dist", "server", "cli.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; input?: string } = {}): CliResult {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first`);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    encoding: "utf8",
    input: options.input,
    timeout: 120_000,
    env: { ...process.env, ALCHEMIST_LOG_LEVEL: "warn" },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Parses stdout as exactly one JSON object (fails the test otherwise). */
export function onlyJson(stdout: string): Record<string, unknown> {
  const trimmed = stdout.trim();
  if (trimmed.includes("\n"))
    throw new Error(`expected one JSON line on stdout, got:\n${stdout.slice(0, 500)}`);
  return JSON.parse(trimmed) as Record<string, unknown>;
}
