/**
 * Runs, trials, decisions, errors, artifacts and dataset fingerprints on SQLite. Every write is one
 * committed statement or transaction, so a killed process loses nothing that a call returned.
 */
import type { Database, Statement } from "better-sqlite3";
import type { z } from "zod";
import { AlchemistError } from "../core/errors.js";
import { encodeJson } from "./json-codec.js";
import { readRow } from "./row-reader.js";
import { isPidAlive, nullableJson, sqliteCode, validateInput } from "./store-input.js";
import { createRunIdResolver, newRunId } from "./run-id.js";
import {
  type ArtifactInput,
  ArtifactInputSchema,
  type ArtifactRecord,
  ArtifactRecordSchema,
  type CreateRunInput,
  CreateRunSchema,
  type DatasetInput,
  DatasetInputSchema,
  type DatasetRecord,
  DatasetRecordSchema,
  type DecisionInput,
  DecisionInputSchema,
  type DecisionRecord,
  DecisionRecordSchema,
  type ErrorInput,
  ErrorInputSchema,
  type ErrorRecord,
  ErrorRecordSchema,
  type RunPatch,
  RunPatchSchema,
  type RunRecord,
  RunRecordSchema,
  type RunStatus,
  type TrialInput,
  TrialInputSchema,
  type TrialRecord,
  TrialRecordSchema,
} from "./run-rows.js";
import { RUN_SQL } from "./run-sql.js";

export interface ListRunsOptions {
  /** At most this many (default all). */
  limit?: number;
  /** Only runs in this status (or any of these). */
  status?: RunStatus | readonly RunStatus[];
  /** Only runs on this dataset (warm starts). */
  datasetFingerprint?: string;
}

export interface RunStoreOptions {
  /** The clock for default timestamps (tests pin it). */
  now?: () => Date;
}

export interface RunStore {
  /** Inserts a run (status `running` unless given) and returns it as stored. */
  createRun(input: CreateRunInput): RunRecord;
  /** By exact id or unique prefix (≥ 4 characters); MEMORY_NOT_FOUND with did-you-mean otherwise. */
  getRun(idOrPrefix: string): RunRecord;
  /** The stored id for an exact id or unique prefix (for CLI arguments before a write). */
  resolveRunId(idOrPrefix: string): string;
  /** Newest first. */
  listRuns(options?: ListRunsOptions): RunRecord[];
  /** Changes the given fields (exact id) and bumps `updatedAt`; returns the run as stored. */
  updateRun(id: string, patch: RunPatch): RunRecord;
  /**
   * Marks `running` runs whose process is gone (no pid, or `isAlive(pid)` false) as `interrupted`,
   * so `resume` can pick them up; returns their ids.
   */
  markInterrupted(isAlive?: (pid: number) => boolean): string[];
  /** Deletes a run with its trials, decisions, errors and artifacts rows (not the files). */
  deleteRun(id: string): void;
  /** Appends a trial; its seq is the run's last + 1 unless given (a taken seq is refused). */
  appendTrial(runId: string, trial: TrialInput): number;
  /** One trial, or undefined. */
  getTrial(runId: string, seq: number): TrialRecord | undefined;
  /** Ordered by seq. */
  listTrials(runId: string): TrialRecord[];
  /** 0 when the run has no trial yet. */
  lastTrialSeq(runId: string): number;
  /** Records an agent decision (rejected proposals too); returns its id. */
  appendDecision(runId: string, decision: DecisionInput): number;
  /** Oldest first. */
  listDecisions(runId: string): DecisionRecord[];
  appendError(runId: string, error: ErrorInput): number;
  listErrors(runId: string): ErrorRecord[];
  addArtifact(runId: string, artifact: ArtifactInput): number;
  listArtifacts(runId: string): ArtifactRecord[];
  /** Inserts or refreshes (path, rows, columns) a dataset; `createdAt` of the first sighting is kept. */
  upsertDataset(dataset: DatasetInput): DatasetRecord;
  /** The dataset with this fingerprint, or undefined. */
  findDataset(fingerprint: string): DatasetRecord | undefined;
}

