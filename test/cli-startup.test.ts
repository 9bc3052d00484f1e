/**
 * The CLI's start-up cost: each command imports only what it needs. The built CLI runs under a
 * module hook that logs every ES module it loads; `--version` must load next to nothing, and no
 * command may load the MCP SDK, hono or a provider SDK it does not use.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI, type CliResult } from "./cli.js";
import { REPO_ROOT } from "./datasets.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-startup-"));
// Hooks run off the main thread; each load is appended to the file named in the child's env.
writeFileSync(
  join(dir, "hooks.mjs"),
  `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  appendFileSync(process.env.ALCHEMIST_TEST_LOADED, url + "\\n");
  return next(url, context);
}
`,
);
writeFileSync(
  join(dir, "register.mjs"),
  `import { register } from "node:module";
register(${JSON.stringify(pathToFileURL(join(dir, "hooks.mjs")).href)});
`,
);

let runs = 0;

/** Runs the built CLI and returns its result and the URLs of the ES modules it loaded. */
function loadedBy(args: string[]): CliResult & { loaded: string[] } {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first`);
  const log = join(dir, `loaded-${runs++}.txt`);
  writeFileSync(log, "");
  const r = spawnSync(
    process.execPath,
    ["--import", pathToFileURL(join(dir, "register.mjs")).href, CLI, ...args],
    {
      cwd: REPO_ROOT,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, ALCHEMIST_LOG_LEVEL: "warn", ALCHEMIST_TEST_LOADED: log },
    },
  );
  const loaded = readFileSync(log, "utf8").split("\n").filter(Boolean);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, loaded };
}

/** The packages among the loaded URLs (`@scope/name` or `name`). */
function packages(urls: string[]): Set<string> {
  const names = new Set<string>();
  for (const url of urls) {
    const rest = url.split("/node_modules/").at(-1);
    if (rest === undefined || rest === url) continue;
    const [first, second] = rest.split("/");
    names.add(first?.startsWith("@") ? `${first}/${second}` : (first ?? ""));
  }
  return names;
}

const HEAVY = ["@modelcontextprotocol/server", "@modelcontextprotocol/node", "hono", "@hono/node-server"];
const LLM_SDKS = ["openai", "@anthropic-ai/sdk", "ollama"];

describe("the built CLI as a program", () => {
  it("runs by itself, as `npx alchemist` runs the package's bin (executable, with its shebang)", () => {
    const r = spawnSync(CLI, ["--version"], { encoding: "utf8", cwd: REPO_ROOT });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("CLI start-up imports", () => {
  it("--version and help load no package and none of the commands", () => {
    for (const args of [["--version"], ["help"]]) {
      const r = loadedBy(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
      expect([...packages(r.loaded)]).toEqual([]);
      expect(r.loaded.filter((u) => u.includes("/server/commands/") && !u.endsWith("command-io.js"))).toEqual(
        [],
      );
    }
  });

  it("help <command> loads that command only", () => {
    const r = loadedBy(["help", "models"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("alchemist models");
    const commands = r.loaded.filter((u) => /\/server\/commands\/[a-z-]+-command\.js$/.test(u));
    expect(commands.map((u) => u.split("/").at(-1))).toEqual(["models-command.js"]);
  });

  it("run loads neither the MCP SDK, hono nor an LLM SDK", () => {
    // --help after the command's module is loaded: its whole static import graph, nothing run.
    const r = loadedBy(["run", "--help"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.loaded.some((u) => u.includes("/loop/"))).toBe(true);
    const loaded = packages(r.loaded);
    for (const name of [...HEAVY, ...LLM_SDKS]) expect(loaded, name).not.toContain(name);
  });

  it("mcp loads the MCP SDK (so the hook sees packages) but no LLM SDK while its model is none", () => {
    const r = loadedBy(["mcp", "--help"]);
    expect(r.code, r.stderr).toBe(0);
    const loaded = packages(r.loaded);
    expect(loaded).toContain("@modelcontextprotocol/server");
    for (const name of LLM_SDKS) expect(loaded, name).not.toContain(name);
  });
});
