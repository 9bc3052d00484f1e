/** Small seeded tables for the gauntlet, and a CSV writer that can be told to misbehave (BOM, CRLF, `;`). */
import { writeFileSync } from "node:fs";
import { createRng } from "../../core/rng.js";

export type Cell = string | number | boolean | null;
export interface Table {
  header: string[];
  rows: Cell[][];
}

export interface CsvStyle {
  delimiter?: string;
  eol?: string;
  bom?: boolean;
}

function field(v: Cell, delimiter: string): string {
  if (v === null) return "";
  const s = String(v);
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The table as delimited text. */
export function toCsv(t: Table, style: CsvStyle = {}): string {
  const d = style.delimiter ?? ",";
  const eol = style.eol ?? "\n";
  const lines = [t.header, ...t.rows].map((r) => r.map((v) => field(v, d)).join(d));
  return `${style.bom ? "\uFEFF" : ""}${lines.join(eol)}${eol}`;
}

export function writeCsv(path: string, t: Table, style: CsvStyle = {}): string {
  writeFileSync(path, toCsv(t, style));
  return path;
}

const COLORS = ["red", "green", "blue", "amber"];

/** Binary task: `y` is "yes" when x1 + x2 + noise > 0; `color` is weakly informative. */
export function binaryTable(n: number, seed = 1): Table {
  const rng = createRng(seed);
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) {
    const x1 = rng.normal();
    const x2 = rng.normal();
    const x3 = rng.normal();
    const color = COLORS[rng.int(COLORS.length)] as string;
    const z = x1 + 0.8 * x2 + (color === "red" ? 0.5 : 0) + 0.6 * rng.normal();
    rows.push([round(x1), round(x2), round(x3), color, z > 0 ? "yes" : "no"]);
  }
  return { header: ["x1", "x2", "x3", "color", "y"], rows };
}

/** Three classes from the sign pattern of x1 and x2 (labels "a", "b", "c"). */
export function multiclassTable(n: number, seed = 2): Table {
  const rng = createRng(seed);
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) {
    const x1 = rng.normal();
    const x2 = rng.normal();
    const x3 = rng.normal();
    const z1 = x1 + 0.3 * rng.normal();
    const label = z1 < -0.4 ? "a" : x2 + 0.3 * rng.normal() < 0 ? "b" : "c";
    rows.push([round(x1), round(x2), round(x3), COLORS[rng.int(COLORS.length)] as string, label]);
  }
  return { header: ["x1", "x2", "x3", "color", "y"], rows };
}

/** Regression: y = 3·x1 − 2·x2 + (1 for "red") + noise. */
export function regressionTable(n: number, seed = 3): Table {
  const rng = createRng(seed);
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) {
    const x1 = rng.normal();
    const x2 = rng.normal();
    const x3 = rng.normal();
    const color = COLORS[rng.int(COLORS.length)] as string;
    const y = 3 * x1 - 2 * x2 + (color === "red" ? 1 : 0) + 0.5 * rng.normal();
    rows.push([round(x1), round(x2), round(x3), color, round(y)]);
  }
  return { header: ["x1", "x2", "x3", "color", "y"], rows };
}

export function round(v: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Index of a column by name (throws on a typo in a case, which is a bug in the test). */
export function col(t: Table, name: string): number {
  const k = t.header.indexOf(name);
  if (k < 0) throw new Error(`test table has no column ${name}`);
  return k;
}

/** Sets `table[row][column]` for each listed row. */
export function put(
  t: Table,
  name: string,
  rows: readonly number[],
  value: Cell | ((i: number) => Cell),
): Table {
  const k = col(t, name);
  for (const i of rows) (t.rows[i] as Cell[])[k] = typeof value === "function" ? value(i) : value;
  return t;
}

/** Every `step`-th row from `start`, `count` of them. */
export function every(step: number, count: number, start = 0): number[] {
  return Array.from({ length: count }, (_, j) => start + j * step);
}

/** Adds a column computed from each row. */
export function addColumn(t: Table, name: string, value: (row: Cell[], i: number) => Cell): Table {
  t.header.push(name);
  t.rows.forEach((r, i) => {
    r.push(value(r, i));
  });
  return t;
}

/** A plain CSV (comma, LF, no quotes inside fields) parsed into a Table, for the shared datasets. */
export function parseSimpleCsv(text: string): Table {
  const lines = text.trim().split(/\r?\n/);
  const [head, ...rest] = lines;
  return { header: (head as string).split(","), rows: rest.map((l) => l.split(",")) };
}
