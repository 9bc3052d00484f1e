/** Did-you-mean suggestions for misspelt names (columns, targets, parameters). */
import { distance } from "fastest-levenshtein";

/**
 * Up to `max` candidates closest to `name`: case-insensitive matches first, then edit distance
 * within a third of the name's length (at least 2), nearest first.
 */
export function closestNames(name: string, candidates: readonly string[], max = 3): string[] {
  const lower = name.toLowerCase().trim();
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const cl = c.toLowerCase().trim();
    if (cl === lower) {
      scored.push({ c, d: 0 });
      continue;
    }
    const d = distance(lower, cl);
    const limit = Math.max(2, Math.floor(Math.max(lower.length, cl.length) / 3));
    if (d <= limit || (lower.length >= 3 && (cl.includes(lower) || lower.includes(cl))))
      scored.push({ c, d });
  }
  scored.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  return scored.slice(0, max).map((s) => s.c);
}
