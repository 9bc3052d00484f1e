/**
 * Interns byte ranges (CSV fields) into dense codes without creating a JS string per field:
 * FNV-1a hash, open addressing, bytes kept in one arena. Strings are made once per distinct value.
 */
import { grow } from "./growable.js";

export class ByteInterner {
  private arena = new Uint8Array(1 << 12);
  private arenaLength = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  /** Open-addressing slots, interleaved `[id, hash]` so a probe touches one cache line. */
  private table = new Int32Array(256).fill(-1);
  private mask = 127;
  /** Number of distinct values interned. */
  size = 0;

  /** The code of bytes `buf[start, end)`, adding them if new. */
  intern(buf: Uint8Array, start: number, end: number): number {
    const h = hashBytes(buf, start, end);
    const len = end - start;
    const table = this.table;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const id = table[slot * 2] as number;
      if (id === -1) break;
      if (table[slot * 2 + 1] === h) {
        const s = this.starts[id] as number;
        if ((this.ends[id] as number) - s === len) {
          const arena = this.arena;
          let k = 0;
          while (k < len && arena[s + k] === buf[start + k]) k++;
          if (k === len) return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    return this.add(buf, start, end, h, slot);
  }

  private add(buf: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const id = this.size++;
    const len = end - start;
    this.arena = grow(this.arena, this.arenaLength + len, Uint8Array);
    // A byte loop, not `set(buf.subarray())`: on a Buffer, subarray allocates a new Buffer object.
    const arena = this.arena;
    const at = this.arenaLength;
    for (let k = 0; k < len; k++) arena[at + k] = buf[start + k] as number;
    this.starts = grow(this.starts, id + 1, Int32Array);
    this.ends = grow(this.ends, id + 1, Int32Array);
    this.starts[id] = this.arenaLength;
    this.arenaLength += len;
    this.ends[id] = this.arenaLength;
    this.table[slot * 2] = id;
    this.table[slot * 2 + 1] = h;
    if (this.size * 2 > this.mask) this.rehash();
    return id;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const table = new Int32Array(size * 2).fill(-1);
    const mask = size - 1;
    const old = this.table;
    for (let slot = 0; slot <= this.mask; slot++) {
      const id = old[slot * 2] as number;
      if (id === -1) continue;
      const h = old[slot * 2 + 1] as number;
      let s = h & mask;
      while (table[s * 2] !== -1) s = (s + 1) & mask;
      table[s * 2] = id;
      table[s * 2 + 1] = h;
    }
    this.table = table;
    this.mask = mask;
  }

  /** The bytes of value `id` (a view into the arena; copy it to keep it). */
  bytes(id: number): Uint8Array {
    return this.arena.subarray(this.starts[id], this.ends[id]);
  }

  /** Every value as a string, in code order. */
  decodeAll(decoder: { decode(input: Uint8Array): string }): string[] {
    const out = new Array<string>(this.size);
    for (let id = 0; id < this.size; id++) out[id] = decoder.decode(this.bytes(id));
    return out;
  }
}

/** FNV-1a style hash over 4-byte words (one multiply per word), then a final avalanche. */
function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = (0x811c9dc5 ^ (end - start)) | 0;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const w =
      (buf[i] as number) |
      ((buf[i + 1] as number) << 8) |
      ((buf[i + 2] as number) << 16) |
      ((buf[i + 3] as number) << 24);
    h = Math.imul(h ^ w, 0x01000193);
  }
  for (; i < end; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}
