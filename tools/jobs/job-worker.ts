/** Worker-thread entry of a start_run job: runs runAutoML off the server's event loop, reporting events and the end. */
import { parentPort, workerData } from "node:worker_threads";
import { createAgentProposer } from "../../agents/index.js";
import { AlchemistError, toAlchemistError } from "../../core/errors.js";
import { createGateway, loadLlmConfig } from "../../llm/index.js";
import { type LoopEvent, parseRunConfig, runAutoML } from "../../loop/index.js";
import { type Memory, openMemory } from "../../memory/index.js";
import type { FromJob, JobEvent, JobInit, ToJob } from "./job-messages.js";

function summarize(e: LoopEvent): JobEvent {
  const at = Date.now();
  switch (e.type) {
    case "phase":
      return { at, type: "phase", phase: e.phase };
    case "trial-start":
      return {
        at,
        type: "trial-start",
        seq: e.seq,
        phase: e.phase,
        estimator: e.estimator,
        origin: e.origin,
      };
    case "trial": {
      const out: JobEvent = {
        at,
        type: "trial",
        seq: e.trial.seq,
        phase: e.trial.phase,
        estimator: e.trial.spec.estimator.name,
        origin: e.trial.origin,
        status: e.trial.status,
        score: e.trial.score,
      };
      if (e.best !== undefined)
        out.best = { seq: e.best.seq, estimator: e.best.spec.estimator.name, score: e.best.score };
      return out;
    }
    case "note":
      return { at, type: "note", message: e.message };
  }
}

async function main(): Promise<void> {
  const port = parentPort;
  if (port === null) return;
  const init = workerData as JobInit;
  const post = (m: FromJob): void => port.postMessage(m);
  const stop = new AbortController();
  const onMessage = (m: ToJob): void => {
    if (m.type === "cancel") stop.abort(new AlchemistError("FIT_CANCELLED", "cancelled by cancel_run"));
  };
  port.on("message", onMessage);
  const memory = openMemory(init.memoryPath);
  try {
    const config = parseRunConfig(init.config);
    const runs = memory.runs;
    // The manager hands out the run id before the data is even read, so the run row takes it.
    const pinned: Memory = {
      ...memory,
      runs: { ...runs, createRun: (i) => runs.createRun({ ...i, id: init.runId }) },
    };
    const llm = loadLlmConfig({
      flags: {
        model: config.llm,
        ...(config.moneyBudgetUsd !== undefined ? { budgetUsd: config.moneyBudgetUsd } : {}),
      },
    });
    const gateway = createGateway(llm, { ledger: memory.ledger });
    const result = await runAutoML(init.config, {
      memory: pinned,
      home: init.home,
      gateway,
      proposer: (g, runId) => createAgentProposer({ gateway: g, runId }),
      onEvent: (e) => post({ type: "event", event: summarize(e) }),
      signal: stop.signal,
    });
    post({ type: "done", result: JSON.parse(JSON.stringify(result)) });
  } catch (e) {
    const err = toAlchemistError(e);
    if (stop.signal.aborted && err.code !== "FIT_CANCELLED") {
      // Cancelled mid-step (reading data, a fit): whatever broke, the cause is the cancel.
      try {
        memory.runs.updateRun(init.runId, { status: "cancelled", stoppedBecause: "cancelled" });
      } catch {
        // No run row yet: the cancel came while the data was being read.
      }
      post({ type: "failed", error: { code: "FIT_CANCELLED", message: `Run ${init.runId} was cancelled.` } });
      return;
    }
    post({ type: "failed", error: { code: err.code, message: err.message } });
  } finally {
    memory.close();
    // Not port.close(): that may drop the last message. Without a listener the thread ends once it is sent.
    port.off("message", onMessage);
  }
}

void main();
