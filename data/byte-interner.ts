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
  private hashes = new Int32Array(64);
  private table = new Int32Array(128).fill(-1);
  private mask = 127;
  /** Number of distinct values interned. */
  size = 0;

  /** The code of bytes `buf[start, end)`, adding them if new. */
  intern(buf: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
    const len = end - start;
    let slot = h & this.mask;
    const table = this.table;
    for (;;) {
      const id = table[slot] as number;
      if (id === -1) break;
      if (this.hashes[id] === h) {
        const s = this.starts[id] as number;
        if ((this.ends[id] as number) - s === len) {
          const arena = this.arena;
          let k = 0;
          while (k < len && arena[s + k] === buf[start + k]) k++;
          if (k === len) return id;
        }
      }
      slot = (slot + 1) & this.mask;
    }
    return this.add(buf, start, end, h, slot);
  }

  private add(buf: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const id = this.size++;
    const len = end - start;
    this.arena = grow(this.arena, this.arenaLength + len, Uint8Array);
    this.arena.set(buf.subarray(start, end), this.arenaLength);
    this.starts = grow(this.starts, id + 1, Int32Array);
    this.ends = grow(this.ends, id + 1, Int32Array);
    this.hashes = grow(this.hashes, id + 1, Int32Array);
    this.starts[id] = this.arenaLength;
    this.arenaLength += len;
    this.ends[id] = this.arenaLength;
    this.hashes[id] = h;
    this.table[slot] = id;
    if (this.size * 2 > this.mask) this.rehash();
    return id;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const table = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = (this.hashes[id] as number) & mask;
      while (table[slot] !== -1) slot = (slot + 1) & mask;
      table[slot] = id;
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
