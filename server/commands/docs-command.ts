/** `alchemist docs <folder> --out <dir>`: documents → grounded Q&A → datasets → optional SLM fine-tune → report. */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { AlchemistError } from "../../core/errors.js";
import { createGateway, loadLlmConfig } from "../../llm/index.js";
import type { TrainChoice } from "../../documents/slm/docs-pipeline.js";
import type { CommandIO } from "./command-io.js";

export const DOCS_USAGE = `Usage: alchemist docs <folder> --out <dir> [options]

Turns a folder of documents into grounded question/answer pairs (each with a citation checked against
its source text), writes chat datasets split by document, optionally fine-tunes a small language model
(LoRA), exports it (GGUF when llama.cpp is installed, an Ollama Modelfile) and writes an honest report.

Options:
  --out <dir>            where train.jsonl, eval.jsonl, qa-pairs.jsonl, report.md/json and the model go
  --llm <provider/model> Q&A writer: openai/…, anthropic/…, ollama/…, or none (default: extractive heuristic)
  --pairs <n>            pairs wanted (default 300)
  --train <backend>      auto | none | unsloth | mlx | torch (default auto: the best one installed)
  --base-model <path>    local Hugging Face model to fine-tune (default: a tiny random model, a pipeline check)
  --steps <n>            optimisation steps (default 100)
  --dpo                  also write dpo.jsonl (chosen = grounded answer, rejected = ungrounded or perturbed)
  --seed <s>             seed of the split, DPO and training (default 0)
  --python <path>        Python for the trainers (default $ALCHEMIST_PYTHON, python3, /usr/bin/python3)
  --max-cost <usd>       LLM spend cap
  --json                 print exactly one JSON object on stdout
`;

const TRAIN_CHOICES: readonly TrainChoice[] = ["auto", "none", "unsloth", "mlx", "torch"];

function intOption(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(v) || v < min) {
    throw new AlchemistError("INVALID_ARGUMENT", `--${name} expects an integer ≥ ${min}; got '${raw}'.`, {
      parameter: name,
    });
  }
  return v;
}

export async function docsCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      llm: { type: "string", default: "none" },
      pairs: { type: "string" },
      train: { type: "string", default: "auto" },
      "base-model": { type: "string" },
      steps: { type: "string" },
      dpo: { type: "boolean", default: false },
      seed: { type: "string" },
      python: { type: "string" },
      "max-cost": { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(DOCS_USAGE);
    return 0;
  }
  const folder = positionals[0];
  if (folder === undefined) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      "Give the documents folder: alchemist docs <folder> --out <dir>.",
      {
        parameter: "folder",
      },
    );
  }
  if (values.out === undefined) {
    throw new AlchemistError("INVALID_ARGUMENT", "Give the output folder: --out <dir>.", {
      parameter: "out",
    });
  }
  const train = values.train as TrainChoice;
  if (!TRAIN_CHOICES.includes(train)) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `Unknown --train '${values.train}'; use one of ${TRAIN_CHOICES.join(", ")}.`,
      {
        parameter: "train",
        allowed: [...TRAIN_CHOICES],
      },
    );
  }
  const pairs = intOption("pairs", values.pairs, 1);
  const steps = intOption("steps", values.steps, 1);
  const seed = intOption("seed", values.seed, 0);
  const maxCost = values["max-cost"] === undefined ? undefined : Number(values["max-cost"]);
  if (maxCost !== undefined && !(maxCost >= 0)) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `--max-cost expects a number ≥ 0; got '${values["max-cost"]}'.`,
      {
        parameter: "max-cost",
      },
    );
  }
  const gateway = createGateway(
    loadLlmConfig({ flags: { model: values.llm, ...(maxCost !== undefined ? { budgetUsd: maxCost } : {}) } }),
  );
  const stop = new AbortController();
  const onSignal = (): void => stop.abort(new AlchemistError("CANCELLED", "interrupted"));
  process.once("SIGINT", onSignal);
  const progress = (line: string): void => {
    if (!values.json) io.stderr(`${line}\n`);
  };
  try {
    // Lazy: ingestion parsers and the pipeline stay out of the CLI's startup.
    const { runDocsPipeline } = await import("../../documents/slm/docs-pipeline.js");
    let lastStep = 0;
    const { report, trainerFailed } = await runDocsPipeline({
      folder: resolve(folder),
      out: resolve(values.out),
      gateway,
      train,
      dpo: values.dpo,
      ...(pairs !== undefined ? { pairs } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(values["base-model"] !== undefined ? { baseModel: values["base-model"] } : {}),
      ...(values.python !== undefined ? { python: values.python } : {}),
      ...(steps !== undefined ? { trainer: { steps } } : {}),
      signal: stop.signal,
      onStage: progress,
      onTrainerEvent: (e) => {
        if (e.event === "step" && e.step - lastStep >= 10) {
          lastStep = e.step;
          progress(`step ${e.step}: loss ${e.loss.toFixed(4)} (${Math.round(e.tokens_per_s)} tokens/s)`);
        } else if (e.event === "eval") progress(`step ${e.step}: eval loss ${e.eval_loss.toFixed(4)}`);
      },
    });
    const e = report.evaluation;
    if (values.json) {
      io.stdout(
        `${JSON.stringify({
          documents_provided: e.documentsProvided,
          documents_processed: e.documentsProcessed,
          skipped: report.documents.skipped,
          pairs: e.pairs,
          citation_coverage: e.citationCoverage,
          verdicts: e.verdicts.map((v) => v.text),
          trainer: {
            status: report.trainer.status,
            backend: report.trainer.backend ?? null,
            why: report.trainer.why,
            train_loss: e.loss?.trainEnd ?? null,
            eval_loss: e.loss?.evalEnd ?? null,
            adapter: report.trainer.adapterDir ?? null,
          },
          out: report.out,
        })}\n`,
      );
    } else {
      io.stdout(
        [
          `${e.documentsProcessed} of ${e.documentsProvided} documents, ${e.pairs} of ${e.pairsTarget} pairs (citation coverage ${(e.citationCoverage * 100).toFixed(1)}%), ${e.trainPairs} train / ${e.evalPairs} held out.`,
          `Trainer: ${report.trainer.status} — ${report.trainer.why}`,
          ...e.verdicts.map((v) => `- ${v.text}`),
          `Report: ${report.files.reportMd}`,
          "",
        ].join("\n"),
      );
    }
    return trainerFailed ? 1 : 0;
  } finally {
    process.removeListener("SIGINT", onSignal);
  }
}
