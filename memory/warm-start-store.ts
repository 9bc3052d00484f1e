/**
 * Metalearning rows (migration 4): dataset meta-features, finished runs' outcomes (their best
 * pipelines) and the warm-start plan each run started from. Each write is one committed statement.
 */
import type { Database } from "better-sqlite3";
import { z } from "zod";
import { TaskSchema } from "../data/task.js";
import { encodeJson } from "./json-codec.js";
import { readRow } from "./row-reader.js";
import { nullableJson, validateInput } from "./store-input.js";

/** A REAL column that may be NULL (NaN is stored as NULL). */
const score = z.number().nullable();
const timestamp = z.iso.datetime();

export const MetaFeaturesInputSchema = z.strictObject({
  /** sha256 of the training file (memory/fingerprint.ts). */
  fingerprint: z.string().min(1),
  target: z.string().min(1),
  /** Version of the meta-feature definitions: rows of another version are never compared. */
  version: z.number().int().min(1),
  task: TaskSchema,
  /** Meta-feature name → value (null where it does not apply, e.g. class entropy of a regression). */
  features: z.record(z.string(), z.number().nullable()),
  /** Seconds it took to compute them. */
  seconds: z.number().min(0).default(0),
  createdAt: timestamp.optional(),
});
export type MetaFeaturesInput = z.input<typeof MetaFeaturesInputSchema>;

export const MetaFeaturesRecordSchema = z.object({
  fingerprint: z.string(),
  target: z.string(),
  version: z.number().int(),
  task: TaskSchema,
  features: z.record(z.string(), z.number().nullable()),
  seconds: z.number(),
  createdAt: z.string(),
});
export type MetaFeaturesRecord = z.output<typeof MetaFeaturesRecordSchema>;

export const OutcomeInputSchema = z.strictObject({
  fingerprint: z.string().min(1),
  target: z.string().min(1),
  task: TaskSchema,
  metric: z.string().min(1),
  /** The training file's path, for reports ("learned from credit_data/train.csv"). */
  dataset: z.string().min(1),
  /** Version of the meta-features this outcome joins on. */
  metaVersion: z.number().int().min(1),
  /** The run's best pipelines with their CV scores (the loop's schema; stored as JSON). */
  pipelines: z.array(z.unknown()),
  cvScore: score.default(null),
  testScore: score.default(null),
  seconds: z.number().min(0).default(0),
  createdAt: timestamp.optional(),
});
export type OutcomeInput = z.input<typeof OutcomeInputSchema>;

export const OutcomeRecordSchema = z.object({
  runId: z.string(),
  fingerprint: z.string(),
  target: z.string(),
  task: TaskSchema,
  metric: z.string(),
  dataset: z.string(),
  metaVersion: z.number().int(),
  pipelines: z.array(z.unknown()),
  cvScore: score,
  testScore: score,
  seconds: z.number(),
  createdAt: z.string(),
  /** The dataset's meta-features of `metaVersion`; null when they were never stored. */
  features: z.record(z.string(), z.number().nullable()).nullable(),
});
export type OutcomeRecord = z.output<typeof OutcomeRecordSchema>;

export interface ListOutcomesOptions {
  /** Only outcomes of these tasks. */
  tasks?: readonly string[];
  /** Only outcomes whose meta-features have this version (joined). */
  metaVersion?: number;
}

export interface WarmStartStore {
  /** Inserts or replaces the meta-features of (fingerprint, target, version). */
  putMetaFeatures(input: MetaFeaturesInput): void;
  getMetaFeatures(fingerprint: string, target: string, version: number): MetaFeaturesRecord | undefined;
  /** Records (or replaces, when a resumed run finishes again) a finished run's outcome. */
  putOutcome(runId: string, input: OutcomeInput): void;
  /** Outcomes of finished runs, oldest first, with their meta-features. */
  listOutcomes(options?: ListOutcomesOptions): OutcomeRecord[];
  /** The warm-start plan a run started from (JSON), written once when it starts. */
  putWarmStart(runId: string, plan: unknown): void;
  /** undefined when the run started cold (or before migration 4). */
  getWarmStart(runId: string): unknown;
  /** The learned portfolio a run started with (`ref`: the file or `default`), written once when it starts. */
  putPortfolio(runId: string, ref: string, portfolio: unknown): void;
  /** undefined when the run had no portfolio (or started before migration 5). */
  getPortfolio(runId: string): { ref: string; portfolio: unknown } | undefined;
}

