/**
 * Moving a job's typed arrays to a worker. Structured clone copies a typed array's whole underlying
 * buffer, even when the array views a small part of it, so every array crosses as an exact buffer:
 * either the caller's own (transferred, when it opted in and the array owns its whole buffer) or a
 * tight copy (then transferred, so the copy is made once). SharedArrayBuffers are shared as they are.
 */
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import type { FitJob } from "./fit-job.js";

/** Collects the buffers to transfer with one postMessage (each once). */
export class TransferList {
  readonly buffers: ArrayBuffer[] = [];
  private readonly seen = new Set<ArrayBuffer>();
  private readonly posted = new Map<Float64Array, Float64Array>();

  /**
   * The array to post in place of `a`: `a` itself when `give` and it owns its whole buffer, else a
   * tight copy; either way its buffer is added to the list. The same array taken twice (predicting
   * the training matrix) crosses once. Shared buffers pass through untouched.
   */
  take(a: Float64Array, give: boolean): Float64Array {
    if (typeof SharedArrayBuffer !== "undefined" && a.buffer instanceof SharedArrayBuffer) return a;
    const buffer = a.buffer as ArrayBuffer;
    const done = this.posted.get(a);
    if (done !== undefined) return done;
    const own = give && a.byteOffset === 0 && a.byteLength === buffer.byteLength && !this.seen.has(buffer);
    const out = own ? a : a.slice();
    this.add(out.buffer as ArrayBuffer);
    this.posted.set(a, out);
    return out;
  }

  add(buffer: ArrayBuffer): void {
    if (this.seen.has(buffer)) return;
    this.seen.add(buffer);
    this.buffers.push(buffer);
  }
}

function packMatrix(X: FeatureMatrix, list: TransferList, give: boolean): FeatureMatrix {
  return {
    nRows: X.nRows,
    nCols: X.nCols,
    data: list.take(X.data, give),
    featureNames: X.featureNames,
    categorical: X.categorical,
  };
}

/** The job as it is posted, and the buffers to transfer with it. */
export function packJob(job: FitJob, give: boolean): { job: FitJob; transfer: ArrayBuffer[] } {
  const list = new TransferList();
  const ctx: FitJob["ctx"] = { seed: job.ctx.seed };
  if (job.ctx.nClasses !== undefined) ctx.nClasses = job.ctx.nClasses;
  if (job.ctx.sampleWeight !== undefined) ctx.sampleWeight = list.take(job.ctx.sampleWeight, give);
  const packed: FitJob = {
    estimator: job.estimator,
    params: job.params,
    X: packMatrix(job.X, list, give),
    y: list.take(job.y, give),
    ctx,
  };
  if (job.predict !== undefined) packed.predict = job.predict.map((M) => packMatrix(M, list, give));
  return { job: packed, transfer: list.buffers };
}
