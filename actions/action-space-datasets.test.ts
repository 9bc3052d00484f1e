/**
 * Property test on the shared datasets: every allowed value of every applicable action, applied to a
 * default spec, gives a spec that parses and a preprocessor that fits (on a few hundred sampled rows).
 */
import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import { type Frame, takeRows } from "../data/frame.js";
import {
  defaultSteps,
  fitPreprocessor,
  type PipelineSpec,
  parsePipelineSpec,
} from "../data/preprocess/index.js";
import { profileFrame } from "../data/profile/index.js";
import { readTable } from "../data/read-table.js";
import { SUPERVISED_TASKS, TABULAR_TASKS, type Task } from "../data/task.js";
import { METRICS, MetricNameSchema } from "../evaluate/metrics/index.js";
import { DATASET_NAMES, datasetMeta, datasetPath, datasetsAvailable } from "../test/datasets.js";
import { estimatorsFor, getEstimator } from "../trainers/registry.js";
import type { AllowedValues } from "./action-definition.js";
import { actionContext } from "./action-context.js";
import type { Action, ActionContext, ActionState } from "./action-schema.js";
import { allowedValues, applicableActions } from "./allowed-values.js";
import { createActionState, executeAction } from "./execute-action.js";

const SAMPLE_ROWS = 300;

/** Every value of a finite set; the ends and the middle of a range; min, max and default of a param. */
function representative(allowed: AllowedValues): Omit<Action, "action">[] {
  switch (allowed.kind) {
    case "enum":
    case "column":
      return allowed.values.map((value) => ({ value }));
    case "boolean":
      return [{ value: false }, { value: true }];
    case "range": {
      const mid = (allowed.min + allowed.max) / 2;
      const nums = [allowed.min, allowed.integer ? Math.round(mid) : mid, allowed.max];
      return [...nums, ...allowed.also].map((value) => ({ value }));
    }
    case "param":
      return allowed.params.flatMap((p) => {
        const values =
          p.kind === "enum" ? p.values : p.kind === "boolean" ? [false, true] : [p.min, p.default, p.max];
        return values.map((value) => ({ param: p.name, value }));
      });
  }
}

interface Case {
  name: string;
  frame: Frame;
  state: ActionState;
  ctx: ActionContext;
}

async function load(name: (typeof DATASET_NAMES)[number]): Promise<Case | null> {
  const meta = datasetMeta(name);
  const task = meta.task as Task;
  if (!SUPERVISED_TASKS.includes(task)) return null;
  const { frame: full } = await readTable(datasetPath(name, "train.csv"));
  const rows = createRng(7).shuffle(Int32Array.from({ length: full.nRows }, (_, i) => i));
  const frame = takeRows(full, rows.subarray(0, Math.min(SAMPLE_ROWS, full.nRows)).sort());
  const metric = MetricNameSchema.parse(meta.metric);
  const needsProba = METRICS[metric].needs === "proba";
  const estimator =
    estimatorsFor(task).find((e) => !needsProba || e.tags.probabilities)?.name ?? "constant_regressor";
  const state = createActionState({
    version: 1,
    task,
    target: meta.target,
    steps: defaultSteps(frame, { target: meta.target }),
    estimator: { name: estimator },
    seed: 3,
  });
  const profile = profileFrame(frame, { target: meta.target, task });
  return { name, frame, state, ctx: actionContext(profile, state.spec, metric) };
}

/** Fits the spec's steps once per distinct step list. */
function fitter(c: Case): (spec: PipelineSpec) => void {
  const seen = new Set<string>();
  return (spec) => {
    const key = JSON.stringify(spec.steps);
    if (seen.has(key)) return;
    seen.add(key);
    const { train } = fitPreprocessor(spec.steps, c.frame, {
      target: spec.target,
      task: spec.task,
      seed: spec.seed,
    });
    expect(train.X.nRows).toBeGreaterThan(0);
  };
}

function checkSpec(spec: PipelineSpec): void {
  expect(parsePipelineSpec(structuredClone(spec))).toEqual(spec);
  if (estimatorsFor(spec.task).some((e) => e.name === spec.estimator.name) || spec.task === "forecast") {
    expect(() => getEstimator(spec.estimator.name).params.parse(spec.estimator.params)).not.toThrow();
  }
}

describe.skipIf(!datasetsAvailable())("every allowed action on the shared datasets", () => {
  it("parses and fits, one action at a time and in random sequences", async () => {
    const cases = (await Promise.all(DATASET_NAMES.map(load))).filter((c): c is Case => c !== null);
    expect(cases.map((c) => c.name).sort()).toEqual(
      ["airpassengers", "breast_cancer", "credit_data", "diabetes", "diamonds", "letter", "penguins"].sort(),
    );
    let applied = 0;
    for (const c of cases) {
      const fitOnce = fitter(c);
      const defs = applicableActions(c.ctx);
      // A forecast's spec models one series: only the model actions apply to it.
      expect(defs.length, c.name).toBeGreaterThan(TABULAR_TASKS.includes(c.state.spec.task) ? 5 : 1);
      for (const def of defs) {
        for (const v of representative(allowedValues(def, c.ctx))) {
          const action = { action: def.name, ...v };
          let next: ActionState;
          try {
            next = executeAction(c.state, action, c.ctx);
            checkSpec(next.spec);
            fitOnce(next.spec);
          } catch (e) {
            throw new Error(`${c.name}: ${JSON.stringify(action)}: ${(e as Error).message}`);
          }
          applied++;
        }
      }
      // Random sequences: each move is drawn from what is allowed in the state reached so far.
      const rng = createRng(c.name.length);
      for (let chain = 0; chain < 3; chain++) {
        let state = c.state;
        const moves: Action[] = [];
        for (let k = 0; k < 8; k++) {
          const ctx = { ...c.ctx, spec: state.spec };
          const options = applicableActions(ctx).flatMap((d) =>
            representative(allowedValues(d, ctx)).map((v) => ({ action: d.name, ...v })),
          );
          const move = options[rng.int(options.length)] as Action;
          moves.push(move);
          state = executeAction(state, move, ctx);
        }
        try {
          checkSpec(state.spec);
          fitOnce(state.spec);
        } catch (e) {
          throw new Error(`${c.name}: ${JSON.stringify(moves)}: ${(e as Error).message}`);
        }
      }
    }
    expect(applied).toBeGreaterThan(300);
  });
});
