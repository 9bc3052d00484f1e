/** Documents folder → grounded Q&A → train/eval JSONL (+ DPO) → optional fine-tune → export → honest report. */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { AlchemistError, isAlchemistError } from "../../core/errors.js";
import { findGgufConverter } from "../../export/slm/index.js";
import type { LlmGateway } from "../../llm/types.js";
import {
  chooseSlmBackend,
  detectSlmEnvironment,
  runSlmTrainer,
  SLM_INSTALL_HINT,
  type SlmBackend,
  type SlmEvent,
  type SlmTrainConfigInput,
  type SlmTrainResult,
} from "../../trainers/slm/index.js";
import { chunkDocuments, dedupChunks } from "../chunk/index.js";
import { ingestFolder } from "../ingest/index.js";
import { DEFAULT_PAIR_TARGET, synthesizeQa } from "../qa/synthesize.js";
import { DEFAULT_SYSTEM_PROMPT, toChatRecord, writeJsonl } from "./chat-records.js";
import { makeDpoRecords } from "./dpo.js";
import { evaluateSlm } from "./evaluation.js";
import { exportTrained } from "./export-trained.js";
import { renderReportMarkdown, type SlmReport, type TrainerReport, thinCurve } from "./report.js";
import { splitByDocument } from "./split.js";

export type TrainChoice = "auto" | "none" | SlmBackend;

export interface DocsPipelineOptions {
  folder: string;
  out: string;
  gateway: LlmGateway;
  /** Pairs wanted (default 300). */
  pairs?: number;
  /** Trainer backend (default auto: the best available; none: datasets and report only). */
  train?: TrainChoice;
  /** Local base model for real fine-tuning; absent = the tiny pipeline-check model (torch). */
  baseModel?: string;
  /** Python interpreter for the trainers (default: detected). */
  python?: string;
  /** Write dpo.jsonl from the training pairs. */
  dpo?: boolean;
  seed?: number;
  evalFraction?: number;
  chunkSize?: number;
  chunkOverlap?: number;
  systemPrompt?: string;
  /** Overrides of the trainer config (steps, batch size, tiny dimensions, threads…). */
  trainer?: Partial<SlmTrainConfigInput>;
  signal?: AbortSignal;
  /** Stage lines and trainer events, for progress display. */
  onStage?: (message: string) => void;
  onTrainerEvent?: (event: SlmEvent) => void;
}

export interface DocsPipelineResult {
  report: SlmReport;
  /** True when a requested trainer failed (the datasets and the report are written all the same). */
  trainerFailed: boolean;
}

/** Default optimisation steps of a fine-tune. */
export const DEFAULT_TRAIN_STEPS = 100;

/**
 * Runs the whole documents → SLM pipeline and writes into `out`: train.jsonl, eval.jsonl, qa-pairs.jsonl
 * (pairs with citations and scores), dpo.jsonl (when asked), the adapter and Modelfile (when a trainer
 * ran), report.json and report.md. A trainer that is unavailable under `auto` is a verdict, not an error;
 * an explicitly requested one that is unavailable throws TRAINER_UNAVAILABLE before any training.
 */
