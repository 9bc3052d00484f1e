/** The zod SplitSpec: how rows are divided into train/test folds, declared once with defaults, bounds and descriptions. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { closestNames } from "../did-you-mean.js";

/** Upper bound on folds: beyond this, cross-validation cost grows with no gain in the estimate. */
export const MAX_FOLDS = 1000;

const foldCount = (what: string) =>
  z
    .number()
    .int()
    .min(2)
    .max(MAX_FOLDS)
    .default(5)
    .describe(`${what} (2..${MAX_FOLDS}, at most the row count)`);

const shuffleFlag = z
  .boolean()
  .default(true)
  .describe(
    "Shuffle rows with the call's seed before assigning folds; false keeps row order (contiguous blocks)",
  );

export const HoldoutSpecSchema = z
  .strictObject({
    kind: z.literal("holdout"),
    testFraction: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.2)
      .describe(
        "Share of rows in the test split, in (0, 1); the test size is ceil(testFraction × n), at least 1",
      ),
    stratify: z
      .boolean()
      .default(false)
      .describe("Keep every class's share of y the same in train and test (needs y)"),
    shuffle: z
      .boolean()
      .default(true)
      .describe(
        "Draw test rows at random with the seed; false takes the last rows (of each class when stratified)",
      ),
  })
  .describe("A single train/test split");

export const KFoldSpecSchema = z
  .strictObject({
    kind: z.literal("kfold"),
    k: foldCount("Number of folds; the first n % k folds get one extra row"),
    shuffle: shuffleFlag,
  })
  .describe("K folds of (nearly) equal size; every row is in exactly one test fold");

export const StratifiedKFoldSpecSchema = z
  .strictObject({
    kind: z.literal("stratified_kfold"),
    k: foldCount("Number of folds; each class's rows are spread evenly across them"),
    shuffle: shuffleFlag,
  })
  .describe(
    "K folds whose class counts of y differ from the whole's proportions by at most one row per class",
  );

export const GroupKFoldSpecSchema = z
  .strictObject({
    kind: z.literal("group_kfold"),
    k: foldCount("Number of folds; needs at least k distinct groups"),
  })
  .describe(
    "K folds that never split a group (needs groups): largest groups first, each to the lightest fold; deterministic",
  );

export const TimeSeriesSplitSpecSchema = z
  .strictObject({
    kind: z.literal("time_series"),
    k: foldCount("Number of splits (expanding windows); rows must already be in time order"),
    gap: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe("Rows dropped between the end of each train window and the start of its test window"),
    maxTrainSize: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Keep only the most recent maxTrainSize rows in each train window (unset: all earlier rows)"),
    testSize: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Rows in each test window (unset: floor(n / (k + 1)))"),
  })
  .describe("Forward-chaining splits: every train row comes before every test row, as in scikit-learn");

export const SplitSpecSchema = z
  .discriminatedUnion("kind", [
    HoldoutSpecSchema,
    KFoldSpecSchema,
    StratifiedKFoldSpecSchema,
    GroupKFoldSpecSchema,
    TimeSeriesSplitSpecSchema,
  ])
  .describe("How rows are divided into train/test folds; the seed is given with the call, not in the spec");

/** A parsed spec: every default filled in. */
export type SplitSpec = z.output<typeof SplitSpecSchema>;
/** What callers may write: defaults may be left out. */
export type SplitSpecInput = z.input<typeof SplitSpecSchema>;
export type SplitKind = SplitSpec["kind"];

export type HoldoutSpec = z.output<typeof HoldoutSpecSchema>;
export type KFoldSpec = z.output<typeof KFoldSpecSchema>;
export type StratifiedKFoldSpec = z.output<typeof StratifiedKFoldSpecSchema>;
export type GroupKFoldSpec = z.output<typeof GroupKFoldSpecSchema>;
export type TimeSeriesSplitSpec = z.output<typeof TimeSeriesSplitSpecSchema>;

/** Parameters of one kind's function: its spec input without `kind`. */
export type HoldoutParams = Omit<z.input<typeof HoldoutSpecSchema>, "kind">;
export type KFoldParams = Omit<z.input<typeof KFoldSpecSchema>, "kind">;
export type StratifiedKFoldParams = Omit<z.input<typeof StratifiedKFoldSpecSchema>, "kind">;
export type GroupKFoldParams = Omit<z.input<typeof GroupKFoldSpecSchema>, "kind">;
export type TimeSeriesSplitParams = Omit<z.input<typeof TimeSeriesSplitSpecSchema>, "kind">;

export const SPLIT_KINDS: readonly SplitKind[] = SplitSpecSchema.options.map((o) => o.shape.kind.value);

/** Parses any input into a SplitSpec, or throws INVALID_ARGUMENT naming the offending parameter. */
export function parseSplitSpec(input: unknown): SplitSpec {
  const result = SplitSpecSchema.safeParse(input);
  if (!result.success) throw specError(result.error, knownKeys(input));
  return result.data;
}

/** Parses one kind's parameters (the per-kind functions' entry point), with the same errors as parseSplitSpec. */
export function parseKindParams<S extends z.ZodObject>(
  schema: S,
  kind: SplitKind,
  params: object,
): z.output<S> {
  const result = schema.safeParse({ ...params, kind });
  if (!result.success) throw specError(result.error, Object.keys(schema.shape));
  return result.data;
}

function knownKeys(input: unknown): string[] {
  const kind = typeof input === "object" && input !== null ? (input as { kind?: unknown }).kind : undefined;
  const option = SplitSpecSchema.options.find((o) => o.shape.kind.value === kind);
  return option ? Object.keys(option.shape) : ["kind"];
}

function specError(error: z.ZodError, keys: readonly string[]): AlchemistError {
  const issue = error.issues[0];
  if (issue === undefined) return new AlchemistError("INVALID_ARGUMENT", "Invalid split spec");
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    const suggestions = closestNames(key, keys);
    const hint =
      suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?` : "";
    return new AlchemistError("INVALID_ARGUMENT", `Invalid split spec: unknown parameter "${key}"${hint}`, {
      parameter: key,
      suggestions,
      allowed: keys,
    });
  }
  const parameter = issue.path.map(String).join(".") || "spec";
  if (parameter === "kind") {
    return new AlchemistError(
      "INVALID_ARGUMENT",
      `Invalid split spec: kind must be one of ${SPLIT_KINDS.join(", ")}`,
      { parameter, allowed: SPLIT_KINDS },
    );
  }
  return new AlchemistError("INVALID_ARGUMENT", `Invalid split spec: ${parameter}: ${issue.message}`, {
    parameter,
  });
}
