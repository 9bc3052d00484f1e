/**
 * Bundles end to end through the built CLI: `alchemist run --out` → `export` (bundle, onnx, by run
 * directory and by run id) → `predict`, whose CSV must equal `run --predictions`; and bundles that are
 * corrupted or from another format version are refused with typed errors.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../data/index.js";
import { readBundle, runOnnx, writeBundle } from "../export/index.js";
import { main } from "../server/cli.js";
import { getEstimator } from "../trainers/registry.js";
import { preprocessorFromJSON } from "../data/preprocess/index.js";
import { onlyJson } from "./cli.js";
import { datasetPath, datasetsAvailable } from "./datasets.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const memory = join(dir, "memory.db");
const runDir = join(dir, "run");
const predictions = join(dir, "run-predictions.csv");
let runId = "";

/** The CLI in-process (the same `main` the binary runs; spawning costs seconds on a busy machine). */
async function cli(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr, json: stdout.trim().startsWith("{") ? onlyJson(stdout) : null };
}

describe.skipIf(!datasetsAvailable())("export and predict", () => {
  beforeAll(async () => {
    const r = await cli([
      "run",
      datasetPath("penguins", "train.csv"),
      "--target",
      "Species",
      "--test",
      datasetPath("penguins", "test.csv"),
      "--trials",
      "3",
      "--workers",
      "1",
      "--out",
      runDir,
      "--predictions",
      predictions,
      "--memory",
      memory,
      "--json",
    ]);
    if (r.code !== 0) throw new Error(`run failed: ${r.stdout}${r.stderr}`);
    runId = (r.json as { run_id: string }).run_id;
  }, 120_000);

  it("exports a headless run as a bundle whose predictions equal run --predictions", async () => {
    const bundle = join(dir, "bundle");
    const e = await cli(["export", runDir, "--format", "bundle", "--out", bundle, "--json"]);
    expect(e.code, e.stderr).toBe(0);
    const b = readBundle(bundle);
    expect(b.manifest.classes).toEqual(["Adelie", "Chinstrap", "Gentoo"]);
    const card = readFileSync(join(bundle, "model-card.md"), "utf8");
    expect(card).toContain("accuracy");
    expect(card).toContain(b.manifest.alchemistVersion);
    const p = await cli(["predict", bundle, datasetPath("penguins", "test.csv"), "--proba"]);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toBe(readFileSync(predictions, "utf8"));
    const labelsOnly = await cli(["predict", bundle, datasetPath("penguins", "test.csv")]);
    expect(labelsOnly.stdout.split("\n")[0]).toBe("prediction");
    expect(labelsOnly.stdout.split("\n")[1]).toBe(p.stdout.split("\n")[1]?.split(",")[0]);
  });

  it("finds a run by id prefix in memory and writes a standalone ONNX file that agrees with the bundle", async () => {
    const onnxPath = join(dir, "model.onnx");
    const e = await cli([
      "export",
      runId.slice(0, 8),
      "--format",
      "onnx",
      "--out",
      onnxPath,
      "--memory",
      memory,
      "--json",
    ]);
    if (e.code !== 0) {
      // Only a pipeline without a faithful ONNX form may refuse, and then with ONNX_UNSUPPORTED.
      expect((e.json as { error: { code: string } }).error.code).toBe("ONNX_UNSUPPORTED");
      return;
    }
    const inputs = (e.json as { inputs: { name: string; type: "double" | "string" }[] }).inputs;
    const test = readCsv(datasetPath("penguins", "test.csv")).frame;
    const out = await runOnnx(readFileSync(onnxPath), inputs, test);
    const expected = readFileSync(predictions, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(",")[0]);
    expect(out.label).toEqual(expected);
  });

  it("refuses a corrupted bundle and one from another format version", async () => {
    const good = join(dir, "good");
    writeBundle(runDir, good);
    const corrupt = join(dir, "corrupt");
    cpSync(good, corrupt, { recursive: true });
    const pipelinePath = join(corrupt, "pipeline.json");
    writeFileSync(pipelinePath, readFileSync(pipelinePath, "utf8").replace('"weight":', '"weight": '));
    const c = await cli(["predict", corrupt, datasetPath("penguins", "test.csv"), "--json"]);
    expect(c.code).toBe(1);
    expect((c.json as { error: { code: string; message: string } }).error.code).toBe("BUNDLE_INVALID");
    expect((c.json as { error: { message: string } }).error.message).toContain("pipeline.json");

    const old = join(dir, "old");
    cpSync(good, old, { recursive: true });
    const m = JSON.parse(readFileSync(join(old, "manifest.json"), "utf8"));
    writeFileSync(join(old, "manifest.json"), JSON.stringify({ ...m, bundleVersion: 99 }));
    expect(() => readBundle(old)).toThrow(expect.objectContaining({ code: "BUNDLE_INCOMPATIBLE" }));

    const missing = join(dir, "missing");
    cpSync(good, missing, { recursive: true });
    rmSync(join(missing, "metrics.json"));
    expect(() => readBundle(missing)).toThrow(expect.objectContaining({ code: "BUNDLE_INVALID" }));
  });

  it("writes no model.onnx and says why in the card when a member has no faithful form", () => {
    const pipeline = JSON.parse(readFileSync(join(runDir, "pipeline.json"), "utf8"));
    const m = pipeline.members[0];
    // Refit the first member's model as kNN on the same preprocessed training rows.
    const train = readCsv(datasetPath("penguins", "train.csv")).frame;
    const X = preprocessorFromJSON(m.preprocessor).transform(train);
    const species = train.columns.find((c) => c.name === "Species");
    if (species?.kind !== "categorical") throw new Error("Species is not categorical");
    const classes: string[] = pipeline.classes;
    const y = Float64Array.from(species.codes, (k) => classes.indexOf(species.levels[k] as string));
    const knn = getEstimator("knn_classifier");
    const model = knn.fit(X, y, knn.params.parse({}), { seed: 0, nClasses: classes.length });
    pipeline.members = [{ ...m, weight: 1, model: model.toJSON() }];
    const out = join(dir, "knn-bundle");
    const manifest = writeBundle({ pipeline }, out);
    expect(manifest.onnx.file).toBeNull();
    expect(manifest.onnx.reasons.join(" ")).toMatch(/knn_classifier/);
    expect(readFileSync(join(out, "model-card.md"), "utf8")).toMatch(/No ONNX file[\s\S]*knn_classifier/);
    expect(readBundle(out).pipeline.members[0]?.model.estimator).toBe("knn_classifier");
  });

  it("rejects an --out that is some other non-empty folder", async () => {
    const other = join(dir, "other");
    cpSync(runDir, other, { recursive: true });
    const e = await cli(["export", runDir, "--out", other, "--json"]);
    expect(e.code).toBe(2);
    expect((e.json as { error: { code: string } }).error.code).toBe("INVALID_ARGUMENT");
  });
});