export async function runDocsPipeline(o: DocsPipelineOptions): Promise<DocsPipelineResult> {
  const out = resolve(o.out);
  mkdirSync(out, { recursive: true });
  const stage = o.onStage ?? (() => {});
  const seed = o.seed ?? 0;
  const target = o.pairs ?? DEFAULT_PAIR_TARGET;
  const system = o.systemPrompt ?? DEFAULT_SYSTEM_PROMPT;
  const train = o.train ?? "auto";

  // An explicit backend that cannot run fails before minutes of Q&A synthesis are spent.
  let env = null as Awaited<ReturnType<typeof detectSlmEnvironment>> | null;
  if (train !== "none") {
    env = await detectSlmEnvironment({
      ...(o.python ? { python: o.python } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    if (train !== "auto") chooseSlmBackend(train, env, o.baseModel);
  }

  stage(`ingesting ${o.folder}`);
  const ingested = await ingestFolder(o.folder, o.signal ? { signal: o.signal } : {});
  const chunks = chunkDocuments(ingested.documents, {
    ...(o.chunkSize !== undefined ? { size: o.chunkSize } : {}),
    ...(o.chunkOverlap !== undefined ? { overlap: o.chunkOverlap } : {}),
  });
  const { kept, removed } = dedupChunks(chunks, { seed });
  stage(
    `${ingested.documents.length} documents, ${kept.length} chunks (${removed.length} near-duplicates removed)`,
  );

  const synthesis = await synthesizeQa(kept, {
    gateway: o.gateway,
    target,
    ...(o.signal ? { signal: o.signal } : {}),
    onProgress: (p) => stage(`Q&A: ${p.pairs} pairs from ${p.chunksDone}/${p.chunks} chunks`),
  });
  const split = splitByDocument(synthesis.pairs, {
    seed,
    ...(o.evalFraction !== undefined ? { evalFraction: o.evalFraction } : {}),
  });
  const files: Record<string, string> = {
    train: join(out, "train.jsonl"),
    eval: join(out, "eval.jsonl"),
    pairs: join(out, "qa-pairs.jsonl"),
  };
  writeJsonl(
    files.train!,
    split.train.map((p) => toChatRecord(p, system)),
  );
  writeJsonl(
    files.eval!,
    split.eval.map((p) => toChatRecord(p, system)),
  );
  writeJsonl(files.pairs!, synthesis.pairs);
  let dpo: SlmReport["dpo"] = null;
  if (o.dpo) {
    const records = makeDpoRecords(split.train, { seed, systemPrompt: system });
    files.dpo = join(out, "dpo.jsonl");
    writeJsonl(files.dpo, records);
    dpo = { records: records.length, file: files.dpo };
  }

  let trainer: TrainerReport;
  let result: SlmTrainResult | null = null;
  let trainerFailed = false;
  if (train === "none") trainer = { status: "not_requested", why: "--train none: datasets and report only" };
  else if (split.train.length === 0) trainer = { status: "no_data", why: "no training pair to train on" };
  else {
    let choice: ReturnType<typeof chooseSlmBackend> | null = null;
    try {
      choice = chooseSlmBackend(train, env!, o.baseModel);
    } catch (e) {
      if (!isAlchemistError(e) || e.code !== "TRAINER_UNAVAILABLE") throw e;
      trainer = { status: "unavailable", why: e.message };
    }
    if (choice) {
      stage(`training: ${choice.why}`);
      const merge = o.baseModel !== undefined && findGgufConverter() !== null;
      try {
        result = await runSlmTrainer(
          choice.backend,
          choice.python,
          {
            trainFile: files.train!,
            ...(split.eval.length > 0 ? { evalFile: files.eval! } : {}),
            outDir: out,
            ...(o.baseModel !== undefined ? { baseModel: o.baseModel } : {}),
            steps: DEFAULT_TRAIN_STEPS,
            seed,
            merge,
            ...o.trainer,
          },
          {
            ...(o.onTrainerEvent ? { onEvent: o.onTrainerEvent } : {}),
            ...(o.signal ? { signal: o.signal } : {}),
          },
        );
        trainer = trainedReport(result, choice.why);
      } catch (e) {
        if (!isAlchemistError(e) || (e.code !== "TRAINER_FAILED" && e.code !== "TRAINER_UNAVAILABLE"))
          throw e;
        trainerFailed = true;
        trainer = {
          status: e.code === "TRAINER_FAILED" ? "failed" : "unavailable",
          backend: choice.backend,
          why: e.message,
        };
      }
    } else trainer ??= { status: "unavailable", why: SLM_INSTALL_HINT };
  }

  const exported = result
    ? await exportTrained({
        out,
        result,
        baseModel: o.baseModel,
        systemPrompt: system,
        pairs: synthesis.pairs.length,
        ...(o.signal ? { signal: o.signal } : {}),
      })
    : { gguf: null, modelfile: null };
  if (exported.modelfile) files.modelfile = exported.modelfile;
  if (result) files.adapter = result.adapterDir;
  files.reportJson = join(out, "report.json");
  files.reportMd = join(out, "report.md");

  const evaluation = evaluateSlm({
    documentsProvided: ingested.provided,
    documentsProcessed: ingested.documents.length,
    skipped: ingested.skipped,
    chunksKept: kept.length,
    chunksRemoved: removed.length,
    pairs: synthesis.pairs.length,
    pairsTarget: target,
    drafted: synthesis.drafted,
    citationCoverage: synthesis.citationCoverage,
    duplicatePairs: synthesis.dropped.duplicate,
    trainPairs: split.train.length,
    evalPairs: split.eval.length,
    splitMode: split.mode,
    training: result
      ? {
          backend: result.backend,
          model: result.model,
          tiny: o.baseModel === undefined,
          steps: result.steps,
          evals: result.evals,
          generations: result.generations,
        }
      : null,
    trainerNote: trainer.why,
    evalReferences: split.eval.map((p) => p.answer),
  });
  const report: SlmReport = {
    version: 1,
    createdAt: new Date().toISOString(),
    folder: resolve(o.folder),
    out,
    llm: o.gateway.modelId,
    documents: {
      provided: ingested.provided,
      processed: ingested.documents.length,
      skipped: ingested.skipped,
    },
    chunks: { kept: kept.length, removed: removed.length },
    pairs: {
      target,
      kept: synthesis.pairs.length,
      drafted: synthesis.drafted,
      cited: synthesis.cited,
      citationCoverage: synthesis.citationCoverage,
      dropped: synthesis.dropped,
      droppedExamples: synthesis.droppedExamples,
      tiers: synthesis.tiers,
      model: synthesis.model,
    },
    split: {
      mode: split.mode,
      train: split.train.length,
      eval: split.eval.length,
      evalFiles: split.evalFiles,
    },
    dpo,
    trainer,
    export: exported,
    files,
    evaluation,
  };
  writeFileSync(files.reportJson, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files.reportMd, renderReportMarkdown(report));
  if (!existsSync(files.reportJson)) throw new AlchemistError("INTERNAL", "report.json was not written");
  return { report, trainerFailed };
}

function trainedReport(r: SlmTrainResult, why: string): TrainerReport {
  const rates = r.steps.map((s) => s.tokensPerS).filter((x) => Number.isFinite(x) && x > 0);
  return {
    status: "trained",
    why,
    backend: r.backend,
    model: r.model,
    device: r.device,
    steps: r.steps.length,
    trainLoss: r.trainLoss,
    evalLoss: r.evalLoss,
    tokensPerSecond: rates.length > 0 ? rates.reduce((a, b) => a + b, 0) / rates.length : null,
    seconds: r.seconds,
    adapterDir: r.adapterDir,
    curve: thinCurve(r.steps, r.evals),
  };
}
