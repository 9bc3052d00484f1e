/** Runs, reports, leaderboards, artifacts and models as MCP resources (`alchemist://runs/{id}/…`). */
import { existsSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import { type McpServer, ResourceTemplate } from "@modelcontextprotocol/server";
import type { MetricName } from "../../evaluate/metrics/registry.js";
import { leaderboard } from "../../loop/index.js";
import { type ToolServices, trialsOfRun } from "../../tools/index.js";

const MIME: Record<string, string> = {
  ".json": "application/json",
  ".md": "text/markdown",
  ".csv": "text/csv",
  ".txt": "text/plain",
};

function json(uri: URL, value: unknown) {
  return {
    contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(value, null, 2) }],
  };
}

function variable(v: string | string[] | undefined): string {
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

function artifactPath(services: ToolServices, runId: string, kind: string): string | undefined {
  const a = services.memory.runs.listArtifacts(runId).find((x) => x.kind === kind);
  return a !== undefined && existsSync(a.path) ? a.path : undefined;
}

/** Registers the run resources on `server`; every template lists the newest runs. */
export function registerRunResources(server: McpServer, services: ToolServices): void {
  const store = services.memory.runs;
  const listRuns = (suffix: string, what: string) => async () => ({
    resources: store.listRuns({ limit: 50 }).map((r) => ({
      uri: `alchemist://runs/${r.id}${suffix}`,
      name: `${what} of run ${r.id}`,
      description: `${r.task} on ${r.trainPath} (${r.status})`,
      mimeType: suffix === "/report" ? "text/markdown" : "application/json",
    })),
  });

  server.registerResource(
    "runs",
    "alchemist://runs",
    { title: "Runs", description: "The recorded runs, newest first", mimeType: "application/json" },
    async (uri) =>
      json(
        uri,
        store.listRuns({ limit: 200 }).map((r) => ({
          id: r.id,
          status: r.status,
          task: r.task,
          metric: r.metric,
          target: r.target,
          train: r.trainPath,
          cv_score: r.cvScore,
          test_score: r.testScore,
          created_at: r.createdAt,
        })),
      ),
  );

  server.registerResource(
    "run",
    new ResourceTemplate("alchemist://runs/{id}", { list: listRuns("", "Summary") }),
    { title: "Run", description: "A run: config, status, scores and result", mimeType: "application/json" },
    async (uri, vars) => {
      const r = store.getRun(variable(vars.id));
      return json(uri, { ...r, profile: undefined });
    },
  );

  server.registerResource(
    "run-report",
    new ResourceTemplate("alchemist://runs/{id}/report", { list: listRuns("/report", "Report") }),
    {
      title: "Run report",
      description: "The report of a finished run (Markdown)",
      mimeType: "text/markdown",
    },
    async (uri, vars) => {
      const r = store.getRun(variable(vars.id));
      const path = artifactPath(services, r.id, "report_md");
      const text =
        path !== undefined
          ? readFileSync(path, "utf8")
          : `# Run ${r.id}\n\nStatus: ${r.status}. The report is written when the run finishes.\n`;
      return { contents: [{ uri: uri.href, mimeType: "text/markdown", text }] };
    },
  );

  server.registerResource(
    "run-leaderboard",
    new ResourceTemplate("alchemist://runs/{id}/leaderboard", {
      list: listRuns("/leaderboard", "Leaderboard"),
    }),
    { title: "Leaderboard", description: "A run's ok trials, best first", mimeType: "application/json" },
    async (uri, vars) => {
      const r = store.getRun(variable(vars.id));
      return json(uri, leaderboard(trialsOfRun(store, r.id), r.metric as MetricName));
    },
  );

  server.registerResource(
    "model",
    new ResourceTemplate("alchemist://models/{id}", { list: listRuns("", "Model") }),
    {
      title: "Model",
      description: "The fitted pipeline of a finished run (portable JSON)",
      mimeType: "application/json",
    },
    async (uri, vars) => {
      const r = store.getRun(variable(vars.id));
      const path = artifactPath(services, r.id, "pipeline");
      if (path === undefined) throw new Error(`Run ${r.id} has no fitted model (status ${r.status}).`);
      return {
        contents: [{ uri: uri.href, mimeType: "application/json", text: readFileSync(path, "utf8") }],
      };
    },
  );

  server.registerResource(
    "run-artifact",
    new ResourceTemplate("alchemist://runs/{id}/artifacts/{kind}", { list: undefined }),
    { title: "Run artifact", description: "One artifact of a run by kind (see the export tool)" },
    async (uri, vars) => {
      const r = store.getRun(variable(vars.id));
      const kind = variable(vars.kind);
      const path = artifactPath(services, r.id, kind);
      if (path === undefined) throw new Error(`Run ${r.id} has no artifact '${kind}'.`);
      const mimeType = MIME[extname(path)] ?? "application/octet-stream";
      return mimeType.startsWith("text/") || mimeType === "application/json"
        ? { contents: [{ uri: uri.href, mimeType, text: readFileSync(path, "utf8") }] }
        : { contents: [{ uri: uri.href, mimeType, blob: readFileSync(path).toString("base64") }] };
    },
  );
}
