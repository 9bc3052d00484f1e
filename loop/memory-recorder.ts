/**
 * The loop's recorder on the memory store: every trial and decision is one committed write as it
 * happens, out-of-fold predictions go to files beside the run (`oof/<seq>.f64`), and `restoreTrials`
 * reads them back for `resume`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { log } from "../core/log.js";
import { parsePipelineSpec } from "../data/preprocess/index.js";
import type { RunStore, TrialRecord } from "../memory/index.js";
import type { Phase } from "./run-config.js";
import type { Oof, RunRecorder } from "./search.js";
import type { LoopSettings, Trial, TrialStatus } from "./trial.js";

/** Raw float64: [K, values (n), proba (n × K) when K > 0]. */
function encodeOof(oof: Oof, K: number): Buffer {
  const hasProba = oof.proba !== undefined ? K : 0;
  const out = new Float64Array(1 + oof.values.length * (1 + hasProba));
  out[0] = hasProba;
  out.set(oof.values, 1);
  if (oof.proba !== undefined) out.set(oof.proba, 1 + oof.values.length);
  return Buffer.from(out.buffer);
}

function decodeOof(bytes: Buffer, n: number): Oof | undefined {
  if (bytes.byteLength % 8 !== 0) return undefined;
  const all = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const K = all[0] as number;
  if (all.length !== 1 + n * (1 + K)) return undefined;
  const values = all.slice(1, 1 + n);
  return K > 0 ? { values, proba: all.slice(1 + n) } : { values };
}

export function createMemoryRecorder(
  store: RunStore,
  runId: string,
  runDir: string,
  nClasses: number,
): RunRecorder {
  const oofDir = join(runDir, "oof");
  return {
    trial(t, oof) {
      let oofPath: string | null = null;
      if (oof !== undefined) {
        mkdirSync(oofDir, { recursive: true });
        oofPath = join(oofDir, `${t.seq}.f64`);
        writeFileSync(oofPath, encodeOof(oof, nClasses));
      }
      store.appendTrial(runId, {
        seq: t.seq,
        phase: t.phase,
        spec: t.spec,
        status: t.status,
        score: t.score,
        foldScores: t.foldScores,
        std: t.std,
        fitSeconds: t.fitSeconds,
        seconds: t.seconds,
        resource: t.resource,
        error: t.error,
        oofPath,
        settings: t.settings,
        origin: t.origin,
        maxFoldFitSeconds: t.maxFoldFitSeconds,
        recovery: t.recovery ?? null,
      });
    },
    decision(seq, d) {
      store.appendDecision(runId, {
        seq,
        agent: d.agent,
        tier: d.tier,
        model: d.model,
        output: d.output,
        failures: [...d.failures],
        accepted: d.accepted,
        inputTokens: d.inputTokens,
        outputTokens: d.outputTokens,
        costUsd: d.costUsd,
        latencyMs: d.latencyMs,
      });
    },
  };
}

/** A trial as memory recorded it, typed as the loop's Trial (its spec parsed again). */
export function trialOfRecord(r: TrialRecord): Trial {
  return {
    seq: r.seq,
    phase: r.phase as Phase,
    spec: parsePipelineSpec(r.spec),
    settings: r.settings as LoopSettings,
    status: r.status as TrialStatus,
    score: r.score,
    foldScores: r.foldScores,
    std: r.std,
    fitSeconds: r.fitSeconds,
    maxFoldFitSeconds: r.maxFoldFitSeconds,
    seconds: r.seconds,
    resource: r.resource ?? 1,
    error: r.error,
    origin: r.origin ?? "",
    recovery: r.recovery,
  };
}

/** The recorded trials of a run, with the out-of-fold predictions still on disk (`n` training rows). */
export function restoreTrials(
  store: RunStore,
  runId: string,
  n: number,
): { trials: Trial[]; oof: Map<number, Oof> } {
  const trials: Trial[] = [];
  const oof = new Map<number, Oof>();
  for (const r of store.listTrials(runId)) {
    const trial = trialOfRecord(r);
    trials.push(trial);
    if (r.oofPath !== null && existsSync(r.oofPath)) {
      const decoded = decodeOof(readFileSync(r.oofPath), n);
      if (decoded !== undefined) oof.set(r.seq, decoded);
      else
        log.warn(`out-of-fold predictions of trial ${r.seq} are unreadable; it is left out of the ensemble`);
    }
  }
  return { trials, oof };
}