const SQL = {
  putMeta: `INSERT OR REPLACE INTO meta_features (fingerprint, target, version, task, features_json, seconds, created_at)
    VALUES (@fingerprint, @target, @version, @task, @features, @seconds, @createdAt)`,
  getMeta: "SELECT * FROM meta_features WHERE fingerprint = ? AND target = ? AND version = ?",
  putOutcome: `INSERT OR REPLACE INTO run_outcomes (run_id, fingerprint, target, task, metric, dataset, meta_version,
      pipelines_json, cv_score, test_score, seconds, created_at)
    VALUES (@runId, @fingerprint, @target, @task, @metric, @dataset, @metaVersion, @pipelines, @cvScore, @testScore,
      @seconds, @createdAt)`,
  // LEFT JOIN: an outcome without meta-features still counts for portfolios (features null).
  listOutcomes: `SELECT o.*, m.features_json AS features_json FROM run_outcomes o
      JOIN runs r ON r.id = o.run_id AND r.status = 'finished'
      LEFT JOIN meta_features m
        ON m.fingerprint = o.fingerprint AND m.target = o.target AND m.version = o.meta_version
    WHERE (@tasks IS NULL OR o.task IN (SELECT value FROM json_each(@tasks)))
      AND (@version IS NULL OR o.meta_version = @version)
    ORDER BY o.created_at, o.rowid`,
  putWarm: `INSERT OR REPLACE INTO run_warm_starts (run_id, plan_json, created_at) VALUES (?, ?, ?)`,
  getWarm: "SELECT plan_json FROM run_warm_starts WHERE run_id = ?",
  putPortfolio:
    "INSERT OR REPLACE INTO run_portfolios (run_id, ref, portfolio_json, created_at) VALUES (?, ?, ?, ?)",
  getPortfolio: "SELECT ref, portfolio_json FROM run_portfolios WHERE run_id = ?",
} as const;

/** The metalearning view of a memory connection. */
export function createWarmStartStore(db: Database, now: () => Date = () => new Date()): WarmStartStore {
  const S = {
    putMeta: db.prepare(SQL.putMeta),
    getMeta: db.prepare(SQL.getMeta),
    putOutcome: db.prepare(SQL.putOutcome),
    listOutcomes: db.prepare(SQL.listOutcomes),
    putWarm: db.prepare(SQL.putWarm),
    getWarm: db.prepare(SQL.getWarm).pluck(),
    putPortfolio: db.prepare(SQL.putPortfolio),
    getPortfolio: db.prepare(SQL.getPortfolio),
  };
  const stamp = (t: string | undefined) => t ?? now().toISOString();
  return {
    putMetaFeatures(input) {
      const m = validateInput(MetaFeaturesInputSchema, input, "putMetaFeatures");
      S.putMeta.run({
        ...m,
        features: encodeJson(m.features, "features"),
        createdAt: stamp(m.createdAt),
      });
    },
    getMetaFeatures(fingerprint, target, version) {
      const raw = S.getMeta.get(fingerprint, target, version);
      return raw === undefined
        ? undefined
        : readRow(MetaFeaturesRecordSchema, "meta_features", `dataset ${fingerprint}, ${target}`, raw);
    },
    putOutcome(runId, input) {
      const o = validateInput(OutcomeInputSchema, input, "putOutcome");
      S.putOutcome.run({
        ...o,
        runId,
        pipelines: encodeJson(o.pipelines, "pipelines"),
        createdAt: stamp(o.createdAt),
      });
    },
    listOutcomes(options = {}) {
      return S.listOutcomes
        .all({
          tasks: options.tasks === undefined ? null : JSON.stringify(options.tasks),
          version: options.metaVersion ?? null,
        })
        .map((raw) =>
          readRow(
            OutcomeRecordSchema,
            "run_outcomes",
            `run ${String((raw as { run_id?: unknown }).run_id)}`,
            raw,
          ),
        );
    },
    putWarmStart(runId, plan) {
      S.putWarm.run(runId, nullableJson(plan, "plan") ?? "null", now().toISOString());
    },
    getWarmStart(runId) {
      const text = S.getWarm.get(runId) as string | undefined;
      if (text === undefined) return undefined;
      return readRow(z.object({ plan: z.unknown() }), "run_warm_starts", `run ${runId}`, { plan_json: text })
        .plan;
    },
    putPortfolio(runId, ref, portfolio) {
      S.putPortfolio.run(runId, ref, encodeJson(portfolio, "portfolio"), now().toISOString());
    },
    getPortfolio(runId) {
      const raw = S.getPortfolio.get(runId);
      if (raw === undefined) return undefined;
      return readRow(
        z.object({ ref: z.string(), portfolio: z.unknown() }),
        "run_portfolios",
        `run ${runId}`,
        raw,
      );
    },
  };
}
