/** Turning a FeatureMatrix, targets and weights into the TreeData and row weights the builder reads. */
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import type { TreeData } from "./tree-builder.js";
import { presortColumns } from "./tree-workspace.js";

/** `nClasses` = K for classification, 0 for regression; `presort` for the best splitter. */
export function makeTreeData(
  X: FeatureMatrix,
  y: Float64Array,
  nClasses: number,
  presort: boolean,
): TreeData {
  let yClass: Int32Array | null = null;
  if (nClasses > 0) {
    yClass = new Int32Array(y.length);
    for (let i = 0; i < y.length; i++) yClass[i] = y[i] as number;
  }
  const presorted = presort ? presortColumns(X.data, X.nRows, X.nCols) : null;
  let presortedX: Float64Array | null = null;
  if (presorted) {
    presortedX = new Float64Array(presorted.length);
    for (let j = 0; j < X.nCols; j++) {
      const base = j * X.nRows;
      for (let r = 0; r < X.nRows; r++)
        presortedX[base + r] = X.data[base + (presorted[base + r] as number)] as number;
    }
  }
  return { data: X.data, nRows: X.nRows, nCols: X.nCols, y, yClass, nClasses, presorted, presortedX };
}

/**
 * Per-row weights: `sampleWeight` (default 1) times, with `balanced`, n / (classes present × class
 * count) as scikit-learn's class_weight="balanced". Refuses negative or non-finite weights and an
 * all-zero total.
 */
export function rowWeights(
  y: Float64Array,
  nClasses: number,
  sampleWeight: Float64Array | undefined,
  classWeight: "none" | "balanced",
): Float64Array {
  const n = y.length;
  const w = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = sampleWeight ? (sampleWeight[i] as number) : 1;
    if (!(v >= 0) || v === Infinity) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `Sample weight ${v} in row ${i} is not a finite non-negative number.`,
        {
          parameter: "sampleWeight",
          row: i,
        },
      );
    }
    w[i] = v;
    total += v;
  }
  if (!(total > 0)) {
    throw new AlchemistError("INVALID_ARGUMENT", "Sample weights sum to zero: no row to learn from.", {
      parameter: "sampleWeight",
    });
  }
  if (classWeight === "balanced" && nClasses > 0) {
    const counts = new Float64Array(nClasses);
    for (let i = 0; i < n; i++) counts[y[i] as number] = (counts[y[i] as number] as number) + 1;
    let present = 0;
    for (let k = 0; k < nClasses; k++) if ((counts[k] as number) > 0) present++;
    for (let i = 0; i < n; i++)
      w[i] = (w[i] as number) * (n / (present * (counts[y[i] as number] as number)));
  }
  return w;
}

/** Seeds for trees 0..T−1, derived from `seed` by index, so a tree does not depend on fit order. */
export function treeSeeds(seed: number, nTrees: number): Uint32Array {
  const rng = createRng(seed);
  const seeds = new Uint32Array(nTrees);
  for (let t = 0; t < nTrees; t++) seeds[t] = rng.int(4294967296);
  return seeds;
}
