/** The preprocessing the heuristic suggests, in the order a PipelineSpec applies it. */
import type { Profile } from "../../data/profile/profile-schema.js";
import type { DropDecision } from "./profiler-drops.js";
import { imputePlan } from "./profiler-impute.js";
import type { PreprocessingSuggestion } from "./profiler-schema.js";
import {
  features,
  isClassTask,
  isHeavyTailed,
  isSupervised,
  num,
  PROFILER_RULES,
  perColumnOrGrouped,
  placeholderLevels,
  q,
} from "./profile-facts.js";

type Step = PreprocessingSuggestion["step"];

function suggest(step: Step, suggestion: string, column?: string): PreprocessingSuggestion {
  return column === undefined ? { suggestion, step } : { column, suggestion, step };
}

/** Order: drop, datetime parts, impute, text features, encode, clip, scale, rebalance. */
export function preprocessing(profile: Profile, drops: readonly DropDecision[]): PreprocessingSuggestion[] {
  const out: PreprocessingSuggestion[] = [];
  const dropped = new Set(drops.map((d) => d.column));
  const kept = features(profile).filter((c) => !dropped.has(c.name));
  const supervised = isSupervised(profile);

  out.push(
    ...perColumnOrGrouped(
      drops.map((d) => d.column),
      (name) => suggest("drop_columns", `drop ${q(name)} before training`, name),
      (names) => suggest("drop_columns", `drop ${names} before training (see dropColumns)`),
    ),
  );

  if (profile.task === "forecast" && profile.timeColumn !== null) {
    const time = profile.columns.find((c) => c.name === profile.timeColumn);
    const freq = time?.kind === "datetime" ? time.datetime.frequency?.description : undefined;
    out.push(
      suggest(
        "datetime_features",
        `derive calendar parts (year, month${freq?.startsWith("monthly") ? "" : ", day of week"}) from ${q(profile.timeColumn)} so models see the trend and the seasonality${freq ? ` (${freq} series)` : ""}; keep the rows in time order`,
        profile.timeColumn,
      ),
    );
  }
  for (const c of kept) {
    if (c.kind !== "datetime") continue;
    out.push(
      suggest(
        "datetime_features",
        `derive date parts (year, month, day of week, hour when present, days since epoch) from ${q(c.name)}: models cannot use raw timestamps`,
        c.name,
      ),
    );
  }

  const toImpute = kept.flatMap((c) => {
    const plan = imputePlan(c);
    if (!plan) return [];
    const placeholders = placeholderLevels(profile, c).map((p) => `'${p.level}'`);
    const text =
      placeholders.length > 0
        ? `treat ${placeholders.join(", ")} as missing too, then ${plan.text}`
        : plan.text;
    return [{ name: c.name, text }];
  });
  out.push(
    ...perColumnOrGrouped(
      toImpute.map((t) => t.name),
      (name) => suggest("impute", `${q(name)}: ${toImpute.find((t) => t.name === name)!.text}`, name),
      (names) =>
        suggest(
          "impute",
          `impute ${names}: median for skewed numbers, mean otherwise, most frequent value for categories; add missing indicators where more than 5% is missing`,
        ),
    ),
  );

  const texts = kept.filter((c) => c.kind === "text");
  out.push(
    ...perColumnOrGrouped(
      texts.map((c) => c.name),
      (name) =>
        suggest(
          "text_features",
          `turn the free text of ${q(name)} into word features (${profile.nRows <= 50_000 ? "TF-IDF over the most frequent words" : "hashed word counts"})`,
          name,
        ),
      (names) => suggest("text_features", `turn the free text of ${names} into hashed word counts`),
    ),
  );

  const categoricals = kept.filter((c) => c.kind === "categorical");
  const low = categoricals.filter((c) => c.cardinality <= PROFILER_RULES.oneHotMaxLevels).map((c) => c.name);
  const high = categoricals.filter((c) => c.cardinality > PROFILER_RULES.oneHotMaxLevels);
  out.push(
    ...perColumnOrGrouped(
      low,
      (name) => {
        const c = categoricals.find((k) => k.name === name)!;
        return suggest("encode", `one-hot encode ${q(name)} (${num(c.cardinality)} levels)`, name);
      },
      (names) =>
        suggest("encode", `one-hot encode ${names} (at most ${PROFILER_RULES.oneHotMaxLevels} levels each)`),
    ),
  );
  for (const c of high) {
    out.push(
      suggest(
        "encode",
        supervised
          ? `target-encode ${q(c.name)} (${num(c.cardinality)} levels, out-of-fold with smoothing): one-hot would add too many features`
          : `one-hot encode the ${PROFILER_RULES.oneHotMaxLevels} most frequent levels of ${q(c.name)} (${num(c.cardinality)} levels) and group the rest`,
        c.name,
      ),
    );
  }

  if (supervised) {
    const heavy = kept.filter(isHeavyTailed).map((c) => c.name);
    out.push(
      ...perColumnOrGrouped(
        heavy,
        (name) =>
          suggest(
            "clip_outliers",
            `clip extreme values of ${q(name)} at the IQR fences (for linear and neighbour models)`,
            name,
          ),
        (names) =>
          suggest(
            "clip_outliers",
            `clip extreme values of ${names} at the IQR fences (for linear and neighbour models)`,
          ),
      ),
    );
  }

  const numericLike = kept.filter((c) => c.kind === "numeric" || c.kind === "datetime");
  if (numericLike.length > 0) {
    out.push(
      suggest(
        "scale",
        supervised
          ? "standardise numeric features for linear, neighbour and neural models (trees do not need it)"
          : `standardise numeric features: ${profile.task === "anomaly" ? "distance and density detectors" : "cluster distances"} are otherwise dominated by the widest-ranged column`,
      ),
    );
  }

  const cls = profile.target?.classification;
  if (cls && isClassTask(profile) && cls.imbalanceRatio > PROFILER_RULES.imbalanceRatio) {
    out.push(
      suggest(
        "rebalance",
        `weight classes inversely to their frequency (class_weight): '${cls.minorityClass}' is ${num(cls.imbalanceRatio)}× rarer than '${cls.majorityClass}'`,
        profile.target!.name,
      ),
    );
  }
  return out.slice(0, 200);
}
