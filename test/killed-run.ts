/** A CLI run killed without warning (SIGKILL) once its memory holds some trials, for the resume tests. */
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { CLI } from "./cli.js";

/** Trials recorded in the memory file so far (0 before it exists). */
export function trialsIn(memory: string): number {
  try {
    const db = new Database(memory, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT COUNT(*) AS n FROM trials").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/**
 * Starts `alchemist <args> --json --memory <memory>`, kills it once `trials` trials are recorded (or
 * after a minute) and returns the run id and the trials it had recorded.
 */
export async function killedRun(
  args: string[],
  memory: string,
  trials: number,
): Promise<{ id: string; recorded: number }> {
  const child = spawn(process.execPath, [CLI, ...args, "--json", "--memory", memory], { stdio: "ignore" });
  const deadline = Date.now() + 60_000;
  while (trialsIn(memory) < trials && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  const db = new Database(memory, { readonly: true });
  try {
    const { id } = db.prepare("SELECT id FROM runs").get() as { id: string };
    return { id, recorded: trialsIn(memory) };
  } finally {
    db.close();
  }
}
