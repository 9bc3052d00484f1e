/** Binary trees → one `ai.onnx.ml` TreeEnsemble node (opset 5: double thresholds, weights and outputs). */
import { attr, type GraphBuilder, ML_DOMAIN } from "./graph-builder.js";

/** A child: an interior node of the same tree or a leaf (both by index into that tree's arrays). */
export type ChildRef = { node: number } | { leaf: number };

/** One interior node: `x[feature] <= threshold` (or `x[feature] ∈ members`) goes to `yes`. */
export interface SplitNode {
  feature: number;
  threshold: number;
  /** Set membership split (categorical codes) instead of `<=`. */
  members?: readonly number[];
  /** NaN goes to `yes` (otherwise NaN fails the test and goes to `no`). */
  missingYes: boolean;
  yes: ChildRef;
  no: ChildRef;
}

/** A tree: interior nodes (root = `nodes[0]`) and leaves; a one-leaf tree has no nodes. */
export interface PlainTree {
  nodes: SplitNode[];
  /** Each leaf adds `weight` to output `target`. */
  leaves: { target: number; weight: number }[];
}

const BRANCH_LEQ = 0;
const BRANCH_MEMBER = 6;

/**
 * One TreeEnsemble node summing every tree's leaves per target (trees in order, so each target
 * accumulates in the same order as the native predictors). Output: `[N, nTargets]` double.
 */
export function treeEnsembleOp(
  g: GraphBuilder,
  X: string,
  trees: readonly PlainTree[],
  nTargets: number,
): string {
  const featureIds: number[] = [];
  const modes: number[] = [];
  const splits: number[] = [];
  const trueIds: number[] = [];
  const trueLeaf: number[] = [];
  const falseIds: number[] = [];
  const falseLeaf: number[] = [];
  const missingTrue: number[] = [];
  const membership: number[] = [];
  const leafTarget: number[] = [];
  const leafWeight: number[] = [];
  const roots: number[] = [];
  for (const tree of trees) {
    const nodeBase = featureIds.length;
    const leafBase = leafTarget.length;
    for (const l of tree.leaves) {
      leafTarget.push(l.target);
      leafWeight.push(l.weight);
    }
    roots.push(nodeBase);
    // A lone leaf still needs a node above it: both branches lead to it.
    const nodes: SplitNode[] =
      tree.nodes.length > 0
        ? tree.nodes
        : [{ feature: 0, threshold: 0, missingYes: true, yes: { leaf: 0 }, no: { leaf: 0 } }];
    for (const n of nodes) {
      featureIds.push(n.feature);
      const member = n.members !== undefined && n.members.length > 0;
      modes.push(member ? BRANCH_MEMBER : BRANCH_LEQ);
      // An empty category set sends every code to `no`: `x <= -Infinity` does the same.
      splits.push(member ? Number.NaN : n.members !== undefined ? -Infinity : n.threshold);
      if (member) membership.push(...(n.members as number[]), Number.NaN);
      missingTrue.push(n.missingYes ? 1 : 0);
      for (const [ref, ids, leafs] of [
        [n.yes, trueIds, trueLeaf],
        [n.no, falseIds, falseLeaf],
      ] as const) {
        if ("leaf" in ref) {
          ids.push(leafBase + ref.leaf);
          leafs.push(1);
        } else {
          ids.push(nodeBase + ref.node);
          leafs.push(0);
        }
      }
    }
  }
  g.useOpset(ML_DOMAIN, 5);
  const attrs = {
    aggregate_function: attr.int(1),
    n_targets: attr.int(nTargets),
    nodes_featureids: attr.ints(featureIds),
    nodes_modes: attr.uint8Tensor(modes),
    nodes_splits: attr.doubles(splits),
    nodes_truenodeids: attr.ints(trueIds),
    nodes_trueleafs: attr.ints(trueLeaf),
    nodes_falsenodeids: attr.ints(falseIds),
    nodes_falseleafs: attr.ints(falseLeaf),
    nodes_missing_value_tracks_true: attr.ints(missingTrue),
    leaf_targetids: attr.ints(leafTarget),
    leaf_weights: attr.doubles(leafWeight),
    tree_roots: attr.ints(roots),
    post_transform: attr.int(0),
    ...(membership.length > 0 ? { membership_values: attr.doubles(membership) } : {}),
  };
  return g.op("TreeEnsemble", [X], attrs, ML_DOMAIN);
}
