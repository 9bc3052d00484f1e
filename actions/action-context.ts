/** Builds an ActionContext from a profile, the current spec and the run's metric. */
import type { PipelineSpec } from "../data/preprocess/index.js";
import type { Profile } from "../data/profile/index.js";
import type { MetricName } from "../evaluate/metrics/index.js";
import type { ActionContext } from "./action-schema.js";

/** Columns in profile order, the target flagged; the task is the spec's (the one being trained). */
export function actionContext(profile: Profile, spec: PipelineSpec, metric: MetricName): ActionContext {
  return {
    task: spec.task,
    metric,
    spec,
    columns: profile.columns.map((c) =>
      c.role === "target" || c.name === spec.target
        ? { name: c.name, kind: c.kind, target: true }
        : { name: c.name, kind: c.kind },
    ),
  };
}
