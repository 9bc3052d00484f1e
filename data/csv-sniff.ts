/** Guesses the delimiter of a CSV-like text from its first lines. */

const CANDIDATES = [44, 9, 59, 124] as const; // , \t ; |

/** Field counts per line for `delim`, quotes respected, over at most `maxLines` complete lines. */
function fieldCounts(buf: Uint8Array, end: number, delim: number, maxLines: number): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let fields = 1;
  for (let i = 0; i < end && counts.length < maxLines; i++) {
    const c = buf[i];
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (c === delim) fields++;
      else if (c === 10 || c === 13) {
        if (c === 13 && buf[i + 1] === 10) i++;
        counts.push(fields);
        fields = 1;
      }
    }
  }
  return counts;
}

/**
 * The candidate (`,` tab `;` `|`) that splits the most lines into the same number (≥ 2) of
 * fields, preferring more fields, then the order above. Falls back to a comma (one column).
 */
export function sniffDelimiter(buf: Uint8Array, start: number, end: number): number {
  const sample = buf.subarray(start, Math.min(end, start + 65536));
  let best: number = 44;
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = fieldCounts(sample, sample.length, d, 50);
    if (counts.length === 0) {
      // One line only (no newline yet): count the delimiters in it.
      let n = 1;
      for (let i = 0; i < sample.length; i++) if (sample[i] === d) n++;
      counts.push(n);
    }
    const header = counts[0] as number;
    if (header < 2) continue;
    const agreeing = counts.filter((c) => c === header).length;
    const score = (agreeing / counts.length) * 1000 + Math.min(header, 999) / 1000;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}
