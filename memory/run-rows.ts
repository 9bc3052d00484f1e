/** Zod schemas of the run store: what callers write (inputs) and what rows read back as (records). */
import { z } from "zod";
import { TaskSchema } from "../data/task.js";

/** Where a run stands; `interrupted` = its process died while it was `running` (resumable). */
export const RUN_STATUSES = ["running", "finished", "failed", "cancelled", "interrupted"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** How a trial ended; `recovered` = it failed, was healed, and the healed fit scored. */
export const TRIAL_STATUSES = ["ok", "failed", "recovered", "timed_out", "pruned"] as const;
export type TrialStatus = (typeof TRIAL_STATUSES)[number];

/** Which tier of an agent produced the decision (structured output → JSON + repair → heuristic). */
export const DECISION_TIERS = ["structured", "json", "heuristic"] as const;
export type DecisionTier = (typeof DECISION_TIERS)[number];

/** Any JS number, NaN and ±Infinity included (zod 4's z.number() refuses them). */
const anyNumber = z.custom<number>((v) => typeof v === "number", "expected a number");
/** A REAL column: SQLite keeps ±Infinity but stores NaN as NULL, so NaN never reads back. */
const real = z.custom<number>((v) => typeof v === "number" && !Number.isNaN(v), "expected a number, not NaN");
const count = z.number().int().min(0);
const seq = z.number().int().min(1);
const timestamp = z.iso.datetime();
const name = z.string().min(1);
const json = z.unknown();

/** Run ids: letters, digits, `.`, `_`, `-` (they appear in paths and on command lines). */
export const RunIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "letters, digits, '.', '_' or '-', at most 128");

