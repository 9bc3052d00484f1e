/** Revives a serialised unsupervised model (preprocessing included) into functions over Frames. */
import { AlchemistError } from "../../core/errors.js";
import type { Frame } from "../../data/frame.js";
import { preprocessorFromJSON } from "../../data/preprocess/index.js";
import { detectorFromJSON, flag } from "../../trainers/anomaly/index.js";
import { clusterModelFromJSON } from "../../trainers/cluster/index.js";
import { calibrate } from "./calibration.js";
import { transformRows } from "./prepare.js";
import {
  type AnomalyModelJSON,
  AnomalyModelSchema,
  type ClusteringModelJSON,
  ClusteringModelSchema,
} from "./unsupervised-schema.js";

export interface RevivedClustering {
  readonly json: ClusteringModelJSON;
  /** Cluster id per row (DBSCAN: −1 for noise). */
  assign(frame: Frame): Int32Array;
}

export interface RevivedAnomaly {
  readonly json: AnomalyModelJSON;
  /** Higher = more anomalous. */
  score(frame: Frame): Float64Array;
  /** 1 = anomaly (score above the fitted threshold). */
  predict(frame: Frame): Uint8Array;
}

function parse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: Error } },
  json: unknown,
  what: string,
): T {
  const r = schema.safeParse(json);
  if (!r.success) {
    throw new AlchemistError("INVALID_MODEL_STATE", `Not a serialised ${what} model: ${r.error.message}`, {});
  }
  return r.data;
}

/** The clustering model a search returned as `best`. INVALID_MODEL_STATE when malformed. */
export function reviveClustering(json: unknown): RevivedClustering {
  const m = parse<ClusteringModelJSON>(ClusteringModelSchema, json, "clustering");
  const pre = preprocessorFromJSON(m.preprocessor);
  const model = clusterModelFromJSON(m.model);
  return {
    json: m,
    assign(frame) {
      const X = transformRows(pre, frame);
      return model.assign(X.data, X.n);
    },
  };
}

/** The anomaly model a search returned as `best`. INVALID_MODEL_STATE when malformed. */
export function reviveAnomaly(json: unknown): RevivedAnomaly {
  const m = parse<AnomalyModelJSON>(AnomalyModelSchema, json, "anomaly");
  const members = m.members.map((mem) => ({
    pre: preprocessorFromJSON(mem.preprocessor),
    detector: detectorFromJSON(mem.detector),
    calibration: mem.calibration,
    weight: mem.weight,
  }));
  const score = (frame: Frame): Float64Array => {
    if (m.combine === "single") {
      const only = members[0] as (typeof members)[number];
      const X = transformRows(only.pre, frame);
      return only.detector.score(X.data, X.n);
    }
    const out = new Float64Array(frame.nRows);
    for (const mem of members) {
      const X = transformRows(mem.pre, frame);
      const r = calibrate(mem.calibration, mem.detector.score(X.data, X.n));
      for (let i = 0; i < out.length; i++) out[i]! += (r[i] as number) * mem.weight;
    }
    return out;
  };
  return { json: m, score, predict: (frame) => flag(score(frame), m.threshold) };
}
