/** An in-process ledger: the default sink when no store is given (and handy in tests). */
import type { LlmCallRecord, LlmLedgerSink } from "./types.js";

export interface InMemoryLedger extends LlmLedgerSink {
  /** Every row recorded so far, oldest first. */
  rows(): readonly LlmCallRecord[];
}

export function createMemoryLedger(): InMemoryLedger {
  const rows: LlmCallRecord[] = [];
  const spent = new Map<string, number>();
  return {
    record(row) {
      rows.push({ ...row });
      if (row.runId !== null) spent.set(row.runId, (spent.get(row.runId) ?? 0) + row.costUsd);
    },
    spentUsd: (runId) => spent.get(runId) ?? 0,
    rows: () => rows,
  };
}
