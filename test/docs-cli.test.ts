/**
 * `alchemist docs` through the CLI's dispatcher in process: a folder of documents (one unreadable) to
 * train/eval JSONL, report.md/json and the --json summary, offline with --train none; typed usage errors.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ChatRecordSchema } from "../documents/slm/index.js";
import { main } from "../server/cli.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-docs-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const folder = join(dir, "docs");
mkdirSync(join(folder, "sub"), { recursive: true });
const TEXTS: Record<string, string> = {
  "pump.md":
    "# Pump manual\n\nThe pump is a centrifugal unit rated for 40 litres per minute. It must be primed before the first start.\n\n## Maintenance\n\nThe filter should be cleaned every month with warm water. Error E4 means the water pressure is too low.\n",
  "kettle.txt":
    "The kettle is a cordless appliance with a capacity of 1.7 litres. The base requires a grounded socket.\nNever fill the kettle above the MAX mark. The lid must be closed before boiling.\n",
  "sub/heater.md":
    "# Heater\n\nThe heater has three power levels of 800, 1200 and 2000 watts. Frost mode is a setting that keeps the room above 5 degrees.\n",
};
for (const [f, t] of Object.entries(TEXTS)) writeFileSync(join(folder, f), t);
writeFileSync(join(folder, "blob.bin"), Buffer.from([0, 1, 2, 3]));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

describe("alchemist docs", () => {
  it("writes grounded datasets and an honest report offline (--train none --json)", async () => {
    const out = join(dir, "out");
    const r = await cli([
      "docs",
      folder,
      "--out",
      out,
      "--train",
      "none",
      "--pairs",
      "50",
      "--dpo",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining([
        "documents_provided",
        "documents_processed",
        "skipped",
        "pairs",
        "citation_coverage",
        "verdicts",
        "trainer",
      ]),
    );
    expect(j.documents_provided).toBe(4);
    expect(j.documents_processed).toBe(3);
    expect(j.skipped).toEqual([expect.objectContaining({ file: "blob.bin", code: "UNSUPPORTED_FORMAT" })]);
    expect(j.citation_coverage).toBe(1);
    expect(j.pairs).toBeGreaterThan(3);
    expect(j.verdicts).toContain(`undertrained: ${j.pairs} pairs of 50 wanted`);
    expect(j.trainer).toMatchObject({ status: "not_requested", backend: null });

    const read = (f: string) =>
      readFileSync(join(out, f), "utf8")
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l));
    const train = read("train.jsonl");
    const held = read("eval.jsonl");
    expect(train.length + held.length).toBe(j.pairs);
    expect(held.length).toBeGreaterThan(0);
    for (const rec of [...train, ...held]) {
      const parsed = ChatRecordSchema.parse(rec);
      // The citation's offsets address the document text: the answer sentence sits there.
      const text = TEXTS[parsed.source.file]!;
      expect(text.slice(parsed.source.start, parsed.source.end)).toBe(parsed.messages[2]!.content);
    }
    const trainFiles = new Set(train.map((x) => x.source.file));
    for (const rec of held) expect(trainFiles.has(rec.source.file)).toBe(false);
    expect(read("dpo.jsonl").length).toBeGreaterThan(0);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report.evaluation.pairs).toBe(j.pairs);
    const md = readFileSync(join(out, "report.md"), "utf8");
    expect(md).toContain(`undertrained: ${j.pairs} pairs of 50 wanted`);
    expect(md).toContain("| documents processed / provided | 3 / 4 |");
  });

  it("refuses bad usage with typed errors", async () => {
    const noOut = await cli(["docs", folder, "--json"]);
    expect(noOut.code).toBe(2);
    expect(JSON.parse(noOut.stdout).error).toMatchObject({ code: "INVALID_ARGUMENT", parameter: "out" });
    const badTrain = await cli(["docs", folder, "--out", join(dir, "x"), "--train", "gpu", "--json"]);
    expect(JSON.parse(badTrain.stdout).error).toMatchObject({ code: "INVALID_ARGUMENT", parameter: "train" });
    const missing = await cli([
      "docs",
      join(dir, "nope"),
      "--out",
      join(dir, "y"),
      "--train",
      "none",
      "--json",
    ]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe("FILE_NOT_FOUND");
  });

  it("says what to install when an explicitly requested trainer cannot run", async () => {
    const r = await cli(["docs", folder, "--out", join(dir, "z"), "--train", "mlx", "--json"]);
    expect(r.code).toBe(1);
    const err = JSON.parse(r.stdout).error;
    expect(err.code).toBe("TRAINER_UNAVAILABLE");
    expect(err.message).toContain("pip install mlx-lm");
  });
});
