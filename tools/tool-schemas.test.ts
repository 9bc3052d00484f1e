/** Every tool's JSON schemas as snapshots (a schema change is a visible diff), and the LLM tool formats derived from them. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ACTION_SPACE } from "../actions/index.js";
import { anthropicTools, getTool, openAiTools, TOOLS, toolJsonSchemas } from "./index.js";

describe("tool registry", () => {
  it("has unique snake_case names, a description and all four annotations per tool", () => {
    const names = TOOLS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const t of TOOLS) {
      expect(t.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(t.description.length).toBeGreaterThan(40);
      expect(Object.keys(t.annotations).sort()).toEqual([
        "destructiveHint",
        "idempotentHint",
        "openWorldHint",
        "readOnlyHint",
      ]);
    }
  });

  it("names a near miss with did-you-mean", () => {
    expect(() => getTool("trian")).toThrowError(/Did you mean 'train'/);
  });

  it("generates the action schemas of propose_action and train from ACTION_SPACE", () => {
    const train = JSON.stringify(toolJsonSchemas(getTool("train")).input);
    const propose = JSON.stringify(toolJsonSchemas(getTool("propose_action")).output);
    for (const name of ACTION_SPACE.names) {
      expect(train).toContain(`"const":"${name}"`);
      expect(propose).toContain(`"const":"${name}"`);
    }
  });

  for (const tool of TOOLS) {
    it(`${tool.name}: input and output JSON schemas`, async () => {
      const s = toolJsonSchemas(tool);
      expect(s.input.type).toBe("object");
      await expect(JSON.stringify(s, null, 2)).toMatchFileSnapshot(
        `./__snapshots__/schemas/${tool.name}.schema.snap`,
      );
    });
  }

  it("exports OpenAI and Anthropic tool definitions from the same schemas", () => {
    const openai = openAiTools();
    const anthropic = anthropicTools();
    expect(openai.map((t) => t.function.name)).toEqual(TOOLS.map((t) => t.name));
    expect(anthropic.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
    const train = anthropic.find((t) => t.name === "train");
    expect(train?.input_schema.$schema).toBeUndefined();
    expect(train?.input_schema).toEqual(openai.find((t) => t.function.name === "train")?.function.parameters);
    // The exported schema accepts what the tool's zod schema accepts.
    expect(z.toJSONSchema(getTool("list_models").input, { io: "input" }).properties).toEqual(
      anthropic.find((t) => t.name === "list_models")?.input_schema.properties,
    );
  });
});
