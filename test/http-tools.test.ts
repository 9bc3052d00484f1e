/**
 * The HTTP tool endpoint on a real loopback server: bearer auth, Host/Origin checks, the body limit,
 * GET /v1/tools, POST /v1/tools/{name} validated by the tools' own schemas, and the OpenAPI document.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpServerHandle, startHttpServer } from "../server/http/index.js";
import { createToolServices, TOOLS, type ToolServices } from "../tools/index.js";
import { DATASETS_DIR, datasetPath } from "./datasets.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-http-"));
const TOKEN = "test-token-123";
let services: ToolServices;
let server: HttpServerHandle;

beforeAll(async () => {
  services = createToolServices({ home: dir, roots: [DATASETS_DIR], workers: 1 });
  server = await startHttpServer({
    services,
    version: "0.0.0-test",
    token: TOKEN,
    port: 0,
    maxBodyBytes: 64 * 1024,
  });
});
afterAll(async () => {
  await server?.close();
  await services?.close();
  rmSync(dir, { recursive: true, force: true });
});

const auth = { Authorization: `Bearer ${TOKEN}` };

async function post(name: string, body: unknown, headers: Record<string, string> = auth) {
  const r = await fetch(`${server.url}/v1/tools/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

/** fetch() will not forge a Host header; node:http will. */
function rawGet(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("HTTP tool endpoint", () => {
  it("answers 401 without a valid bearer token, with a typed error", async () => {
    const none = await fetch(`${server.url}/v1/tools`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
    expect((await post("list_models", {}, { Authorization: "Bearer wrong" })).status).toBe(401);
    expect((await fetch(`${server.url}/mcp`, { method: "POST", body: "{}" })).status).toBe(401);
  });

  it("rejects a foreign Host or Origin (DNS rebinding) and accepts loopback ones", async () => {
    expect(await rawGet("/v1/tools", { ...auth, host: "evil.example.com" })).toBe(403);
    expect(await rawGet("/v1/tools", { ...auth, origin: "http://evil.example.com" })).toBe(403);
    expect(await rawGet("/v1/tools", { ...auth, origin: "http://localhost:3000" })).toBe(200);
  });

  it("refuses a body over the limit with 413", async () => {
    const big = JSON.stringify({
      rows: Array.from({ length: 5000 }, (_, i) => ({ a: i, b: "x".repeat(20) })),
    });
    expect((await post("profile", big)).status).toBe(413);
  });

  it("lists every tool with its schemas and annotations", async () => {
    const r = await fetch(`${server.url}/v1/tools`, { headers: auth });
    const body = (await r.json()) as {
      tools: { name: string; input_schema: { type: string }; annotations: object }[];
    };
    expect(body.tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
    for (const t of body.tools) expect(t.input_schema.type).toBe("object");
  });

  it("validates input with the tool's schema: 400 naming the field; 404 for an unknown tool", async () => {
    const bad = await post("list_models", { task: "astrology" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/INVALID_ARGUMENT.*task/);
    expect((await post("list_models", "{not json")).status).toBe(400);
    const unknown = await post("trian", {});
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toContain("Did you mean 'train'");
  });

  it("runs a tool and returns its output; typed errors carry a status and an actionable message", async () => {
    const ok = await post("list_models", { task: "regression" });
    expect(ok.status).toBe(200);
    const models = (ok.body.models as { tasks: string[] }[]) ?? [];
    expect(models.length).toBeGreaterThan(2);
    for (const m of models) expect(m.tasks).toContain("regression");

    const outside = await post("profile", { path: "/etc/passwd", reading: false });
    expect(outside.status).toBe(403);
    expect((outside.body.error as { code: string }).code).toBe("PATH_NOT_ALLOWED");

    const missing = await post("evaluate", { run: "zzzzzz" });
    expect(missing.status).toBe(404);
    expect((missing.body.error as { code: string }).code).toBe("MEMORY_NOT_FOUND");

    const badTarget = await post("profile", {
      path: datasetPath("penguins", "train.csv"),
      target: "Specie",
      reading: false,
    });
    expect(badTarget.status).toBe(422);
    expect(JSON.stringify(badTarget.body)).toContain("Species");
  });

  it("profiles inline rows, with the profiler agent's reading", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ x: i, z: (i * 7) % 5, y: i % 2 === 0 ? "a" : "b" }));
    const r = await post("profile", { rows, target: "y" });
    expect(r.status).toBe(200);
    expect((r.body.profile as { nRows: number }).nRows).toBe(40);
    expect(r.body.reading_tier).toBe("heuristic");
    expect((r.body.reading as { task: { task: string } }).task.task).toBe("binary");
  });

  it("serves an OpenAPI 3.1 document whose every $ref resolves", async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`, { headers: auth })).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    for (const t of TOOLS) expect(doc.paths[`/v1/tools/${t.name}`]).toBeDefined();
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const name = ref.slice(8, -1).replace("#/components/schemas/", "");
      expect(doc.components.schemas[name], ref).toBeDefined();
    }
  });
});
