/** The parameters both k-nearest-neighbour estimators share, declared once. */
import { z } from "zod";
import { enumParam, intParam } from "../param.js";

export const KnnParamsSchema = z.strictObject({
  n_neighbors: intParam({
    default: 5,
    min: 1,
    max: 10_000,
    searchMin: 1,
    searchMax: 50,
    log: true,
    description: "Number of neighbours that vote (capped at the number of training rows)",
  }),
  weights: enumParam({
    values: ["uniform", "distance"],
    default: "uniform",
    description: "uniform: every neighbour counts the same; distance: neighbours count by 1/distance",
  }),
  metric: enumParam({
    values: ["euclidean", "manhattan"],
    default: "euclidean",
    description: "Distance between rows: euclidean (L2) or manhattan (L1)",
  }),
  algorithm: enumParam({
    values: ["auto", "kd_tree", "brute"],
    default: "auto",
    search: false,
    description:
      "Neighbour search: kd_tree, brute force, or auto (KD-tree up to 15 features on enough rows, past that only while it prunes); results are identical, only speed differs",
  }),
  leaf_size: intParam({
    default: 30,
    min: 1,
    max: 10_000,
    search: false,
    description: "Rows per KD-tree leaf (speed only)",
  }),
});

export type KnnParams = z.output<typeof KnnParamsSchema>;
