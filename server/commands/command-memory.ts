/** Where the commands keep their state: `$ALCHEMIST_HOME` (default `.alchemist`) and its memory store. */
import { join, resolve } from "node:path";
import { type Memory, openMemory } from "../../memory/index.js";

export function alchemistHome(): string {
  return resolve(process.env.ALCHEMIST_HOME ?? ".alchemist");
}

/** The memory store of `--memory file`, or the home's `memory.db`. */
export function openCommandMemory(file?: string): Memory {
  return openMemory(file ?? join(alchemistHome(), "memory.db"));
}
