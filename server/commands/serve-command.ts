/** `alchemist serve`: Streamable HTTP MCP at /mcp and the HTTP tool endpoint, on 127.0.0.1 by default. */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { AlchemistError } from "../../core/errors.js";
import { createToolServices } from "../../tools/index.js";
import { DEFAULT_MAX_BODY_BYTES, startHttpServer } from "../http/index.js";
import { alchemistVersion } from "../../core/version.js";
import type { CommandIO } from "./command-io.js";

export const SERVE_USAGE = `Usage: alchemist serve [options]

Serves MCP over Streamable HTTP at /mcp and the same tools as JSON over HTTP: GET /v1/tools,
POST /v1/tools/{name}, and the OpenAPI document at /openapi.json. Every request needs
'Authorization: Bearer <token>' (--token, ALCHEMIST_TOKEN, or a random token printed on stderr).

Options:
  --port <n>          port (default 8787; 0 picks a free one)
  --host <addr>       address to bind (default 127.0.0.1)
  --token <t>         bearer token (default $ALCHEMIST_TOKEN, else random)
  --no-auth           no token (loopback only; for local tests and the conformance suite)
  --allow-host <h>    extra hostname accepted in Host/Origin (repeatable)
  --max-body <bytes>  request body limit (default ${DEFAULT_MAX_BODY_BYTES})
  --root <dir>        folder tool file paths must lie in (repeatable; default the working directory)
  --llm <model>       agents' provider/model (default none: heuristics)
  --memory <file>     memory store (default $ALCHEMIST_HOME/memory.db)
  --workers <n>       worker threads for train/evaluate (default: CPU count)
  --json              print one JSON line {url, mcp, openapi} once listening
`;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

function intOption(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) {
    throw new AlchemistError("INVALID_ARGUMENT", `--${name} expects an integer ≥ ${min}; got '${raw}'.`, {
      parameter: name,
    });
  }
  return v;
}

export async function serveCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      token: { type: "string" },
      "no-auth": { type: "boolean", default: false },
      "allow-host": { type: "string", multiple: true },
      "max-body": { type: "string" },
      root: { type: "string", multiple: true },
      llm: { type: "string" },
      memory: { type: "string" },
      workers: { type: "string" },
      json: { type: "boolean", default: false },
      "conformance-fixtures": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(SERVE_USAGE);
    return 0;
  }
  const port = intOption("port", values.port, 0) ?? 8787;
  const maxBody = intOption("max-body", values["max-body"], 1) ?? DEFAULT_MAX_BODY_BYTES;
  const workers = intOption("workers", values.workers, 1);
  if (values["no-auth"] && !LOOPBACK.has(values.host)) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      "--no-auth is only allowed on a loopback --host (127.0.0.1, ::1).",
      {
        parameter: "no-auth",
      },
    );
  }
  let token: string | null = values["no-auth"] ? null : (values.token ?? process.env.ALCHEMIST_TOKEN ?? null);
  const generated = !values["no-auth"] && token === null;
  if (generated) token = randomBytes(24).toString("base64url");
  const services = createToolServices({
    ...(values.root !== undefined ? { roots: values.root } : {}),
    ...(values.llm !== undefined ? { llm: values.llm } : {}),
    ...(values.memory !== undefined ? { memoryPath: values.memory } : {}),
    ...(workers !== undefined ? { workers } : {}),
  });
  const handle = await startHttpServer({
    services,
    version: alchemistVersion(),
    token,
    port,
    hostname: values.host,
    maxBodyBytes: maxBody,
    ...(values["allow-host"] !== undefined ? { allowedHosts: values["allow-host"] } : {}),
    ...(values["conformance-fixtures"] ? { fixtures: true } : {}),
  });
  const info = { url: handle.url, mcp: `${handle.url}/mcp`, openapi: `${handle.url}/openapi.json` };
  if (values.json) io.stdout(`${JSON.stringify(info)}\n`);
  else io.stdout(`alchemist serving MCP at ${info.mcp} and tools at ${handle.url}/v1/tools\n`);
  if (generated) io.stderr(`alchemist: bearer token for this server: ${token}\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await handle.close();
  await services.close();
  return 0;
}
