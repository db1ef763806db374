/**
 * Finds the people a run knows of (names, emails, logins) in free text and replaces each with its
 * mask, in one pass over the text and without building a regular expression from their values:
 * a pattern made of every name grows with the tenant (a name of tens of thousands of characters
 * makes it too large to compile, and the engine's error quotes the whole pattern, every name in
 * it, into the log) and, on Node 20, costs time per name at every position of every text.
 *
 * A known value matches as `(?<![\p{L}\p{N}])value(?![\p{L}\p{N}])` with flags `iu` would: whole,
 * case-insensitively, not inside a longer word, the longest one at a position winning. Such a
 * match starts and ends at the edge of a segment (a run of letters and digits, or one other
 * character), so the text is walked segment by segment from each place a match may start,
 * hashing the case-folded prefix as it grows and looking the hash up among the hashes of every
 * known value's prefixes; a value that ends there is confirmed by comparing it whole. A walk
 * stops after `WALK_LIMIT` characters, so its cost is bounded whatever the names. A longer value
 * is recognised by those first characters and then followed as far as the text agrees with it,
 * and all of that is masked, so the bound never lets the rest of a long name through.
 */

import { codePointEnd, endsWord, FoldedText, isWordAt, segmentEnd, wordEnd } from './text-segments.js';

/** Characters of a value found through the hashed prefixes; the rest of a longer one is followed. */
const WALK_LIMIT = 256;

/** A value that ends at a prefix, folded, with its mask. */
interface Ending {
  folded: string;
  mask: string;
}
/** A value longer than the walk: its first characters (`head`), then the rest. */
interface LongValue {
  head: string;
  rest: string;
  mask: string;
}
interface Node {
  endings: Ending[];
  long: LongValue[];
}
/** A prefix that values only go through. */
const PASSING: Node = Object.freeze({ endings: [], long: [] }) as Node;

// FNV-1a over UTF-16 code units, kept within V8's small integers so map keys allocate nothing.
// Collisions only cost a longer walk: every value found is compared whole before it is masked.
const HASH_SEED = 0x811c9dc5 & 0x3fffffff;
const hashStep = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193) & 0x3fffffff;
const SEEN_BITS = 1 << 20;

export class PeopleMasker {
  /** every value to mask, trimmed, with how to mask it (the last one given) */
  private readonly values = new Map<string, (value: string) => string>();
  private nodes: Map<number, Node> | null = null;
  /** folded lengths of the prefixes, and their first code units: most walks end on these */
  private readonly lengths = new Set<number>();
  private readonly firsts = new Set<number>();
  /** one bit per prefix hash, low bits only: a lookup that cannot succeed ends without the map */
  private readonly seen = new Uint8Array(SEEN_BITS >>> 3);

  /** @param fallback masks a stretch of text that follows a long value only part of the way */
  constructor(private readonly fallback: (text: string) => string) {}

  /** Masks `original` (trimmed) wherever it appears, as `mask` masks it (called once per value). */
  add(original: string | null | undefined, mask: (value: string) => string): void {
    const value = original?.trim();
    if (!value) return;
    this.values.set(value, mask);
    this.nodes = null;
  }

  private built(): Map<number, Node> {
    if (this.nodes) return this.nodes;
    const nodes = new Map<number, Node>();
    const nodeAt = (h: number): Node => {
      let node = nodes.get(h);
      if (node === undefined || node === PASSING) nodes.set(h, (node = { endings: [], long: [] }));
      return node;
    };
    this.lengths.clear();
    this.firsts.clear();
    this.seen.fill(0);
    for (const [value, masking] of this.values) {
      const mask = masking(value);
      if (mask === value) continue;
      const source = new FoldedText(value);
      const key = source.folded;
      this.firsts.add(key.charCodeAt(0));
      let h = HASH_SEED;
      let done = 0;
      for (let i = 0; i < value.length && done < WALK_LIMIT;) {
        const word = isWordAt(value, i);
        const next = word ? wordEnd(value, i) : codePointEnd(value, i);
        for (const end = source.of(next); done < end; done++) h = hashStep(h, key.charCodeAt(done));
        i = next;
        // a walk looks prefixes up where a word ends; elsewhere only where a value ends or is cut
        if (!word && done < key.length && done < WALK_LIMIT) continue;
        if (word) this.lengths.add(done);
        const bit = h & (SEEN_BITS - 1);
        this.seen[bit >>> 3]! |= 1 << (bit & 7);
        if (done === key.length) {
          const node = nodeAt(h);
          node.endings = [...node.endings.filter((e) => e.folded !== key), { folded: key, mask }];
        } else if (!nodes.has(h)) {
          nodes.set(h, PASSING);
        }
      }
      if (done < key.length) nodeAt(h).long.push({ head: key.slice(0, done), rest: key.slice(done), mask });
    }
    this.nodes = nodes;
    return nodes;
  }

  /** `text` with every known value replaced by its mask. */
  mask(text: string): string {
    if (this.values.size === 0 || text.length === 0) return text;
    const nodes = this.built();
    const source = new FoldedText(text);
    const pieces: string[] = [];
    let copied = 0;
    let pos = 0;
    let afterWord = false;
    while (pos < text.length) {
      const isWord = isWordAt(text, pos);
      const end = isWord ? wordEnd(text, pos) : codePointEnd(text, pos);
      // a match starts where the character before is no letter or digit
      if ((isWord || !afterWord) && this.firsts.has(source.folded.charCodeAt(source.of(pos)))) {
        const match = this.matchAt(source, nodes, pos, end, isWord);
        if (match) {
          pieces.push(text.slice(copied, pos), match.mask);
          copied = pos = match.end;
          afterWord = isWordAt(text, match.lastSegment);
          continue;
        }
      }
      afterWord = isWord;
      pos = end;
    }
    if (copied === 0) return text;
    pieces.push(text.slice(copied));
    return pieces.join('');
  }

