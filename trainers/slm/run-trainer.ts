/** Runs one SLM trainer script as a subprocess (execa) and follows its JSON-lines progress to a typed result. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { execa } from "execa";
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import type { SlmBackend } from "./detect.js";
import { lineSplitter, parseProgressLine, type SlmEvent } from "./protocol.js";
import { slmScript } from "./python-scripts.js";

/** What a trainer is asked to do; every field has a default except the files. */
export const SlmTrainConfigSchema = z.object({
  trainFile: z.string().describe("JSON Lines of {messages, source} records"),
  evalFile: z.string().optional().describe("held-out records, same shape"),
  outDir: z.string().describe("the adapter goes to <outDir>/adapter"),
  baseModel: z
    .string()
    .optional()
    .describe("local path or cached id; absent = the tiny random model (torch)"),
  steps: z.number().int().min(1).max(1_000_000).default(60),
  batchSize: z.number().int().min(1).max(4096).default(8),
  lr: z.number().positive().optional().describe("default 3e-3 tiny, 2e-4 base models, 1e-5 mlx"),
  loraRank: z.number().int().min(1).max(1024).default(8),
  loraAlpha: z.number().positive().default(16),
  maxSeqLen: z.number().int().min(16).max(131_072).optional(),
  seed: z.number().int().default(0),
  device: z.enum(["auto", "cpu", "cuda", "mps"]).default("auto"),
  evalEvery: z.number().int().min(1).default(10),
  /** Held-out prompts answered by the trained model (for the answer-overlap score). */
  generate: z.number().int().min(0).default(8),
  maxNewTokens: z.number().int().min(1).default(64),
  threads: z.number().int().min(1).optional().describe("torch CPU threads"),
  merge: z.boolean().default(false).describe("also save the merged model (what GGUF conversion reads)"),
  qlora: z.boolean().default(true).describe("unsloth: load the base in 4 bits"),
  tiny: z
    .object({
      dModel: z.number().int().min(8).default(64),
      layers: z.number().int().min(1).default(2),
      heads: z.number().int().min(1).default(4),
    })
    .optional(),
});
export type SlmTrainConfig = z.output<typeof SlmTrainConfigSchema>;
export type SlmTrainConfigInput = z.input<typeof SlmTrainConfigSchema>;

/** Everything a run reported, in order. */
export interface SlmTrainResult {
  backend: SlmBackend;
  python: string;
  model: string;
  device: string;
  steps: { step: number; loss: number; tokensPerS: number }[];
  evals: { step: number; evalLoss: number }[];
  /** Held-out answers of the trained model, by index into the eval file. */
  generations: { index: number; text: string }[];
  adapterDir: string;
  trainLoss: number | null;
  evalLoss: number | null;
  seconds: number;
  /** The last stderr lines (library warnings), for the report's appendix. */
  stderrTail: string[];
}

export interface RunSlmTrainerOptions {
  onEvent?: (event: SlmEvent) => void;
  signal?: AbortSignal;
  /** Hard limit for the subprocess (default: none). */
  timeoutMs?: number;
}

const SCRIPTS: Record<SlmBackend, string> = {
  torch: "train_torch.py",
  unsloth: "train_unsloth.py",
  mlx: "train_mlx.py",
};
const STDERR_TAIL = 20;

function snakeConfig(c: SlmTrainConfig): Record<string, unknown> {
  return {
    train_file: resolve(c.trainFile),
    eval_file: c.evalFile ? resolve(c.evalFile) : null,
    out_dir: resolve(c.outDir),
    base_model: c.baseModel ?? null,
    steps: c.steps,
    batch_size: c.batchSize,
    ...(c.lr !== undefined ? { lr: c.lr } : {}),
    lora_rank: c.loraRank,
    lora_alpha: c.loraAlpha,
    ...(c.maxSeqLen !== undefined ? { max_seq_len: c.maxSeqLen } : {}),
    seed: c.seed,
    device: c.device,
    eval_every: c.evalEvery,
    generate: c.generate,
    max_new_tokens: c.maxNewTokens,
    ...(c.threads !== undefined ? { threads: c.threads } : {}),
    merge: c.merge,
    qlora: c.qlora,
    ...(c.tiny ? { tiny: { d_model: c.tiny.dModel, layers: c.tiny.layers, heads: c.tiny.heads } } : {}),
  };
}

