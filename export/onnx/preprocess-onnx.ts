/**
 * A fitted preprocessor as ONNX: raw column inputs → the `[N, F]` double feature matrix. Categorical
 * strings become vocabulary positions once (LabelEncoder); every categorical step is then a lookup
 * table over those positions, so unseen and missing levels follow the native rules exactly.
 */
import { AlchemistError } from "../../core/errors.js";
import type { FittedStep, PreprocessorJSON } from "../../data/preprocess/index.js";
import { attr, type GraphBuilder, ML_DOMAIN } from "./graph-builder.js";

/** Position 0: a string outside the vocabulary; position 1: missing (empty string); then the vocabulary. */
const UNSEEN = 0;
const MISSING = 1;
const FIRST = 2;

type WorkCol =
  | { kind: "numeric"; name: string; t: string }
  | { kind: "coded"; name: string; t: string; vocab: readonly string[] };

/** Every level string a step refers to, per working column (the vocabulary its input must know). */
function vocabularies(fitted: readonly FittedStep[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (column: string, levels: readonly string[]): void => {
    const s = out.get(column) ?? new Set<string>();
    for (const l of levels) s.add(l);
    out.set(column, s);
  };
  for (const s of fitted) {
    if (s.type === "impute") for (const e of s.categorical) add(e.column, [e.fill]);
    else if (s.type === "one_hot" || s.type === "ordinal" || s.type === "native")
      for (const e of s.columns) add(e.column, e.levels);
  }
  return out;
}

function unsupported(what: string): AlchemistError {
  return new AlchemistError("ONNX_UNSUPPORTED", `The preprocessing ${what} has no ONNX export.`, {
    step: what,
  });
}

function toColumn(g: GraphBuilder, v: string): string {
  return g.op("Reshape", [v, g.constInt64([-1, 1], [2])]);
}

/** Lookup of a coded column: `table` has one row per vocabulary position (`width` values each). */
function lookup(
  g: GraphBuilder,
  c: Extract<WorkCol, { kind: "coded" }>,
  table: Float64Array,
  width: number,
): string {
  return g.op("Gather", [g.constDouble(table, [c.vocab.length + FIRST, width], "lookup"), c.t], {
    axis: attr.int(0),
  });
}

function sliceColumn(g: GraphBuilder, block: string, j: number): string {
  return g.op("Slice", [block, g.constInt64([j], [1]), g.constInt64([j + 1], [1]), g.constInt64([1], [1])]);
}

function applyState(g: GraphBuilder, s: FittedStep, cols: WorkCol[]): WorkCol[] {
  const byName = (name: string, kind: WorkCol["kind"]): WorkCol => {
    const c = cols.find((x) => x.name === name);
    if (c === undefined || c.kind !== kind)
      throw new AlchemistError("INTERNAL", `ONNX export: no ${kind} working column '${name}'.`, {
        column: name,
      });
    return c;
  };
  const replace = (outputs: Map<string, WorkCol[]>): WorkCol[] =>
    cols.flatMap((c) => outputs.get(c.name) ?? [c]);
  switch (s.type) {
    case "impute": {
      const outputs = new Map<string, WorkCol[]>();
      for (const e of s.numeric) {
        const c = byName(e.column, "numeric");
        const isNan = g.op("IsNaN", [c.t]);
        const filled: WorkCol = { ...c, t: g.op("Where", [isNan, g.constDouble([e.fill], []), c.t]) };
        const out: WorkCol[] = [filled];
        if (e.indicator !== null)
          out.push({ kind: "numeric", name: e.indicator, t: g.op("Cast", [isNan], { to: attr.int(11) }) });
        outputs.set(e.column, out);
      }
      for (const e of s.categorical) {
        const c = byName(e.column, "coded") as Extract<WorkCol, { kind: "coded" }>;
        const table = Array.from({ length: c.vocab.length + FIRST }, (_, p) => p);
        table[MISSING] = c.vocab.indexOf(e.fill) + FIRST;
        const filled: WorkCol = {
          ...c,
          t: g.op("Gather", [g.constInt64(table, [table.length]), c.t], { axis: attr.int(0) }),
        };
        const out: WorkCol[] = [filled];
        if (e.indicator !== null) {
          const isMissing = g.op("Equal", [c.t, g.constInt64([MISSING], [])]);
          out.push({
            kind: "numeric",
            name: e.indicator,
            t: toColumn(g, g.op("Cast", [isMissing], { to: attr.int(11) })),
          });
        }
        outputs.set(e.column, out);
      }
      return replace(outputs);
    }
    case "scale": {
      const outputs = new Map<string, WorkCol[]>();
      for (const e of s.columns) {
        const c = byName(e.column, "numeric");
        const t = g.op("Div", [
          g.op("Sub", [c.t, g.constDouble([e.center], [])]),
          g.constDouble([e.spread], []),
        ]);
        outputs.set(e.column, [{ ...c, t }]);
      }
      return replace(outputs);
    }
    case "clip_outliers": {
      const outputs = new Map<string, WorkCol[]>();
      for (const e of s.columns) {
        const c = byName(e.column, "numeric");
        const clipped = g.op("Max", [
          g.op("Min", [c.t, g.constDouble([e.upper], [])]),
          g.constDouble([e.lower], []),
        ]);
        // NaN stays NaN natively; ONNX Min/Max need not propagate it.
        outputs.set(e.column, [{ ...c, t: g.op("Where", [g.op("IsNaN", [c.t]), c.t, clipped]) }]);
      }
      return replace(outputs);
    }
    case "one_hot": {
      const outputs = new Map<string, WorkCol[]>();
      for (const e of s.columns) {
        const c = byName(e.column, "coded") as Extract<WorkCol, { kind: "coded" }>;
        const L = e.levels.length;
        const width = L + (e.other === null ? 0 : 1);
        const table = new Float64Array((c.vocab.length + FIRST) * width);
        const level = new Map(e.levels.map((l, m) => [l, m]));
        for (let p = 0; p < c.vocab.length + FIRST; p++) {
          if (p === MISSING) continue;
          const m = p === UNSEEN ? undefined : level.get(c.vocab[p - FIRST] as string);
          if (m !== undefined) table[p * width + m] = 1;
          else if (e.other !== null) table[p * width + L] = 1;
        }
        const block = lookup(g, c, table, width);
        const names = [...e.features, ...(e.other === null ? [] : [e.other])];
        outputs.set(
          e.column,
          names.map((name, j) => ({ kind: "numeric", name, t: sliceColumn(g, block, j) })),
        );
      }
      return replace(outputs);
    }
    case "ordinal":
    case "native": {
      const outputs = new Map<string, WorkCol[]>();
      for (const e of s.columns) {
        const c = byName(e.column, "coded") as Extract<WorkCol, { kind: "coded" }>;
        const level = new Map(e.levels.map((l, m) => [l, m]));
        const unseen = "other" in e && e.other ? e.levels.length : Number.NaN;
        const table = new Float64Array(c.vocab.length + FIRST).fill(Number.NaN);
        table[UNSEEN] = unseen;
        c.vocab.forEach((v, i) => {
          table[i + FIRST] = level.get(v) ?? unseen;
        });
        outputs.set(e.column, [{ kind: "numeric", name: e.column, t: lookup(g, c, table, 1) }]);
      }
      return replace(outputs);
    }
    case "drop_columns":
      return cols.filter((c) => !s.columns.includes(c.name));
    case "select_features":
      return cols.filter((c) => !s.dropped.includes(c.name));
    case "rebalance":
      return cols;
    default:
      throw unsupported(`step '${s.type}'`);
  }
}

/** A graph input per raw column: numeric (and boolean) as double `[N, 1]`, categorical and text as string `[N, 1]`. */
export interface RawInputs {
  readonly numeric: ReadonlyMap<string, string>;
  readonly strings: ReadonlyMap<string, string>;
}

/**
 * Appends a preprocessor's transform; returns the `[N, F]` double feature matrix. Steps without a
 * faithful form (target encoding, datetime and text features) throw ONNX_UNSUPPORTED naming them.
 */
export function exportPreprocessor(g: GraphBuilder, pre: PreprocessorJSON, inputs: RawInputs): string {
  const vocab = vocabularies(pre.fitted);
  let cols: WorkCol[] = pre.inputs.map((inp): WorkCol => {
    if (inp.kind === "numeric") {
      const t = inputs.numeric.get(inp.name);
      if (t === undefined)
        throw new AlchemistError("INTERNAL", `No ONNX input for '${inp.name}'.`, { column: inp.name });
      return { kind: "numeric", name: inp.name, t };
    }
    if (inp.kind === "datetime") throw unsupported(`of the datetime column '${inp.name}'`);
    const t = inputs.strings.get(inp.name);
    if (t === undefined)
      throw new AlchemistError("INTERNAL", `No ONNX input for '${inp.name}'.`, { column: inp.name });
    const levels = [...(vocab.get(inp.name) ?? [])];
    g.useOpset(ML_DOMAIN, 4);
    const positions = g.op(
      "LabelEncoder",
      [t],
      {
        keys_strings: attr.strings(["", ...levels]),
        values_int64s: attr.ints([MISSING, ...levels.map((_, i) => i + FIRST)]),
        default_int64: attr.int(UNSEEN),
      },
      ML_DOMAIN,
    );
    return {
      kind: "coded",
      name: inp.name,
      t: g.op("Reshape", [positions, g.constInt64([-1], [1])]),
      vocab: levels,
    };
  });
  for (const s of pre.fitted) cols = applyState(g, s, cols);
  const byName = new Map(cols.map((c) => [c.name, c]));
  const features = pre.featureNames.map((name) => {
    const c = byName.get(name);
    if (c === undefined || c.kind !== "numeric")
      throw unsupported(`output '${name}' (not a numeric feature after the exported steps)`);
    return c.t;
  });
  if (features.length === 1) return features[0] as string;
  return g.op("Concat", features, { axis: attr.int(1) });
}
