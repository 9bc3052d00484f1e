/** Rebuilds a fitted clusterer from its JSON (validated with zod at this boundary). */
import { AlchemistError } from "../../core/errors.js";
import { centroidModel } from "./centroid-model.js";
import { type ClusterModel, ClusterModelJSONSchema } from "./cluster-json.js";
import { dbscanModel } from "./dbscan.js";
import { gaussianMixtureModel } from "./gaussian-mixture.js";

/** The model a `toJSON()` came from; identical assignments. INVALID_MODEL_STATE when malformed. */
export function clusterModelFromJSON(json: unknown): ClusterModel {
  const parsed = ClusterModelJSONSchema.safeParse(json);
  if (!parsed.success) {
    throw new AlchemistError("INVALID_MODEL_STATE", `Not a clustering model: ${parsed.error.message}`, {
      issues: parsed.error.issues,
    });
  }
  const m = parsed.data;
  switch (m.kind) {
    case "gmm":
      return gaussianMixtureModel(m);
    case "dbscan":
      return dbscanModel(m);
    default:
      if (m.centroids.length !== m.k * m.d) {
        throw new AlchemistError("INVALID_MODEL_STATE", `${m.kind}: centroids do not hold k × d values.`, {});
      }
      return centroidModel(m.kind, Float64Array.from(m.centroids), m.k, m.d, m.params);
  }
}
