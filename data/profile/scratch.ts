/** Reusable typed-array buffers for profiling, so a million-row column allocates nothing per column. */

function grow(n: number): number {
  let cap = 1024;
  while (cap < n) cap *= 2;
  return cap;
}

/**
 * Three Float64 buffers (A also viewed as Uint32 words), two Int32 buffers and a small hash table,
 * grown on demand and never shrunk. Contents are garbage between calls; callers own them only for the
 * duration of one statistic.
 */
export class ProfileScratch {
  private a = new Float64Array(0);
  private aBits = new Uint32Array(0);
  private b = new Float64Array(0);
  private c = new Float64Array(0);
  private h = new Int32Array(0);
  private i32 = new Int32Array(0);
  private tKeys = new Int32Array(0);
  private tValues = new Float64Array(0);
  private tCounts = new Int32Array(0);

  /** Buffer A, at least `n` long (the compacted values of the column being profiled). */
  values(n: number): Float64Array {
    if (this.a.length < n) {
      this.a = new Float64Array(grow(n));
      this.aBits = new Uint32Array(this.a.buffer);
    }
    return this.a;
  }

  /** Little-endian Uint32 view of buffer A: word 2i is the low half of value i. */
  valuesBits(): Uint32Array {
    return this.aBits;
  }

  /** Buffer B, at least `n` long (selection bands, hash partitions). */
  work(n: number): Float64Array {
    if (this.b.length < n) {
      this.b = new Float64Array(grow(n));
    }
    return this.b;
  }

  /** Buffer C, at least `n` long (distinct values collected while B holds hash partitions). */
  extra(n: number): Float64Array {
    if (this.c.length < n) this.c = new Float64Array(grow(n));
    return this.c;
  }

  /** An Int32 buffer of at least `n` (hashes; Int32 keeps them small integers for V8). */
  hashes(n: number): Int32Array {
    if (this.h.length < n) this.h = new Int32Array(grow(n));
    return this.h;
  }

  /** An Int32 buffer of at least `n`, zeroed over `[0, n)` (counts). */
  counts(n: number): Int32Array {
    if (this.i32.length < n) this.i32 = new Int32Array(grow(n));
    else this.i32.fill(0, 0, n);
    return this.i32;
  }

  /** A hash table of `cap` slots (keys and counts zeroed; values garbage), for cache-sized partitions. */
  table(cap: number): { keys: Int32Array; values: Float64Array; counts: Int32Array } {
    if (this.tKeys.length < cap) {
      this.tKeys = new Int32Array(grow(cap));
      this.tValues = new Float64Array(grow(cap));
      this.tCounts = new Int32Array(grow(cap));
    } else {
      this.tKeys.fill(0, 0, cap);
      this.tCounts.fill(0, 0, cap);
    }
    return { keys: this.tKeys, values: this.tValues, counts: this.tCounts };
  }
}
