/**
 * The fit worker: looks the estimator up, parses its params, fits, predicts the asked matrices and
 * posts the model JSON back. One job at a time; the pool terminates the thread to stop a fit.
 */
import { performance } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { AlchemistError } from "../../core/errors.js";
import type { EstimatorSpec, FitContext } from "../estimator.js";
import { parseEstimatorParams } from "../param.js";
import { predictRows } from "../predict-rows.js";
import { getEstimator, MODEL_REGISTRY } from "../registry.js";
import type { FitJob, FitJobResult, FitPrediction } from "./fit-job.js";
import { serializeError } from "./serialized-error.js";
import { TransferList } from "./transfer.js";
import type { FromWorker, ToWorker, WorkerInit } from "./worker-messages.js";

/** Minimum gap between two forwarded progress reports. */
const PROGRESS_INTERVAL_MS = 50;

const port = parentPort;
if (port === null) throw new Error("trainers/pool/worker-entry runs only as a worker thread");

const extras = new Map<string, EstimatorSpec>();
for (const url of (workerData as WorkerInit).extraModules) {
  const mod = (await import(url)) as { EXTRA_ESTIMATORS?: unknown };
  if (!Array.isArray(mod.EXTRA_ESTIMATORS)) {
    throw new Error(`extra estimator module ${url} does not export an EXTRA_ESTIMATORS array`);
  }
  for (const spec of mod.EXTRA_ESTIMATORS as EstimatorSpec[]) {
    if (MODEL_REGISTRY.has(spec.name) || extras.has(spec.name)) {
      throw new Error(`extra estimator '${spec.name}' (from ${url}) clashes with one already registered`);
    }
    extras.set(spec.name, spec);
  }
}

function lookup(name: string): EstimatorSpec {
  return MODEL_REGISTRY.get(name) ?? extras.get(name) ?? getEstimator(name);
}

function heapBytes(): number {
  const h = getHeapStatistics();
  return h.used_heap_size + h.external_memory;
}

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  (port as NonNullable<typeof port>).postMessage(message, transfer);
}

function runFit(id: number, job: FitJob, progress: boolean): void {
  if (typeof job.estimator !== "string") {
    throw new AlchemistError("INVALID_ARGUMENT", "FitJob.estimator must be a registry name.", {
      parameter: "estimator",
    });
  }
  const spec = lookup(job.estimator);
  const params = parseEstimatorParams(spec.name, spec.params, job.params);
  let peak = heapBytes();
  const ctx: FitContext = { seed: job.ctx.seed };
  if (job.ctx.nClasses !== undefined) ctx.nClasses = job.ctx.nClasses;
  if (job.ctx.sampleWeight !== undefined) ctx.sampleWeight = job.ctx.sampleWeight;
  if (progress) {
    let last = -Infinity;
    ctx.onProgress = (fraction, note) => {
      const now = performance.now();
      if (now - last < PROGRESS_INTERVAL_MS && fraction < 1) return;
      last = now;
      peak = Math.max(peak, heapBytes());
      post({ type: "progress", id, fraction, note });
    };
  }
  const t0 = performance.now();
  const model = spec.fit(job.X, job.y, params, ctx);
  const t1 = performance.now();
  const list = new TransferList();
  let predictions: FitPrediction[] | undefined;
  if (job.predict !== undefined) {
    predictions = [];
    for (const M of job.predict) {
      const { values, proba } = predictRows(model, M);
      const p: FitPrediction = { values: list.take(values, true) };
      if (proba !== undefined) p.proba = list.take(proba, true);
      predictions.push(p);
    }
  }
  const t2 = performance.now();
  const result: FitJobResult = {
    model: model.toJSON(),
    fitSeconds: (t1 - t0) / 1000,
    predictSeconds: (t2 - t1) / 1000,
    peakHeapBytes: Math.max(peak, heapBytes()),
  };
  if (predictions !== undefined) result.predictions = predictions;
  post({ type: "done", id, result }, list.buffers);
}

port.on("message", (message: ToWorker) => {
  if (message.type !== "fit") return;
  try {
    runFit(message.id, message.job, message.progress);
  } catch (e) {
    post({ type: "failed", id: message.id, error: serializeError(e) });
  }
});
post({ type: "ready" });
