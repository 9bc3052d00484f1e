/**
 * fitPreprocessor: fits the steps of a spec, in order, on the training frame and returns the
 * immutable FittedPreprocessor plus the training matrix (out-of-fold target encodings, rebalanced rows).
 */
import { AlchemistError } from "../../core/errors.js";
import type { Frame } from "../frame.js";
import { type FeatureMatrix, takeFeatureRows } from "./feature-matrix.js";
import type { FitContext } from "./fit-context.js";
import { type FittedStep, fitStep, stepReads } from "./fitted-step.js";
import { identityRows } from "./numeric-stats.js";
import {
  createPreprocessor,
  type FittedPreprocessor,
  type InputColumn,
  tableToMatrix,
} from "./preprocessor.js";
import { rebalanceRows } from "./rebalance.js";
import { resolveTarget, type TargetOptions } from "./resolve-target.js";
import { parseStep, parseSteps, type RebalanceStep, type Step, type StepInput } from "./step-schema.js";
import { inputKindOf, toWorkColumn, type WorkTable } from "./work-table.js";

export interface FitOptions extends TargetOptions {
  /** The pipeline seed: target-encoding folds and oversampling draw from it (plus each step's seed). */
  readonly seed: number;
}

/** The training rows as the estimator must see them. */
export interface TrainingData {
  readonly X: FeatureMatrix;
  /** Class index (see `classes`) or value per training row, when there is a target. */
  readonly y?: Float64Array;
  /** Sample weights, when a rebalance step asks for class weights. */
  readonly weights?: Float64Array;
  /** Class labels of a classification target; `y` holds indices into it. */
  readonly classes?: readonly string[];
  /** Source row in the fit frame of every training row (oversampling repeats rows). */
  readonly rows: Int32Array;
}

export interface FitResult {
  readonly preprocessor: FittedPreprocessor;
  readonly train: TrainingData;
}

/** The default step for columns still raw after the given steps, in this order. */
const IMPLICIT: readonly { kind: "datetime" | "text" | "categorical"; step: StepInput }[] = [
  { kind: "datetime", step: { type: "datetime_features" } },
  { kind: "text", step: { type: "text_features" } },
  { kind: "categorical", step: { type: "encode" } },
];

/**
 * Fits `steps` (validated, defaults filled) in order on `frame`.
 *
 * Column flow: the working table starts with every non-target column (booleans as 0/1 numbers).
 * Each step reads the columns its selector names *at that point* and replaces them in place by
 * its outputs (impute: the filled column plus an optional `__missing` indicator; encode, datetime
 * and text steps: their features; scale/clip: the same feature rescaled/clamped). So impute before
 * encode fills raw categoricals, and scale after encode sees the encoded numbers. Columns still raw
 * at the end get the default step of their kind (datetime_features, text_features hashing, encode
 * one_hot), recorded as `implicitSteps`. rebalance acts on rows, after every column step, whatever
 * its position (resampling before a target encoding would leak duplicated rows across folds).
 */
export function fitPreprocessor(
  steps: readonly (StepInput | Step)[],
  frame: Frame,
  opts: FitOptions,
): FitResult {
  const parsed = parseSteps(steps);
  const rebalanceAt = parsed.flatMap((s, i) => (s.type === "rebalance" ? [i] : []));
  if (rebalanceAt.length > 1) {
    throw new AlchemistError(
      "INVALID_SPEC",
      `Only one rebalance step is allowed (steps ${rebalanceAt.join(", ")}).`,
      {
        parameter: `steps[${rebalanceAt[1]}]`,
      },
    );
  }
  const target = resolveTarget(frame, opts);
  // Rows to train on are decided up front (a regression target fails fast), applied at the end.
  const rebalance = parsed.find((s): s is RebalanceStep => s.type === "rebalance");
  const resampled =
    rebalance === undefined
      ? null
      : rebalanceRows(
          rebalance,
          target.y,
          target.task,
          target.classes?.length ?? 0,
          opts.seed,
          `steps[${rebalanceAt[0]}] (rebalance)`,
        );
  const inputs: InputColumn[] = [];
  const raw = frame.columns.filter((c) => c.name !== target.name);
  for (const c of raw) inputs.push({ name: c.name, kind: inputKindOf(c) });
  let table: WorkTable = { nRows: frame.nRows, columns: raw.map(toWorkColumn) };

  const fitted: FittedStep[] = [];
  const used = new Set<string>();
  const runStep = (step: Step, label: string): void => {
    const ctx: FitContext = {
      step: label,
      target: target.name,
      y: target.y,
      task: target.task,
      classes: target.classes,
      seed: opts.seed,
    };
    const { state, train } = fitStep(step, table, ctx);
    const sourceOf = new Map(table.columns.map((c) => [c.name, c.source]));
    for (const name of stepReads(state)) used.add(sourceOf.get(name) ?? name);
    fitted.push(state);
    table = train;
  };
  parsed.forEach((step, i) => {
    runStep(step, `steps[${i}] (${step.type})`);
  });
  const implicitSteps: Step[] = [];
  for (const { kind, step } of IMPLICIT) {
    if (!table.columns.some((c) => c.kind === kind)) continue;
    const s = parseStep(step);
    implicitSteps.push(s);
    runStep(s, `implicit ${s.type} for ${kind} columns`);
  }
  for (const c of table.columns) used.add(c.source);

  let X = tableToMatrix(table);
  let y = target.y;
  let rows: Int32Array = identityRows(frame.nRows);
  if (resampled !== null && resampled.rows.length !== rows.length) {
    rows = resampled.rows;
    X = takeFeatureRows(X, rows);
    const src = y as Float64Array;
    y = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) y[i] = src[rows[i] as number] as number;
  }
  const weights = resampled?.weights ?? null;

  const preprocessor = createPreprocessor({
    format: "alchemist.preprocessor",
    version: 1,
    target: target.name,
    inputs: inputs.filter((inp) => used.has(inp.name)),
    steps: parsed,
    implicitSteps,
    fitted,
    featureNames: [...X.featureNames],
    categorical: [...X.categorical],
  });
  const train: TrainingData = {
    X,
    rows,
    ...(y !== null ? { y } : {}),
    ...(weights !== null ? { weights } : {}),
    ...(target.classes !== null ? { classes: target.classes } : {}),
  };
  return { preprocessor, train };
}
