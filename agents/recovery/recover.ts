/** diagnoseFailure (the loop's entry) and recover (a standalone diagnosis of an error + spec, for the recover tool). */
import { z } from "zod";
import {
  type Action,
  ActionSchema,
  type ActionState,
  executeAction,
  type RunSettings,
  RunSettingsSchema,
} from "../../actions/index.js";
import { AlchemistError } from "../../core/errors.js";
import { type PipelineSpec, PipelineSpecSchema } from "../../data/preprocess/index.js";
import { defaultMetric } from "../../evaluate/metrics/metric-choice.js";
import { MetricNameSchema } from "../../evaluate/metrics/registry.js";
import type { LlmGateway } from "../../llm/types.js";
import type { DecisionLog } from "../../loop/proposer.js";
import type { AgentResult, AgentTier } from "../contract/agent-types.js";
import { formatIssues } from "../contract/output-check.js";
import {
  actionContextOf,
  ColumnFactSchema,
  type ErrorContext,
  ErrorContextSchema,
  ErrorInfoSchema,
  errorContextFrom,
  type FailureCategory,
} from "./error-context.js";
import { matchPatterns } from "./failure-patterns.js";
import { checkFix, sceneOfFailure } from "./fix-check.js";
import { recoveryAgent } from "./recovery-agent.js";
import type { RecoveryOutput } from "./recovery-schema.js";

export interface DiagnoseOptions {
  gateway: LlmGateway;
  runId?: string;
  signal?: AbortSignal;
  /** Per-call LLM timeout in ms (the gateway's default otherwise). */
  timeoutMs?: number;
}

/** What recovery concludes about one failure. */
export interface Diagnosis {
  rootCause: string;
  category: FailureCategory;
  /** False: the cause is in the data and no action can remove it; the loop should stop healing this trial. */
  recoverable: boolean;
  /** Alternative fixes, best first, in canonical form; each valid alone on the failing state (`applyFix`). */
  fixes: Action[];
  /** Which tier of the agent ladder answered (heuristic = the pattern library). */
  tier: AgentTier;
  /** Ids of the failure patterns that match, most specific first. */
  patternIds: string[];
  /** The decision as the run records it. */
  decision: DecisionLog;
}

function decisionOf(r: AgentResult<RecoveryOutput>): DecisionLog {
  return {
    agent: r.agent,
    tier: r.tier,
    model: r.model,
    output: r.value,
    failures: r.failures.map((f) => ({ tier: f.tier, code: f.code, message: f.message })),
    accepted: true,
    inputTokens: r.usage.inputTokens,
    outputTokens: r.usage.outputTokens,
    costUsd: r.usage.costUsd,
    latencyMs: r.usage.latencyMs,
  };
}

/** The fixes in canonical form (the agent validated them against this very context). */
function canonicalFixes(ctx: ErrorContext, fixes: readonly unknown[]): Action[] {
  const scene = sceneOfFailure(ctx);
  const out: Action[] = [];
  for (const f of fixes) {
    const r = checkFix(f, scene);
    if (r.ok) out.push(r.action);
  }
  return out;
}

/**
 * Diagnoses a failed fit: the recovery agent (structured → JSON + repair → the pattern library), its
 * fixes checked against ACTION_SPACE on the failing state. Throws only for a malformed context
 * (INVALID_ARGUMENT) or an abort.
 */
