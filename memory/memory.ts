/** `openMemory(path)`: the store of a project (one SQLite file) with its typed views. */
import type { Database } from "better-sqlite3";
import { type OpenDatabaseOptions, openDatabase, schemaVersion } from "./database.js";
import { type Ledger, createLedger } from "./ledger.js";
import { type RunStore, type RunStoreOptions, createRunStore } from "./run-store.js";
import { createWarmStartStore, type WarmStartStore } from "./warm-start-store.js";

export interface Memory {
  /** The file path, or `:memory:`. */
  readonly path: string;
  /** The raw connection, for views added by later issues (runs, trials, decisions). */
  readonly db: Database;
  /** The LLM call ledger; pass it to `createGateway(config, {ledger})`. */
  readonly ledger: Ledger;
  /** Runs, trials, decisions, errors, artifacts and dataset fingerprints. */
  readonly runs: RunStore;
  /** Meta-features, run outcomes and warm-start plans (metalearning). */
  readonly warmStarts: WarmStartStore;
  /** Schema version of the file (after migrations). */
  readonly schemaVersion: number;
  close(): void;
}

/** Opens (creating it and any parent folder if needed) and migrates the store. */
export function openMemory(path: string, options: OpenDatabaseOptions & RunStoreOptions = {}): Memory {
  const db = openDatabase(path, options);
  return {
    path,
    db,
    ledger: createLedger(db),
    runs: createRunStore(db, options),
    warmStarts: createWarmStartStore(db, options.now),
    schemaVersion: schemaVersion(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}
