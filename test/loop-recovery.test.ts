/**
 * Self-healing inside the real loop (worker pool, SQLite memory, the recovery agent on the pattern
 * library): a proposal that cannot fit (multinomial naive Bayes on standardised, hence negative,
 * features) fails, is diagnosed, and a retry with a fix scores; the run reports it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createAgentRecoverer, recoverTrial } from "../agents/index.js";
import { createGateway } from "../llm/index.js";
import type { Proposer, Recoverer, Trial } from "../loop/index.js";
import { MAX_RETRIES_PER_FAILURE, runAutoML } from "../loop/index.js";
import { openMemory } from "../memory/index.js";
import { datasetPath } from "./datasets.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-recovery-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Proposes one broken move (multinomial NB after standard scaling), then nothing. */
function brokenProposer(): Proposer {
  let asked = 0;
  return {
    async propose({ incumbent }: { incumbent: Trial }) {
      if (asked++ > 0) return { next: null, decisions: [] };
      const steps = incumbent.spec.steps.filter((s) => s.type !== "scale");
      return {
        next: {
          spec: {
            ...incumbent.spec,
            steps: [...steps, { type: "scale", method: "standard" }],
            estimator: { name: "multinomial_nb", params: {} },
          },
          settings: incumbent.settings,
          origin: "scripted: multinomial_nb on standardised features",
        },
        decisions: [],
      };
    },
  } as Proposer;
}

describe("recovery in the loop", () => {
  it("diagnoses a failed trial, retries it with a fix, and reports the healing", async () => {
    const memory = openMemory(join(dir, "memory.db"));
    try {
      const out = join(dir, "out");
      const result = await runAutoML(
        {
          train: datasetPath("penguins", "train.csv"),
          target: "Species",
          trials: 14,
          workers: 2,
          seed: 1,
          out,
        },
        {
          memory,
          home: dir,
          gateway: createGateway({ model: "none" }),
          proposer: brokenProposer,
          recoverer: (g) => createAgentRecoverer({ gateway: g }),
        },
      );
      const trials = memory.runs.listTrials(result.run_id);
      const failed = trials.find(
        (t) => t.spec && (t.spec as Trial["spec"]).estimator.name === "multinomial_nb",
      );
      expect(failed?.status).toBe("failed");
      const retries = trials.filter((t) => t.recovery?.of === failed?.seq);
      expect(retries.length).toBeGreaterThanOrEqual(1);
      expect(retries.length).toBeLessThanOrEqual(2);
      const healed = retries.find((t) => t.status === "recovered");
      expect(healed).toBeDefined();
      expect(healed?.recovery?.tier).toBe("heuristic");
      expect(healed?.origin).toMatch(/^recovery of #\d+ \[heuristic\]: /);
      expect(healed?.score).not.toBeNull();
      // The retry is a new experiment: its state differs from the failed one.
      expect(JSON.stringify(healed?.spec)).not.toBe(JSON.stringify(failed?.spec));

      expect(result.trials.recovered).toBeGreaterThanOrEqual(1);
      const summary = result.recoveries.find((r) => r.failed === failed?.seq);
      expect(summary?.outcome).toBe("healed");
      expect(summary?.attempts.at(-1)?.status).toBe("recovered");
      expect(summary?.attempts[0]?.root_cause).toMatch(/negative/i);
      // A recovered trial competes like any other.
      expect(result.leaderboard.some((r) => r.seq === healed?.seq)).toBe(true);

      const report = readFileSync(join(out, "report.md"), "utf8");
      expect(report).toContain("## Recoveries");
      expect(report).toMatch(new RegExp(`Trial ${failed?.seq} \\(multinomial_nb\\) failed .*healed`));
      const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { recoveries: unknown[] };
      expect(json.recoveries.length).toBeGreaterThanOrEqual(1);
      const decisions = memory.runs.listDecisions(result.run_id).filter((d) => d.agent === "recovery");
      expect(decisions.some((d) => d.seq === healed?.seq && d.accepted)).toBe(true);

      // Standalone, from the recorded trial id: the same diagnosis, fixes applied but not run.
      const prefix = result.run_id.slice(0, 6);
      const again = await recoverTrial(memory.runs, prefix, failed?.seq as number);
      expect(again.recoverable).toBe(true);
      expect(again.patternIds).toContain("negative-values");
      expect(again.fixes.map((f) => `${f.action.action}=${String(f.action.value)}`)).toContain(
        "scaling=minmax",
      );
      expect(again.fixes[0]?.spec.estimator.name).toBeDefined();
      await expect(recoverTrial(memory.runs, prefix, healed?.seq as number)).rejects.toMatchObject({
        code: "INVALID_ARGUMENT",
        details: { parameter: "trial" },
      });
      await expect(recoverTrial(memory.runs, prefix, 999)).rejects.toMatchObject({
        code: "INVALID_ARGUMENT",
      });
      await expect(recoverTrial(memory.runs, "nosuchrun", 1)).rejects.toMatchObject({
        code: "MEMORY_NOT_FOUND",
      });
    } finally {
      memory.close();
    }
  }, 120_000);

  it("stops retrying a failure after its retry budget and reports it not healed", async () => {
    const memory = openMemory(join(dir, "memory-budget.db"));
    let asked = 0;
    // Always "heals" with another multinomial NB alpha: every retry fails again.
    const stubborn: Recoverer = {
      async recover({ failed, chain }) {
        asked++;
        const alpha = 0.5 + chain.length;
        return {
          next: {
            spec: { ...failed.spec, estimator: { name: "multinomial_nb", params: { alpha } } },
            settings: failed.settings,
            recovery: {
              of: chain[0]?.seq ?? failed.seq,
              attempt: chain.length,
              rootCause: "scripted",
              category: "model",
              tier: "heuristic",
              fix: { action: "set_hyperparameter", param: "alpha", value: alpha },
              via: "fix",
            },
          },
          decision: null,
        };
      },
    };
    try {
      const result = await runAutoML(
        { train: datasetPath("penguins", "train.csv"), target: "Species", trials: 13, workers: 2, seed: 1 },
        {
          memory,
          home: dir,
          gateway: createGateway({ model: "none" }),
          proposer: brokenProposer,
          recoverer: () => stubborn,
        },
      );
      const summary = result.recoveries.find((r) => r.estimator === "multinomial_nb");
      expect(summary?.outcome).toBe("not_healed");
      expect(summary?.attempts.length).toBe(MAX_RETRIES_PER_FAILURE);
      for (const a of summary?.attempts ?? []) expect(a.status).toBe("failed");
      // Asked once per failure in the chain that still had budget, never for the last one.
      expect(asked).toBe(MAX_RETRIES_PER_FAILURE);
      expect(result.trials.recovered).toBe(0);
      // The search went on after giving up.
      const last = summary?.attempts.at(-1)?.seq as number;
      expect(result.trials.total).toBeGreaterThan(last);
    } finally {
      memory.close();
    }
  }, 120_000);
});
