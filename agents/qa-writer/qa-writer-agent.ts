/** The Q&A writer agent: grounded question/answer pairs for one document chunk, each quoting its evidence. */
import { dataBlock } from "../contract/agent-prompt.js";
import { defineAgent } from "../contract/define-agent.js";
import { checkQaWriterOutput } from "./qa-writer-checks.js";
import { qaWriterHeuristic } from "./qa-writer-heuristic.js";
import { type QaWriterInput, QaWriterInputSchema, QaWriterOutputSchema } from "./qa-writer-schema.js";

const SYSTEM_PROMPT = `You write question/answer pairs that teach a small language model the content of a document.
Rules:
- Every question must be answerable from the chunk alone; ask what a reader of the document would ask.
- Every answer restates facts of the chunk, with its words; never add knowledge the chunk does not hold.
- "quote" is the passage of the chunk that supports the answer, copied character for character (one to three sentences). Optionally give its character offsets in the chunk as start and end.
- Vary the questions: definitions, procedures, numbers, conditions, reasons. No two pairs ask the same thing.
- Skip boilerplate (page headers, copyright lines, tables of contents).`;

/** Q&A writer: purpose "qa"; heuristic `qaWriterHeuristic`; refuses answers whose quotes are all absent from the chunk. */
export const qaWriterAgent = defineAgent({
  name: "qa-writer",
  purpose: "qa",
  input: QaWriterInputSchema,
  output: QaWriterOutputSchema,
  systemPrompt: SYSTEM_PROMPT,
  buildPrompt: (input: QaWriterInput) =>
    [
      `Write ${input.count} question/answer pair${input.count === 1 ? "" : "s"} grounded in this chunk.`,
      dataBlock("chunk", {
        file: input.chunk.file,
        section: input.chunk.section ?? null,
        page: input.chunk.page ?? null,
        text: input.chunk.text,
      }),
    ].join("\n"),
  heuristic: qaWriterHeuristic,
  validate: checkQaWriterOutput,
  maxTokens: 3000,
  temperature: 0.3,
});
