/** `alchemist profile` end to end through the built CLI, on every shared dataset and on bad input. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { onlyJson, runCli } from "./cli.js";
import { DATASET_NAMES, datasetMeta, datasetPath } from "./datasets.js";

describe("alchemist profile --json on the shared datasets", () => {
  for (const name of DATASET_NAMES) {
    const meta = datasetMeta(name);
    const unsupervised = meta.task === "clustering" || meta.task === "anomaly";
    it(`${name}: detects ${unsupervised ? "clustering or anomaly (no target)" : meta.task}`, () => {
      const args = ["profile", datasetPath(name, "train.csv"), "--json"];
      if (!unsupervised) args.push("--target", meta.target);
      const r = runCli(args);
      expect(r.code, r.stderr).toBe(0);
      const profile = onlyJson(r.stdout);
      if (unsupervised) expect(["clustering", "anomaly"]).toContain(profile.task);
      else expect(profile.task).toBe(meta.task);
      expect(profile.nRows).toBe(meta.train_rows);
    });
  }
});

describe("alchemist profile on bad input", () => {
  const dir = mkdtempSync(join(tmpdir(), "alchemist-cli-"));
  const file = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  const cases: { name: string; args: () => string[]; code: string; mentions: string }[] = [
    {
      name: "missing file",
      args: () => [join(dir, "nope.csv")],
      code: "FILE_NOT_FOUND",
      mentions: "nope.csv",
    },
    { name: "empty file", args: () => [file("empty.csv", "")], code: "EMPTY_FILE", mentions: "empty" },
    {
      name: "header only",
      args: () => [file("header.csv", "a,b,c\n")],
      code: "NO_DATA_ROWS",
      mentions: "no data rows",
    },
    {
      name: "ragged row",
      args: () => [file("ragged.csv", "a,b\n1,2\n3,4,5\n")],
      code: "RAGGED_ROW",
      mentions: "Line 3",
    },
    {
      name: "misspelt target",
      args: () => [datasetPath("penguins", "train.csv"), "--target", "species"],
      code: "TARGET_NOT_FOUND",
      mentions: "Species",
    },
    {
      name: "unknown task",
      args: () => [datasetPath("penguins", "train.csv"), "--task", "ranking"],
      code: "INVALID_ARGUMENT",
      mentions: "ranking",
    },
    {
      name: "bad JSON",
      args: () => [file("bad.json", '[{"a": 1}, {"a": ]')],
      code: "MALFORMED_JSON",
      mentions: "line",
    },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.code}, one JSON object, no stack trace`, () => {
      const r = runCli(["profile", ...c.args(), "--json"]);
      expect(r.code).not.toBe(0);
      const out = onlyJson(r.stdout) as { error: { code: string; message: string } };
      expect(out.error.code).toBe(c.code);
      expect(out.error.message).toContain(c.mentions);
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it("without --json, errors go to stderr and stdout stays empty", () => {
    const r = runCli(["profile", join(dir, "nope.csv")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("nope.csv");
  });

  it("records coercions of messy data instead of failing", () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode("\uFEFFname;score;when\r\n"),
      0x4d,
      0xfc,
      0x6c,
      0x6c,
      0x65,
      0x72, // "Müller" in Latin-1
      ...new TextEncoder().encode(";1,5;2021-01-02\r\nLee;;2021-01-03\r\nKim;?;2021-01-04\r\n"),
    ]);
    const r = runCli(["profile", file("messy.csv", bytes), "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const p = onlyJson(r.stdout) as { coercions: { message: string }[]; source: { delimiter: string } };
    expect(p.source.delimiter).toBe(";");
    const messages = p.coercions.map((c) => c.message).join("\n");
    expect(messages).toContain("Latin-1");
    expect(messages).toContain("when: dates, format YYYY-MM-DD");
  });
});

describe("alchemist profile on a TTY-style run", () => {
  it("prints a readable summary of the bundled example", () => {
    const r = runCli(["profile", "examples/penguins.csv", "--target", "Species"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Task: multiclass");
    expect(r.stdout).toContain("Sex: '.' kept as its own level, 1 row");
    expect(r.stdout).toMatch(/Quality \d+\/100/);
  });
});

describe("alchemist models", () => {
  it("--json lists every registry entry with its parameters", () => {
    const r = runCli(["models", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const models = JSON.parse(r.stdout) as {
      name: string;
      family: string;
      tasks: string[];
      params: { properties: object };
    }[];
    expect(models.length).toBeGreaterThanOrEqual(20);
    for (const m of models) expect(Object.keys(m.params.properties).length).toBeGreaterThanOrEqual(0);
    const regression = JSON.parse(runCli(["models", "--task", "regression", "--json"]).stdout) as {
      tasks: string[];
    }[];
    expect(regression.length).toBeGreaterThan(5);
    for (const m of regression) expect(m.tasks).toContain("regression");
  });
});
