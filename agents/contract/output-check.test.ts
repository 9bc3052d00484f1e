import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkOutput, coerceJson, formatIssues, issuePath, MAX_RENDERED_ISSUES } from "./output-check.js";

describe("output checks", () => {
  const schema = z.object({ items: z.array(z.object({ severity: z.enum(["low", "high"]) })) });

  it("renders issue paths compactly", () => {
    expect(issuePath(["items", 2, "severity"])).toBe("items[2].severity");
    expect(issuePath([])).toBe("(root)");
    const r = schema.safeParse({ items: [{ severity: "low" }, { severity: "huge" }] });
    expect(formatIssues(r.error!.issues)).toBe(
      '- items[1].severity: Invalid option: expected one of "low"|"high"',
    );
  });

  it("caps the number of rendered issues", () => {
    const r = z.array(z.number()).safeParse(Array.from({ length: 20 }, () => "x"));
    const lines = formatIssues(r.error!.issues).split("\n");
    expect(lines).toHaveLength(MAX_RENDERED_ISSUES + 1);
    expect(lines.at(-1)).toBe(`- and ${20 - MAX_RENDERED_ISSUES} more`);
  });

  it("runs the semantic hook only on schema-valid values", () => {
    let calls = 0;
    const validate = () => {
      calls++;
      return ["bad"];
    };
    expect(checkOutput(schema, { items: "no" }, null, validate)).toMatchObject({
      ok: false,
      code: "SCHEMA_INVALID",
    });
    expect(calls).toBe(0);
    expect(checkOutput(schema, { items: [] }, null, validate)).toEqual({
      ok: false,
      code: "SEMANTIC_INVALID",
      problems: "- bad",
    });
  });

  it("accepts JSON text, fenced or not, and leaves other values alone", () => {
    expect(coerceJson('{"a":1}')).toEqual({ a: 1 });
    expect(coerceJson('```json\n{"a":1}\n```')).toEqual({ a: 1 });
    expect(coerceJson("not json")).toBe("not json");
    expect(coerceJson({ a: 1 })).toEqual({ a: 1 });
  });
});
