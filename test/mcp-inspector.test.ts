/**
 * The official MCP Inspector (`@modelcontextprotocol/inspector` 0.15.0, the last release whose CLI runs
 * on Node 20) in CLI mode against both transports of the built server: tools/list, tools/call and
 * resources/read, over stdio (`alchemist mcp`) and Streamable HTTP (`alchemist serve`).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI } from "./cli.js";
import { datasetPath, REPO_ROOT } from "./datasets.js";

const INSPECTOR = join(REPO_ROOT, "node_modules", ".bin", "mcp-inspector");
const dir = mkdtempSync(join(tmpdir(), "alchemist-inspector-"));
const memory = join(dir, "memory.db");

/** Runs the inspector CLI against `target` (a command line or a URL) and parses its JSON answer. */
function inspect(target: string[], method: string[]): Record<string, unknown> {
  const r = spawnSync(INSPECTOR, ["--cli", ...target, "--method", ...method], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, ALCHEMIST_LOG_LEVEL: "warn" },
  });
  expect(r.status, `inspector failed: ${r.stderr.slice(-800)}`).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

function checks(target: string[]): void {
  const listed = inspect(target, ["tools/list"]) as { tools: { name: string }[] };
  const names = listed.tools.map((t) => t.name);
  for (const name of ["profile", "propose_action", "train", "evaluate", "recover", "export", "start_run"]) {
    expect(names).toContain(name);
  }
  const called = inspect(target, [
    "tools/call",
    "--tool-name",
    "profile",
    "--tool-arg",
    `path=${datasetPath("penguins", "train.csv")}`,
    "--tool-arg",
    "target=Species",
  ]) as { content: { type: string; text: string }[]; isError?: boolean };
  expect(called.isError ?? false).toBe(false);
  expect(called.content[0]?.text).toContain("multiclass");
  const read = inspect(target, ["resources/read", "--uri", "alchemist://runs"]) as {
    contents: { uri: string; text: string }[];
  };
  expect(read.contents[0]?.uri).toBe("alchemist://runs");
  expect(Array.isArray(JSON.parse(read.contents[0]?.text ?? "null"))).toBe(true);
}

describe("MCP Inspector CLI", () => {
  let server: ChildProcess | undefined;
  let url = "";

  beforeAll(async () => {
    server = spawn(
      process.execPath,
      [
        CLI,
        "serve",
        "--port",
        "0",
        "--no-auth",
        "--json",
        "--memory",
        memory,
        "--root",
        REPO_ROOT,
        "--root",
        join(REPO_ROOT, "..", "shared"),
      ],
      {
        cwd: REPO_ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    url = await new Promise<string>((resolve, reject) => {
      let out = "";
      server?.stdout?.on("data", (b: Buffer) => {
        out += b.toString();
        const line = out.split("\n")[0];
        if (out.includes("\n") && line)
          resolve((JSON.parse(line) as { mcp: string }).mcp.replace("127.0.0.1", "localhost"));
      });
      server?.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
    });
  }, 60_000);

  afterAll(() => {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists tools, calls one and reads a resource over stdio", () => {
    checks([
      process.execPath,
      CLI,
      "mcp",
      "--memory",
      memory,
      "--root",
      REPO_ROOT,
      "--root",
      join(REPO_ROOT, "..", "shared"),
    ]);
  }, 120_000);

  it("lists tools, calls one and reads a resource over Streamable HTTP", () => {
    checks([url, "--transport", "http"]);
  }, 120_000);
});
