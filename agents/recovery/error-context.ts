/** ErrorContext: everything the recovery layer knows about one failed fit (error, spec, data facts, history). */
import { z } from "zod";
import {
  type Action,
  type ActionContext,
  type ActionState,
  ActionSchema,
  createActionState,
  droppedColumns,
  type RunSettings,
  RunSettingsSchema,
} from "../../actions/index.js";
import { isAlchemistError } from "../../core/errors.js";
import { COLUMN_KINDS } from "../../data/frame.js";
import {
  type PipelineSpecInput,
  parsePipelineSpec,
  PipelineSpecSchema,
} from "../../data/preprocess/index.js";
import type { Profile } from "../../data/profile/index.js";
import { isClassification, TaskSchema } from "../../data/task.js";
import { type MetricName, MetricNameSchema } from "../../evaluate/metrics/registry.js";

/** Where a failure comes from: the data, the target, the model, resources, the split, or the configuration. */
export const FAILURE_CATEGORIES = ["data", "target", "model", "resources", "split", "config"] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

/** A stack is cut to this many lines: the top frames say where, the rest is noise in a prompt. */
export const MAX_STACK_LINES = 20;
const MAX_MESSAGE = 2000;
const MAX_DETAILS_JSON = 4000;

const Name = z.string().min(1).max(500);
const Count = z.number().int().nonnegative();

export const ErrorInfoSchema = z.object({
  code: z.string().min(1).max(100).describe("The AlchemistError code (ERROR_CODES), or INTERNAL"),
  message: z.string().max(MAX_MESSAGE).describe("The error message, as thrown"),
  details: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("Structured details: column, row, parameter, estimator, …"),
  stack: z.string().max(8000).optional().describe(`The first ${MAX_STACK_LINES} lines of the stack`),
});
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

/** One raw column as recovery sees it (profile facts that explain failures). */
export const ColumnFactSchema = z.object({
  name: Name,
  kind: z.enum(COLUMN_KINDS),
  target: z.boolean().optional().describe("Set on the target column"),
  missing: Count.describe("Missing cells"),
  cardinality: Count.optional().describe("Distinct non-missing values"),
  constant: z.boolean().optional().describe("Exactly one distinct non-missing value"),
  negatives: Count.optional().describe("Numeric: values below 0"),
  infinite: Count.optional().describe("Numeric: values equal to ±Infinity"),
});
export type ColumnFact = z.infer<typeof ColumnFactSchema>;

export const ClassFactsSchema = z.object({
  counts: z
    .array(z.object({ label: z.string().max(500), count: Count }))
    .max(1000)
    .describe("Rows per class, most frequent first"),
  nClasses: Count,
  smallest: Count.describe("Rows of the smallest class"),
});
export type ClassFacts = z.infer<typeof ClassFactsSchema>;

export const PreviousErrorSchema = z.object({
  code: z.string().min(1).max(100),
  message: z.string().max(MAX_MESSAGE),
  estimator: z.string().max(100).nullable(),
});
export type PreviousError = z.infer<typeof PreviousErrorSchema>;

export const ErrorContextSchema = z
  .object({
    error: ErrorInfoSchema,
    spec: PipelineSpecSchema.describe("The failing pipeline"),
    settings: RunSettingsSchema.describe("The failing run settings"),
    task: TaskSchema,
    metric: MetricNameSchema,
    data: z.object({
      rows: Count.nullable().describe("Training rows (null when unknown)"),
      features: Count.describe("Raw feature columns the spec uses (target and dropped columns excluded)"),
      columns: z.array(ColumnFactSchema).max(100_000),
    }),
    classes: ClassFactsSchema.nullable().describe("Classification: the class counts; null otherwise"),
    previousErrors: z
      .array(PreviousErrorSchema)
      .max(1000)
      .describe("Earlier errors of the run, oldest first"),
    recoveries: Count.describe("Recovery attempts this trial already had"),
    triedFixes: z
      .array(ActionSchema)
      .max(100)
      .default([])
      .describe("Fixes already applied in this trial's earlier recovery attempts"),
  })
  .superRefine((ctx, issues) => {
    if (ctx.task !== ctx.spec.task) {
      issues.addIssue({
        code: "custom",
        path: ["task"],
        message: `task must be the spec's ('${ctx.spec.task}')`,
      });
    }
  });
export type ErrorContext = z.output<typeof ErrorContextSchema>;

