/** The SQLite store: versioned migrations and the LLM cost ledger (runs, trials, decisions come later). */
export { migrate, type OpenDatabaseOptions, openDatabase, schemaVersion } from "./database.js";
export {
  createLedger,
  type Ledger,
  type LedgerFilter,
  type LedgerTotals,
  type PurposeTotals,
} from "./ledger.js";
export { type Memory, openMemory } from "./memory.js";
export { MIGRATIONS, type Migration, SCHEMA_VERSION } from "./migrations.js";
