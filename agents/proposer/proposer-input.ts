/** Builds the proposer's input from the loop's ProposalRequest: profile facts, the incumbent, the trial history. */
import { actionContext, droppedColumns } from "../../actions/index.js";
import type { Step } from "../../data/preprocess/index.js";
import type { Profile } from "../../data/profile/index.js";
import type { PipelineSpec } from "../../data/preprocess/index.js";
import { isBetter } from "../../evaluate/metrics/metric-choice.js";
import { METRICS, type MetricName } from "../../evaluate/metrics/registry.js";
import type { ProposalRequest } from "../../loop/proposer.js";
import { succeeded, type Trial } from "../../loop/trial.js";
import { MODEL_REGISTRY } from "../../trainers/registry.js";
import { profileDigest } from "../profiler/profile-digest.js";
import { labelOfOrigin, moveKey } from "./move-label.js";
import type { HistoryEntry, ProposerFacts, ProposerInput, SearchSummary } from "./proposer-schema.js";

/** Trials shown to the model, the most recent ones. */
export const MAX_HISTORY = 30;
/** A numeric feature is heavy-tailed past this |skewness| or this share of Tukey outliers. */
const HEAVY_SKEW = 2;
const HEAVY_OUTLIER_SHARE = 0.05;

/** The profile facts the heuristic reads, for the features the incumbent spec uses. */
export function proposerFacts(profile: Profile, spec: PipelineSpec): ProposerFacts {
  const dropped = droppedColumns(spec);
  const features = profile.columns.filter(
    (c) => c.role !== "target" && c.name !== spec.target && !dropped.has(c.name),
  );
  const categorical: ProposerFacts["categorical"] = [];
  const heavyTailed: string[] = [];
  let negatives = false;
  let textColumns = 0;
  for (const c of features) {
    if (c.kind === "categorical") categorical.push({ name: c.name, cardinality: c.cardinality });
    else if (c.kind === "text") textColumns++;
    else if (c.kind === "numeric" && c.cardinality > 2) {
      const s = c.numeric;
      if (s.negatives > 0) negatives = true;
      const share = s.finiteCount > 0 ? s.iqrOutliers / s.finiteCount : 0;
      if (Math.abs(s.skewness ?? 0) > HEAVY_SKEW || share > HEAVY_OUTLIER_SHARE) heavyTailed.push(c.name);
    } else if (c.kind === "numeric" && c.numeric.negatives > 0) negatives = true;
  }
  const classes = profile.target?.classification?.classes ?? [];
  let minorityShare: number | null = null;
  if (classes.length > 0) {
    let total = 0;
    let least = Number.POSITIVE_INFINITY;
    for (const k of classes) {
      total += k.count;
      least = Math.min(least, k.count);
    }
    minorityShare = total > 0 ? least / total : null;
  }
  return {
    nRows: profile.nRows,
    nFeatures: features.length,
    categorical,
    textColumns,
    heavyTailed,
    negatives,
    minorityShare,
  };
}

/** `impute(median) > encode(one_hot) > scale(standard)`: what a trial's preprocessing was, briefly. */
export function stepsSummary(steps: readonly Step[]): string {
  if (steps.length === 0) return "(none)";
  return steps
    .map((s) => {
      const parts: string[] = [];
      if ("method" in s) parts.push(s.method);
      if ("strategy" in s) parts.push(s.strategy);
      if ("columns" in s) {
        const cols = s.columns as string | readonly string[];
        if (typeof cols !== "string") parts.push(`${cols.length} columns`);
        else if (s.type === "impute" && cols !== "numeric") parts.push(cols);
      }
      if (s.type === "select_features" && s.method === "univariate") parts.push(`keep ${s.keep_fraction}`);
      return parts.length > 0 ? `${s.type}(${parts.join(", ")})` : s.type;
    })
    .join(" > ");
}

const defaultsCache = new Map<string, Record<string, unknown>>();

/** Params that differ from the registry defaults (all of them for an unknown estimator). */
export function changedParams(name: string, params: Record<string, unknown>): Record<string, unknown> {
  const est = MODEL_REGISTRY.get(name);
  if (est === undefined) return { ...params };
  let defaults = defaultsCache.get(name);
  if (defaults === undefined) {
    defaults = est.params.parse({}) as Record<string, unknown>;
    defaultsCache.set(name, defaults);
  }
  const parsed = est.params.safeParse(params);
  const full = parsed.success ? (parsed.data as Record<string, unknown>) : params;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(full)) {
    if (JSON.stringify(v) !== JSON.stringify(defaults[k])) out[k] = v;
  }
  return out;
}

