/**
 * The profiler and the reviewer on every shared dataset, through the `none` gateway and the real gateway
 * (`openai/…` and `ollama/…`, their real SDKs) against local fake servers: a valid answer is taken as
 * sent (structured tier), schema and semantic violations on every tier end in the heuristic, and the
 * SQLite cost ledger's sums per run and purpose equal what the servers reported.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, AgentResult } from "../agents/index.js";
import { checkProfilerOutput } from "../agents/profiler/profiler-checks.js";
import { profilerAgent } from "../agents/profiler/profiler-agent.js";
import { ProfilerOutputSchema } from "../agents/profiler/profiler-schema.js";
import { checkReviewerOutput } from "../agents/reviewer/reviewer-checks.js";
import { reviewerAgent } from "../agents/reviewer/reviewer-agent.js";
import { ReviewerOutputSchema } from "../agents/reviewer/reviewer-schema.js";
import { createGateway, type Gateway } from "../llm/index.js";
import {
  type DatasetAgentInputs,
  datasetAgentInputs,
  invalidProfilerAnswers,
  invalidReviewerAnswers,
  profilerAnswer,
  reviewerAnswer,
} from "./agent-inputs.js";
import { DATASET_NAMES, datasetsAvailable } from "./datasets.js";
import {
  type FakeLlmServer,
  jsonBody,
  type RecordedRequest,
  type Scripted,
  startFakeLlm,
} from "./fake-llm/index.js";
import { FAST, type Harness, harness } from "./fake-llm/gateway-harness.js";

type Provider = "openai" | "ollama";
type Purpose = "profiler" | "reviewer";

/** USD per 1M tokens of the fake OpenAI model; ollama models are free. */
const OPENAI_PRICE = { inputPerMTok: 1000, outputPerMTok: 2000 };
const PRICE: Record<Provider, typeof OPENAI_PRICE> = {
  openai: OPENAI_PRICE,
  ollama: { inputPerMTok: 0, outputPerMTok: 0 },
};

interface Tally {
  rows: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}
const emptyTally = (): Tally => ({ rows: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });
const add = (t: Tally, o: Omit<Tally, "rows">, rows = 1): void => {
  t.rows += rows;
  t.inputTokens += o.inputTokens;
  t.outputTokens += o.outputTokens;
  t.costUsd += o.costUsd;
};

/** What the fake servers reported, per `runId|purpose`, tallied when the answer is actually sent. */
const reported = new Map<string, Tally>();
/** What the agents' own usage said, per `runId|purpose`. */
const metered = new Map<string, Tally>();
const tallyOf = (m: Map<string, Tally>, runId: string, purpose: Purpose): Tally => {
  const key = `${runId}|${purpose}`;
  const t = m.get(key) ?? emptyTally();
  m.set(key, t);
  return t;
};

const runIdOf = (c: DatasetAgentInputs) => `run-${c.name}`;

let serial = 0;
/** A 200 carrying `value` as JSON with distinct token counts, tallied as reported usage when sent. */
function answer(provider: Provider, runId: string, purpose: Purpose, value: unknown): Scripted {
  serial++;
  const inputTokens = 700 + 37 * serial;
  const outputTokens = 40 + 13 * serial;
  return {
    body: (r: RecordedRequest) => {
      const costUsd =
        (inputTokens * PRICE[provider].inputPerMTok + outputTokens * PRICE[provider].outputPerMTok) / 1e6;
      add(tallyOf(reported, runId, purpose), { inputTokens, outputTokens, costUsd });
      return jsonBody(provider, r.body, value, { inputTokens, outputTokens });
    },
  };
}

interface AgentCase<O> {
  purpose: Purpose;
  agent: Agent<never, O>;
  input: (c: DatasetAgentInputs) => unknown;
  valid: (c: DatasetAgentInputs) => O;
  invalid: (c: DatasetAgentInputs) => unknown[];
  /** The path the json tier's violation is reported at, in the repair turn. */
  jsonProblem: string;
  /** Schema + semantic checks, independent of the agent's own ladder. */
  check: (value: O, c: DatasetAgentInputs) => void;
}

const AGENTS: readonly AgentCase<unknown>[] = [
  {
    purpose: "profiler",
    agent: profilerAgent as unknown as Agent<never, unknown>,
    input: (c) => c.profiler,
    valid: profilerAnswer,
    invalid: invalidProfilerAnswers,
    jsonProblem: "preprocessing[0].step",
    check: (value, c) => {
      const out = ProfilerOutputSchema.parse(value);
      expect(checkProfilerOutput(out, c.profiler)).toEqual([]);
      expect(out.task.task).toBe(c.meta.task);
    },
  },
  {
    purpose: "reviewer",
    agent: reviewerAgent as unknown as Agent<never, unknown>,
    input: (c) => c.reviewer,
    valid: reviewerAnswer,
    invalid: invalidReviewerAnswers,
    jsonProblem: "confidence",
    check: (value, c) => {
      expect(checkReviewerOutput(ReviewerOutputSchema.parse(value), c.reviewer)).toEqual([]);
    },
  },
];

