/** The SQLite store: versioned migrations, the LLM cost ledger, and runs with their trials and decisions. */
export { migrate, type OpenDatabaseOptions, openDatabase, schemaVersion } from "./database.js";
export {
  createLedger,
  type Ledger,
  type LedgerFilter,
  type LedgerTotals,
  type PurposeTotals,
} from "./ledger.js";
export { fingerprintBytes, fingerprintFile } from "./fingerprint.js";
export { decodeJson, encodeJson } from "./json-codec.js";
export { type Memory, openMemory } from "./memory.js";
export { MIGRATIONS, type Migration, SCHEMA_VERSION } from "./migrations.js";
export { MIN_RUN_ID_PREFIX, newRunId } from "./run-id.js";
export {
  type ArtifactInput,
  type ArtifactRecord,
  type CreateRunInput,
  DECISION_TIERS,
  type DatasetInput,
  type DatasetRecord,
  type DecisionInput,
  type DecisionRecord,
  type DecisionTier,
  type ErrorInput,
  type ErrorRecord,
  RUN_STATUSES,
  RunIdSchema,
  type RunPatch,
  type RunRecord,
  type RunStatus,
  TRIAL_STATUSES,
  type TrialError,
  TrialErrorSchema,
  type TrialInput,
  type TrialRecord,
  type TrialRecovery,
  TrialRecoverySchema,
  type TrialStatus,
} from "./run-rows.js";
export { createRunStore, type ListRunsOptions, type RunStore, type RunStoreOptions } from "./run-store.js";
export { isPidAlive } from "./store-input.js";
export {
  createWarmStartStore,
  type ListOutcomesOptions,
  type MetaFeaturesInput,
  type MetaFeaturesRecord,
  type OutcomeInput,
  type OutcomeRecord,
  type WarmStartStore,
} from "./warm-start-store.js";
