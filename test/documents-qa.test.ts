/**
 * Grounded Q&A synthesis: the heuristic tier offline (provider none), and the real gateway against a
 * fake OpenAI server that misbehaves — invalid JSON, quotes that are not in the chunk, offsets outside
 * it. Every kept pair's citation must point at document text that holds its quote and supports its answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type QaChunk, support } from "../agents/qa-writer/index.js";
import { chunkDocuments } from "../documents/chunk/index.js";
import { checkCitation, type QaPair, synthesizeQa } from "../documents/qa/index.js";
import { makeDpoRecords, perturbAnswer, splitByDocument } from "../documents/slm/index.js";
import { createRng } from "../core/rng.js";
import { createGateway } from "../llm/index.js";
import { type Harness, harness } from "./fake-llm/gateway-harness.js";

const PUMP = `# Pump manual

The pump is a centrifugal unit rated for 40 litres per minute. It must be primed before the first start.

## Maintenance

The filter should be cleaned every month, e.g. with warm water. Error E4 means the water pressure is too low.
- The warranty covers parts for two years from the date of purchase.
- The seal kit contains two gaskets and one O-ring.
`;
const KETTLE = `# Kettle guide

The kettle is a cordless appliance with a capacity of 1.7 litres. The base requires a grounded socket.

## Safety

Never fill the kettle above the MAX mark. The lid must be closed before boiling. The auto shut-off stops heating when the water boils.
Descaling is a monthly task in hard-water areas. Citric acid works well for descaling.
`;
const HEATER = `The heater has three power levels: 800, 1200 and 2000 watts. The thermostat keeps the room between 5 and 30 degrees.
The tip-over switch cuts the power when the heater falls. Frost mode is a setting that keeps the room above 5 degrees.
`;
const TEXTS: Record<string, string> = { "pump.md": PUMP, "kettle.md": KETTLE, "heater.txt": HEATER };

function docs() {
  return Object.entries(TEXTS).map(([file, text]) => ({
    file,
    text,
    segments: [{ start: 0, end: text.length }],
  }));
}

/** The invariant every kept pair must satisfy, checked against the document text itself. */
function expectGrounded(p: QaPair): void {
  const text = TEXTS[p.citation.file]!;
  expect(p.citation.start).toBeGreaterThanOrEqual(0);
  expect(p.citation.end).toBeLessThanOrEqual(text.length);
  expect(text.slice(p.citation.start, p.citation.end)).toBe(p.quote);
  expect(support(p.answer, p.quote)).toBeGreaterThanOrEqual(0.5);
}

const none = createGateway({ model: "none" });

describe("Q&A synthesis offline (heuristic tier)", () => {
  it("writes extractive pairs whose citations point at the document text", async () => {
    const chunks = chunkDocuments(docs(), { size: 200, overlap: 40 });
    const r = await synthesizeQa(chunks, { gateway: none, target: 300 });
    expect(r.tiers.heuristic).toBe(chunks.length);
    expect(r.pairs.length).toBeGreaterThan(8);
    expect(r.pairs.length).toBeLessThan(300);
    expect(r.citationCoverage).toBe(1);
    for (const p of r.pairs) expectGrounded(p);
    // Every document contributes, and no two kept pairs share a question.
    expect(new Set(r.pairs.map((p) => p.citation.file)).size).toBe(3);
    expect(new Set(r.pairs.map((p) => p.question)).size).toBe(r.pairs.length);
    // The same text twice (a copied section): its pairs are kept once.
    const twice = await synthesizeQa([chunks[0]!, { ...chunks[0]!, id: "copy" }], {
      gateway: none,
      target: 300,
    });
    expect(twice.dropped.duplicate).toBe(twice.pairs.length);
    expect(twice.pairs.every((p) => p.chunkId === chunks[0]!.id)).toBe(true);
    const definition = r.pairs.find((p) => p.answer.startsWith("Error E4 means"));
    expect(definition?.question).toBe("What does error E4 mean?");
  });

  it("stops at the target, drawing on every document first", async () => {
    const chunks = chunkDocuments(docs(), { size: 200, overlap: 0 });
    const r = await synthesizeQa(chunks, { gateway: none, target: 3, perChunk: 1 });
    expect(r.pairs).toHaveLength(3);
    expect(new Set(r.pairs.map((p) => p.citation.file)).size).toBe(3);
  });

  it("holds out whole documents, seeded", async () => {
    const chunks = chunkDocuments(docs(), { size: 200, overlap: 0 });
    const { pairs } = await synthesizeQa(chunks, { gateway: none, target: 300 });
    const s = splitByDocument(pairs, { seed: 3, evalFraction: 0.3 });
    expect(s.mode).toBe("document");
    expect(s.eval.length).toBeGreaterThan(0);
    expect(s.train.length + s.eval.length).toBe(pairs.length);
    const trainFiles = new Set(s.train.map((p) => p.citation.file));
    for (const p of s.eval) expect(trainFiles.has(p.citation.file)).toBe(false);
    expect(splitByDocument(pairs, { seed: 3, evalFraction: 0.3 })).toEqual(s);
    // One document: held out by chunk, never splitting a chunk's pairs.
    const one = splitByDocument(
      pairs.filter((p) => p.citation.file === "kettle.md"),
      { evalFraction: 0.4 },
    );
    expect(one.mode).toBe("chunk");
    const trainChunks = new Set(one.train.map((p) => p.chunkId));
    for (const p of one.eval) expect(trainChunks.has(p.chunkId)).toBe(false);
  });

  it("makes DPO records whose rejected answer differs from the grounded one", async () => {
    const chunks = chunkDocuments(docs(), { size: 200, overlap: 0 });
    const { pairs } = await synthesizeQa(chunks, { gateway: none, target: 300 });
    const dpo = makeDpoRecords(pairs, { seed: 1 });
    expect(dpo.length).toBeGreaterThan(pairs.length / 2);
    for (const d of dpo) {
      expect(d.rejected).not.toBe(d.chosen);
      expect(d.prompt.at(-1)?.role).toBe("user");
      const pair = pairs.find((p) => p.answer === d.chosen && p.question === d.prompt.at(-1)?.content);
      expect(pair).toBeDefined();
      if (d.rejected_kind === "ungrounded") expect(support(d.rejected, pair!.quote)).toBeLessThan(1);
    }
    expect(new Set(dpo.map((d) => d.rejected_kind))).toEqual(new Set(["perturbed", "ungrounded"]));
    expect(perturbAnswer("Heat for 40 minutes before use.", createRng(0))).not.toContain("40 minutes before");
    expect(perturbAnswer("Blue is a colour.", createRng(0))).toBeNull();
  });
});