function counts(t: Trial): boolean {
  return succeeded(t) && t.score !== null && t.resource >= 1;
}

/**
 * Walks the trials in order, keeping the incumbent of each moment (best baseline/explore trial so
 * far), so every explore trial is judged against the state it was applied to.
 */
function judgeTrials(trials: readonly Trial[], metric: MetricName) {
  const beat = new Map<number, boolean>();
  const notHelped = new Set<string>();
  let best: Trial | undefined;
  for (const t of trials) {
    if (t.phase !== "baseline" && t.phase !== "explore") continue;
    const better = counts(t) && (best?.score == null || isBetter(metric, t.score as number, best.score));
    if (t.phase === "explore") {
      beat.set(t.seq, better);
      const label = labelOfOrigin(t.origin);
      if (!better && label !== null && best !== undefined) {
        notHelped.add(moveKey(best.spec.estimator.name, label));
      }
    }
    if (better) best = t;
  }
  return { beat, notHelped };
}

function searchSummary(trials: readonly Trial[], metric: MetricName, notHelped: Set<string>): SearchSummary {
  const tried: string[] = [];
  const ok = new Set<string>();
  const broken = new Set<string>();
  const best = new Map<string, Trial>();
  for (const t of trials) {
    const name = t.spec.estimator.name;
    if (!tried.includes(name)) tried.push(name);
    if (succeeded(t)) ok.add(name);
    if (t.status === "failed" || t.status === "timed_out") broken.add(name);
    if (!counts(t)) continue;
    const b = best.get(name);
    if (b === undefined || isBetter(metric, t.score as number, b.score as number)) best.set(name, t);
  }
  const ranked = [...best.values()].sort((a, b) =>
    isBetter(metric, a.score as number, b.score as number)
      ? -1
      : isBetter(metric, b.score as number, a.score as number)
        ? 1
        : a.seq - b.seq,
  );
  return {
    triedEstimators: tried,
    failedEstimators: tried.filter((n) => broken.has(n) && !ok.has(n)),
    bestByEstimator: ranked.map((t) => ({
      estimator: t.spec.estimator.name,
      score: t.score as number,
      seq: t.seq,
    })),
    movesThatDidNotHelp: [...notHelped],
  };
}

function historyEntry(t: Trial, beat: Map<number, boolean>): HistoryEntry {
  return {
    seq: t.seq,
    phase: t.phase,
    estimator: t.spec.estimator.name,
    params: changedParams(t.spec.estimator.name, t.spec.estimator.params),
    steps: stepsSummary(t.spec.steps).slice(0, 2000),
    status: t.status,
    score: t.score,
    std: t.std,
    errorCode: t.error?.code ?? null,
    origin: t.origin.slice(0, 1000),
    beatIncumbent: beat.get(t.seq) ?? null,
  };
}

/** The proposer's input for one request of the loop. */
export function proposerInput(request: ProposalRequest): ProposerInput {
  const { profile, metric, incumbent, trials } = request;
  const { beat, notHelped } = judgeTrials(trials, metric);
  const ctx = actionContext(profile, incumbent.spec, metric);
  return {
    task: request.task,
    metric,
    direction: METRICS[metric].direction === "min" ? "min" : "max",
    ...(request.scoreMeaning !== undefined ? { scoreMeaning: request.scoreMeaning } : {}),
    digest: profileDigest(profile),
    facts: proposerFacts(profile, incumbent.spec),
    incumbent: {
      seq: incumbent.seq,
      spec: incumbent.spec,
      settings: incumbent.settings,
      score: incumbent.score,
      std: incumbent.std,
    },
    history: trials.slice(-MAX_HISTORY).map((t) => historyEntry(t, beat)),
    search: searchSummary(trials, metric, notHelped),
    ...(request.warmStart !== undefined && request.warmStart.length > 0
      ? { warmStart: request.warmStart.map((d) => ({ ...d, best: [...d.best] })) }
      : {}),
    columns: ctx.columns.map((c) =>
      c.target === true ? { name: c.name, kind: c.kind, target: true } : { name: c.name, kind: c.kind },
    ),
    tried: request.tried,
  };
}
