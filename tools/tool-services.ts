/** What tools share in one server: the memory store, file roots, the LLM gateway, a worker pool, jobs and loaded data. */
import { join, resolve } from "node:path";
import { createGateway, loadLlmConfig } from "../llm/index.js";
import type { LlmGateway } from "../llm/types.js";
import { type Memory, openMemory } from "../memory/index.js";
import { createWorkerPool, type WorkerPool } from "../trainers/pool/index.js";
import { createJobManager, type JobManager } from "./jobs/index.js";
import { normalizeRoots } from "./roots.js";
import { createRunDataCache, type RunDataCache } from "./run-data-cache.js";

export interface ToolServicesOptions {
  /** Folder of the memory store and run outputs; default $ALCHEMIST_HOME or `.alchemist`. */
  home?: string;
  /** The SQLite memory file; default `<home>/memory.db`. */
  memoryPath?: string;
  /** Folders tool file paths must lie in; default the working directory. */
  roots?: readonly string[];
  /** `provider/model` of the agents; default `none` (heuristics). */
  llm?: string;
  /** Worker threads of the train/evaluate pool; default CPU count. */
  workers?: number;
}

export interface ToolServices {
  readonly memory: Memory;
  readonly memoryPath: string;
  readonly home: string;
  readonly roots: readonly string[];
  readonly llm: string;
  /** The gateway for `llm` (the server's unless given); one per model id. */
  gateway(llm?: string): LlmGateway;
  /** The worker pool of train/evaluate, started on first use. */
  pool(): WorkerPool;
  readonly jobs: JobManager;
  readonly data: RunDataCache;
  close(): Promise<void>;
}

export function createToolServices(options: ToolServicesOptions = {}): ToolServices {
  const home = resolve(options.home ?? process.env.ALCHEMIST_HOME ?? ".alchemist");
  const memoryPath = resolve(options.memoryPath ?? join(home, "memory.db"));
  const memory = openMemory(memoryPath);
  // A run left `running` by a server that died is resumable, not live.
  memory.runs.markInterrupted();
  const llm = options.llm ?? "none";
  const gateways = new Map<string, LlmGateway>();
  let pool: WorkerPool | undefined;
  const jobs = createJobManager({ memoryPath, home });
  return {
    memory,
    memoryPath,
    home,
    roots: normalizeRoots(options.roots ?? []),
    llm,
    gateway(model = llm) {
      let g = gateways.get(model);
      if (g === undefined) {
        g = createGateway(loadLlmConfig({ flags: { model } }), { ledger: memory.ledger });
        gateways.set(model, g);
      }
      return g;
    },
    pool() {
      pool ??= createWorkerPool(options.workers !== undefined ? { size: options.workers } : {});
      return pool;
    },
    jobs,
    data: createRunDataCache(),
    async close() {
      await jobs.close();
      if (pool !== undefined) await pool.close();
      memory.close();
    },
  };
}
