/** A readable, terminal-width summary of a Profile (the TTY face of `alchemist profile`). */
import type { ColumnProfile, Profile } from "../data/profile/index.js";
import { plural } from "../data/coercion.js";
import type { SourceInfo } from "../data/read-result.js";

const fmt = (v: number | null | undefined, digits = 4): string => {
  if (v === null || v === undefined) return "—";
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(2) : Number(v.toPrecision(digits)).toString();
};
const pct = (r: number): string => `${(r * 100).toFixed(r > 0 && r < 0.01 ? 2 : 1)}%`;

function pad(s: string, n: number): string {
  return s.length >= n ? `${s.slice(0, n - 1)}…` : s + " ".repeat(n - s.length);
}

function summary(c: ColumnProfile): string {
  switch (c.kind) {
    case "numeric": {
      const s = c.numeric;
      return `min ${fmt(s.min)}  median ${fmt(s.quantiles?.p50)}  max ${fmt(s.max)}  mean ${fmt(s.mean)}  std ${fmt(s.std)}${s.skewness !== null && Math.abs(s.skewness) > 1 ? `  skew ${fmt(s.skewness, 3)}` : ""}`;
    }
    case "categorical":
    case "text": {
      const s = c.kind === "text" ? c.text : c.categorical;
      const top = s.topLevels
        .slice(0, 3)
        .map((l) => `${l.level} ${pct(l.rate)}`)
        .join(", ");
      const len = c.kind === "text" ? `  length ${fmt(c.text.lengthMin)}–${fmt(c.text.lengthMax)}` : "";
      return `top: ${top}${s.topLevels.length > 3 ? ", …" : ""}${len}`;
    }
    case "boolean":
      return `true ${c.boolean.trueRate === null ? "—" : pct(c.boolean.trueRate)}`;
    case "datetime": {
      const d = c.datetime;
      return `${d.min?.slice(0, 10) ?? "—"} → ${d.max?.slice(0, 10) ?? "—"}${d.frequency ? `  ${d.frequency.description}` : ""}`;
    }
  }
}

function flags(c: ColumnProfile): string {
  const f: string[] = [];
  if (c.role !== "feature") f.push(c.role.toUpperCase());
  if (c.flags.allMissing) f.push("all missing");
  if (c.flags.constant) f.push("constant");
  if (c.flags.nearConstant) f.push("near-constant");
  if (c.flags.idLike) f.push("ID-like");
  return f.join(", ");
}

/** Renders the profile as plain text lines (no colours, so it pipes cleanly). */
export function renderProfile(profile: Profile, source: SourceInfo): string {
  const out: string[] = [];
  const where = source.path ?? "data";
  out.push(
    `${where}  (${source.format}${source.delimiter && source.format === "csv" && source.delimiter !== "," ? `, delimiter '${source.delimiter}'` : ""}, ${source.encoding ?? "binary"})`,
  );
  out.push(
    `${profile.nRows.toLocaleString("en-US")} rows × ${profile.nColumns} columns, ${pct(profile.missingCellRate)} cells missing, ${plural(profile.duplicateRows, "duplicate row")}`,
  );
  out.push("");
  out.push(`Task: ${profile.task} — ${profile.taskReason}`);
  const t = profile.target;
  if (t?.classification) {
    const cls = t.classification;
    out.push(
      `Target '${t.name}': ${cls.nClasses} classes (${cls.classes
        .slice(0, 5)
        .map((c) => `${c.level} ${pct(c.rate)}`)
        .join(", ")}${cls.nClasses > 5 ? ", …" : ""}), imbalance ${fmt(cls.imbalanceRatio, 3)}:1`,
    );
  } else if (t?.regression) {
    const r = t.regression;
    out.push(
      `Target '${t.name}': ${fmt(r.min)} to ${fmt(r.max)}, mean ${fmt(r.mean)}, skew ${fmt(r.skewness, 3)}${r.logTransformMayHelp ? " (log may help)" : ""}`,
    );
  }
  if (t && t.missing > 0) out.push(`  ${t.missing} rows have no target and will be dropped`);
  out.push("");
  out.push(`${pad("column", 24)} ${pad("kind", 12)} ${pad("missing", 9)} ${pad("distinct", 9)} summary`);
  for (const c of profile.columns) {
    const f = flags(c);
    out.push(
      `${pad(c.name, 24)} ${pad(c.kind, 12)} ${pad(c.missing ? pct(c.missingRate) : "—", 9)} ${pad(c.cardinality.toLocaleString("en-US"), 9)} ${summary(c)}${f ? `  [${f}]` : ""}`,
    );
  }
  if (profile.leakage.length > 0) {
    out.push("");
    out.push("Leakage suspects:");
    for (const l of profile.leakage) out.push(`  ${l.column}: ${l.reason}`);
  }
  out.push("");
  out.push(`Quality ${profile.quality.score}/100`);
  for (const r of profile.quality.reasons) out.push(`  −${fmt(r.penalty, 3)}  ${r.message}`);
  if (profile.coercions.length > 0) {
    out.push("");
    out.push("What the reader decided:");
    for (const c of profile.coercions) out.push(`  ${c.message}`);
  }
  return `${out.join("\n")}\n`;
}
