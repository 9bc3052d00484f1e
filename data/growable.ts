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

/** An exact-length copy: readers never hand out views of larger buffers (they would be cloned whole). */
export function trim<T extends TypedArray>(a: T, n: number): T {
  return a.length === n ? a : (a.slice(0, n) as T);
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
