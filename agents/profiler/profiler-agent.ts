/** The profiler agent: reads a dataset Profile and says what to do about the data before any model. */
import { STEP_TYPES } from "../../data/preprocess/step-schema.js";
import { dataBlock } from "../contract/agent-prompt.js";
import { defineAgent } from "../contract/define-agent.js";
import { checkProfilerOutput } from "./profiler-checks.js";
import { profilerHeuristic } from "./profiler-heuristic.js";
import { type ProfilerInput, ProfilerOutputSchema } from "./profiler-schema.js";
import { profileDigest } from "./profile-digest.js";

const SYSTEM_PROMPT = `You are the profiler of Alchemist, an AutoML system. You read the deterministic profile of a tabular dataset and decide what must happen to the data before models are trained.
Rules:
- Confirm the detected task (status "confirmed", same task) unless the profile clearly shows another fits better (status "suggested"); a task must fit the target (no regression on class labels, no binary with more than 2 classes, clustering only without a target).
- Report real quality issues with the numbers that show them: missing values, placeholder levels such as '.' or '?', duplicates, constant or ID-like columns, leakage suspects, class imbalance, skewed targets, too few rows.
- Drop only feature columns that cannot help: empty, constant, row identifiers, leakage suspects. Never drop the target or the time column of a forecast.
- Suggest preprocessing as pipeline steps (${STEP_TYPES.join(", ")}): impute where values are missing (median for skewed numbers, most frequent for categories, indicators when much is missing), one-hot for few levels and target encoding for many, date parts for datetimes, word features for text, class weights for imbalance.
- Name columns exactly as in the profile. Be concrete and brief.`;

/** Profiler: purpose "profiler"; the heuristic tier is `profilerHeuristic`, checks `checkProfilerOutput`. */
export const profilerAgent = defineAgent({
  name: "profiler",
  purpose: "profiler",
  output: ProfilerOutputSchema,
  systemPrompt: SYSTEM_PROMPT,
  buildPrompt: (input: ProfilerInput) =>
    [
      "Read this dataset profile: confirm or correct the task, list the quality issues (worst first), the columns to drop, the preprocessing steps in order, and a short summary.",
      input.dataset !== undefined ? dataBlock("dataset", input.dataset) : "",
      dataBlock("profile", profileDigest(input.profile)),
    ]
      .filter((s) => s !== "")
      .join("\n"),
  heuristic: profilerHeuristic,
  validate: checkProfilerOutput,
  maxTokens: 4000,
});
