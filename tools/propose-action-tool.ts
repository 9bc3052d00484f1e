/** propose_action: the proposer agent's next move for a run, validated against ACTION_SPACE on the run's best trial. */
import { z } from "zod";
import { ProposalSchema } from "../actions/index.js";
import { createAgentProposer } from "../agents/index.js";
import type { MetricName } from "../evaluate/metrics/registry.js";
import { trialKey } from "../loop/index.js";
import {
  incumbentOf,
  profileOfRun,
  RunRefSchema,
  TrialViewSchema,
  trialsOfRun,
  trialView,
} from "./run-views.js";
import { defineTool } from "./tool-definition.js";

const ProposeInputSchema = z.strictObject({
  run: RunRefSchema,
  llm: z
    .string()
    .min(1)
    .optional()
    .describe("`provider/model` of the proposer; the server's default otherwise"),
});

const ProposeOutputSchema = z.object({
  run_id: z.string(),
  proposal: ProposalSchema()
    .nullable()
    .describe("The validated action with its rationale; null when no untried move is left"),
  tier: z.enum(["structured", "json", "heuristic"]).nullable().describe("Which tier of the agent answered"),
  incumbent: TrialViewSchema.describe("The trial the action applies to: the run's best"),
  next_spec: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe("The PipelineSpec the action gives (train it with {run, actions: [proposal.action]})"),
  next_settings: z.record(z.string(), z.unknown()).nullable(),
});

export const proposeActionTool = defineTool({
  name: "propose_action",
  title: "Propose the next action",
  description:
    "Asks the proposer agent for the next move on a run: one action of the action space (change the model, a hyperparameter, a preprocessing step, a config setting) applied to the run's best trial, validated and never already tried, with its rationale. Train it next with train({run, actions: [proposal.action]}). The decision is recorded in the run.",
  input: ProposeInputSchema,
  output: ProposeOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(input, { services, signal }) {
    const store = services.memory.runs;
    const run = store.getRun(input.run);
    const trials = trialsOfRun(store, run.id);
    const incumbent = incumbentOf(run, trials);
    const proposer = createAgentProposer({ gateway: services.gateway(input.llm), runId: run.id, signal });
    const result = await proposer.propose({
      runId: run.id,
      profile: profileOfRun(run),
      task: run.task,
      metric: run.metric as MetricName,
      trials,
      incumbent,
      tried: new Set(trials.map((t) => trialKey(t.spec, t.settings, t.resource))),
      signal,
    });
    for (const d of result.decisions)
      store.appendDecision(run.id, { ...d, seq: null, failures: [...d.failures] });
    const accepted = [...result.decisions].reverse().find((d) => d.accepted);
    const next = result.next;
    return {
      run_id: run.id,
      proposal:
        next !== null && accepted !== undefined
          ? (accepted.output as z.input<ReturnType<typeof ProposalSchema>>)
          : null,
      tier: next !== null && accepted !== undefined ? accepted.tier : null,
      incumbent: trialView(incumbent),
      next_spec: next === null ? null : (JSON.parse(JSON.stringify(next.spec)) as Record<string, unknown>),
      next_settings: next === null ? null : { ...next.settings },
    };
  },
});
