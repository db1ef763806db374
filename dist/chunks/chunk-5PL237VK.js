import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/policy/nearest.ts
function editDistance(a, b) {
  return boundedDistance(a.toLowerCase(), b.toLowerCase(), Infinity);
}
var previous = new Int32Array(64);
var current = new Int32Array(64);
function boundedDistance(s, t, bound) {
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
      const substitution = previous[j - 1] + (c === t.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > bound) return bound + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[t.length];
}
var counts = new Int32Array(256);
function fewestEdits(s, t) {
  for (let i = 0; i < s.length; i++) counts[s.charCodeAt(i) & 255]++;
  for (let i = 0; i < t.length; i++) counts[t.charCodeAt(i) & 255]--;
  let difference = 0;
  for (let i = 0; i < s.length; i++) {
    const b = s.charCodeAt(i) & 255;
    difference += Math.abs(counts[b]);
    counts[b] = 0;
  }
  for (let i = 0; i < t.length; i++) {
    const b = t.charCodeAt(i) & 255;
    difference += Math.abs(counts[b]);
    counts[b] = 0;
  }
  return Math.ceil(difference / 2);
}
function nearest(word, candidates, lowered) {
  if (word.length > 200) return void 0;
  const limit = Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  let best;
  let bestDistance = Infinity;
  let index = -1;
  for (const candidate of candidates) {
    index++;
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

export {
  editDistance,
  nearest
};
