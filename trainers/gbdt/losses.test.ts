import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import {
  baseline,
  gbdtExp,
  gradients,
  huberDelta,
  type LossName,
  meanLoss,
  robustLeafValue,
  weightedMedian,
} from "./losses.js";
import { instantiateKernels } from "./wasm-kernels.js";

/** Per-row loss at raw scores (the mean loss of a one-row problem). */
function rowLoss(loss: LossName, y: number, raw: number[], nOut: number, delta: number): number {
  return meanLoss(loss, Float64Array.of(y), Float64Array.from(raw), null, nOut, delta);
}

function checkGradients(
  loss: LossName,
  y: Float64Array,
  raw: Float64Array,
  nOut: number,
  delta: number,
  w: Float64Array | null,
) {
  const n = y.length;
  const g = new Float64Array(n * nOut);
  const h = new Float64Array(n * nOut).fill(Number.NaN);
  gradients(loss, y, raw, w, nOut, g, h, new Float64Array(n), new Float64Array(n), delta);
  const eps = 1e-5;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    for (let k = 0; k < nOut; k++) {
      const r = Array.from({ length: nOut }, (_, kk) => raw[kk * n + i]!);
      const up = r.slice();
      up[k]! += eps;
      const down = r.slice();
      down[k]! -= eps;
      const num =
        (rowLoss(loss, y[i]!, up, nOut, delta) - rowLoss(loss, y[i]!, down, nOut, delta)) / (2 * eps);
      // Squared error is ½ (y - raw)², so the gradient is raw - y.
      expect(g[k * n + i]!).toBeCloseTo(wi * num, 4);
      if (loss === "log_loss") {
        const c = rowLoss(loss, y[i]!, r, nOut, delta);
        const hn =
          (rowLoss(loss, y[i]!, up, nOut, delta) - 2 * c + rowLoss(loss, y[i]!, down, nOut, delta)) /
          (eps * eps);
        // Softmax uses the diagonal hessian p (1 - p), as scikit-learn.
        expect(h[k * n + i]!).toBeCloseTo(wi * hn, 2);
      }
    }
  }
}

describe("loss gradients", () => {
  const rng = createRng(5);
  const n = 12;
  it("binary log loss: gradient p - y, hessian p (1 - p)", () => {
    const y = Float64Array.from({ length: n }, () => rng.int(2));
    const raw = Float64Array.from({ length: n }, () => rng.normal() * 2);
    checkGradients("log_loss", y, raw, 1, 0, null);
    checkGradients(
      "log_loss",
      y,
      raw,
      1,
      0,
      Float64Array.from({ length: n }, () => rng.next() * 3),
    );
  });

  it("softmax log loss over 4 classes", () => {
    const y = Float64Array.from({ length: n }, () => rng.int(4));
    const raw = Float64Array.from({ length: 4 * n }, () => rng.normal());
    checkGradients("log_loss", y, raw, 4, 0, null);
  });

  it("squared, absolute and Huber errors", () => {
    const y = Float64Array.from({ length: n }, () => rng.normal() * 3);
    const raw = Float64Array.from({ length: n }, (_, i) => y[i]! + (i % 2 ? 1 : -1) * (0.3 + i));
    checkGradients("squared_error", y, raw, 1, 0, null);
    checkGradients("absolute_error", y, raw, 1, 0, null);
    checkGradients("huber", y, raw, 1, 2.5, null);
    checkGradients(
      "huber",
      y,
      raw,
      1,
      2.5,
      Float64Array.from({ length: n }, () => 0.5 + rng.next()),
    );
  });

  it("leaves hessians alone when they are constant, and sets them to the weights otherwise", () => {
    const y = Float64Array.of(1, 2);
    const raw = Float64Array.of(0, 0);
    const h = Float64Array.of(-1, -1);
    gradients(
      "squared_error",
      y,
      raw,
      null,
      1,
      new Float64Array(2),
      h,
      new Float64Array(2),
      new Float64Array(2),
      0,
    );
    expect(Array.from(h)).toEqual([-1, -1]);
    gradients(
      "squared_error",
      y,
      raw,
      Float64Array.of(2, 3),
      1,
      new Float64Array(2),
      h,
      new Float64Array(2),
      new Float64Array(2),
      0,
    );
    expect(Array.from(h)).toEqual([2, 3]);
  });
});

