/** JSON form of a TreeEnsemble (plain number arrays; non-finite floats spelled as strings) and its checks. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import type { TreeEnsemble } from "./tree-ensemble.js";

const NON_FINITE = ["NaN", "Infinity", "-Infinity"] as const;
export const FloatsSchema = z.array(z.union([z.number(), z.enum(NON_FINITE)]));
type EncodedFloats = z.infer<typeof FloatsSchema>;

/** Arrays are checked shallowly here and element by element while decoding (one pass, no copies). */
const AnyArray = z.custom<unknown[]>((v) => Array.isArray(v), "expected an array");

/**
 * Nodes in depth-first pre-order, so a split's left child is always the next node and is not stored;
 * `leafValue` holds `valueDim` numbers per leaf, in node order (split nodes' values are not needed).
 */
export const TreeEnsembleJSONSchema = z.object({
  roots: AnyArray,
  feature: AnyArray,
  threshold: AnyArray,
  right: AnyArray,
  leafValue: AnyArray,
  valueDim: z.number().int().min(1),
});
export type TreeEnsembleJSON = z.infer<typeof TreeEnsembleJSONSchema>;

/** Floats → JSON array; NaN and ±Infinity become "NaN", "Infinity", "-Infinity". */
export function encodeFloats(a: ArrayLike<number>): EncodedFloats {
  const out: EncodedFloats = new Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as number;
    out[i] = Number.isFinite(v) ? v : Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
  }
  return out;
}

export function decodeFloats(a: EncodedFloats): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as EncodedFloats[number];
    out[i] = typeof v === "number" ? v : v === "NaN" ? Number.NaN : v === "Infinity" ? Infinity : -Infinity;
  }
  return out;
}

export function encodeEnsemble(e: TreeEnsemble): TreeEnsembleJSON {
  const n = e.feature.length;
  const dim = e.valueDim;
  let leaves = 0;
  for (let i = 0; i < n; i++) if ((e.feature[i] as number) < 0) leaves++;
  const leafValue = new Float64Array(leaves * dim);
  let o = 0;
  for (let i = 0; i < n; i++) {
    if ((e.feature[i] as number) >= 0) continue;
    for (let k = 0; k < dim; k++) leafValue[o++] = e.value[i * dim + k] as number;
  }
  return {
    roots: Array.from(e.roots),
    feature: Array.from(e.feature),
    threshold: encodeFloats(e.threshold),
    right: Array.from(e.right),
    leafValue: encodeFloats(leafValue),
    valueDim: dim,
  };
}

function bad(what: string): never {
  throw new AlchemistError("INVALID_MODEL_STATE", `Invalid tree state: ${what}.`, { path: "state" });
}

/** Integers in [−1, 2³¹) into an Int32Array, or INVALID_MODEL_STATE naming the field and index. */
function toInts(a: unknown[], field: string): Int32Array {
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== "number" || !Number.isInteger(v) || v < -1 || v > 2147483647)
      bad(`${field}[${i}] is not an index`);
    out[i] = v;
  }
  return out;
}

/** Numbers (or "NaN", "Infinity", "-Infinity") into a Float64Array. */
function toFloats(a: unknown[], field: string): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v === "number") out[i] = v;
    else if (v === "NaN") out[i] = Number.NaN;
    else if (v === "Infinity") out[i] = Infinity;
    else if (v === "-Infinity") out[i] = -Infinity;
    else bad(`${field}[${i}] is not a number`);
  }
  return out;
}

/**
 * Rebuilds a TreeEnsemble and checks it can be walked safely: consistent lengths, features in range,
 * children after their parent (so every walk ends at a leaf), `valueDim` as expected. Split nodes
 * come back with zero values: predictions only read leaves.
 */
export function decodeEnsemble(raw: unknown, nFeatures: number, valueDim: number): TreeEnsemble {
  const parsed = TreeEnsembleJSONSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    bad(`${issue?.path.join(".") || "state"}: ${issue?.message ?? "does not match the schema"}`);
  }
  const s = parsed.data;
  const n = s.feature.length;
  if (s.valueDim !== valueDim) bad(`valueDim is ${s.valueDim}, expected ${valueDim}`);
  if (s.threshold.length !== n || s.right.length !== n) bad("node arrays differ in length");
  const roots = toInts(s.roots, "roots");
  if (roots.length === 0) bad("no trees");
  for (let t = 0; t < roots.length; t++) {
    const r = roots[t] as number;
    if (r < 0 || r >= n || (t > 0 && r <= (roots[t - 1] as number))) bad(`root ${t} is out of range`);
  }
  const feature = toInts(s.feature, "feature");
  const right = toInts(s.right, "right");
  const left = new Int32Array(n);
  let leaves = 0;
  for (let i = 0; i < n; i++) {
    const f = feature[i] as number;
    const r = right[i] as number;
    if (f >= nFeatures) bad(`node ${i} splits on feature ${f} of ${nFeatures}`);
    if (f === -1) {
      if (r !== -1) bad(`leaf ${i} has a right child`);
      left[i] = -1;
      leaves++;
    } else {
      if (r <= i + 1 || r >= n) bad(`node ${i} has its right child out of order`);
      left[i] = i + 1;
    }
  }
  const leafValue = toFloats(s.leafValue, "leafValue");
  if (leafValue.length !== leaves * valueDim)
    bad(`leafValue has ${leafValue.length} entries, expected ${leaves * valueDim}`);
  const value = new Float64Array(n * valueDim);
  let o = 0;
  for (let i = 0; i < n; i++) {
    if ((feature[i] as number) >= 0) continue;
    for (let k = 0; k < valueDim; k++) value[i * valueDim + k] = leafValue[o++] as number;
  }
  return { roots, feature, threshold: toFloats(s.threshold, "threshold"), left, right, value, valueDim };
}