/** A trial's failure, as recorded: the AlchemistError code and message, details as JSON. */
export const TrialErrorSchema = z.object({
  code: name,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type TrialError = z.output<typeof TrialErrorSchema>;

/** What healed (or tried to heal) a failed trial: set on every retry the recovery layer made. */
export const TrialRecoverySchema = z.object({
  of: seq.describe("Seq of the first failed trial of the chain this retry belongs to"),
  attempt: seq.describe("1 for the first retry of that failure, 2 for the next, …"),
  rootCause: z.string(),
  category: name.describe("data, target, model, resources, split or config"),
  tier: z
    .enum(DECISION_TIERS)
    .describe("The agent tier that diagnosed it (heuristic = the failure pattern library)"),
  fix: z
    .object({
      action: name,
      value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
      param: z.string().optional(),
    })
    .describe("The ACTION_SPACE action applied to the failed state"),
  via: z
    .enum(["fix", "fallback"])
    .describe("A diagnosed fix, or the next model of the task's fallback chain"),
});
export type TrialRecovery = z.output<typeof TrialRecoverySchema>;

export const CreateRunSchema = z.strictObject({
  /** Default: 12 random hex characters. */
  id: RunIdSchema.optional(),
  status: z.enum(RUN_STATUSES).default("running"),
  /** sha256 hex of the training file (see fingerprint.ts). */
  datasetFingerprint: name,
  trainPath: name,
  testPath: name.nullable().default(null),
  target: name.nullable().default(null),
  task: TaskSchema,
  metric: name,
  goal: z.number().nullable().default(null),
  /** The run's full options, enough for `resume` to rebuild the run. */
  config: json,
  profile: json.default(null),
  /** Default: this process's pid (the process that creates a run is the one that runs it). */
  pid: z.number().int().positive().nullable().optional(),
  createdAt: timestamp.optional(),
});
export type CreateRunInput = z.input<typeof CreateRunSchema>;

export const RunPatchSchema = z.strictObject({
  status: z.enum(RUN_STATUSES).optional(),
  stoppedBecause: z.string().nullable().optional(),
  bestTrial: seq.nullable().optional(),
  /** A NaN is stored as null (SQLite REAL has no NaN); ±Infinity survive. */
  cvScore: anyNumber.nullable().optional(),
  testScore: anyNumber.nullable().optional(),
  /** Any JSON; `null` clears it. */
  result: json.optional(),
  profile: json.optional(),
  pid: z.number().int().positive().nullable().optional(),
  /** Default: now. */
  updatedAt: timestamp.optional(),
});
/** Fields to change; absent fields keep their value, `null` clears a nullable one. */
export type RunPatch = z.input<typeof RunPatchSchema>;

export const TrialInputSchema = z.strictObject({
  /** Default: the run's last seq + 1. An explicit seq that exists already is refused. */
  seq: seq.optional(),
  /** The loop phase that proposed it (baseline, search, halving, ensemble, …). */
  phase: name,
  /** The PipelineSpec (validated by the loop, stored as JSON). */
  spec: json,
  status: z.enum(TRIAL_STATUSES),
  /** CV mean; a NaN is stored as null (SQLite REAL has no NaN). */
  score: anyNumber.nullable().default(null),
  /** Per-fold scores; NaN and ±Infinity survive. */
  foldScores: z.array(anyNumber).default([]),
  std: anyNumber.nullable().default(null),
  /** Seconds spent fitting (sum over folds). */
  fitSeconds: z.number().min(0),
  /** Wall-clock seconds of the whole trial. */
  seconds: z.number().min(0),
  /** Fraction (0, 1] of rows/rounds for successive halving; null = full. */
  resource: z.number().gt(0).max(1).nullable().default(null),
  error: TrialErrorSchema.nullable().default(null),
  /** Out-of-fold predictions live in a file; this is its path. */
  oofPath: name.nullable().default(null),
  /** Loop settings the trial ran with (CV folds, ensembling): not part of the spec. */
  settings: json.default({}),
  /** What proposed it: the portfolio, an action, the sampler. */
  origin: z.string().nullable().default(null),
  /** Longest single fold fit: the loop's estimate of one refit. */
  maxFoldFitSeconds: z.number().min(0).default(0),
  /** Set on a recovery retry. */
  recovery: TrialRecoverySchema.nullable().default(null),
  createdAt: timestamp.optional(),
});
export type TrialInput = z.input<typeof TrialInputSchema>;

export const DecisionInputSchema = z.strictObject({
  /** The trial seq the decision led to; null when none (yet). */
  seq: seq.nullable().default(null),
  agent: name,
  tier: z.enum(DECISION_TIERS),
  model: name.nullable().default(null),
  /** The agent's (validated) output, or the rejected proposal. */
  output: json,
  /** What failed on the way (tiers that fell through, validation issues). */
  failures: z.array(z.unknown()).default([]),
  /** False for proposals that were recorded but rejected. */
  accepted: z.boolean(),
  inputTokens: count.default(0),
  outputTokens: count.default(0),
  costUsd: z.number().min(0).default(0),
  latencyMs: z.number().min(0).default(0),
  createdAt: timestamp.optional(),
});
export type DecisionInput = z.input<typeof DecisionInputSchema>;

export const ErrorInputSchema = z.strictObject({
  seq: seq.nullable().default(null),
  code: name,
  message: z.string(),
  details: json.default(null),
  createdAt: timestamp.optional(),
});
export type ErrorInput = z.input<typeof ErrorInputSchema>;

export const ArtifactInputSchema = z.strictObject({
  /** report_md, report_json, leaderboard, pipeline, predictions, oof, … */
  kind: name,
  path: name,
  bytes: count,
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "lowercase sha256 hex")
    .nullable()
    .default(null),
  createdAt: timestamp.optional(),
});
export type ArtifactInput = z.input<typeof ArtifactInputSchema>;

export const DatasetInputSchema = z.strictObject({
  fingerprint: name,
  path: name,
  rows: count,
  columns: count,
  createdAt: timestamp.optional(),
});
export type DatasetInput = z.input<typeof DatasetInputSchema>;

// Records: rows read back, camelCase, JSON columns already parsed (the `_json` suffix dropped).

export const RunRecordSchema = z.object({
  id: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  status: z.enum(RUN_STATUSES),
  datasetFingerprint: name,
  trainPath: name,
  testPath: name.nullable(),
  target: name.nullable(),
  task: TaskSchema,
  metric: name,
  goal: real.nullable(),
  config: json,
  profile: json,
  stoppedBecause: z.string().nullable(),
  bestTrial: seq.nullable(),
  cvScore: real.nullable(),
  testScore: real.nullable(),
  result: json,
  pid: z.number().int().nullable(),
});
export type RunRecord = z.output<typeof RunRecordSchema>;

export const TrialRecordSchema = z.object({
  runId: z.string(),
  seq,
  phase: name,
  spec: json,
  status: z.enum(TRIAL_STATUSES),
  score: real.nullable(),
  foldScores: z.array(anyNumber),
  std: real.nullable(),
  fitSeconds: z.number().min(0),
  seconds: z.number().min(0),
  resource: z.number().nullable(),
  error: TrialErrorSchema.nullable(),
  oofPath: z.string().nullable(),
  settings: json,
  origin: z.string().nullable(),
  maxFoldFitSeconds: z.number().min(0),
  recovery: TrialRecoverySchema.nullable().default(null),
  createdAt: timestamp,
});
export type TrialRecord = z.output<typeof TrialRecordSchema>;

export const DecisionRecordSchema = z.object({
  id: z.number().int(),
  runId: z.string(),
  seq: seq.nullable(),
  agent: name,
  tier: z.enum(DECISION_TIERS),
  model: z.string().nullable(),
  output: json,
  failures: z.array(z.unknown()),
  accepted: z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1),
  inputTokens: count,
  outputTokens: count,
  costUsd: z.number().min(0),
  latencyMs: z.number().min(0),
  createdAt: timestamp,
});
export type DecisionRecord = z.output<typeof DecisionRecordSchema>;

export const ErrorRecordSchema = z.object({
  id: z.number().int(),
  runId: z.string(),
  seq: seq.nullable(),
  code: name,
  message: z.string(),
  details: json,
  createdAt: timestamp,
});
export type ErrorRecord = z.output<typeof ErrorRecordSchema>;

export const ArtifactRecordSchema = z.object({
  id: z.number().int(),
  runId: z.string(),
  kind: name,
  path: name,
  bytes: count,
  sha256: z.string().nullable(),
  createdAt: timestamp,
});
export type ArtifactRecord = z.output<typeof ArtifactRecordSchema>;

export const DatasetRecordSchema = z.object({
  fingerprint: name,
  path: name,
  rows: count,
  columns: count,
  createdAt: timestamp,
});
export type DatasetRecord = z.output<typeof DatasetRecordSchema>;
