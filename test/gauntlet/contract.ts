/**
 * The gauntlet's contract for one `alchemist run --json`: either a finished run with a model and a
 * complete report (and a note for what it healed or flagged), or one typed JSON error naming the culprit.
 * Never a crash, a hang, a stack trace on stdout or a half-written artifact.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect } from "vitest";
import type { CliResult } from "../cli.js";

/** What a demanding user should get from a case. */
export type Expected =
  | {
      outcome: "finishes";
      /** Must match a note or the review (both are rendered in report.md): the run says what it healed/flagged. */
      flags?: readonly RegExp[];
      task?: "binary" | "multiclass" | "regression";
      /** A column that leaks the target: the profile must list it and the final model must not win by it. */
      leak?: string;
      /** Extra checks on the run's JSON, given the case's folder. */
      check?: (run: Record<string, unknown>, caseDir: string) => void;
    }
  | {
      outcome: "error";
      /** Accepted error codes (usually one). */
      codes: readonly string[];
      /** Strings that must each appear in the error's message or one of its fields. */
      names: readonly string[];
      /** Detail fields the error must carry (e.g. `row`, `column`). */
      fields?: readonly string[];
      /** 1 for data errors, 2 for usage errors. */
      exit: 1 | 2;
    };

export interface GauntletCase {
  name: string;
  /** Writes the case's files under `dir`; returns the arguments after `run` (train file first). */
  setup: (dir: string) => string[];
  expected: Expected;
}

export interface CaseContext {
  out: string;
  memory: string;
  caseDir: string;
}

interface RunJson {
  run_id: string;
  task: string;
  metric: string;
  cv_score: number | null;
  best_pipeline: { members: { seq: number; spec: { steps: { type: string; columns?: unknown }[] } }[] };
  review: unknown;
  artifacts: Record<string, string>;
  notes: string[];
  trials: { total: number; recovered: number; failed: number; timed_out: number };
  recoveries: { failed: number; outcome: string; attempts: { seq: number }[] }[];
}

const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
const REPORT_FILES = ["report.md", "report.json", "pipeline.json", "leaderboard.csv"];

function excerpt(r: CliResult): string {
  return `exit ${r.code}\nstdout: ${r.stdout.slice(0, 1500)}\nstderr: ${r.stderr.slice(-1500)}`;
}

/** Every `*.tmp-*` file left under `dir` (a write that never finished). */
function tmpFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.tmp-/.test(f));
}

/** stdout must be exactly one JSON object, with no stack trace. */
function oneJsonObject(r: CliResult): Record<string, unknown> {
  expect(r.code, `killed by a signal or timed out (hang?)\n${excerpt(r)}`).not.toBe(-1);
  expect(STACK.test(r.stdout), `stack trace on stdout\n${excerpt(r)}`).toBe(false);
  const trimmed = r.stdout.trim();
  expect(trimmed.includes("\n"), `more than one line on stdout\n${excerpt(r)}`).toBe(false);
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new Error(`stdout is not JSON\n${excerpt(r)}`);
  }
  expect(typeof parsed === "object" && parsed !== null && !Array.isArray(parsed), excerpt(r)).toBe(true);
  return parsed as Record<string, unknown>;
}

/** Every string or number anywhere in `v` (keys excluded). */
function leafValues(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string" || typeof v === "number") out.push(String(v));
  else if (Array.isArray(v)) for (const x of v) leafValues(x, out);
  else if (typeof v === "object" && v !== null) for (const x of Object.values(v)) leafValues(x, out);
  return out;
}

function profileLeaks(memory: string, runId: string): string[] {
  const db = new Database(memory, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT profile_json FROM runs WHERE id = ?").get(runId) as
      | { profile_json: string | null }
      | undefined;
    const profile = JSON.parse(row?.profile_json ?? "{}") as { leakage?: { column: string }[] };
    return (profile.leakage ?? []).map((l) => l.column);
  } finally {
    db.close();
  }
}

