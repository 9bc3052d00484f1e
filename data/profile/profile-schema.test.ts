import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ProfileSchema } from "./profile-schema.js";

interface JsonSchema {
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Paths of object properties without a description (on the property or on a member of its union). */
function undescribed(s: JsonSchema, path: string, out: string[]): string[] {
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    const members = v.anyOf ?? v.oneOf ?? [];
    if (!v.description && !members.some((m) => m.description)) out.push(`${path}.${k}`);
    undescribed(v, `${path}.${k}`, out);
  }
  for (const m of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) undescribed(m, path, out);
  if (s.items) undescribed(s.items, `${path}[]`, out);
  return out;
}

describe("ProfileSchema", () => {
  it("describes every field, for the agents that read it", () => {
    expect(undescribed(z.toJSONSchema(ProfileSchema) as JsonSchema, "profile", [])).toEqual([]);
  });
});
