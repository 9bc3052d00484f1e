/** The folds of a run: how many by data size, and the folds + preprocessing cache for each fold count. */
import { makeSplits } from "../data/splits/index.js";
import { isClassification } from "../data/task.js";
import { FoldCache } from "./fold-data.js";
import type { RunData } from "./run-data.js";

/** Default CV folds: 5 on small data, fewer as fits get costly (the refit uses every row anyway). */
export function defaultFolds(rows: number): number {
  if (rows <= 5_000) return 5;
  if (rows <= 12_000) return 3;
  return 2;
}

/** Lazily built folds and fold caches, one per fold count (the cv_folds action may change it). */
export class CvPlan {
  private readonly caches = new Map<number, FoldCache>();

  constructor(
    private readonly data: RunData,
    private readonly seed: number,
  ) {}

  cache(k: number): FoldCache {
    let cache = this.caches.get(k);
    if (cache === undefined) {
      const { y, task } = this.data;
      const classification = isClassification(task);
      const { folds } = makeSplits(classification ? { kind: "stratified_kfold", k } : { kind: "kfold", k }, {
        n: y.length,
        seed: this.seed,
        ...(classification ? { y: Int32Array.from(y) } : {}),
      });
      cache = new FoldCache(this.data, folds);
      this.caches.set(k, cache);
    }
    return cache;
  }
}
