/**
 * Starting a fit worker from either the built JavaScript (`dist/…/worker-entry.js`) or the
 * TypeScript sources (vitest, tsx). Node 20 cannot load a `.ts` worker, and loader hooks given by
 * `--import` in a worker's execArgv do not apply to its entry, so a `.ts` entry starts through a
 * small eval'd bootstrap that registers tsx's ESM hooks inside the worker, then imports the entry.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type ResourceLimits, Worker } from "node:worker_threads";
import { AlchemistError } from "../../core/errors.js";
import type { WorkerInit } from "./worker-messages.js";

/**
 * The worker entry beside this module: `.ts` when running from source; when built, the one-file
 * bundle of scripts/bundle-worker.mjs (a worker loads it in ~160 ms, the ~280 modules of
 * `worker-entry.js` in ~420 ms). Not with `extras` (extra estimator modules import the unbundled
 * modules, whose classes the bundle's own copies would not recognise), nor when it is missing.
 */
export function defaultWorkerEntry(extras = false): URL {
  if (import.meta.url.endsWith(".ts")) return new URL("./worker-entry.ts", import.meta.url);
  const bundle = new URL("./worker-entry.bundle.js", import.meta.url);
  return !extras && existsSync(bundle) ? bundle : new URL("./worker-entry.js", import.meta.url);
}

/** A path or URL as a file URL (relative paths against the current directory). */
export function toFileUrl(entry: string | URL): URL {
  if (entry instanceof URL) return entry;
  return /^file:/.test(entry) ? new URL(entry) : pathToFileURL(entry);
}

let tsxApi: string | undefined;

/** File URL of tsx's ESM API (`register`), resolved from this package; WORKER_CRASHED if tsx is absent. */
function tsxApiUrl(): string {
  if (tsxApi !== undefined) return tsxApi;
  const require = createRequire(import.meta.url);
  let pkgPath: string;
  try {
    pkgPath = require.resolve("tsx/package.json");
  } catch (e) {
    throw new AlchemistError(
      "WORKER_CRASHED",
      "A TypeScript worker entry needs the tsx package (a devDependency); run the built dist/ instead.",
      {},
      { cause: e },
    );
  }
  const pkg = require(pkgPath) as { exports?: Record<string, { import?: { default?: string } } | string> };
  const api = pkg.exports?.["./esm/api"];
  const file = typeof api === "object" ? api.import?.default : undefined;
  tsxApi = new URL(file ?? "./dist/esm/api/index.mjs", pathToFileURL(pkgPath)).href;
  return tsxApi;
}

export interface SpawnOptions {
  entry: URL;
  init: WorkerInit;
  resourceLimits: ResourceLimits;
}

/** A started fit worker. */
export function spawnFitWorker({ entry, init, resourceLimits }: SpawnOptions): Worker {
  return spawnWorker(entry, { workerData: init, resourceLimits });
}

/**
 * A started worker of any entry, `.ts` (from source) or `.js`; its stdout goes to our stderr
 * (stdout belongs to command output and MCP).
 */
export function spawnWorker(
  entry: URL,
  options: { workerData: unknown; resourceLimits?: ResourceLimits },
): Worker {
  const common = { ...options, stdout: true, stderr: false } as const;
  let worker: Worker;
  if (entry.pathname.endsWith(".ts")) {
    const code =
      `import(${JSON.stringify(tsxApiUrl())})` +
      `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
    worker = new Worker(code, { ...common, eval: true });
  } else {
    worker = new Worker(fileURLToPath(entry), common);
  }
  worker.stdout.pipe(process.stderr, { end: false });
  return worker;
}
