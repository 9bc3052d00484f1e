/** Benchmark forecasters: naive (last value), seasonal naive (last season repeated), drift (last value + mean slope). */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import type { CoreModel } from "./forecaster.js";
import { parseState } from "./forecaster.js";

const NaiveStateSchema = z.object({
  kind: z.enum(["naive", "seasonal_naive", "drift"]),
  /** The last `m` values (1 for naive and drift), oldest first. */
  tail: z.array(z.number()),
  slope: z.number(),
});
type NaiveState = z.infer<typeof NaiveStateSchema>;

function core(s: NaiveState): CoreModel {
  const m = s.tail.length;
  return {
    label: s.kind === "seasonal_naive" ? `seasonal_naive[${m}]` : s.kind,
    forecast(h) {
      const out = new Float64Array(h);
      const last = s.tail[m - 1]!;
      for (let i = 0; i < h; i++) {
        out[i] =
          s.kind === "seasonal_naive" ? s.tail[i % m]! : last + (s.kind === "drift" ? s.slope * (i + 1) : 0);
      }
      return out;
    },
    state: () => s,
  };
}

/**
 * Fits a benchmark: `naive` repeats the last value; `seasonal_naive` repeats the last `m` values
 * (naive when the series is shorter than a season); `drift` extends the line from the first to the
 * last value (Hyndman & Athanasopoulos §5.2).
 */
export function fitNaive(kind: NaiveState["kind"], z: Float64Array, seasonLength: number): CoreModel {
  const n = z.length;
  if (n < 1) throw new AlchemistError("NOT_ENOUGH_ROWS", `${kind}: the series is empty.`, {});
  const m = kind === "seasonal_naive" && n >= seasonLength ? seasonLength : 1;
  const tail = Array.from(z.subarray(n - m));
  const slope = kind === "drift" && n > 1 ? (z[n - 1]! - z[0]!) / (n - 1) : 0;
  return core({ kind: m === 1 && kind === "seasonal_naive" ? "naive" : kind, tail, slope });
}

/** Rebuilds a benchmark forecaster from its state. */
export function reviveNaive(state: unknown): CoreModel {
  return core(parseState("naive", NaiveStateSchema, state));
}