export function createRunStore(db: Database, options: RunStoreOptions = {}): RunStore {
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const ids = createRunIdResolver(db);
  const flag = (present: boolean): number => (present ? 1 : 0);
  const S = Object.fromEntries(Object.entries(RUN_SQL).map(([k, sql]) => [k, db.prepare(sql)])) as Record<
    keyof typeof RUN_SQL,
    Statement
  >;
  S.nextSeq.pluck();
  const nextSeq = (runId: string) => S.nextSeq.get(runId) as number;

  const run = (raw: unknown): RunRecord =>
    readRow(RunRecordSchema, "runs", `run ${String((raw as { id?: unknown }).id)}`, raw);
  const trial = (raw: unknown): TrialRecord => {
    const r = raw as { run_id?: unknown; seq?: unknown };
    return readRow(TrialRecordSchema, "trials", `run ${String(r.run_id)}, trial ${String(r.seq)}`, raw);
  };
  const byId =
    <S extends z.ZodType>(schema: S, table: string) =>
    (raw: unknown): z.output<S> =>
      readRow(schema, table, `id ${String((raw as { id?: unknown }).id)}`, raw);

  /** Runs a write that references a run, turning a foreign-key failure into MEMORY_NOT_FOUND. */
  const writeFor = <T>(runId: string, write: () => T): T => {
    try {
      return write();
    } catch (e) {
      if (sqliteCode(e) === "SQLITE_CONSTRAINT_FOREIGNKEY") throw ids.notFound(runId);
      throw e;
    }
  };

  const getExact = (id: string): RunRecord => {
    const raw = S.getRun.get(id);
    if (raw === undefined) throw ids.notFound(id);
    return run(raw);
  };

  const findDataset = (fingerprint: string): DatasetRecord | undefined => {
    const raw = S.getDataset.get(fingerprint);
    return raw === undefined
      ? undefined
      : readRow(DatasetRecordSchema, "datasets", `dataset ${fingerprint}`, raw);
  };

  const appendTrialTx = db.transaction((row: Record<string, unknown>, explicit: number | undefined) => {
    const seq = explicit ?? nextSeq(row.runId as string);
    S.insertTrial.run({ ...row, seq });
    return seq;
  });

  return {
    createRun(input) {
      const r = validateInput(CreateRunSchema, input, "createRun");
      const createdAt = r.createdAt ?? now();
      const id = r.id ?? newRunId();
      try {
        S.insertRun.run({
          id,
          createdAt,
          status: r.status,
          datasetFingerprint: r.datasetFingerprint,
          trainPath: r.trainPath,
          testPath: r.testPath,
          target: r.target,
          task: r.task,
          metric: r.metric,
          goal: r.goal,
          config: encodeJson(r.config, "config"),
          profile: nullableJson(r.profile, "profile"),
          pid: r.pid === undefined ? process.pid : r.pid,
        });
      } catch (e) {
        if (sqliteCode(e) === "SQLITE_CONSTRAINT_PRIMARYKEY")
          throw new AlchemistError("INVALID_ARGUMENT", `createRun: a run '${id}' exists already`, {
            parameter: "id",
          });
        throw e;
      }
      return getExact(id);
    },

    getRun: (idOrPrefix) => getExact(ids.resolve(idOrPrefix)),
    resolveRunId: (idOrPrefix) => ids.resolve(idOrPrefix),

    listRuns(opts = {}) {
      const limit = opts.limit ?? -1;
      if (opts.limit !== undefined && (!Number.isInteger(limit) || limit < 1))
        throw new AlchemistError(
          "INVALID_ARGUMENT",
          `listRuns: limit must be a positive integer, got ${limit}`,
          {
            parameter: "limit",
          },
        );
      const statuses = opts.status === undefined ? null : [opts.status].flat();
      return S.listRuns
        .all({
          statuses: statuses === null ? null : JSON.stringify(statuses),
          fingerprint: opts.datasetFingerprint ?? null,
          limit,
        })
        .map(run);
    },

    updateRun(id, patch) {
      const p = validateInput(RunPatchSchema, patch, "updateRun");
      const info = S.updateRun.run({
        id,
        updatedAt: p.updatedAt ?? now(),
        setStatus: flag(p.status !== undefined),
        status: p.status ?? null,
        setStopped: flag(p.stoppedBecause !== undefined),
        stoppedBecause: p.stoppedBecause ?? null,
        setBest: flag(p.bestTrial !== undefined),
        bestTrial: p.bestTrial ?? null,
        setCv: flag(p.cvScore !== undefined),
        cvScore: p.cvScore ?? null,
        setTest: flag(p.testScore !== undefined),
        testScore: p.testScore ?? null,
        setResult: flag(p.result !== undefined),
        result: nullableJson(p.result, "result"),
        setProfile: flag(p.profile !== undefined),
        profile: nullableJson(p.profile, "profile"),
        setPid: flag(p.pid !== undefined),
        pid: p.pid ?? null,
      });
      if (info.changes === 0) throw ids.notFound(id);
      return getExact(id);
    },

    markInterrupted(isAlive = isPidAlive) {
      const marked: string[] = [];
      db.transaction(() => {
        for (const raw of S.runningRuns.all() as { id: string; pid: number | null }[]) {
          if (raw.pid !== null && (raw.pid === process.pid || isAlive(raw.pid))) continue;
          const why = raw.pid === null ? "no process recorded" : `process ${raw.pid} exited while running`;
          if (S.interrupt.run({ id: raw.id, why, updatedAt: now() }).changes > 0) marked.push(raw.id);
        }
      }).immediate();
      return marked;
    },

    deleteRun(id) {
      if (S.deleteRun.run(id).changes === 0) throw ids.notFound(id);
    },

    appendTrial(runId, input) {
      const t = validateInput(TrialInputSchema, input, "appendTrial");
      const row = {
        runId,
        phase: t.phase,
        spec: encodeJson(t.spec, "spec"),
        status: t.status,
        score: t.score,
        foldScores: encodeJson(t.foldScores, "foldScores"),
        std: t.std,
        fitSeconds: t.fitSeconds,
        seconds: t.seconds,
        resource: t.resource,
        error: nullableJson(t.error, "error"),
        oofPath: t.oofPath,
        settings: encodeJson(t.settings, "settings"),
        origin: t.origin,
        maxFoldFitSeconds: t.maxFoldFitSeconds,
        recovery: nullableJson(t.recovery, "recovery"),
        createdAt: t.createdAt ?? now(),
      };
      try {
        return writeFor(runId, () => appendTrialTx.immediate(row, t.seq));
      } catch (e) {
        if (sqliteCode(e) === "SQLITE_CONSTRAINT_PRIMARYKEY")
          throw new AlchemistError(
            "INVALID_ARGUMENT",
            `appendTrial: run '${runId}' has a trial ${t.seq} already`,
            {
              parameter: "seq",
              last_seq: nextSeq(runId) - 1,
            },
          );
        throw e;
      }
    },

    getTrial(runId, seq) {
      const raw = S.getTrial.get(runId, seq);
      return raw === undefined ? undefined : trial(raw);
    },
    listTrials: (runId) => S.listTrials.all(runId).map(trial),
    lastTrialSeq: (runId) => nextSeq(runId) - 1,

    appendDecision(runId, input) {
      const d = validateInput(DecisionInputSchema, input, "appendDecision");
      const row = {
        ...d,
        runId,
        model: d.model,
        output: encodeJson(d.output, "output"),
        failures: encodeJson(d.failures, "failures"),
        accepted: d.accepted ? 1 : 0,
        createdAt: d.createdAt ?? now(),
      };
      return Number(writeFor(runId, () => S.insertDecision.run(row)).lastInsertRowid);
    },
    listDecisions: (runId) => S.listDecisions.all(runId).map(byId(DecisionRecordSchema, "decisions")),

    appendError(runId, input) {
      const e = validateInput(ErrorInputSchema, input, "appendError");
      const row = {
        ...e,
        runId,
        details: nullableJson(e.details, "details"),
        createdAt: e.createdAt ?? now(),
      };
      return Number(writeFor(runId, () => S.insertError.run(row)).lastInsertRowid);
    },
    listErrors: (runId) => S.listErrors.all(runId).map(byId(ErrorRecordSchema, "errors")),

    addArtifact(runId, input) {
      const a = validateInput(ArtifactInputSchema, input, "addArtifact");
      const row = { ...a, runId, createdAt: a.createdAt ?? now() };
      return Number(writeFor(runId, () => S.insertArtifact.run(row)).lastInsertRowid);
    },
    listArtifacts: (runId) => S.listArtifacts.all(runId).map(byId(ArtifactRecordSchema, "artifacts")),

    upsertDataset(input) {
      const d = validateInput(DatasetInputSchema, input, "upsertDataset");
      S.upsertDataset.run({ ...d, createdAt: d.createdAt ?? now() });
      return findDataset(d.fingerprint)!;
    },
    findDataset,
  };
}
