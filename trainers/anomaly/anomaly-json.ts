/** The serialised forms of fitted anomaly detectors (zod) and the detector contract. */
import { z } from "zod";

const Numbers = z.array(z.number());
const Params = z.record(z.string(), z.unknown());

export const IsolationForestJSONSchema = z.object({
  kind: z.literal("isolation_forest"),
  d: z.number().int().positive(),
  /** Rows drawn per tree (ψ); scores are normalised by c(ψ). */
  psi: z.number().int().positive(),
  roots: z.array(z.number().int()).describe("first node of each tree"),
  feature: z.array(z.number().int()).describe("split feature per node, −1 at a leaf"),
  threshold: Numbers.describe("go left when x[feature] < threshold"),
  left: z.array(z.number().int()).describe("left child (the right child follows it)"),
  value: Numbers.describe("leaf: depth + c(rows in the leaf)"),
  params: Params,
});
export type IsolationForestJSON = z.infer<typeof IsolationForestJSONSchema>;

export const LofJSONSchema = z.object({
  kind: z.literal("lof"),
  d: z.number().int().positive(),
  k: z.number().int().positive(),
  reference: Numbers.describe("the rows scores are measured against, row-major"),
  kDistance: Numbers,
  lrd: Numbers.describe("local reachability density of each reference row"),
  params: Params,
});
export type LofJSON = z.infer<typeof LofJSONSchema>;

export const RobustZJSONSchema = z.object({
  kind: z.literal("robust_z"),
  d: z.number().int().positive(),
  median: Numbers,
  scale: Numbers.describe("1.4826 · MAD, or 1.2533 · mean absolute deviation where the MAD is 0, else 1"),
  aggregate: z.enum(["mean", "max", "rms"]),
  params: Params,
});
export type RobustZJSON = z.infer<typeof RobustZJSONSchema>;

export const HbosJSONSchema = z.object({
  kind: z.literal("hbos"),
  d: z.number().int().positive(),
  bins: z.number().int().positive(),
  lo: Numbers.describe("left edge per feature"),
  width: Numbers.describe("bin width per feature (0: constant feature)"),
  logDensity: Numbers.describe("d × bins: −log of the normalised bin height"),
  outside: z.number().describe("the −log density charged outside the fitted range"),
  params: Params,
});
export type HbosJSON = z.infer<typeof HbosJSONSchema>;

export const DetectorJSONSchema = z.discriminatedUnion("kind", [
  IsolationForestJSONSchema,
  LofJSONSchema,
  RobustZJSONSchema,
  HbosJSONSchema,
]);
export type DetectorJSON = z.infer<typeof DetectorJSONSchema>;

/** A fitted anomaly detector. Immutable. */
export interface AnomalyDetector {
  readonly kind: DetectorJSON["kind"];
  readonly d: number;
  /** One score per row of the `n` row-major rows of `X`; higher = more anomalous. */
  score(X: Float64Array, n: number): Float64Array;
  toJSON(): DetectorJSON;
}
