/**
 * `alchemist mcp` as a real subprocess of the built CLI: the SDK's stdio client lists and calls tools,
 * starts a job and cancels it; a raw pipe proves stdout carries nothing but JSON-RPC, even with
 * debug logging on and a run's workers busy.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, describe, expect, it } from "vitest";
import { TOOLS } from "../tools/index.js";
import { CLI } from "./cli.js";
import { DATASETS_DIR, datasetMeta, datasetPath, REPO_ROOT } from "./datasets.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-mcp-stdio-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const args = (db: string) => [
  CLI,
  "mcp",
  "--root",
  DATASETS_DIR,
  "--memory",
  join(dir, db),
  "--workers",
  "1",
];

describe("alchemist mcp (stdio)", () => {
  it("serves the tools to the SDK client; start_run returns at once and cancel_run stops it", async () => {
    const client = new Client({ name: "alchemist-test", version: "1.0.0" });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: args("a.db"),
        cwd: REPO_ROOT,
        env: { ...process.env, ALCHEMIST_HOME: dir } as Record<string, string>,
        stderr: "pipe",
      }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(TOOLS.map((t) => t.name).sort());

      const started = await client.callTool({
        name: "start_run",
        arguments: { train: datasetPath("breast_cancer", "train.csv"), target: datasetMeta("breast_cancer").target, budgetSeconds: 120 },
      });
      const runId = (started.structuredContent as { run_id: string }).run_id;
      const status = await client.callTool({ name: "run_status", arguments: { run: runId } });
      expect((status.structuredContent as { status: string }).status).toBe("running");

      const cancelled = await client.callTool({ name: "cancel_run", arguments: { run: runId } });
      expect(cancelled.structuredContent).toMatchObject({
        run_id: runId,
        cancelled: true,
        status: "cancelled",
      });
      const after = await client.callTool({ name: "run_status", arguments: { run: runId } });
      expect((after.structuredContent as { status: string }).status).toBe("cancelled");

      const outside = await client.callTool({ name: "start_run", arguments: { train: "/etc/hosts" } });
      expect(outside.isError).toBe(true);
      expect(JSON.stringify(outside.content)).toContain("PATH_NOT_ALLOWED");
    } finally {
      await client.close();
    }
  }, 50_000);

  it("writes nothing but JSON-RPC messages on stdout", async () => {
    const child = spawn(process.execPath, args("b.db"), {
      cwd: REPO_ROOT,
      env: { ...process.env, ALCHEMIST_HOME: dir, ALCHEMIST_LOG_LEVEL: "debug" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (b: Buffer) => {
      stdout += b.toString("utf8");
    });
    child.stderr.resume();
    const send = (m: object) => child.stdin.write(`${JSON.stringify(m)}\n`);
    const waitFor = async (id: number) => {
      for (let i = 0; i < 400; i++) {
        if (stdout.split("\n").some((l) => l.includes(`"id":${id}`))) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no response ${id}: ${stdout}`);
    };
    send({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
    });
    await waitFor(1);
    send({ jsonrpc: "2.0", method: "notifications/initialized" });
    send({
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: {
        name: "profile",
        arguments: { path: datasetPath("penguins", "train.csv"), target: "Species" },
      },
    });
    await waitFor(2);
    child.stdin.end();
    await new Promise((r) => child.once("exit", r));
    const lines = stdout.split("\n").filter((l) => l.trim() !== "");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect((JSON.parse(line) as { jsonrpc: string }).jsonrpc).toBe("2.0");
    expect(stdout).toContain('"reading_tier"');
  }, 30_000);
});