async function analyze(
  a: AgentCase<unknown>,
  c: DatasetAgentInputs,
  gateway: Gateway,
): Promise<AgentResult<unknown>> {
  const runId = runIdOf(c);
  const r = await a.agent.analyze(a.input(c) as never, { gateway, runId });
  expect(r.agent).toBe(a.purpose);
  a.check(r.value, c);
  add(tallyOf(metered, runId, a.purpose), r.usage, r.usage.calls);
  return r;
}

const failuresOf = (r: AgentResult<unknown>) =>
  r.failures.map((f) => (f.repair ? [f.tier, f.code, "repair"] : [f.tier, f.code]));

const suite = datasetsAvailable() ? describe : describe.skip;

suite("profiler and reviewer on every dataset, through the none and the real gateways", () => {
  let h: Harness;
  let ollama: FakeLlmServer;
  const fakes = {} as Record<Provider, FakeLlmServer>;
  const gateways = {} as Record<Provider | "none", Gateway>;
  const cases: DatasetAgentInputs[] = [];

  beforeAll(async () => {
    h = await harness("openai", { pricing: { "openai/fake-model": OPENAI_PRICE } });
    ollama = await startFakeLlm("ollama");
    fakes.openai = h.fake;
    fakes.ollama = ollama;
    gateways.openai = h.gateway;
    // The same SQLite ledger for every gateway: rows are told apart by purpose, run and provider.
    gateways.ollama = createGateway(
      { model: "ollama/fake-model", baseUrl: ollama.baseUrl, ...FAST },
      { ledger: h.memory.ledger, env: {} },
    );
    gateways.none = createGateway({ model: "none" }, { ledger: h.memory.ledger, env: {} });
    for (const name of DATASET_NAMES) cases.push(await datasetAgentInputs(name));
  });
  afterAll(async () => {
    await ollama?.close();
    await h?.close();
  });

  it("builds inputs for all datasets and every task, in each dataset's metric", () => {
    expect(cases.map((c) => c.name)).toEqual([...DATASET_NAMES]);
    expect(new Set(cases.map((c) => c.profile.task))).toEqual(
      new Set(["binary", "multiclass", "regression", "forecast", "clustering", "anomaly"]),
    );
    for (const c of cases) {
      expect(c.profile.task).toBe(c.meta.task);
      expect(c.reviewer).toMatchObject({ task: c.meta.task, metric: c.meta.metric });
      expect(c.reviewer.direction).toBe(c.meta.metric_direction);
      expect(c.reviewer.leaderboard.length).toBeGreaterThanOrEqual(3);
    }
  });

  it("model none: the heuristic answers at once, valid, with no request and no ledger row", async () => {
    const requests = fakes.openai.requests.length + fakes.ollama.requests.length;
    for (const c of cases) {
      for (const a of AGENTS) {
        const r = await analyze(a, c, gateways.none);
        expect(r).toMatchObject({ tier: "heuristic", model: null });
        expect(failuresOf(r)).toEqual([["structured", "LLM_UNAVAILABLE"]]);
        expect(r.usage.calls).toBe(0);
        expect(r.value).toEqual(a.agent.heuristic(a.input(c) as never));
      }
    }
    expect(fakes.openai.requests.length + fakes.ollama.requests.length).toBe(requests);
    expect(h.memory.ledger.rows()).toEqual([]);
  });

  for (const provider of ["openai", "ollama"] as const) {
    it(`${provider}: a valid answer is taken as sent, from the structured tier`, async () => {
      for (const c of cases) {
        for (const a of AGENTS) {
          const sent = a.valid(c);
          // The altered answer really differs from what the heuristic would have given.
          expect(sent).not.toEqual(a.agent.heuristic(a.input(c) as never));
          const before = fakes[provider].chatRequests().length;
          fakes[provider].enqueue(answer(provider, runIdOf(c), a.purpose, sent));
          const r = await analyze(a, c, gateways[provider]);
          expect(r).toMatchObject({ tier: "structured", model: `${provider}/fake-model`, failures: [] });
          expect(r.value).toEqual(a.agent.output.parse(sent));
          expect(r.value).toEqual(sent);
          expect(r.usage.calls).toBe(1);
          const requests = fakes[provider].chatRequests().slice(before);
          expect(requests).toHaveLength(1);
          const body = requests[0]!.body as Record<string, unknown>;
          if (provider === "openai") {
            expect((body.response_format as { type: string }).type).toBe("json_schema");
          } else {
            expect(body.format).toMatchObject({ type: "object" });
          }
          expect(JSON.stringify(body.messages)).toContain(
            a.purpose === "profiler" ? `\\"${c.name}\\"` : c.reviewer.leaderboard[0]!.estimator,
          );
        }
      }
    });

    it(`${provider}: schema and semantic violations on every tier end in the heuristic`, async () => {
      for (const c of cases) {
        for (const a of AGENTS) {
          const before = fakes[provider].chatRequests().length;
          fakes[provider].enqueue(...a.invalid(c).map((v) => answer(provider, runIdOf(c), a.purpose, v)));
          const r = await analyze(a, c, gateways[provider]);
          expect(r).toMatchObject({ tier: "heuristic", model: null });
          expect(failuresOf(r)).toEqual([
            ["structured", "LLM_BAD_RESPONSE"],
            ["json", "SCHEMA_INVALID"],
            ["json", "SEMANTIC_INVALID", "repair"],
          ]);
          expect(r.value).toEqual(a.agent.heuristic(a.input(c) as never));
          expect(r.usage.calls).toBe(3);
          const bodies = fakes[provider]
            .chatRequests()
            .slice(before)
            .map((q) => q.body as Record<string, unknown>);
          expect(bodies).toHaveLength(3);
          const mode = (b: Record<string, unknown>) =>
            provider === "openai" ? (b.response_format as { type: string }).type : b.format;
          expect(mode(bodies[1]!)).toBe(provider === "openai" ? "json_object" : "json");
          // The repair turn shows the model its own invalid answer, then what was wrong with it.
          const turn = bodies[2]!.messages as { role: string; content: string }[];
          expect(turn.map((m) => m.role).slice(-2)).toEqual(["assistant", "user"]);
          const echoed = JSON.stringify(a.invalid(c)[1]);
          expect(turn.at(-2)!.content.slice(0, 500)).toBe(echoed.slice(0, 500));
          expect(turn.at(-1)!.content).toContain(a.jsonProblem);
        }
      }
    });
  }

  it("the ledger's sums per run and purpose equal what the servers reported and the agents metered", () => {
    const ledger = h.memory.ledger;
    const rows = ledger.rows();
    const expectedRows = cases.length * AGENTS.length * 2 * (1 + 3);
    expect(rows).toHaveLength(expectedRows);
    expect(new Set(rows.map((r) => r.purpose))).toEqual(new Set(["profiler", "reviewer"]));
    expect(rows.every((r) => r.runId !== null && r.model === "fake-model")).toBe(true);

    for (const c of cases) {
      const runId = runIdOf(c);
      const byPurpose = ledger.byPurpose(runId);
      expect(byPurpose.map((p) => p.purpose)).toEqual(["profiler", "reviewer"]);
      for (const p of byPurpose) {
        const want = tallyOf(reported, runId, p.purpose as Purpose);
        expect(want.rows).toBe(2 * (1 + 3)); // both providers: one valid call, three invalid ones
        expect(p.attempts).toBe(want.rows);
        expect(p.calls).toBe(want.rows); // no retries: one attempt per call
        // Only the structured schema violations are gateway errors; json-tier violations are the agent's.
        expect(p.errors).toBe(2);
        expect(p.inputTokens).toBe(want.inputTokens);
        expect(p.outputTokens).toBe(want.outputTokens);
        expect(p.costUsd).toBeCloseTo(want.costUsd, 9);
        const { purpose: _, ...sums } = p;
        expect(ledger.totals({ runId, purpose: p.purpose })).toEqual(sums);
        // The agents' meters count every call, billed rejections included (a schema mismatch the
        // server charged for is in the agent's usage as in the ledger).
        const meter = tallyOf(metered, runId, p.purpose as Purpose);
        expect([meter.rows, meter.inputTokens, meter.outputTokens]).toEqual([
          want.rows,
          want.inputTokens,
          want.outputTokens,
        ]);
        expect(meter.costUsd).toBeCloseTo(want.costUsd, 9);
      }
      // ollama is free: the run's cost is its OpenAI rows alone.
      const openaiRows = ledger.rows({ runId }).filter((r) => r.provider === "openai");
      expect(openaiRows).toHaveLength(8);
      const spent = openaiRows.reduce(
        (s, r) =>
          s + (r.inputTokens * OPENAI_PRICE.inputPerMTok + r.outputTokens * OPENAI_PRICE.outputPerMTok) / 1e6,
        0,
      );
      expect(ledger.totals({ runId }).costUsd).toBeCloseTo(spent, 9);
      expect(
        ledger
          .rows({ runId })
          .filter((r) => r.provider === "ollama")
          .every((r) => r.costUsd === 0),
      ).toBe(true);
    }

    // Over all runs: profiler and reviewer rows stay apart and add up to the whole.
    const all = ledger.byPurpose();
    expect(all.map((p) => p.purpose)).toEqual(["profiler", "reviewer"]);
    const sum = (purpose: Purpose, k: keyof Tally) =>
      cases.reduce((s, c) => s + tallyOf(reported, runIdOf(c), purpose)[k], 0);
    for (const p of all) {
      const purpose = p.purpose as Purpose;
      expect([p.attempts, p.inputTokens, p.outputTokens]).toEqual([
        sum(purpose, "rows"),
        sum(purpose, "inputTokens"),
        sum(purpose, "outputTokens"),
      ]);
      expect(p.costUsd).toBeCloseTo(sum(purpose, "costUsd"), 9);
      expect(ledger.rows({ purpose }).every((r) => r.purpose === purpose)).toBe(true);
    }
    const total = ledger.totals();
    expect(total.inputTokens).toBe(all.reduce((s, p) => s + p.inputTokens, 0));
    expect(total.attempts).toBe(expectedRows);
  });
});
