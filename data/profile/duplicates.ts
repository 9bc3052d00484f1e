/** Duplicate rows by hashing every row over the typed columns, with each hash match verified cell by cell. */
import type { Column, Frame } from "../frame.js";
import type { ProfileScratch } from "./scratch.js";

/** Rows per partition: a 2× table of (row, hash) pairs for them stays in L2. */
const PARTITION_TARGET = 4096;

/** Folds one 32-bit word into the running row hash (cheap; `fmix` finishes the avalanche). */
function fold(h: number, k: number): number {
  h = Math.imul(h ^ k, 0x9e3779b1);
  return (h << 13) | (h >>> 19);
}

/** A power of two ≤ 4096 giving about PARTITION_TARGET rows per partition. */
function partitions(n: number): number {
  let p = 1;
  while (p < 4096 && n / p > PARTITION_TARGET) p *= 2;
  return p;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Mixes column `c` into the row hashes (column-major, so each pass streams one typed array). */
function mixColumn(c: Column, hashes: Int32Array, n: number): void {
  if (c.kind === "numeric" || c.kind === "datetime") {
    const v = c.values;
    const bits = new Int32Array(v.buffer, v.byteOffset, n * 2);
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      let lo = bits[2 * i]!;
      let hi = bits[2 * i + 1]!;
      if (x === 0 || Number.isNaN(x)) {
        // -0 equals 0, and every NaN is the same missing value.
        lo = 0;
        hi = x === 0 ? 0 : 0x7ff80000;
      }
      hashes[i] = fold(fold(hashes[i]!, lo), hi);
    }
  } else if (c.kind === "boolean") {
    const v = c.values;
    for (let i = 0; i < n; i++) hashes[i] = fold(hashes[i]!, v[i]!);
  } else {
    const v = c.codes;
    for (let i = 0; i < n; i++) hashes[i] = fold(hashes[i]!, v[i]!);
  }
}

/** The columns' arrays grouped by element type, so row comparisons stay monomorphic. */
interface RowData {
  floats: Float64Array[];
  ints: Int32Array[];
  bytes: Uint8Array[];
}

function rowData(columns: readonly Column[]): RowData {
  const d: RowData = { floats: [], ints: [], bytes: [] };
  for (const c of columns) {
    if (c.kind === "numeric" || c.kind === "datetime") d.floats.push(c.values);
    else if (c.kind === "boolean") d.bytes.push(c.values);
    else d.ints.push(c.codes);
  }
  return d;
}

// Indexed loops, not for-of: these run once per duplicate row, where the iterator costs several times more.
function rowsEqual(d: RowData, i: number, j: number): boolean {
  const { floats, ints, bytes } = d;
  for (let k = 0; k < ints.length; k++) if (ints[k]![i] !== ints[k]![j]) return false;
  for (let k = 0; k < bytes.length; k++) if (bytes[k]![i] !== bytes[k]![j]) return false;
  for (let k = 0; k < floats.length; k++) {
    const a = floats[k]![i]!;
    const b = floats[k]![j]!;
    if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) return false;
  }
  return true;
}

/**
 * Distinct rows among `rows[from..to)` (hashes in `rowHash`), using the zeroed `table` of (row + 1, hash)
 * pairs (a power of two of pairs, at least twice the rows). Every equal hash whose rows differ spends one
 * unit of `budget[0]`; -1 when it runs out. Kept small and apart so its optimised code sees one shape of
 * data.
 */
function distinctRows(
  rows: Int32Array,
  rowHash: Int32Array,
  from: number,
  to: number,
  table: Int32Array,
  data: RowData,
  budget: Float64Array,
): number {
  const mask = (table.length >> 1) - 1;
  let distinct = 0;
  for (let a = from; a < to; a++) {
    const i = rows[a]!;
    const h = rowHash[a]!;
    let s = h & mask;
    let found = false;
    for (let e = table[2 * s]!; e !== 0; e = table[2 * s]!) {
      if (table[2 * s + 1] === h) {
        if (rowsEqual(data, i, e - 1)) {
          found = true;
          break;
        }
        if (--budget[0]! < 0) return -1;
      }
      s = (s + 1) & mask;
    }
    if (!found) {
      table[2 * s] = i + 1;
      table[2 * s + 1] = h;
      distinct++;
    }
  }
  return distinct;
}

