/** Rebuilds a fitted anomaly detector from its JSON (validated with zod at this boundary). */
import { AlchemistError } from "../../core/errors.js";
import { type AnomalyDetector, DetectorJSONSchema } from "./anomaly-json.js";
import { hbosModel } from "./hbos.js";
import { isolationForestModel } from "./isolation-forest.js";
import { lofModel } from "./lof.js";
import { robustZModel } from "./robust-z.js";

/** The detector a `toJSON()` came from; identical scores. INVALID_MODEL_STATE when malformed. */
export function detectorFromJSON(json: unknown): AnomalyDetector {
  const parsed = DetectorJSONSchema.safeParse(json);
  if (!parsed.success) {
    throw new AlchemistError("INVALID_MODEL_STATE", `Not an anomaly detector: ${parsed.error.message}`, {
      issues: parsed.error.issues,
    });
  }
  const m = parsed.data;
  switch (m.kind) {
    case "isolation_forest":
      return isolationForestModel(m);
    case "lof":
      return lofModel(m);
    case "robust_z":
      return robustZModel(m);
    case "hbos":
      return hbosModel(m);
  }
}
