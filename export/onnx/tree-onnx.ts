/** Averaging forests (CART, random forest, extra trees) and histogram gradient boosting as TreeEnsemble. */
import { z } from "zod";
import type { ModelJSON } from "../../trainers/estimator.js";
import { attr } from "./graph-builder.js";
import { columnOf, type ExportContext, type MemberOutput, sigmoid, twoClassProba } from "./onnx-helpers.js";
import { decodeJsonFloats, JsonFloatsSchema } from "./state-floats.js";
import { type ChildRef, type PlainTree, type SplitNode, treeEnsembleOp } from "./tree-ensemble-op.js";

const Ints = z.array(z.number().int());

const ForestStateSchema = z.object({
  trees: z.object({
    roots: Ints,
    feature: Ints,
    threshold: JsonFloatsSchema,
    right: Ints,
    leafValue: JsonFloatsSchema,
    valueDim: z.number().int().min(1),
  }),
});

/**
 * Forest trees (depth-first pre-order, left child = next node, `x <= t` goes left, NaN right) as
 * one PlainTree per output dimension, leaves weighted by `scale`, as the native average computes.
 */
function forestTrees(state: z.infer<typeof ForestStateSchema>["trees"], scale: number): PlainTree[] {
  const { roots, feature, right, valueDim: dim } = state;
  const threshold = decodeJsonFloats(state.threshold);
  const leafValue = decodeJsonFloats(state.leafValue);
  const n = feature.length;
  // Leaf values are stored in node order across all trees.
  const leafOffset = new Int32Array(n).fill(-1);
  let leaves = 0;
  for (let i = 0; i < n; i++) if ((feature[i] as number) < 0) leafOffset[i] = leaves++;
  const out: PlainTree[] = [];
  roots.forEach((root, t) => {
    const end = roots[t + 1] ?? n;
    const nodeId = new Map<number, number>();
    const leafId = new Map<number, number>();
    for (let i = root; i < end; i++) {
      if ((feature[i] as number) >= 0) nodeId.set(i, nodeId.size);
      else leafId.set(i, leafId.size);
    }
    const ref = (i: number): ChildRef =>
      (feature[i] as number) >= 0 ? { node: nodeId.get(i) as number } : { leaf: leafId.get(i) as number };
    const nodes: SplitNode[] = [];
    for (let i = root; i < end; i++) {
      if ((feature[i] as number) < 0) continue;
      nodes.push({
        feature: feature[i] as number,
        threshold: threshold[i] as number,
        missingYes: false,
        yes: ref(i + 1),
        no: ref(right[i] as number),
      });
    }
    for (let k = 0; k < dim; k++) {
      const leafList = [...leafId.keys()].map((i) => ({
        target: k,
        weight: scale * (leafValue[(leafOffset[i] as number) * dim + k] as number),
      }));
      out.push({ nodes, leaves: leafList });
    }
  });
  return out;
}

/** decision trees, random forests and extra trees: the mean of the trees' leaf values. */
export function exportForest(ctx: ExportContext, model: ModelJSON): MemberOutput {
  const s = ForestStateSchema.parse(model.state).trees;
  const trees = forestTrees(s, 1 / s.roots.length);
  const Y = treeEnsembleOp(ctx.g, ctx.X, trees, s.valueDim);
  if (model.nClasses === undefined) return { values: columnOf(ctx.g, Y, 0) };
  return { proba: Y };
}

const GbdtStateSchema = z.object({
  nOutputs: z.number().int().min(1),
  baseline: JsonFloatsSchema,
  treeStart: Ints,
  feature: Ints,
  threshold: JsonFloatsSchema,
  missingLeft: Ints,
  left: Ints,
  right: Ints,
  value: JsonFloatsSchema,
  catStart: Ints,
  catBits: Ints,
  catLevels: Ints,
});

const CAT_WORD_BITS = 32;

/** The codes whose bit is set in a node's bitset (only codes below the feature's level count). */
function members(bits: readonly number[], start: number, levels: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < levels; c++) {
    const word = bits[start + Math.floor(c / CAT_WORD_BITS)] as number;
    if (((word >>> (c % CAT_WORD_BITS)) & 1) === 1) out.push(c);
  }
  return out;
}

/** Histogram gradient boosting: baseline + the sum of trees per output, then sigmoid / softmax. */
export function exportGbdt(ctx: ExportContext, model: ModelJSON): MemberOutput {
  const { g } = ctx;
  const s = GbdtStateSchema.parse(model.state);
  const threshold = decodeJsonFloats(s.threshold);
  const value = decodeJsonFloats(s.value);
  const baseline = decodeJsonFloats(s.baseline);
  // The baseline comes first, as one-leaf trees, so each output sums in the native order.
  const trees: PlainTree[] = Array.from(baseline, (b, k) => ({
    nodes: [],
    leaves: [{ target: k, weight: b }],
  }));
  for (let t = 0; t + 1 < s.treeStart.length; t++) {
    const a = s.treeStart[t] as number;
    const b = s.treeStart[t + 1] as number;
    const target = t % s.nOutputs;
    const nodeId = new Map<number, number>();
    const leafId = new Map<number, number>();
    // The root first: PlainTree roots are nodes[0].
    for (let i = a; i < b; i++) {
      if ((s.feature[i] as number) >= 0) nodeId.set(i, nodeId.size);
      else leafId.set(i, leafId.size);
    }
    const ref = (i: number): ChildRef =>
      (s.feature[i] as number) >= 0 ? { node: nodeId.get(i) as number } : { leaf: leafId.get(i) as number };
    const nodes: SplitNode[] = [];
    for (let i = a; i < b; i++) {
      const f = s.feature[i] as number;
      if (f < 0) continue;
      const cs = s.catStart[i] as number;
      nodes.push({
        feature: f,
        threshold: threshold[i] as number,
        ...(cs >= 0 ? { members: members(s.catBits, cs, s.catLevels[f] as number) } : {}),
        missingYes: s.missingLeft[i] === 1,
        yes: ref(s.left[i] as number),
        no: ref(s.right[i] as number),
      });
    }
    const leaves = [...leafId.keys()].map((i) => ({ target, weight: value[i] as number }));
    trees.push({ nodes, leaves });
  }
  const raw = treeEnsembleOp(g, ctx.X, trees, s.nOutputs);
  const K = model.nClasses;
  if (K === undefined) return { values: columnOf(g, raw, 0) };
  if (K === 2) return { proba: twoClassProba(g, sigmoid(g, raw)) };
  return { proba: g.op("Softmax", [raw], { axis: attr.int(1) }) };
}