describe("baselines (the loss's optimal constant)", () => {
  it("log-odds for binary, log-priors for softmax, weighted", () => {
    expect(baseline("log_loss", Float64Array.of(0, 1, 1, 1), null, 2)[0]).toBeCloseTo(Math.log(3), 12);
    expect(baseline("log_loss", Float64Array.of(0, 1), Float64Array.of(3, 1), 2)[0]).toBeCloseTo(
      Math.log(1 / 3),
      12,
    );
    const b = baseline("log_loss", Float64Array.of(0, 1, 1, 2), null, 3);
    expect(Array.from(b).map(Math.exp)).toEqual([0.25, 0.5, 0.25].map((p) => expect.closeTo(p, 12)));
  });

  it("is finite when a class is absent", () => {
    expect(Number.isFinite(baseline("log_loss", Float64Array.of(1, 1), null, 2)[0]!)).toBe(true);
    const b = baseline("log_loss", Float64Array.of(0, 0, 2), null, 3);
    for (const v of b) expect(Number.isFinite(v)).toBe(true);
  });

  it("mean for squared error, median for absolute and Huber", () => {
    const y = Float64Array.of(1, 2, 10);
    expect(baseline("squared_error", y, null, 1)[0]).toBeCloseTo(13 / 3, 12);
    expect(baseline("absolute_error", y, null, 1)[0]).toBe(2);
    expect(baseline("huber", Float64Array.of(1, 2, 3, 10), null, 1)[0]).toBe(2.5);
    expect(baseline("absolute_error", y, Float64Array.of(1, 1, 5), 1)[0]).toBe(10);
  });

  it("minimises the loss among constants", () => {
    const rng = createRng(3);
    const y = Float64Array.from({ length: 101 }, () => rng.normal() ** 3);
    for (const loss of ["squared_error", "absolute_error"] as const) {
      const b = baseline(loss, y, null, 1)[0]!;
      const at = (c: number) => meanLoss(loss, y, new Float64Array(101).fill(c), null, 1, 0);
      expect(at(b)).toBeLessThanOrEqual(at(b + 0.05));
      expect(at(b)).toBeLessThanOrEqual(at(b - 0.05));
    }
  });
});

describe("robust helpers", () => {
  it("weighted median and Huber delta", () => {
    expect(weightedMedian(Float64Array.of(3, 1, 2), null, 3)).toBe(2);
    expect(weightedMedian(Float64Array.of(4, 1, 2, 3), null, 4)).toBe(2.5);
    expect(weightedMedian(Float64Array.of(1, 2, 3), Float64Array.of(1, 1, 10), 3)).toBe(3);
    const y = Float64Array.from({ length: 11 }, (_, i) => i);
    const d = huberDelta(y, new Float64Array(11), null, 0.9, new Float64Array(11), new Float64Array(11));
    expect(d).toBeCloseTo(9, 12);
  });

  it("leaf refits: median residual (absolute), median plus clipped mean (Huber)", () => {
    const rows = Int32Array.of(0, 1, 2, 3);
    const y = Float64Array.of(1, 2, 3, 100);
    const raw = new Float64Array(4);
    const s = new Float64Array(4);
    expect(robustLeafValue("absolute_error", rows, 0, 4, y, raw, null, 0, s, s.slice())).toBe(2.5);
    // Median 2.5; deviations -1.5, -0.5, 0.5, 97.5 clipped at 1 → mean (-1 - 0.5 + 0.5 + 1) / 4 = 0.
    expect(robustLeafValue("huber", rows, 0, 4, y, raw, null, 1, s, s.slice())).toBeCloseTo(2.5, 12);
    expect(robustLeafValue("absolute_error", rows, 1, 3, y, raw, null, 0, s, s.slice())).toBe(2.5);
  });
});

describe("gbdtExp", () => {
  it("is within 2 ulp of Math.exp for normal results, exact at the edges", () => {
    const rng = createRng(17);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = (rng.next() - 0.5) * (i % 2 ? 60 : 1400);
      const e = Math.exp(x);
      if (e < 2.3e-308 || !Number.isFinite(e)) continue;
      worst = Math.max(worst, Math.abs(gbdtExp(x) - e) / e);
    }
    expect(worst).toBeLessThan(4.5e-16);
    expect(gbdtExp(0)).toBe(1);
    expect(gbdtExp(710)).toBe(Number.POSITIVE_INFINITY);
    expect(gbdtExp(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(gbdtExp(-746)).toBe(0);
    expect(gbdtExp(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(gbdtExp(Number.NaN)).toBeNaN();
    expect(gbdtExp(-740)).toBeGreaterThan(0); // subnormal, not flushed
  });

  it("the WebAssembly kernels compute bit-identical values", () => {
    const n = 4096;
    const k = instantiateKernels(8 * 4 * n + 1024)!;
    expect(k).not.toBeNull();
    const raw = new Float64Array(k.memory.buffer, 0, n);
    const b = new Float64Array(k.memory.buffer, 8 * n, n);
    const out = new Float64Array(k.memory.buffer, 16 * n, n);
    const rng = createRng(18);
    for (let i = 0; i < n; i++) {
      raw[i] = (rng.next() - 0.5) * (i % 3 === 0 ? 1600 : 40);
      b[i] = rng.normal();
    }
    raw[0] = Number.NaN;
    raw[1] = 709.9;
    raw[2] = -745.2;
    k.expSub(n, raw.byteOffset, b.byteOffset, out.byteOffset);
    for (let i = 0; i < n; i++) expect(Object.is(out[i], gbdtExp(raw[i]! - b[i]!))).toBe(true);
    k.sigmoid(n, raw.byteOffset, out.byteOffset);
    for (let i = 0; i < n; i++) expect(Object.is(out[i], 1 / (1 + gbdtExp(-raw[i]!)))).toBe(true);
  });
});
