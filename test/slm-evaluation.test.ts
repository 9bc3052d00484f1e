/** The honest evaluation: numbers and plain verdicts computed from the pipeline's facts, worst first. */
import { describe, expect, it } from "vitest";
import {
  evaluateSlm,
  overfitting,
  type SlmEvaluationInput,
  type TrainingSummary,
} from "../documents/slm/index.js";
import { PLAIN_CHAT_TEMPLATE, renderModelfile } from "../export/slm/index.js";

const base: SlmEvaluationInput = {
  documentsProvided: 5,
  documentsProcessed: 5,
  skipped: [],
  chunksKept: 40,
  chunksRemoved: 0,
  pairs: 300,
  pairsTarget: 300,
  drafted: 320,
  citationCoverage: 0.95,
  duplicatePairs: 3,
  trainPairs: 240,
  evalPairs: 60,
  splitMode: "document",
  training: null,
  trainerNote: "--train none",
  evalReferences: [],
};

/** A curve: train loss falls linearly; eval loss follows `evalAt`. */
function curve(steps: number, evalAt: (step: number) => number, tiny = false): TrainingSummary {
  const s = Array.from({ length: steps }, (_, i) => ({ step: i + 1, loss: 3 - (2 * i) / steps }));
  const evals = [10, 20, 30, 40, 50, 60]
    .filter((x) => x <= steps)
    .map((step) => ({ step, evalLoss: evalAt(step) }));
  return { backend: "torch", model: "m", tiny, steps: s, evals, generations: [] };
}

describe("evaluateSlm verdicts", () => {
  it("says undertrained with the numbers, and reports skipped documents and weak grounding", () => {
    const e = evaluateSlm({
      ...base,
      pairs: 26,
      documentsProcessed: 3,
      skipped: [
        { file: "a.bin", reason: "unsupported", code: "UNSUPPORTED_FORMAT" },
        { file: "b.pdf", reason: "encrypted", code: "DOCUMENT_UNREADABLE" },
      ],
      citationCoverage: 0.4,
    });
    const texts = e.verdicts.map((v) => v.text);
    expect(texts).toContain("undertrained: 26 pairs of 300 wanted");
    expect(texts).toContain("2 of 5 documents skipped (UNSUPPORTED_FORMAT, DOCUMENT_UNREADABLE)");
    expect(texts.some((t) => t.startsWith("weak grounding: only 40%"))).toBe(true);
    expect(e.verdicts[0]!.severity).toBe("high");
    expect(texts.some((t) => t.startsWith("ok"))).toBe(false);
  });

  it("calls overfitting when eval loss rises while train loss falls", () => {
    const t = curve(60, (step) => (step <= 20 ? 2.5 - step / 40 : 2.0 + (step - 20) / 40));
    const e = evaluateSlm({ ...base, training: t });
    expect(e.verdicts[0]!.kind).toBe("overfit");
    expect(e.verdicts[0]!.text).toMatch(
      /^overfit: eval loss rising while train loss falls \(eval 2\.000 at step 20 → 3\.000 at step 60/,
    );
    expect(e.loss!.trainFell).toBe(true);
    expect(e.loss!.gap).toBeGreaterThan(1.5);
  });

  it("finds nothing wrong in a healthy run, and flags a flat loss as not learning", () => {
    const healthy = evaluateSlm({ ...base, training: curve(60, (step) => 3 - step / 35) });
    expect(healthy.verdicts.map((v) => v.kind)).toEqual(["ok"]);
    expect(overfitting(curve(60, (step) => 3 - step / 35))).toBeNull();
    const flat: TrainingSummary = {
      ...curve(60, () => 3),
      steps: Array.from({ length: 60 }, (_, i) => ({ step: i + 1, loss: 3 + (i % 2) * 0.01 })),
    };
    expect(evaluateSlm({ ...base, training: flat }).verdicts[0]!.kind).toBe("not_learning");
  });

  it("scores held-out answers by token F1 against the references", () => {
    const t: TrainingSummary = {
      ...curve(30, (step) => 3 - step / 35, true),
      generations: [
        { index: 0, text: "The pump must be primed first." },
        { index: 1, text: "zzz qqq" },
      ],
    };
    const e = evaluateSlm({
      ...base,
      training: t,
      evalReferences: ["The pump must be primed before the first start.", "Two years."],
    });
    expect(e.heldoutAnswersScored).toBe(2);
    expect(e.heldoutAnswerOverlap).toBeGreaterThan(0.3);
    expect(e.heldoutAnswerOverlap).toBeLessThan(0.5);
    expect(e.verdicts.some((v) => v.kind === "pipeline_check")).toBe(true);
  });
});

describe("Ollama Modelfile", () => {
  it("carries the system prompt and the training template, with stops", () => {
    const text = renderModelfile({
      from: "./model.gguf",
      systemPrompt: 'Answer from the manual. Say """ never.',
      template: PLAIN_CHAT_TEMPLATE,
      notes: ["made by a test"],
    });
    expect(text.split("\n")[0]).toBe("# made by a test");
    expect(text).toContain("FROM ./model.gguf\n");
    expect(text).toContain('SYSTEM """Answer from the manual. Say " " " never."""');
    expect(text).toContain('TEMPLATE """{{ if .System }}<|system|>');
    expect(text).toContain('PARAMETER stop "<|user|>"');
    const adapter = renderModelfile({
      from: "qwen2.5:0.5b",
      adapter: "./adapter",
      systemPrompt: "x",
      template: null,
    });
    expect(adapter).toContain("ADAPTER ./adapter\n");
    expect(adapter).not.toContain("TEMPLATE");
  });
});