/** `text` cut to its first `MAX_STACK_LINES` lines. */
export function trimStack(text: string): string {
  const lines = text.split("\n");
  return lines.length <= MAX_STACK_LINES ? text : `${lines.slice(0, MAX_STACK_LINES).join("\n")}\n    …`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A JSON-safe copy of details (a worker's `cause.stack` moves to the stack field). */
function jsonDetails(details: Record<string, unknown>): Record<string, unknown> | undefined {
  let copy: Record<string, unknown>;
  try {
    copy = JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const cause = copy.cause;
  if (cause !== null && typeof cause === "object" && "stack" in cause)
    delete (cause as { stack?: unknown }).stack;
  if (JSON.stringify(copy).length <= MAX_DETAILS_JSON) return copy;
  // Too large for a prompt: keep the scalar fields (column, row, parameter, estimator, …).
  const scalars: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(copy)) {
    if (typeof v === "string") scalars[k] = clip(v, 500);
    else if (typeof v === "number" || typeof v === "boolean" || v === null) scalars[k] = v;
  }
  return scalars;
}

/**
 * The error as recovery reads it: an AlchemistError, a recorded TrialError `{code, message, details}`,
 * any Error (code INTERNAL), or anything else (its string form).
 */
export function errorInfoOf(e: unknown): ErrorInfo {
  let code = "INTERNAL";
  let message: string;
  let details: Record<string, unknown> | undefined;
  let stack: string | undefined;
  if (isAlchemistError(e)) {
    code = e.code;
    message = e.message;
    details = e.details;
    stack = e.stack;
  } else if (
    e !== null &&
    typeof e === "object" &&
    typeof (e as { message?: unknown }).message === "string"
  ) {
    const o = e as { code?: unknown; message: string; details?: unknown; stack?: unknown };
    if (typeof o.code === "string" && /^[A-Z][A-Z0-9_]*$/.test(o.code)) code = o.code;
    message = o.message;
    if (o.details !== null && typeof o.details === "object") details = o.details as Record<string, unknown>;
    if (typeof o.stack === "string") stack = o.stack;
  } else {
    message = String(e);
  }
  const causeStack = (details?.cause as { stack?: unknown } | undefined)?.stack;
  if (typeof causeStack === "string") stack = causeStack;
  const info: ErrorInfo = { code: clip(code, 100), message: clip(message, MAX_MESSAGE) };
  const safe = details === undefined ? undefined : jsonDetails(details);
  if (safe !== undefined && Object.keys(safe).length > 0) info.details = safe;
  if (stack !== undefined) info.stack = clip(trimStack(stack), 8000);
  return info;
}

/** What `errorContextFrom` builds a context from: the failure, the failing state, and what is known of the data. */
export interface ErrorContextInput {
  error: unknown;
  spec: PipelineSpecInput;
  metric: MetricName;
  settings?: { [K in keyof RunSettings]?: RunSettings[K] | undefined };
  /** Columns, rows and class counts are read from the profile unless given below. */
  profile?: Profile;
  columns?: readonly ColumnFact[];
  /** Training rows (e.g. a fold's); the profile's row count otherwise. */
  rows?: number | null;
  /** Rows per class label; the profile's class counts otherwise. */
  classCounts?: Readonly<Record<string, number>>;
  previousErrors?: readonly { code: string; message: string; estimator?: string | null | undefined }[];
  recoveries?: number;
  triedFixes?: readonly Action[];
}

function columnsOfProfile(profile: Profile, target: string): ColumnFact[] {
  return profile.columns.map((c) => {
    const fact: ColumnFact = { name: c.name, kind: c.kind, missing: c.missing, cardinality: c.cardinality };
    if (c.role === "target" || c.name === target) fact.target = true;
    if (c.flags.constant) fact.constant = true;
    if (c.kind === "numeric") {
      fact.negatives = c.numeric.negatives;
      fact.infinite = c.numeric.infinite;
    }
    return fact;
  });
}

function classesOf(counts: readonly { label: string; count: number }[], nClasses?: number): ClassFacts {
  const sorted = [...counts].sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
  const smallest = sorted.length === 0 ? 0 : Math.min(...sorted.map((c) => c.count));
  return { counts: sorted.slice(0, 1000), nClasses: nClasses ?? sorted.length, smallest };
}

function classesOfProfile(profile: Profile): ClassFacts | null {
  const cls = profile.target?.classification;
  if (cls === null || cls === undefined) return null;
  const facts = classesOf(
    cls.classes.map((c) => ({ label: c.level, count: c.count })),
    cls.nClasses,
  );
  // The profile lists at most 100 classes: the smallest may be among the ones left out.
  const major = cls.classes[0]?.count ?? 0;
  if (cls.nClasses > cls.classes.length && major > 0) {
    facts.smallest = Math.min(facts.smallest, Math.max(1, Math.round(major / cls.imbalanceRatio)));
  }
  return facts;
}

/** Builds (and validates) an ErrorContext from simple inputs; throws INVALID_SPEC for a bad spec. */
export function errorContextFrom(input: ErrorContextInput): ErrorContext {
  const spec = parsePipelineSpec(input.spec);
  const columns =
    input.columns !== undefined
      ? [...input.columns]
      : input.profile !== undefined
        ? columnsOfProfile(input.profile, spec.target)
        : [];
  const dropped = droppedColumns(spec);
  const features = columns.filter(
    (c) => c.target !== true && c.name !== spec.target && !dropped.has(c.name),
  ).length;
  let classes: ClassFacts | null = null;
  if (isClassification(spec.task)) {
    if (input.classCounts !== undefined) {
      classes = classesOf(Object.entries(input.classCounts).map(([label, count]) => ({ label, count })));
    } else if (input.profile !== undefined) {
      classes = classesOfProfile(input.profile);
    }
  }
  return ErrorContextSchema.parse({
    error: errorInfoOf(input.error),
    spec,
    settings: RunSettingsSchema.parse(input.settings ?? {}),
    task: spec.task,
    metric: input.metric,
    data: { rows: input.rows ?? input.profile?.nRows ?? null, features, columns },
    classes,
    previousErrors: (input.previousErrors ?? []).map((e) => ({
      code: e.code,
      message: clip(e.message, MAX_MESSAGE),
      estimator: e.estimator ?? null,
    })),
    recoveries: input.recoveries ?? 0,
    triedFixes: [...(input.triedFixes ?? [])],
  });
}

/** The action context of the failing state: fixes are validated against it. */
export function actionContextOf(ctx: ErrorContext): ActionContext {
  return {
    task: ctx.task,
    metric: ctx.metric,
    spec: ctx.spec,
    columns: ctx.data.columns.map((c) =>
      c.target === true || c.name === ctx.spec.target
        ? { name: c.name, kind: c.kind, target: true }
        : { name: c.name, kind: c.kind },
    ),
  };
}

/** The failing state (spec + settings) that fixes are applied to. */
export function failingState(ctx: ErrorContext): ActionState {
  return createActionState(ctx.spec, ctx.settings);
}
