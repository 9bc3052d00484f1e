/** The proposer agent's contract: the incumbent, the trials and the profile in; one action of ACTION_SPACE out. */
import { z } from "zod";
import { ACTION_SPACE, actionSchema, ProposalSchema, RunSettingsSchema } from "../../actions/index.js";
import { COLUMN_KINDS } from "../../data/frame.js";
import { PipelineSpecSchema } from "../../data/preprocess/index.js";
import { closestNames } from "../../data/did-you-mean.js";
import { TaskSchema } from "../../data/task.js";
import { MetricNameSchema } from "../../evaluate/metrics/registry.js";
import { PHASES } from "../../loop/run-config.js";
import { PastDatasetSchema } from "../../loop/warm-start/plan.js";
import { TRIAL_STATUSES } from "../../loop/trial.js";

const Name = z.string().min(1).max(500);

/** Facts of the profile the heuristic rules read (the prompt shows the profile digest instead). */
export const ProposerFactsSchema = z.object({
  nRows: z.number().int().nonnegative().describe("Training rows"),
  nFeatures: z
    .number()
    .int()
    .nonnegative()
    .describe("Raw feature columns the incumbent uses (target and dropped columns excluded)"),
  categorical: z
    .array(z.object({ name: Name, cardinality: z.number().int().nonnegative() }))
    .describe("Categorical feature columns with their distinct levels"),
  textColumns: z.number().int().nonnegative().describe("Free-text feature columns"),
  heavyTailed: z
    .array(Name)
    .describe("Numeric features with |skewness| > 2 or more than 5% of values outside the Tukey fences"),
  negatives: z.boolean().describe("Some numeric feature holds negative values"),
  minorityShare: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe("Classification: share of rows in the smallest class; null otherwise"),
});
export type ProposerFacts = z.infer<typeof ProposerFactsSchema>;

/** The state the proposal changes, with its cross-validated score. */
export const IncumbentSchema = z.object({
  seq: z.number().int().min(0).describe("Trial number of the incumbent"),
  spec: PipelineSpecSchema,
  settings: RunSettingsSchema,
  score: z.number().nullable().describe("Mean CV score"),
  std: z.number().nullable().describe("Standard deviation of the fold scores"),
});
export type Incumbent = z.infer<typeof IncumbentSchema>;

/** One past trial, compact. */
export const HistoryEntrySchema = z.object({
  seq: z.number().int().min(0),
  phase: z.enum(PHASES),
  estimator: z.string().min(1).max(100),
  /** Parameters that differ from the registry defaults. */
  params: z.record(z.string(), z.unknown()),
  steps: z.string().max(2000).describe("The steps in order, e.g. `impute(median) > encode(one_hot)`"),
  status: z.enum(TRIAL_STATUSES),
  score: z.number().nullable(),
  std: z.number().nullable(),
  errorCode: z.string().nullable(),
  origin: z.string().max(1000),
  beatIncumbent: z
    .boolean()
    .nullable()
    .describe("Explore trials: whether it beat the incumbent of its time; null for other phases"),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** What all the trials (not only the recent ones) say about the search so far. */
export const SearchSummarySchema = z.object({
  triedEstimators: z.array(z.string()).describe("Estimators with at least one trial"),
  failedEstimators: z.array(z.string()).describe("Estimators whose every trial failed or timed out"),
  bestByEstimator: z
    .array(z.object({ estimator: z.string(), score: z.number(), seq: z.number().int() }))
    .describe("Best ok trial of each estimator, best first"),
  /** `moveKey`s of explore moves that did not beat the incumbent they were applied to. */
  movesThatDidNotHelp: z.array(z.string()),
});
export type SearchSummary = z.infer<typeof SearchSummarySchema>;

/** The columns the action space sees (for validation; the menu lists them inside data blocks). */
export const ProposerColumnSchema = z.object({
  name: Name,
  kind: z.enum(COLUMN_KINDS),
  target: z.boolean().optional(),
});

export const ProposerInputSchema = z.object({
  task: TaskSchema,
  metric: MetricNameSchema,
  direction: z.enum(["max", "min"]),
  /** What the scores measure when not the metric (a label-free criterion); absent: the metric. */
  scoreMeaning: z.string().max(500).optional(),
  /** `profileDigest` of the run's profile: prompt only. */
  digest: z.record(z.string(), z.unknown()),
  facts: ProposerFactsSchema,
  incumbent: IncumbentSchema,
  /** The last trials (at most MAX_HISTORY), oldest first. */
  history: z.array(HistoryEntrySchema).max(1000),
  search: SearchSummarySchema,
  /** Warm start: the nearest past datasets (nearest first) and their best pipelines; absent on a cold run. */
  warmStart: z.array(PastDatasetSchema).max(20).optional(),
  /** Not for the prompt: validation context and the keys of every evaluated state. */
  columns: z.array(ProposerColumnSchema),
  tried: z.custom<ReadonlySet<string>>((v) => v instanceof Set, "tried must be a Set of trial keys"),
});
export type ProposerInput = z.infer<typeof ProposerInputSchema>;

/**
 * An unknown action name fails the schema before the semantic checks can suggest anything; this
 * message gives the model the did-you-mean and the list in its repair turn.
 */
function unknownAction(issue: { code?: string; note?: string; input?: unknown }): string | undefined {
  if (issue.code !== "invalid_union" || issue.note !== "No matching discriminator") return undefined;
  const raw = (issue.input as { action?: unknown } | undefined)?.action;
  // The model's own words, echoed: capped and with `<` escaped, so they cannot pose as a tag.
  const name = (typeof raw === "string" ? raw : String(JSON.stringify(raw)))
    .slice(0, 100)
    .replaceAll("<", "\\u003c");
  const hints = typeof raw === "string" ? closestNames(raw, ACTION_SPACE.names) : [];
  const dym = hints.length > 0 ? ` Did you mean ${hints.map((h) => `'${h}'`).join(" or ")}?` : "";
  return `Unknown action '${name}'.${dym} Actions: ${ACTION_SPACE.names.join(", ")}.`;
}

const proposal = ProposalSchema();
const actions = actionSchema();

/**
 * ProposalSchema() (the propose_action answer: action + rationale + expected_effect, the same JSON
 * Schema), its action union rebuilt with a did-you-mean message for unknown action names.
 */
export const ProposerOutputSchema = z.strictObject({
  action: z
    .discriminatedUnion("action", actions.options as [z.ZodObject, ...z.ZodObject[]], {
      error: unknownAction,
    })
    .describe(actions.description ?? "One action of the action space and its value"),
  rationale: proposal.shape.rationale,
  expected_effect: proposal.shape.expected_effect,
});
export type ProposerOutput = z.output<typeof ProposerOutputSchema>;
