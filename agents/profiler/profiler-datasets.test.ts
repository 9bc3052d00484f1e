/** The profiler's heuristic tier on every shared dataset: valid, consistent, and saying the right things. */
import { beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../../data/csv-reader.js";
import { createFrame } from "../../data/frame.js";
import { type Profile, profileFrame } from "../../data/profile/index.js";
import {
  DATASET_NAMES,
  type DatasetName,
  datasetMeta,
  datasetPath,
  datasetsAvailable,
} from "../../test/datasets.js";
import { ScriptedGateway } from "../testing/scripted-gateway.js";
import { profilerAgent } from "./profiler-agent.js";
import { checkProfilerOutput } from "./profiler-checks.js";
import { type ProfilerOutput, ProfilerOutputSchema } from "./profiler-schema.js";

/**
 * Profiles a dataset's train.csv with its meta.json target. Clustering and anomaly sets are profiled
 * without a target and without their label column (hidden from the learner, as their meta notes say).
 */
function profileDataset(name: DatasetName): Profile {
  const meta = datasetMeta(name);
  const read = readCsv(datasetPath(name, "train.csv"));
  if (meta.task === "clustering" || meta.task === "anomaly") {
    const frame = createFrame(read.frame.columns.filter((c) => c.name !== meta.target));
    return profileFrame(frame, { coercions: read.coercions, task: meta.task });
  }
  return profileFrame(read.frame, { coercions: read.coercions, target: meta.target });
}

const suite = datasetsAvailable() ? describe : describe.skip;

suite("profiler heuristic on the shared datasets", () => {
  const outputs = new Map<DatasetName, { profile: Profile; out: ProfilerOutput }>();
  beforeAll(async () => {
    const gateway = new ScriptedGateway({ modelId: "none" });
    for (const name of DATASET_NAMES) {
      const profile = profileDataset(name);
      const r = await profilerAgent.analyze({ profile, dataset: name }, { gateway });
      expect(r.tier).toBe("heuristic");
      outputs.set(name, { profile, out: r.value });
    }
    expect(gateway.calls).toHaveLength(0);
  });
  const get = (name: DatasetName) => outputs.get(name)!;
  const step = (out: ProfilerOutput, type: string, column?: string) =>
    out.preprocessing.filter((p) => p.step === type && (column === undefined || p.column === column));
  const issuesOf = (out: ProfilerOutput, column: string) =>
    out.qualityIssues.filter((i) => i.column === column);

  it.each(DATASET_NAMES)("%s: validates, confirms the task, never drops the target", (name) => {
    const { profile, out } = get(name);
    expect(ProfilerOutputSchema.safeParse(out).success).toBe(true);
    expect(checkProfilerOutput(out, { profile })).toEqual([]);
    expect(out.task).toMatchObject({ task: datasetMeta(name).task, status: "confirmed" });
    expect(out.task.reason).toContain(profile.taskReason);
    const dropped = new Set(out.dropColumns.map((d) => d.column));
    expect(dropped.has(datasetMeta(name).target)).toBe(false);
    // Nothing is both dropped and preprocessed.
    for (const p of out.preprocessing) {
      if (p.step !== "drop_columns" && p.column !== undefined) expect(dropped.has(p.column)).toBe(false);
    }
    expect(out.summary).toContain(name);
  });

  it("credit_data: imputes Income with the median and an indicator, fills categoricals, one-hot encodes", () => {
    const { out } = get("credit_data");
    const [income] = step(out, "impute", "Income");
    expect(income?.suggestion).toMatch(/median/);
    expect(income?.suggestion).toMatch(/indicator/);
    expect(issuesOf(out, "Income")[0]).toMatchObject({ severity: "medium" });
    for (const c of ["Home", "Marital", "Job"]) {
      expect(step(out, "impute", c)[0]?.suggestion).toMatch(/most frequent/);
      expect(step(out, "encode", c)[0]?.suggestion).toMatch(/one-hot/);
    }
    // 2.55:1 is below the class-weight threshold.
    expect(step(out, "rebalance")).toEqual([]);
    expect(out.qualityIssues.some((i) => /repeats? an earlier row/.test(i.issue))).toBe(true);
    expect(out.dropColumns).toEqual([]);
  });

  it("penguins: flags Sex's '.' level and its missing values", () => {
    const { out } = get("penguins");
    const sex = issuesOf(out, "Sex");
    expect(sex.some((i) => i.issue.includes("'.'"))).toBe(true);
    expect(sex.some((i) => /missing/.test(i.issue))).toBe(true);
    expect(step(out, "impute", "Sex")[0]?.suggestion).toMatch(/'\.' as missing/);
    expect(step(out, "impute", "Body Mass (g)")).toHaveLength(1);
    expect(step(out, "encode", "Island")).toHaveLength(1);
    expect(out.qualityIssues.some((i) => /only 258 rows/.test(i.issue))).toBe(true);
  });

  it("airpassengers: confirms the forecast and derives calendar parts from the time column", () => {
    const { out } = get("airpassengers");
    expect(out.task.task).toBe("forecast");
    expect(step(out, "datetime_features", "month")).toHaveLength(1);
    expect(out.dropColumns).toEqual([]);
  });

  it("diamonds: log hint for the skewed price, zero sizes flagged, cut/color/clarity encoded", () => {
    const { out } = get("diamonds");
    expect(issuesOf(out, "price").some((i) => /log1p/.test(i.action))).toBe(true);
    for (const c of ["x", "y", "z"])
      expect(issuesOf(out, c).some((i) => /exactly 0/.test(i.issue))).toBe(true);
    for (const c of ["cut", "color", "clarity"]) expect(step(out, "encode", c)).toHaveLength(1);
    expect(out.qualityIssues.some((i) => /81 rows/.test(i.issue))).toBe(true);
  });

  it("letter: flags the 5% duplicate rows, no false zero alarms on 0..15 features", () => {
    const { out } = get("letter");
    expect(out.qualityIssues.find((i) => /repeats? an earlier row/.test(i.issue))).toMatchObject({
      severity: "medium",
    });
    expect(out.qualityIssues.some((i) => /exactly 0/.test(i.issue))).toBe(false);
    expect(out.task.task).toBe("multiclass");
  });

  it("breast_cancer: clean data, heavy tails clipped for linear models, no imputation", () => {
    const { out } = get("breast_cancer");
    expect(step(out, "impute")).toEqual([]);
    expect(step(out, "clip_outliers", "area error")).toHaveLength(1);
    expect(out.qualityIssues.every((i) => i.severity === "low")).toBe(true);
  });

  it("diabetes: small regression table, no drops, no target log hint", () => {
    const { out } = get("diabetes");
    expect(out.qualityIssues.some((i) => /only 331 rows/.test(i.issue))).toBe(true);
    expect(out.qualityIssues.some((i) => /log1p/.test(i.action))).toBe(false);
    expect(out.dropColumns).toEqual([]);
  });

  it("iris_clusters and shuttle_anomaly: unsupervised, scaled, no supervised advice", () => {
    for (const name of ["iris_clusters", "shuttle_anomaly"] as const) {
      const { out } = get(name);
      expect(step(out, "scale")).toHaveLength(1);
      expect(step(out, "clip_outliers")).toEqual([]);
      expect(step(out, "rebalance")).toEqual([]);
      expect(step(out, "encode")).toEqual([]);
    }
    expect(get("shuttle_anomaly").out.task.task).toBe("anomaly");
  });

  it("sends a compact digest of the profile, not the whole profile", () => {
    const { profile } = get("letter");
    const [, user] = profilerAgent.messages({ profile, dataset: "letter" });
    expect(user!.content.length).toBeLessThan(JSON.stringify(profile).length);
    expect(user!.content).toContain('<data name="dataset">\n"letter"\n</data>');
    expect(user!.content).toContain('"name":"x.box"');
  });
});
