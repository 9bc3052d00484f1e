/**
 * The run-data cache loads a large table in a worker thread: the same data (or the same typed error)
 * as loading it here, while this thread's event loop keeps turning.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import { loadRunData, parseRunConfig } from "../loop/index.js";
import { createRunDataCache, loadRunDataOffThread, OFF_THREAD_BYTES } from "./run-data-cache.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-run-data-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A generated table of `rows` rows: numbers (some missing), a categorical, a class target. */
function writeTable(rows: number): string {
  const rng = createRng(7);
  const lines = ["a,b,c,d,colour,label"];
  const colours = ["red", "green", "blue", "amber"];
  for (let i = 0; i < rows; i++) {
    const a = rng.next() * 10;
    const b = rng.next() < 0.05 ? "" : (rng.next() * 100).toFixed(3);
    const c = Math.floor(rng.next() * 1000);
    const d = (rng.next() - 0.5).toFixed(6);
    const colour = colours[Math.floor(rng.next() * 4)];
    lines.push(`${a.toFixed(4)},${b},${c},${d},${colour},${a + c / 200 > 5 ? "yes" : "no"}`);
  }
  const path = join(dir, `table-${rows}.csv`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** Runs `load` while a 1 ms timer ticks; returns its result and the longest gap between ticks. */
async function withLongestStall<T>(load: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 1);
  try {
    const value = await load();
    stallMs = Math.max(stallMs, performance.now() - last);
    return { value, stallMs };
  } finally {
    clearInterval(timer);
  }
}

describe("the run-data cache", () => {
  it("loads a large table in a worker: the same data, and this thread's event loop keeps turning", async () => {
    const train = writeTable(60_000);
    const config = parseRunConfig({ train, target: "label" });
    const here = await withLongestStall(() => loadRunData(config));
    const cache = createRunDataCache();
    const away = await withLongestStall(() => cache.load(config));
    expect(away.value.data).toEqual(here.value);
    expect(away.value.data.frame.nRows).toBe(60_000);
    // Loaded here, the profile alone holds the event loop for a long while; loaded in a worker,
    // only the copy of the result does.
    expect(away.stallMs).toBeLessThan(here.stallMs / 3);
    // The cache answers the same call from memory.
    expect(await cache.load(config)).toBe(away.value);
  }, 60_000);

  it("loads small tables here, where a worker's start would cost more than the load", async () => {
    const train = writeTable(200);
    const config = parseRunConfig({ train, target: "label" });
    expect(OFF_THREAD_BYTES).toBeGreaterThan(10_000);
    const { data } = await createRunDataCache().load(config);
    expect(data.frame.nRows).toBe(200);
  });

  it("brings a worker's typed error back with its code and details", async () => {
    const train = writeTable(1_000);
    const config = parseRunConfig({ train, target: "lable" });
    const here = await loadRunData(config).catch((e: unknown) => e);
    const away = await loadRunDataOffThread(config).catch((e: unknown) => e);
    expect(here).toMatchObject({ code: expect.any(String) });
    expect(away).toMatchObject({
      code: (here as { code: string }).code,
      message: (here as Error).message,
      details: (here as { details: object }).details,
    });
  });
});