describe("citation checks", () => {
  const text = "Intro line.\nThe valve opens at 3 bar. The gauge reads in kilopascal.";
  const chunk: QaChunk = { id: "c", file: "v.md", start: 100, end: 100 + text.length, text };
  const q = "At what pressure does the valve open?";

  it("accepts a verbatim or near-verbatim quote and returns document offsets", () => {
    const ok = checkCitation(
      { question: q, answer: "It opens at 3 bar.", quote: "The valve opens at 3 bar." },
      chunk,
    );
    expect(ok.ok && ok.citation).toEqual({ file: "v.md", start: 112, end: 137 });
    const near = checkCitation(
      { question: q, answer: "At 3 bar.", quote: "the valve  opens at 3 BAR" },
      chunk,
    );
    expect(near.ok).toBe(true);
  });

  it("refuses quotes not in the chunk, offsets outside it, and answers the quote does not support", () => {
    const missing = checkCitation(
      { question: q, answer: "At 5 bar.", quote: "The valve opens at 5 bar when hot." },
      chunk,
    );
    expect(missing).toMatchObject({ ok: false, reason: "quote_not_found" });
    const outside = checkCitation(
      { question: q, answer: "At 3 bar.", quote: "The valve opens at 3 bar.", start: 50, end: 400 },
      chunk,
    );
    expect(outside).toMatchObject({ ok: false, reason: "span_outside_chunk" });
    const unsupported = checkCitation(
      { question: q, answer: "Only when the pump overheats badly.", quote: "The valve opens at 3 bar." },
      chunk,
    );
    expect(unsupported).toMatchObject({ ok: false, reason: "unsupported_answer" });
  });
});

describe("Q&A synthesis through the gateway and a misbehaving fake OpenAI server", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness("openai");
  });
  afterAll(async () => {
    await h.close();
  });
  const chunk: QaChunk = { id: "k1", file: "kettle.md", start: 0, end: KETTLE.length, text: KETTLE };

  it("invalid JSON first, then pairs of which only the grounded one is kept", async () => {
    h.fake.enqueue(
      h.fake.text("Sure! Here are your pairs: {pairs: [oops"),
      h.fake.json({
        pairs: [
          {
            question: "What is the capacity of the kettle?",
            answer: "The kettle holds 1.7 litres.",
            quote: "The kettle is a cordless appliance with a capacity of 1.7 litres.",
          },
          {
            question: "What is the warranty of the kettle?",
            answer: "Five years of full warranty.",
            quote: "The kettle comes with a five year warranty.",
          },
          {
            question: "Where must the kettle not be filled?",
            answer: "Above the MAX mark.",
            quote: "Never fill the kettle above the MAX mark.",
            start: 5000,
            end: 5040,
          },
        ],
      }),
    );
    const r = await synthesizeQa([chunk], { gateway: h.gateway, target: 10, perChunk: 3 });
    expect(r.tiers.json).toBe(1);
    expect(r.drafted).toBe(3);
    expect(r.pairs.map((p) => p.question)).toEqual(["What is the capacity of the kettle?"]);
    expect(r.dropped.quote_not_found).toBe(1);
    expect(r.dropped.span_outside_chunk).toBe(1);
    expect(r.citationCoverage).toBeCloseTo(1 / 3, 6);
    for (const p of r.pairs) expectGrounded(p);
    expect(r.pairs[0]!.tier).toBe("json");
  });

  it("falls back to the heuristic when every citation is invented, even after the repair turn", async () => {
    const invented = {
      pairs: [{ question: "What colour is the kettle?", answer: "Red.", quote: "The kettle is bright red." }],
    };
    h.fake.enqueue(h.fake.json(invented), h.fake.json(invented), h.fake.json(invented));
    const before = h.fake.chatRequests().length;
    const r = await synthesizeQa([chunk], { gateway: h.gateway, target: 10, perChunk: 3 });
    expect(h.fake.chatRequests().length - before).toBe(3); // structured, json, repair
    expect(r.tiers.heuristic).toBe(1);
    expect(r.pairs.length).toBeGreaterThan(0);
    for (const p of r.pairs) {
      expect(p.tier).toBe("heuristic");
      expectGrounded(p);
    }
    expect(r.pairs.some((p) => p.answer.includes("red"))).toBe(false);
  });
});
