/** splitSentences: hard-wrapped paragraphs read as prose, spans exact slices of the text. */
import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences.js";

describe("splitSentences", () => {
  it("joins the wrapped lines of a paragraph and keeps exact offsets", () => {
    const text =
      "# Design\n\nPoint it at a table (or a folder of\ndocuments) and a target. Typed agents profile\nthe data.\n\n- A bullet is its own sentence\n- and so is the next one.\n";
    const spans = splitSentences(text);
    expect(spans.map((s) => s.text.replace(/\s+/g, " "))).toEqual([
      "Point it at a table (or a folder of documents) and a target.",
      "Typed agents profile the data.",
      "A bullet is its own sentence",
      "and so is the next one.",
    ]);
    for (const s of spans) {
      expect(text.slice(s.start, s.end)).toBe(s.text);
      expect(s.heading).toBe("Design");
    }
  });
});
