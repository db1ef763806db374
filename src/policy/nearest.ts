/** "Did you mean …?" for misspelt keys, permission names and rule ids. */

/** Levenshtein distance, case-insensitive (a wrongly capitalised key is still the same word). */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a.toLowerCase(), b.toLowerCase(), Infinity);
}

// one row pair, reused: `nearest` runs over every email of a tenant
let previous = new Int32Array(64);
let current = new Int32Array(64);

/**
 * The Levenshtein distance between `s` and `t` (already lower-cased) when it is at most `bound`;
 * otherwise some number above `bound`, found as soon as a whole row exceeds it.
 */
function boundedDistance(s: string, t: string, bound: number): number {
  if (Math.abs(s.length - t.length) > bound) return bound + 1;
  if (previous.length <= t.length) {
    previous = new Int32Array(t.length + 1);
    current = new Int32Array(t.length + 1);
  }
  for (let j = 0; j <= t.length; j++) previous[j] = j;
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    let rowMin = i;
    const c = s.charCodeAt(i - 1);
    for (let j = 1; j <= t.length; j++) {
      const substitution = previous[j - 1]! + (c === t.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // every later row is at least this row's minimum
    if (rowMin > bound) return bound + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[t.length]!;
}

// characters counted by bucket (the low 8 bits of each UTF-16 unit), for `fewestEdits`
const counts = new Int32Array(256);

/**
 * A lower bound of the edit distance from the letters alone: an edit changes the letter counts by
 * at most two, so half the difference of the two counts is never more than the distance. Far
 * cheaper than the distance itself, it rules out most of a tenant's emails at once.
 */
function fewestEdits(s: string, t: string): number {
  for (let i = 0; i < s.length; i++) counts[s.charCodeAt(i) & 255]!++;
  for (let i = 0; i < t.length; i++) counts[t.charCodeAt(i) & 255]!--;
  let difference = 0;
  // each bucket is added once, then cleared for the next call
  for (let i = 0; i < s.length; i++) {
    const b = s.charCodeAt(i) & 255;
    difference += Math.abs(counts[b]!);
    counts[b] = 0;
  }
  for (let i = 0; i < t.length; i++) {
    const b = t.charCodeAt(i) & 255;
    difference += Math.abs(counts[b]!);
    counts[b] = 0;
  }
  return Math.ceil(difference / 2);
}

/**
 * The candidate closest to `word`, when it is close enough to be a plausible typo: at most a third
 * of the word's length (and at least 2) edits away. Ties go to the earlier candidate. `lowered`,
 * when given, is the candidates in lower case, in the same order (asked once for many words).
 */
export function nearest(
  word: string,
  candidates: Iterable<string>,
  lowered?: readonly string[],
): string | undefined {
  // Words far longer than any key are not typos; skip the quadratic work on them.
  if (word.length > 200) return undefined;
  const limit = Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  let index = -1;
  for (const candidate of candidates) {
    index++;
    // only a candidate closer than the best so far (and within the limit) can replace it
    const bound = Math.min(limit, bestDistance - 1);
    if (bound < 0) break;
    const other = lowered?.[index] ?? candidate.toLowerCase();
    if (fewestEdits(lower, other) > bound) continue;
    const distance = boundedDistance(lower, other, bound);
    if (distance <= bound) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