/**
 * The columns worth hashing: the most varied first, until their distinct counts multiply past n²·2⁶,
 * where rows that agree on all of them by chance are rare. Cell-by-cell checks cover the rest.
 */
function hashedColumns(columns: readonly Column[], cardinalities: readonly number[], n: number): Column[] {
  const order = columns.map((_, j) => j).sort((a, b) => cardinalities[b]! - cardinalities[a]! || a - b);
  const goal = 2 * Math.log2(n) + 6;
  const picked: Column[] = [];
  let bits = 0;
  for (const j of order) {
    if (bits >= goal) break;
    picked.push(columns[j]!);
    bits += Math.log2(Math.max(1, cardinalities[j]!));
  }
  return picked;
}

/**
 * Rows identical in every column to an earlier row (pandas `duplicated().sum()`: missing equals
 * missing, -0 equals 0). Rows are hashed column by column, partitioned by hash so each lookup table
 * stays in cache, and every hash match is compared cell by cell, so collisions never miscount.
 *
 * With `cardinalities` (distinct values per column, frame order) only the most varied columns are
 * hashed; if rows that agree on those but differ elsewhere turn out common (more than n/8 failed
 * checks), it starts over hashing every column. Uses `scratch.hashes` and `scratch.counts`.
 */
export function countDuplicateRows(
  frame: Frame,
  scratch: ProfileScratch,
  cardinalities?: readonly number[],
): number {
  const n = frame.nRows;
  const columns = frame.columns;
  if (n < 2 || columns.length === 0) return 0;
  if (cardinalities && cardinalities.length === columns.length) {
    const hashed = hashedColumns(columns, cardinalities, n);
    if (hashed.length < columns.length) {
      const d = countWith(frame, hashed, scratch, n / 8);
      if (d >= 0) return d;
    }
  }
  return countWith(frame, columns, scratch, Number.POSITIVE_INFINITY);
}

/** Duplicate count hashing only `hashed`, or -1 when more than `budget` hash matches were false. */
function countWith(frame: Frame, hashed: readonly Column[], scratch: ProfileScratch, budget: number): number {
  const n = frame.nRows;
  const hashes = scratch.hashes(n);
  hashes.fill(0x1b873593, 0, n);
  for (const c of hashed) mixColumn(c, hashes, n);

  const nParts = partitions(n);
  const partMask = nParts - 1; // partition = hash bits 20.., slot = low bits
  const starts = new Int32Array(nParts + 1);
  for (let i = 0; i < n; i++) {
    const h = fmix(hashes[i]!);
    hashes[i] = h;
    starts[((h >>> 20) & partMask) + 1]!++;
  }
  let largest = 0;
  for (let p = 0; p < nParts; p++) {
    largest = Math.max(largest, starts[p + 1]!);
    starts[p + 1]! += starts[p]!;
  }
  let tableCap = 16;
  while (tableCap < 2 * largest) tableCap *= 2;
  // One zeroed Int32 buffer: [rows by partition | their hashes | table of (row + 1, hash) pairs].
  const buf = scratch.counts(2 * n + 2 * tableCap);
  const rows = buf.subarray(0, n);
  const rowHash = buf.subarray(n, 2 * n);
  const table = buf.subarray(2 * n);
  const cursor = starts.slice(0, nParts);
  for (let i = 0; i < n; i++) {
    const h = hashes[i]!;
    const at = cursor[(h >>> 20) & partMask]!++;
    rows[at] = i;
    rowHash[at] = h;
  }

  const data = rowData(frame.columns);
  const left = Float64Array.of(budget);
  let distinct = 0;
  let used = 0;
  for (let p = 0; p < nParts; p++) {
    const from = starts[p]!;
    const to = starts[p + 1]!;
    let cap = 16;
    while (cap < 2 * (to - from)) cap *= 2;
    table.fill(0, 0, used); // row 0 marks an empty slot
    used = 2 * cap;
    const d = distinctRows(rows, rowHash, from, to, table.subarray(0, used), data, left);
    if (d < 0) return -1;
    distinct += d;
  }
  return n - distinct;
}
