/**
 * The worker thread that reads and profiles a large table for the run-data cache, so the server's
 * event loop keeps answering while it does. One table per worker; the result travels by structured
 * clone (a copy of its typed arrays: milliseconds next to the read).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { RunConfig } from "../loop/run-config.js";
import { loadRunData } from "../loop/run-data.js";
import { serializeError } from "../trainers/pool/serialized-error.js";
import type { LoaderReply } from "./run-data-cache.js";

const port = parentPort;
if (port === null) throw new Error("tools/run-data-worker runs only as a worker thread");
let reply: LoaderReply;
try {
  reply = { ok: true, data: await loadRunData(workerData as RunConfig) };
} catch (e) {
  reply = { ok: false, error: serializeError(e) };
}
port.postMessage(reply);
