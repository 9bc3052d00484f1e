/** Label-free criteria: silhouette on a sample (clustering), rank agreement between detectors (anomaly). */
import { silhouetteScore } from "../../evaluate/index.js";
import type { Rows } from "../../trainers/cluster/index.js";

/**
 * Silhouette of `labels` on the sample rows `sample`, measured in `ref` (the standardised space,
 * whatever space the clusterer worked in: raw units are arbitrary, so silhouettes of different
 * scalings are only comparable in one common space). Noise rows (label −1) score 0 and are left
 * out of the others' distances, so a clustering that calls much of the data noise pays for it.
 * Null when fewer than two clusters remain.
 */
export function sampleSilhouette(ref: Rows, labels: Int32Array, sample: Int32Array): number | null {
  const { d } = ref;
  let kept = 0;
  for (let r = 0; r < sample.length; r++) if ((labels[sample[r] as number] as number) >= 0) kept++;
  const feats = new Float64Array(kept * d);
  const codes = new Int32Array(kept);
  const seen = new Set<number>();
  for (let r = 0, w = 0; r < sample.length; r++) {
    const i = sample[r] as number;
    const c = labels[i] as number;
    if (c < 0) continue;
    feats.set(ref.data.subarray(i * d, i * d + d), w * d);
    codes[w++] = c;
    seen.add(c);
  }
  if (seen.size < 2 || seen.size > kept - 1) return null;
  return silhouetteScore(feats, d, codes) * (kept / sample.length);
}

/** Average ranks (ties share their mean rank), scaled to (0, 1]. */
export function ranks(v: Float64Array): Float64Array {
  const n = v.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (v[a] as number) - (v[b] as number),
  );
  const out = new Float64Array(n);
  for (let s = 0; s < n; ) {
    let e = s + 1;
    while (e < n && v[order[e] as number] === v[order[s] as number]) e++;
    const r = (s + e + 1) / 2 / n;
    for (let t = s; t < e; t++) out[order[t] as number] = r;
    s = e;
  }
  return out;
}

/** Pearson correlation (of rank vectors: Spearman's ρ); 0 when either is constant. */
export function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] as number;
    mb += b[i] as number;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = (a[i] as number) - ma;
    const y = (b[i] as number) - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/**
 * Agreement of each candidate with the detectors of the *other* families: Spearman's ρ between its
 * scores and the mean rank of the other families (each family first averaged over its own
 * candidates, so a family tried in many settings does not outvote the rest). Detectors measure
 * outlyingness differently, so errors particular to one (LOF fooled by duplicated rows, a
 * histogram by a multimodal feature) disagree with the rest while true anomalies stand out to
 * all; a candidate that tracks the consensus of independent views is the one least likely to be
 * fooled. Null for every candidate when fewer than two families ran.
 */
export function familyAgreement(
  candidates: readonly { family: string; ranks: Float64Array }[],
): (number | null)[] {
  const families = [...new Set(candidates.map((c) => c.family))];
  if (families.length < 2 || candidates.length === 0) return candidates.map(() => null);
  const n = (candidates[0] as { ranks: Float64Array }).ranks.length;
  const means = new Map<string, Float64Array>();
  for (const f of families) {
    const members = candidates.filter((c) => c.family === f);
    const m = new Float64Array(n);
    for (const c of members) for (let i = 0; i < n; i++) m[i]! += (c.ranks[i] as number) / members.length;
    means.set(f, m);
  }
  return candidates.map((c) => {
    const others = new Float64Array(n);
    for (const f of families) {
      if (f === c.family) continue;
      const m = means.get(f) as Float64Array;
      for (let i = 0; i < n; i++) others[i]! += m[i] as number;
    }
    return correlation(c.ranks, others);
  });
}
