/** Growable typed arrays for readers that do not know the row count up front. */

type TypedArray = Float64Array | Int32Array | Uint8Array;
type Ctor<T extends TypedArray> = { new (n: number): T };

/** Returns `a` when it can hold `needed` entries, else a copy grown by 1.5× (at least `needed`). */
export function grow<T extends TypedArray>(a: T, needed: number, ctor: Ctor<T>): T {
  if (needed <= a.length) return a;
  const next = new ctor(Math.max(needed, Math.ceil(a.length * 1.5) + 16));
  next.set(a);
  return next;
}

/**
 * The first `n` entries. A view when the buffer is at most 10% larger (the reader's estimate was
 * close; copying would cost time and a transient second buffer), else an exact copy, so that a
 * structured clone to a worker never drags a much larger buffer along.
 */
export function trim<T extends TypedArray>(a: T, n: number): T {
  if (a.length === n) return a;
  return (a.length <= n * 1.1 ? a.subarray(0, n) : a.slice(0, n)) as T;
}

/** A growable list of int32 (row indices, codes). */
export class IntList {
  private data: Int32Array;
  length = 0;
  constructor(capacity = 16) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, this.length + 1, Int32Array);
    this.data[this.length++] = v;
  }
  get(i: number): number {
    return this.data[i] as number;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
