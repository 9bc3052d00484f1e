/** The numeric matrix of the searches: the project's default preprocessing plus the searched scaling. */
import { type Frame, selectColumns } from "../../data/frame.js";
import {
  defaultSteps,
  type FittedPreprocessor,
  fitPreprocessor,
  type StepInput,
  toRowMajor,
} from "../../data/preprocess/index.js";
import { type Rows, rows } from "../../trainers/cluster/index.js";
import type { Scaling } from "./unsupervised-schema.js";

export interface Prepared {
  readonly scaling: Scaling;
  readonly preprocessor: FittedPreprocessor;
  readonly X: Rows;
}

/**
 * Fits impute (median + missing indicators) / one-hot / datetime / text steps (`defaultSteps`) and,
 * unless `none`, a scale step on the continuous features, on the `features` of `frame` only.
 */
export function prepare(frame: Frame, features: readonly string[], scaling: Scaling, seed: number): Prepared {
  const sub = selectColumns(frame, features);
  const steps: StepInput[] = [...defaultSteps(sub)];
  if (scaling !== "none") steps.push({ type: "scale", method: scaling });
  const { preprocessor, train } = fitPreprocessor(steps, sub, { seed });
  return { scaling, preprocessor, X: matrixRows(train.X) };
}

/** New rows through a fitted preprocessor, as row-major rows. */
export function transformRows(preprocessor: FittedPreprocessor, frame: Frame): Rows {
  return matrixRows(preprocessor.transform(frame));
}

function matrixRows(M: { nRows: number; nCols: number } & Parameters<typeof toRowMajor>[0]): Rows {
  return rows(toRowMajor(M), M.nRows, M.nCols);
}

/** Lazily prepares each scaling once. */
export function preparedCache(
  frame: Frame,
  features: readonly string[],
  seed: number,
): (scaling: Scaling) => Prepared {
  const cache = new Map<Scaling, Prepared>();
  return (scaling) => {
    let p = cache.get(scaling);
    if (p === undefined) {
      p = prepare(frame, features, scaling, seed);
      cache.set(scaling, p);
    }
    return p;
  };
}
