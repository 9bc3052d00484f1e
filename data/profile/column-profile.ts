/** One column's profile: counts and flags common to every kind, plus the statistics of its kind. */
import { BOOL_MISSING, type BooleanColumn, type Column } from "../frame.js";
import { categoricalStats, textStats } from "./categorical-stats.js";
import { datetimeStats } from "./datetime-stats.js";
import { numericStats } from "./numeric-stats.js";
import type { BooleanStats, ColumnFlags, ColumnProfile, ColumnRole } from "./column-schema.js";
import type { ProfileScratch } from "./scratch.js";

/** Share of non-missing rows the top value must hold for a near-constant column. */
export const NEAR_CONSTANT_RATE = 0.99;
/** Below this many rows no column is called ID-like (every small sample looks unique). */
export const MIN_ROWS_FOR_ID = 10;
/** An ID covers at least this share of the rows with distinct values. */
export const ID_COVERAGE = 0.95;

interface Counts {
  nRows: number;
  missing: number;
  cardinality: number;
  modeCount: number;
}

function flags(c: Counts, idLike: boolean): ColumnFlags {
  const nonMissing = c.nRows - c.missing;
  return {
    allMissing: nonMissing === 0,
    constant: c.cardinality === 1,
    nearConstant: c.cardinality > 1 && c.modeCount >= NEAR_CONSTANT_RATE * nonMissing,
    idLike,
  };
}

/** All values distinct and covering (almost) every row. */
function uniqueCover(c: Counts): boolean {
  const nonMissing = c.nRows - c.missing;
  return c.nRows >= MIN_ROWS_FOR_ID && c.cardinality === nonMissing && nonMissing >= ID_COVERAGE * c.nRows;
}

/** Identifiers are tokens: short and without spaces (free text that happens to be unique is not an ID). */
function looksLikeTokens(levels: readonly string[], counts: Int32Array): boolean {
  let checked = 0;
  for (let k = 0; k < levels.length && checked < 1000; k++) {
    if (counts[k] === 0) continue;
    const s = levels[k]!;
    if (s.length > 64 || /\s/.test(s)) return false;
    checked++;
  }
  return true;
}

function base(col: Column, role: ColumnRole, c: Counts) {
  const nonMissing = c.nRows - c.missing;
  return {
    name: col.name,
    role,
    missing: c.missing,
    missingRate: c.nRows > 0 ? c.missing / c.nRows : 0,
    cardinality: c.cardinality,
    topValueRate: nonMissing > 0 ? c.modeCount / nonMissing : null,
  };
}

function booleanStats(col: BooleanColumn): { stats: BooleanStats; missing: number } {
  const v = col.values;
  let trues = 0;
  let missing = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x === BOOL_MISSING) missing++;
    else if (x !== 0) trues++;
  }
  const nonMissing = v.length - missing;
  return {
    missing,
    stats: {
      trueCount: trues,
      falseCount: nonMissing - trues,
      trueRate: nonMissing > 0 ? trues / nonMissing : null,
    },
  };
}

/** Profiles one column; `scratch` buffers are reused across columns. */
export function profileColumn(col: Column, role: ColumnRole, scratch: ProfileScratch): ColumnProfile {
  switch (col.kind) {
    case "numeric": {
      const s = numericStats(col.values, scratch);
      const c = { nRows: col.values.length, ...s };
      const distinctAll = uniqueCover(c) || (c.nRows >= MIN_ROWS_FOR_ID && s.stats.strictlyIncreasing);
      const idLike = s.stats.integerValued && s.stats.finiteCount > 0 && distinctAll;
      return { ...base(col, role, c), kind: "numeric", flags: flags(c, idLike), numeric: s.stats };
    }
    case "categorical": {
      const { stats, levels } = categoricalStats(col);
      const c = { nRows: col.codes.length, ...levels };
      return {
        ...base(col, role, c),
        kind: "categorical",
        flags: flags(c, uniqueCover(c)),
        categorical: stats,
      };
    }
    case "text": {
      const { stats, levels } = textStats(col);
      const c = { nRows: col.codes.length, ...levels };
      const idLike = uniqueCover(c) && looksLikeTokens(col.levels, levels.counts);
      return { ...base(col, role, c), kind: "text", flags: flags(c, idLike), text: stats };
    }
    case "boolean": {
      const { stats, missing } = booleanStats(col);
      const cardinality = (stats.trueCount > 0 ? 1 : 0) + (stats.falseCount > 0 ? 1 : 0);
      const c = {
        nRows: col.values.length,
        missing,
        cardinality,
        modeCount: Math.max(stats.trueCount, stats.falseCount),
      };
      return { ...base(col, role, c), kind: "boolean", flags: flags(c, false), boolean: stats };
    }
    case "datetime": {
      const s = datetimeStats(col.values, scratch);
      const c = { nRows: col.values.length, ...s };
      return { ...base(col, role, c), kind: "datetime", flags: flags(c, false), datetime: s.stats };
    }
  }
}