function checkFinished(r: CliResult, expected: Extract<Expected, { outcome: "finishes" }>, ctx: CaseContext) {
  const json = oneJsonObject(r);
  expect(r.code, `expected exit 0\n${excerpt(r)}`).toBe(0);
  const run = json as unknown as RunJson;
  expect(run.best_pipeline?.members?.length ?? 0, "no model in best_pipeline").toBeGreaterThan(0);
  expect(typeof run.cv_score === "number" && Number.isFinite(run.cv_score), `cv_score ${run.cv_score}`).toBe(
    true,
  );
  expect(tmpFiles(ctx.out), "half-written artifacts").toEqual([]);
  const md = run.artifacts?.report_md;
  const js = run.artifacts?.report_json;
  expect(md !== undefined && existsSync(md), `report_md missing: ${md}`).toBe(true);
  expect(js !== undefined && existsSync(js), `report_json missing: ${js}`).toBe(true);
  // Complete: the report holds the same result as stdout (the clock may tick between the two).
  const report = JSON.parse(readFileSync(js as string, "utf8")) as Record<string, unknown>;
  for (const key of Object.keys(json).filter((k) => k !== "seconds")) {
    expect(report[key], `report.json '${key}' differs from stdout`).toEqual(json[key]);
  }
  const text = readFileSync(md as string, "utf8");
  expect(text).toContain(`# Alchemist run ${run.run_id}`);
  expect(text).toContain("## Final model");
  expect(text).toContain("## Leaderboard");
  for (const note of run.notes) expect(text, "a note missing from report.md").toContain(note);
  // What failed is reported with what healed it: one recovery entry per failure, in the report too.
  const retries = run.recoveries.reduce((n, f) => n + f.attempts.length, 0);
  expect(run.recoveries.length + retries, "recoveries vs failed trials").toBeGreaterThanOrEqual(
    run.trials.failed + run.trials.timed_out,
  );
  expect(run.trials.recovered, "recovered trials vs healed recoveries").toBe(
    run.recoveries.filter((f) => f.outcome === "healed").length,
  );
  if (run.recoveries.length > 0) {
    expect(text).toContain("## Recoveries");
    for (const f of run.recoveries) expect(text).toContain(`- Trial ${f.failed} (`);
  }
  if (expected.task !== undefined) expect(run.task, "task").toBe(expected.task);
  const said = [...run.notes, ...leafValues(run.review)].join("\n");
  for (const flag of expected.flags ?? []) {
    expect(said, `nothing in notes or review matches ${flag}`).toMatch(flag);
  }
  if (expected.leak !== undefined) {
    expect(profileLeaks(ctx.memory, run.run_id), "profile.leakage").toContain(expected.leak);
    const drops = run.best_pipeline.members.every((m) =>
      m.spec.steps.some(
        (s) => s.type === "drop_columns" && JSON.stringify(s.columns ?? []).includes(expected.leak as string),
      ),
    );
    const perfect = run.cv_score === (run.metric === "rmse" || run.metric === "mae" ? 0 : 1);
    expect(
      perfect && !drops,
      `final model scores a perfect ${run.metric} = ${run.cv_score} with leak '${expected.leak}' kept`,
    ).toBe(false);
  }
  expected.check?.(json, ctx.caseDir);
}

function checkFailed(r: CliResult, expected: Extract<Expected, { outcome: "error" }>, ctx: CaseContext) {
  const json = oneJsonObject(r);
  const err = json.error as Record<string, unknown> | undefined;
  expect(err, `expected {"error": …}\n${excerpt(r)}`).toBeTypeOf("object");
  expect(Object.keys(json), "stdout object has more than 'error'").toEqual(["error"]);
  const e = err as Record<string, unknown>;
  expect(typeof e.message === "string" && e.message.length > 0, "error.message").toBe(true);
  expect(expected.codes, `error.code (message: ${String(e.message)})`).toContain(e.code);
  expect(r.code, `exit code\n${excerpt(r)}`).toBe(expected.exit);
  const values = leafValues(e).join("\n").toLowerCase();
  for (const name of expected.names) {
    expect(values, `the error does not name '${name}': ${JSON.stringify(e)}`).toContain(name.toLowerCase());
  }
  for (const field of expected.fields ?? []) {
    expect(e[field], `the error has no '${field}': ${JSON.stringify(e)}`).toBeDefined();
  }
  expect(tmpFiles(ctx.out), "half-written artifacts").toEqual([]);
  const left = REPORT_FILES.filter((f) => existsSync(join(ctx.out, f)));
  expect(left, "report files written by a failed run").toEqual([]);
}

/** Asserts the contract for one case's CLI result. */
export function checkCase(r: CliResult, expected: Expected, ctx: CaseContext): void {
  if (expected.outcome === "finishes") checkFinished(r, expected, ctx);
  else checkFailed(r, expected, ctx);
}