export async function diagnoseFailure(ctx: ErrorContext, options: DiagnoseOptions): Promise<Diagnosis> {
  const r = await recoveryAgent.analyze(ctx, {
    gateway: options.gateway,
    ...(options.runId !== undefined ? { runId: options.runId } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const parsed = ErrorContextSchema.parse(ctx);
  return {
    rootCause: r.value.root_cause,
    category: r.value.category,
    recoverable: r.value.recoverable,
    fixes: canonicalFixes(parsed, r.value.fixes),
    tier: r.tier,
    patternIds: matchPatterns(parsed).map((p) => p.id),
    decision: decisionOf(r),
  };
}

/** The failing state with `fix` applied: the pipeline and settings to retry (throws INVALID_ACTION for a bad fix). */
export function applyFix(ctx: ErrorContext, fix: Action): ActionState {
  const parsed = ErrorContextSchema.parse(ctx);
  return executeAction(sceneOfFailure(parsed).state, fix, actionContextOf(parsed));
}

/** Input of the standalone `recover` (the future MCP tool): an error and a spec, no run needed. */
export const RecoverInputSchema = z.strictObject({
  error: ErrorInfoSchema,
  spec: PipelineSpecSchema,
  settings: RunSettingsSchema.partial().optional(),
  metric: MetricNameSchema.optional().describe("The run's metric; the task's default otherwise"),
  columns: z
    .array(ColumnFactSchema)
    .max(100_000)
    .optional()
    .describe(
      "The raw columns (name, kind, missing, …): without them, fixes that name or need columns cannot apply",
    ),
  rows: z.number().int().nonnegative().optional(),
  classCounts: z.record(z.string(), z.number().int().nonnegative()).optional(),
  previousErrors: z
    .array(
      z.object({
        code: z.string().min(1).max(100),
        message: z.string().max(2000),
        estimator: z.string().max(100).nullable().optional(),
      }),
    )
    .max(1000)
    .optional(),
  triedFixes: z.array(ActionSchema).max(100).optional(),
});
export type RecoverInput = z.input<typeof RecoverInputSchema>;

export interface RecoverResult {
  rootCause: string;
  category: FailureCategory;
  recoverable: boolean;
  tier: AgentTier;
  patternIds: string[];
  /** Each proposed fix with the pipeline and settings it gives; nothing is run. */
  fixes: { action: Action; spec: PipelineSpec; settings: RunSettings }[];
  /** Present when an LLM was asked. */
  decision?: DecisionLog;
}

/**
 * Diagnoses an error of `spec` without a run and returns the proposed fixes applied to the spec, none
 * of them run. With a gateway the agent ladder answers; without one, the pattern library. Invalid
 * input: INVALID_ARGUMENT naming the fields.
 */
export async function recover(
  input: unknown,
  options: Partial<DiagnoseOptions> = {},
): Promise<RecoverResult> {
  const r = RecoverInputSchema.safeParse(input);
  if (!r.success) {
    throw new AlchemistError("INVALID_ARGUMENT", `Invalid recover input:\n${formatIssues(r.error.issues)}`, {
      parameter: "input",
    });
  }
  const i = r.data;
  const ctx = errorContextFrom({
    error: i.error,
    spec: i.spec,
    metric: i.metric ?? defaultMetric(i.spec.task),
    ...(i.settings !== undefined ? { settings: i.settings } : {}),
    columns: i.columns ?? [],
    ...(i.rows !== undefined ? { rows: i.rows } : {}),
    ...(i.classCounts !== undefined ? { classCounts: i.classCounts } : {}),
    ...(i.previousErrors !== undefined ? { previousErrors: i.previousErrors } : {}),
    ...(i.triedFixes !== undefined ? { triedFixes: i.triedFixes } : {}),
  });
  return diagnoseContext(ctx, options);
}

/** The diagnosis of `ctx` and its fixes applied (none run): the agent ladder with a gateway, the library without. */
export async function diagnoseContext(
  ctx: ErrorContext,
  options: Partial<DiagnoseOptions> = {},
): Promise<RecoverResult> {
  let d: Omit<Diagnosis, "decision"> & { decision?: DecisionLog };
  if (options.gateway !== undefined) {
    d = await diagnoseFailure(ctx, { ...options, gateway: options.gateway });
  } else {
    const h = recoveryAgent.heuristic(ctx);
    d = {
      rootCause: h.root_cause,
      category: h.category,
      recoverable: h.recoverable,
      fixes: canonicalFixes(ctx, h.fixes),
      tier: "heuristic",
      patternIds: matchPatterns(ctx).map((p) => p.id),
    };
  }
  const fixes = d.fixes.map((action) => {
    const s = applyFix(ctx, action);
    return { action, spec: s.spec, settings: s.settings };
  });
  const out: RecoverResult = {
    rootCause: d.rootCause,
    category: d.category,
    recoverable: d.recoverable,
    tier: d.tier,
    patternIds: d.patternIds,
    fixes,
  };
  if (d.decision !== undefined) out.decision = d.decision;
  return out;
}
