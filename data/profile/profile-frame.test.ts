import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { coercion } from "../coercion.js";
import { type Column, createFrame, takeRows } from "../frame.js";
import { memoryBytes, profileFrame } from "./profile-frame.js";
import { ProfileSchema } from "./profile-schema.js";

const n = 60;
const columns: Column[] = [
  { kind: "datetime", name: "month", values: Float64Array.from({ length: n }, (_, i) => Date.UTC(2000, i)) },
  {
    kind: "numeric",
    name: "price",
    values: Float64Array.from({ length: n }, (_, i) => (i % 10 === 0 ? Number.NaN : 10 + (i % 7) * 1.5)),
  },
  {
    kind: "categorical",
    name: "shop",
    codes: Int32Array.from({ length: n }, (_, i) => i % 3),
    levels: ["north", "south", "east"],
  },
  { kind: "boolean", name: "promo", values: Uint8Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0)) },
  {
    kind: "text",
    name: "note",
    codes: Int32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? -1 : i % 2)),
    levels: ["ok", "late delivery"],
  },
  {
    kind: "numeric",
    name: "sales",
    values: Float64Array.from({ length: n }, (_, i) => 100 + 3 * i + 10 * Math.sin(i)),
  },
];
const frame = createFrame(columns);

describe("profileFrame", () => {
  it("produces a Profile that validates against the schema, with roles and task", () => {
    const coercions = [coercion("missing", "price: 6 empty fields → missing", { column: "price", count: 6 })];
    const p = profileFrame(frame, { target: "sales", coercions });
    expect(ProfileSchema.parse(p)).toEqual(p);
    expect(p).toMatchObject({
      nRows: n,
      nColumns: 6,
      duplicateRows: 0,
      task: "forecast",
      timeColumn: "month",
    });
    expect(p.coercions).toEqual(coercions);
    expect(p.columns.map((c) => c.role)).toEqual([
      "time",
      "feature",
      "feature",
      "feature",
      "feature",
      "target",
    ]);
    expect(p.missingCells).toBe(6 + 12);
    expect(p.missingCellRate).toBeCloseTo(18 / 360, 12);
    expect(p.memoryBytes).toBe(memoryBytes(columns));
    expect(p.target?.regression?.distinct).toBe(n);
    expect(p.leakage).toEqual([]);
  });

  it("profiles every kind", () => {
    const p = profileFrame(frame);
    expect(p.task).toBe("clustering");
    expect(p.target).toBeNull();
    const byName = Object.fromEntries(p.columns.map((c) => [c.name, c]));
    expect(byName.price).toMatchObject({ kind: "numeric", missing: 6, cardinality: 7 });
    expect(byName.shop).toMatchObject({ kind: "categorical", cardinality: 3 });
    expect(byName.promo).toMatchObject({
      kind: "boolean",
      boolean: { trueCount: 15, falseCount: 45, trueRate: 0.25 },
    });
    expect(byName.note).toMatchObject({ kind: "text", missing: 12, text: { lengthMin: 2, lengthMax: 13 } });
    expect(byName.month).toMatchObject({
      kind: "datetime",
      datetime: { monotonic: true, frequency: { alias: "MS" } },
    });
  });

  it("is deterministic", () => {
    expect(JSON.stringify(profileFrame(frame, { target: "shop" }))).toBe(
      JSON.stringify(profileFrame(frame, { target: "shop" })),
    );
  });

  it("counts duplicate rows", () => {
    const twice = takeRows(frame, [...Array.from({ length: n }, (_, i) => i), 0, 1, 2, 3, 4]);
    expect(profileFrame(twice).duplicateRows).toBe(5);
  });

  it("fails fast on an unknown target, with suggestions", () => {
    try {
      profileFrame(frame, { target: "Sales" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AlchemistError);
      expect((e as AlchemistError).code).toBe("TARGET_NOT_FOUND");
      expect((e as AlchemistError).details.suggestions).toEqual(["sales"]);
    }
  });

  it("has a JSON schema an agent can read", () => {
    const schema = z.toJSONSchema(ProfileSchema) as { properties: Record<string, { description?: string }> };
    expect(schema.properties.duplicateRows?.description).toContain("identical");
    expect(Object.keys(schema.properties)).toContain("leakage");
  });
});