  /** The longest known value at `start` (a segment start): where it ends, and its mask. */
  private matchAt(
    source: FoldedText,
    nodes: Map<number, Node>,
    start: number,
    startEnd: number,
    startIsWord: boolean,
  ) {
    const { text, folded } = source;
    const from = source.of(start);
    let best: { end: number; mask: string; lastSegment: number } | null = null;
    let segment = start;
    let isWord = startIsWord;
    let h = HASH_SEED;
    let done = from;
    for (let end = startEnd; ; end = segmentEnd(text, segment)) {
      const foldedEnd = source.of(end);
      const length = foldedEnd - from;
      // every prefix that ends a word is registered, so a word end not found ends the walk;
      // past other segments the walk goes on to the next word end (or the limit)
      if (isWord && !this.lengths.has(length)) break;
      for (; done < foldedEnd; done++) h = hashStep(h, folded.charCodeAt(done));
      const bit = h & (SEEN_BITS - 1);
      const node = (this.seen[bit >>> 3]! & (1 << (bit & 7))) === 0 ? undefined : nodes.get(h);
      if (node === undefined) {
        if (isWord) break;
      } else {
        for (const e of node.endings) {
          if (e.folded.length === length && folded.startsWith(e.folded, from) && endsWord(text, end, isWord))
            best = { end, mask: e.mask, lastSegment: segment };
        }
        if (node.long.length > 0) {
          const long = node.long.filter((l) => l.head.length === length && folded.startsWith(l.head, from));
          if (long.length > 0) return this.followLong(source, start, end, segment, long, best);
        }
      }
      if (end >= text.length || length >= WALK_LIMIT) break;
      segment = end;
      isWord = isWordAt(text, segment);
    }
    return best;
  }

  /**
   * Follows the long values whose first characters matched at `start`..`from`: a whole one
   * (ending where a word may end) is masked with its mask; otherwise everything as far as the
   * text agrees with one of them is masked, as part of a person's name. Each character compared
   * is masked, so following stays linear in the text.
   */
  private followLong(
    source: FoldedText,
    start: number,
    from: number,
    fromSegment: number,
    candidates: readonly LongValue[],
    best: { end: number; mask: string; lastSegment: number } | null,
  ) {
    const { text, folded } = source;
    let furthest = { end: from, lastSegment: fromSegment };
    let whole: typeof best = null;
    for (const { rest, mask } of candidates) {
      let at = 0;
      let end = from;
      let lastSegment = fromSegment;
      // how far it agrees, to the end of a word (not to the space or dot after it)
      let agreed = { end: from, lastSegment: fromSegment };
      while (at < rest.length && end < text.length) {
        const next = segmentEnd(text, end);
        const length = source.of(next) - source.of(end);
        if (!rest.startsWith(folded.slice(source.of(end), source.of(next)), at)) break;
        at += length;
        lastSegment = end;
        end = next;
        if (isWordAt(text, lastSegment)) agreed = { end, lastSegment };
      }
      if (agreed.end > furthest.end) furthest = agreed;
      const isWord = isWordAt(text, lastSegment);
      if (at === rest.length && endsWord(text, end, isWord) && (!whole || end > whole.end))
        whole = { end, mask, lastSegment };
    }
    if (whole && whole.end >= furthest.end) return whole;
    if (best && best.end >= furthest.end) return best;
    return { ...furthest, mask: this.fallback(text.slice(start, furthest.end)) };
  }
}

/**
 * Characters that end an email address in free text: whitespace and `@<>()[]"',;:`, the set of
 * `[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+`, a pattern quadratic in a long run without an `@`;
 * scanned here in one pass.
 */
const EMAIL_STOP = /[\s@<>()[\]"',;:]/;
const ASCII_EMAIL_STOP = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_EMAIL_STOP[c] = EMAIL_STOP.test(String.fromCharCode(c)) ? 1 : 0;

function stopsEmail(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII_EMAIL_STOP[c] === 1 : EMAIL_STOP.test(text[i]!);
}

/** Replaces every email-like `local@domain` in `text` with `replace(it)`. */
export function replaceEmails(text: string, replace: (email: string) => string): string {
  if (!text.includes('@')) return text;
  const pieces: string[] = [];
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    if (stopsEmail(text, i)) {
      i++;
      continue;
    }
    let at = i;
    while (at < text.length && !stopsEmail(text, at)) at++;
    // `i`..`at` is a run of address characters; an address needs `@` and another run after it
    if (at + 1 < text.length && text[at] === '@' && !stopsEmail(text, at + 1)) {
      let end = at + 1;
      while (end < text.length && !stopsEmail(text, end)) end++;
      pieces.push(text.slice(copied, i), replace(text.slice(i, end)));
      copied = i = end;
    } else {
      i = at;
    }
  }
  if (copied === 0) return text;
  pieces.push(text.slice(copied));
  return pieces.join('');
}

/**
 * Runs a step of redaction so that its failure cannot carry what it was masking into the log:
 * any error becomes one naming only the step and the error's kind, with no message and no cause.
 */
export function withoutPersonalData<T>(step: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    const kind = error instanceof Error ? error.name : typeof error;
    // eslint-disable-next-line preserve-caught-error -- the cause's message may quote a name
    throw new Error(
      `Could not mask names and emails in the ${step} (${kind}); nothing was published unmasked. This is a bug: report it.`,
    );
  }
}
