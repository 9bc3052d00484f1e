/**
 * Writes the benchmark's mixed-type CSV (default 1,000,000 rows × 20 columns) with a fixed seed:
 * 12 numeric (floats, integers, some missing), 5 categorical (3 to 1,000 levels), 1 boolean,
 * 1 date, 1 short free-text column. Same seed, same bytes.
 */
import { createWriteStream, existsSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { createRng } from "../core/rng.js";

const CITIES = Array.from({ length: 1000 }, (_, i) => `city_${i.toString(36)}`);
const SEGMENTS = ["retail", "wholesale", "online"];
const COLORS = [
  "red",
  "green",
  "blue",
  "black",
  "white",
  "silver",
  "gold",
  "orange",
  "purple",
  "brown",
  "grey",
  "pink",
];
const PLANS = Array.from({ length: 50 }, (_, i) => `plan-${i}`);
const REGIONS = Array.from({ length: 200 }, (_, i) => `R${i}`);
const WORDS = [
  "fast",
  "slow",
  "great",
  "poor",
  "delivery",
  "price",
  "quality",
  "support",
  "would",
  "buy",
  "again",
  "never",
];

export const HEADER = [
  ...Array.from({ length: 12 }, (_, j) => `num_${j}`),
  "segment",
  "color",
  "plan",
  "region",
  "city",
  "active",
  "signup_date",
  "comment",
];

/** Writes `rows` rows to `path` unless a file of that name already exists. Returns the path. */
export async function generateMixedCsv(path: string, rows = 1_000_000, seed = 42): Promise<string> {
  if (existsSync(path) && statSync(path).size > 0) return path;
  mkdirSync(dirname(path), { recursive: true });
  const rng = createRng(seed);
  const out = createWriteStream(path);
  const write = (s: string) =>
    new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once("drain", resolve)));
  await write(`${HEADER.join(",")}\n`);
  const day0 = Date.UTC(2015, 0, 1);
  let buffer: string[] = [];
  for (let i = 0; i < rows; i++) {
    const f: string[] = [];
    for (let j = 0; j < 12; j++) {
      if (j % 4 === 3 && rng.next() < 0.03) f.push("");
      else if (j < 6) f.push((rng.normal() * (j + 1) * 10 + j * 5).toFixed(j % 3 === 0 ? 4 : 2));
      else f.push(String(rng.int(1000 * (j - 5))));
    }
    f.push(SEGMENTS[rng.int(3)] as string);
    f.push(COLORS[rng.int(COLORS.length)] as string);
    f.push(PLANS[Math.floor(PLANS.length * rng.next() ** 2)] as string);
    f.push(rng.next() < 0.02 ? "" : (REGIONS[rng.int(REGIONS.length)] as string));
    f.push(CITIES[rng.int(CITIES.length)] as string);
    f.push(rng.next() < 0.6 ? "true" : "false");
    f.push(new Date(day0 + rng.int(3650) * 86_400_000).toISOString().slice(0, 10));
    const n = 3 + rng.int(5);
    const words: string[] = [];
    for (let k = 0; k < n; k++) words.push(WORDS[rng.int(WORDS.length)] as string);
    f.push(`"${words.join(" ")}"`);
    buffer.push(f.join(","));
    if (buffer.length === 10_000) {
      await write(`${buffer.join("\n")}\n`);
      buffer = [];
    }
  }
  if (buffer.length > 0) await write(`${buffer.join("\n")}\n`);
  await new Promise<void>((resolve) => out.end(resolve));
  return path;
}
