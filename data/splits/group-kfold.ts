/** Group k-fold: no group straddles train and test, as scikit-learn's GroupKFold. */
import { AlchemistError } from "../../core/errors.js";
import { denseCodes } from "./codes.js";
import { checkFoldsFit, checkRowCount, foldsFromAssignment, type SplitResult } from "./fold.js";
import { type GroupKFoldParams, GroupKFoldSpecSchema, parseKindParams } from "./split-spec.js";

/**
 * Splits rows into k test folds, each group whole in exactly one of them. Groups are taken largest
 * first (ties: smaller group code first) and each goes to the fold with the fewest rows so far (ties:
 * lowest fold index), which balances fold sizes. Deterministic: there is nothing to shuffle or seed.
 * Throws LENGTH_MISMATCH when groups.length ≠ n, INVALID_ARGUMENT for a missing (negative) group code,
 * NOT_ENOUGH_ROWS when there are fewer than k groups (or rows).
 */
export function groupKFold(
  params: GroupKFoldParams,
  options: { n: number; groups: Int32Array },
): SplitResult {
  const { k } = parseKindParams(GroupKFoldSpecSchema, "group_kfold", params);
  const { n, groups } = options;
  checkRowCount(n);
  const dense = denseCodes(groups, n, "groups");
  checkFoldsFit(k, n);
  const m = dense.counts.length;
  if (m < k) {
    throw new AlchemistError(
      "NOT_ENOUGH_ROWS",
      `k=${k} folds need at least ${k} distinct groups, got ${m}: lower k or use finer groups`,
      { parameter: "k", k, groups: m },
    );
  }

  const order = Array.from({ length: m }, (_, c) => c);
  order.sort(
    (a, b) =>
      (dense.counts[b] as number) - (dense.counts[a] as number) ||
      (dense.values[a] as number) - (dense.values[b] as number),
  );
  const load = new Float64Array(k);
  const groupFold = new Int32Array(m);
  for (const c of order) {
    let lightest = 0;
    for (let f = 1; f < k; f++) if ((load[f] as number) < (load[lightest] as number)) lightest = f;
    load[lightest] = (load[lightest] as number) + (dense.counts[c] as number);
    groupFold[c] = lightest;
  }

  const assignment = new Int32Array(n);
  for (let i = 0; i < n; i++) assignment[i] = groupFold[dense.encoded[i] as number] as number;
  return { folds: foldsFromAssignment(assignment, k), warnings: [] };
}
