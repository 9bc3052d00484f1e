/**
 * The SDK's own client over Streamable HTTP against a real `startHttpServer`: tools listed, a whole
 * step-by-step loop on penguins (profile → train with progress → propose → train the proposal →
 * evaluate → recover a failed trial) and start_run through to an exported bundle, resources read.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpServerHandle, startHttpServer } from "../server/http/index.js";
import { createToolServices, TOOLS, type ToolServices } from "../tools/index.js";
import { DATASETS_DIR, datasetPath } from "./datasets.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-mcp-http-"));
const TOKEN = "mcp-http-token";
const train = datasetPath("penguins", "train.csv");
let services: ToolServices;
let server: HttpServerHandle;
let client: Client;

type Structured = Record<string, unknown>;

async function call(name: string, args: Structured, onprogress?: (p: { progress: number }) => void) {
  const r = await client.callTool(
    { name, arguments: args },
    onprogress !== undefined ? { onprogress } : undefined,
  );
  return {
    isError: r.isError === true,
    data: (r.structuredContent ?? {}) as Structured,
    text: JSON.stringify(r.content),
  };
}

beforeAll(async () => {
  services = createToolServices({ home: dir, roots: [DATASETS_DIR, dir], workers: 2 });
  server = await startHttpServer({ services, version: "0.0.0-test", token: TOKEN, port: 0 });
  client = new Client({ name: "alchemist-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
    }),
  );
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  await services?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("MCP over Streamable HTTP", () => {
  it("lists every registry tool with schemas and annotations", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS.map((t) => t.name).sort());
    const start = tools.find((t) => t.name === "start_run");
    expect(start?.inputSchema.required).toContain("train");
    expect(tools.find((t) => t.name === "evaluate")?.annotations?.readOnlyHint).toBe(true);
    expect(tools.find((t) => t.name === "cancel_run")?.annotations?.destructiveHint).toBe(true);
  });

  it("drives a step-by-step loop with progress, and recovers a failed trial", async () => {
    const profiled = await call("profile", { path: train, target: "Species" });
    expect(profiled.isError).toBe(false);
    expect((profiled.data.profile as { task: string }).task).toBe("multiclass");

    const progress: number[] = [];
    const first = await call("train", { data: { train, target: "Species" } }, (p) =>
      progress.push(p.progress),
    );
    expect(first.isError).toBe(false);
    const runId = first.data.run_id as string;
    expect((first.data.trial as { status: string }).status).toBe("ok");
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1] as number);

    const proposed = await call("propose_action", { run: runId });
    expect(proposed.isError).toBe(false);
    const proposal = proposed.data.proposal as { action: { action: string } };
    expect(typeof proposal.action.action).toBe("string");

    const second = await call("train", { run: runId, actions: [proposal.action] });
    expect(second.isError).toBe(false);
    expect((second.data.trial as { seq: number }).seq).toBe(2);

    // A model name that does not exist: a failed trial, an actionable isError naming it.
    const spec = {
      ...(first.data.trial as { spec: Structured }).spec,
      estimator: { name: "gradient_boosting_clasifier", params: {} },
    };
    const failed = await call("train", { run: runId, spec });
    expect(failed.isError).toBe(true);
    expect(failed.text).toMatch(/Call recover with/);

    const evaluated = await call("evaluate", { run: runId });
    const failures = (evaluated.data.diagnostics as { failures: { seq: number }[] }).failures;
    expect(failures.map((f) => f.seq)).toEqual([3]);
    expect((evaluated.data.leaderboard as unknown[]).length).toBe(2);

    const recovered = await call("recover", { run: runId, trial: 3 });
    expect(recovered.isError).toBe(false);
    expect(recovered.data.category).toBeTypeOf("string");
    const fixes = recovered.data.fixes as { spec: { estimator: { name: string } } }[];
    expect(fixes.length).toBeGreaterThan(0);
    expect(fixes[0]?.spec.estimator.name).not.toBe("gradient_boosting_clasifier");

    const notFailed = await call("recover", { run: runId, trial: 1 });
    expect(notFailed.isError).toBe(true);

    // The step-by-step loop ends in an exported model: the best trial, refitted on all rows.
    const best = (evaluated.data.leaderboard as { seq: number }[])[0]?.seq as number;
    const exported = await call("export", { run: runId, trial: best, out: join(dir, "trial-bundle") });
    expect(exported.isError, exported.text).toBe(false);
    expect(exported.data.trial).toBe(best);
    expect(existsSync(join(dir, "trial-bundle", "manifest.json"))).toBe(true);
    const noModel = await call("export", { run: runId, trial: 3 });
    expect(noModel.isError).toBe(true);
    expect(noModel.text).toMatch(/no model to export/);
  }, 50_000);

  it("runs start_run as a job to a finished run, then exports it and serves its resources", async () => {
    // A portfolio outside the allowed roots is refused, naming the parameter.
    const outside = await call("start_run", { train, target: "Species", trials: 3, portfolio: "/nope/p.json" });
    expect(outside.isError).toBe(true);
    expect(outside.text).toMatch(/PATH_NOT_ALLOWED[\s\S]*portfolio/);
    const started = await call("start_run", {
      train,
      target: "Species",
      trials: 3,
      seed: 1,
      portfolio: "default",
      warmStart: false,
    });
    const runId = started.data.run_id as string;
    expect(runId).toMatch(/^[0-9a-f]+$/);
    let status = "running";
    for (let i = 0; i < 90 && status === "running"; i++) {
      await new Promise((r) => setTimeout(r, 500));
      status = (await call("run_status", { run: runId })).data.status as string;
    }
    expect(status).toBe("finished");
    const s = await call("run_status", { run: runId });
    expect((s.data.trials as { total: number }).total).toBe(3);
    expect(s.data.cv_score).toBeGreaterThan(0.8);

    const exported = await call("export", { run: runId, out: join(dir, "bundle") });
    expect(exported.isError).toBe(false);
    expect(existsSync(join(dir, "bundle", "manifest.json"))).toBe(true);

    const report = await client.readResource({ uri: `alchemist://runs/${runId}/report` });
    expect(JSON.stringify(report.contents)).toContain(runId);
    const board = await client.readResource({ uri: `alchemist://runs/${runId}/leaderboard` });
    const first = board.contents[0] as { text: string };
    const rows = JSON.parse(first.text) as { origin: string }[];
    expect(rows.length).toBe(3);
    // The shipped portfolio ran first.
    expect(rows.some((r) => r.origin === "learned portfolio")).toBe(true);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toContain("alchemist://runs/{id}/report");
  }, 55_000);
});