/**
 * Runs `backend`'s script with `python`. Resolves when the script reports `done`; rejects with
 * TRAINER_UNAVAILABLE when the script lacks a library, TRAINER_FAILED for any other failure (its
 * reported error, or the exit status with the stderr tail), or the abort reason when cancelled.
 */
export async function runSlmTrainer(
  backend: SlmBackend,
  python: string,
  input: SlmTrainConfigInput,
  options: RunSlmTrainerOptions = {},
): Promise<SlmTrainResult> {
  const config = SlmTrainConfigSchema.parse(input);
  mkdirSync(config.outDir, { recursive: true });
  const configPath = join(config.outDir, "trainer-config.json");
  writeFileSync(configPath, `${JSON.stringify(snakeConfig(config), null, 2)}\n`);
  const script = slmScript(SCRIPTS[backend]);

  const result: SlmTrainResult = {
    backend,
    python,
    model: "",
    device: "",
    steps: [],
    evals: [],
    generations: [],
    adapterDir: "",
    trainLoss: null,
    evalLoss: null,
    seconds: 0,
    stderrTail: [],
  };
  let failure: { message: string; code?: string | undefined } | undefined;
  let done = false;
  const onEvent = (e: SlmEvent): void => {
    switch (e.event) {
      case "start":
        result.model = e.model;
        result.device = e.device;
        break;
      case "step":
        result.steps.push({ step: e.step, loss: e.loss, tokensPerS: e.tokens_per_s });
        break;
      case "eval":
        result.evals.push({ step: e.step, evalLoss: e.eval_loss });
        break;
      case "generation":
        result.generations.push({ index: e.index, text: e.text });
        break;
      case "done":
        done = true;
        result.adapterDir = e.adapter_dir;
        result.trainLoss = e.train_loss;
        result.evalLoss = e.eval_loss;
        result.seconds = e.seconds;
        break;
      case "error":
        failure = { message: e.message, code: e.code };
        break;
    }
    options.onEvent?.(e);
  };

  const child = execa(python, [script, configPath], {
    reject: false,
    buffer: false,
    stdin: "ignore",
    env: { PYTHONDONTWRITEBYTECODE: "1", PYTHONUNBUFFERED: "1" },
    ...(options.signal ? { cancelSignal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
  });
  const out = lineSplitter();
  const err = lineSplitter();
  const handle = (line: string): void => {
    if (line.trim() === "") return;
    const parsed = parseProgressLine(line);
    if (parsed.kind === "event") onEvent(parsed.event);
    else keepTail(result.stderrTail, `[stdout] ${line}`);
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    for (const line of out.push(chunk)) handle(line);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    for (const line of err.push(chunk)) keepTail(result.stderrTail, line);
  });
  const exit = await child;
  for (const line of out.end()) handle(line);
  for (const line of err.end()) keepTail(result.stderrTail, line);
  options.signal?.throwIfAborted();

  if (failure) {
    const code = failure.code === "MISSING_DEPENDENCY" ? "TRAINER_UNAVAILABLE" : "TRAINER_FAILED";
    throw new AlchemistError(code, `The ${backend} trainer failed: ${failure.message}`, {
      trainerCode: failure.code ?? null,
      stderr: result.stderrTail.slice(-5),
    });
  }
  if (exit.timedOut) {
    throw new AlchemistError("TRAINER_FAILED", `The ${backend} trainer ran past ${options.timeoutMs} ms.`);
  }
  if (exit.exitCode !== 0 || !done) {
    const why =
      exit.exitCode === undefined
        ? `could not start (${exit.shortMessage})`
        : `exited with status ${exit.exitCode}`;
    throw new AlchemistError(
      "TRAINER_FAILED",
      `The ${backend} trainer ${why}${done ? "" : " without reporting 'done'"}:\n${result.stderrTail.slice(-5).join("\n")}`,
      { exitCode: exit.exitCode ?? null },
    );
  }
  return result;
}

function keepTail(tail: string[], line: string): void {
  if (line.trim() === "") return;
  tail.push(line);
  if (tail.length > STDERR_TAIL) tail.shift();
}
