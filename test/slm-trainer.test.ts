/**
 * The SLM trainer protocol end to end. A fake interpreter checks the parsing and failure mapping; then
 * the real PyTorch script trains a tiny randomly initialised causal LM with LoRA on CPU (a pipeline
 * check, not a quality claim) and its loss must fall. torch missing is a loud failure, never a skip:
 * CI installs Debian's python3-torch.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isAlchemistError } from "../core/errors.js";
import {
  chooseSlmBackend,
  detectSlmEnvironment,
  lineSplitter,
  parseProgressLine,
  runSlmTrainer,
  type SlmEnvironment,
} from "../trainers/slm/index.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-slm-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const QA: [string, string][] = [
  ["What must be done before the first start?", "The pump must be primed before the first start."],
  ["How long does the warranty cover parts?", "The warranty covers parts for two years."],
  ["How often should the filter be cleaned?", "The filter should be cleaned every month."],
  ["What does error E4 mean?", "Error E4 means the water pressure is too low."],
  ["What water goes in the tank?", "Use only distilled water in the tank."],
  ["What does the blue light show?", "The blue light shows that the heater is on."],
  ["How are the defaults restored?", "Press reset for five seconds to restore the defaults."],
  ["How much does the machine weigh?", "The machine weighs twelve kilograms."],
];

function writeRecords(path: string, rows: [string, string][]): void {
  const lines = rows.map(([q, a]) =>
    JSON.stringify({
      messages: [
        { role: "system", content: "Answer from the manual." },
        { role: "user", content: q },
        { role: "assistant", content: a },
      ],
      source: { file: "manual.md", start: 0, end: a.length },
    }),
  );
  writeFileSync(path, `${lines.join("\n")}\n`);
}

describe("progress protocol parsing", () => {
  it("parses events and keeps anything else as log lines", () => {
    expect(parseProgressLine('{"event":"step","step":3,"loss":2.5,"tokens_per_s":100,"v":1}')).toEqual({
      kind: "event",
      event: { event: "step", step: 3, loss: 2.5, tokens_per_s: 100 },
    });
    expect(parseProgressLine("Loading checkpoint shards: 100%").kind).toBe("log");
    expect(parseProgressLine('{"event":"step","step":0,"loss":"nan"}')).toMatchObject({ kind: "log" });
    expect(parseProgressLine('{"event":"launch"}').kind).toBe("log");
  });

  it("splits lines across chunk boundaries, multi-byte characters included", () => {
    const s = lineSplitter();
    const bytes = Buffer.from('{"a":"é"}\nsecond\r\nthi');
    expect([...s.push(bytes.subarray(0, 7)), ...s.push(bytes.subarray(7))]).toEqual(['{"a":"é"}', "second"]);
    expect(s.end()).toEqual(["thi"]);
  });
});

describe("runSlmTrainer with a fake interpreter", () => {
  const fake = (name: string, body: string): string => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };
  const train = join(dir, "fake-train.jsonl");
  writeRecords(train, QA);

  it("follows the events to a result and ignores stray output", async () => {
    const python = fake(
      "ok-python",
      [
        `echo '{"event":"start","backend":"torch","model":"m","device":"cpu","train_examples":8,"eval_examples":0}'`,
        "echo 'a library printed this'",
        `echo '{"event":"step","step":1,"loss":3.0,"tokens_per_s":10}'`,
        `echo '{"event":"step","step":2,"loss":2.0,"tokens_per_s":12}'`,
        `echo '{"event":"done","step":2,"train_loss":2.0,"eval_loss":null,"adapter_dir":"/x/adapter","seconds":0.1}'`,
      ].join("\n"),
    );
    const seen: string[] = [];
    const r = await runSlmTrainer(
      "torch",
      python,
      { trainFile: train, outDir: join(dir, "fake-ok") },
      {
        onEvent: (e) => seen.push(e.event),
      },
    );
    expect(seen).toEqual(["start", "step", "step", "done"]);
    expect(r.steps.map((s) => s.loss)).toEqual([3, 2]);
    expect(r.adapterDir).toBe("/x/adapter");
    expect(r.stderrTail.some((l) => l.includes("a library printed this"))).toBe(true);
    const config = JSON.parse(readFileSync(join(dir, "fake-ok", "trainer-config.json"), "utf8"));
    expect(config).toMatchObject({ steps: 60, lora_rank: 8, base_model: null });
  });

  it("maps a reported error, a crash and a missing library to typed errors", async () => {
    const reported = fake(
      "err-python",
      `echo '{"event":"error","message":"the loss became nan","code":"NON_FINITE_LOSS"}'; exit 1`,
    );
    const crashed = fake("crash-python", `echo 'Traceback: boom' >&2; exit 3`);
    const missing = fake(
      "dep-python",
      `echo '{"event":"error","message":"no torch","code":"MISSING_DEPENDENCY"}'; exit 1`,
    );
    const codeOf = async (python: string) => {
      try {
        await runSlmTrainer("torch", python, { trainFile: train, outDir: join(dir, "fake-err") });
      } catch (e) {
        return isAlchemistError(e) ? `${e.code}: ${e.message}` : String(e);
      }
      return "resolved";
    };
    expect(await codeOf(reported)).toMatch(/^TRAINER_FAILED: .*the loss became nan/);
    expect(await codeOf(crashed)).toMatch(/^TRAINER_FAILED: .*status 3[\s\S]*Traceback: boom/);
    expect(await codeOf(missing)).toMatch(/^TRAINER_UNAVAILABLE/);
  });
});

describe("choosing a backend", () => {
  const env = (probe: Partial<NonNullable<SlmEnvironment["probe"]>>): SlmEnvironment => ({
    python: "/usr/bin/python3",
    tried: [],
    probe: {
      python: "/usr/bin/python3",
      python_version: "3.11",
      platform: "linux",
      machine: "x86_64",
      torch: null,
      cuda: false,
      mps: false,
      transformers: false,
      peft: false,
      unsloth: false,
      mlx_lm: false,
      ...probe,
    },
  });

  it("says exactly what to install when nothing can run", () => {
    try {
      chooseSlmBackend("auto", env({}), undefined);
      expect.unreachable();
    } catch (e) {
      expect(isAlchemistError(e) && e.code).toBe("TRAINER_UNAVAILABLE");
      expect((e as Error).message).toContain("apt-get install python3-torch");
      expect((e as Error).message).toContain("pip install unsloth");
      expect((e as Error).message).toContain("pip install mlx-lm");
    }
  });

  it("prefers unsloth on CUDA with a base model, and trains the tiny model with torch alone", () => {
    const gpu = env({ torch: "2.4", cuda: true, unsloth: true, transformers: true, peft: true });
    expect(chooseSlmBackend("auto", gpu, "/models/qwen").backend).toBe("unsloth");
    expect(chooseSlmBackend("auto", gpu, undefined).backend).toBe("torch");
    const cpu = env({ torch: "1.13" });
    expect(chooseSlmBackend("auto", cpu, undefined).why).toContain("tiny");
    expect(() => chooseSlmBackend("auto", cpu, "/models/qwen")).toThrow(/pip install transformers peft/);
    expect(() => chooseSlmBackend("mlx", cpu, "/models/qwen")).toThrow(/mlx_lm is not installed/);
  });
});

describe("PyTorch trainer on CPU (tiny random model + LoRA)", () => {
  it("finds torch, trains, and the loss falls", async () => {
    const found = await detectSlmEnvironment();
    if (found.probe?.torch == null) {
      throw new Error(
        `PyTorch is required for this test and was not found (tried: ${JSON.stringify(found.tried)}). ` +
          "Install it: apt-get install python3-torch (Debian), or set ALCHEMIST_PYTHON to a Python with torch.",
      );
    }
    const trainFile = join(dir, "train.jsonl");
    const evalFile = join(dir, "eval.jsonl");
    writeRecords(trainFile, QA.slice(0, 6));
    writeRecords(evalFile, QA.slice(6));
    const choice = chooseSlmBackend("torch", found, undefined);
    const r = await runSlmTrainer(choice.backend, choice.python, {
      trainFile,
      evalFile,
      outDir: join(dir, "torch"),
      steps: 30,
      batchSize: 6,
      evalEvery: 10,
      maxSeqLen: 128,
      threads: 1, // 2 threads on 2 busy cores thrash: 1 is several times faster here
      generate: 2,
      maxNewTokens: 16,
    });
    expect(r.model).toBe("tiny-random");
    expect(r.steps).toHaveLength(30);
    expect(r.evals.map((e) => e.step)).toEqual([10, 20, 30]);
    const first = r.steps.slice(0, 3).reduce((a, s) => a + s.loss, 0) / 3;
    const last = r.steps.slice(-3).reduce((a, s) => a + s.loss, 0) / 3;
    // ln(258) ≈ 5.55 for a uniform guess over the byte vocabulary; LoRA must beat it clearly.
    expect(first).toBeGreaterThan(4.5);
    expect(last).toBeLessThan(first * 0.8);
    expect(r.evals.at(-1)!.evalLoss).toBeLessThan(r.evals[0]!.evalLoss);
    expect(r.steps.every((s) => s.tokensPerS > 0)).toBe(true);
    expect(r.generations.map((g) => g.index)).toEqual([0, 1]);
    expect(existsSync(join(r.adapterDir, "adapter_model.pt"))).toBe(true);
    const cfg = JSON.parse(readFileSync(join(r.adapterDir, "adapter_config.json"), "utf8"));
    expect(cfg.base.kind).toBe("random-init");
    process.stderr.write(
      `[slm-trainer] tiny LoRA loss ${first.toFixed(3)} → ${last.toFixed(3)} in ${r.seconds.toFixed(1)} s\n`,
    );
  }, 90_000);
});
