/**
 * The live progress of a run on a terminal: one status line on stderr, rewritten in place (phase,
 * trial, best score, time left). Off a TTY it prints nothing: logs and --json stay clean.
 */
import type { LoopEvent } from "../loop/search.js";

export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
}

export function createProgress(sink: ProgressSink, budgetSeconds: number | undefined, startedAt: number) {
  let phase = "";
  let trial = 0;
  let best = "";
  let current = "";
  let width = 0;
  const draw = (): void => {
    if (!sink.isTTY) return;
    const elapsed = (Date.now() - startedAt) / 1000;
    const left =
      budgetSeconds !== undefined ? ` · ${Math.max(0, budgetSeconds - elapsed).toFixed(0)} s left` : "";
    const line = `[${phase}] trial ${trial}${current ? ` (${current})` : ""}${best ? ` · best ${best}` : ""}${left}`;
    const padded = line.padEnd(width);
    width = line.length;
    sink.write(`\r${padded}`);
  };
  const timer = sink.isTTY ? setInterval(draw, 500) : undefined;
  timer?.unref();
  return {
    onEvent(e: LoopEvent): void {
      if (e.type === "phase") phase = e.phase;
      else if (e.type === "trial-start") {
        trial = e.seq;
        current = e.estimator;
      } else if (e.type === "trial") {
        current = "";
        if (e.best?.score != null)
          best = `${e.best.score.toFixed(4)} (${e.best.spec.estimator.name}, trial ${e.best.seq})`;
      }
      draw();
    },
    stop(): void {
      if (timer !== undefined) clearInterval(timer);
      if (sink.isTTY && width > 0) sink.write(`\r${" ".repeat(width)}\r`);
    },
  };
}
