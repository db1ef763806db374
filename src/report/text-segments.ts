/**
 * Free text as the people masker reads it: cut into segments (a run of letters and digits, or
 * one other character, by code point) and case-folded, with the positions of both kept.
 */

const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;
const WORD = /^[\p{L}\p{N}]/u;

export function isWordAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD[c] === 1;
  return WORD.test(text.slice(i, i + 2));
}

export function codePointEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return i + 2;
  }
  return i + 1;
}

/** Where the segment starting at `i` ends: after a run of letters and digits, or one character. */
export function segmentEnd(text: string, i: number): number {
  return isWordAt(text, i) ? wordEnd(text, i) : codePointEnd(text, i);
}

/** Where the run of letters and digits starting at `i` ends. */
export function wordEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c < 128) {
      if (ASCII_WORD[c] === 0) break;
      j++;
    } else {
      if (!isWordAt(text, j)) break;
      j = codePointEnd(text, j);
    }
  }
  return j;
}

/** Whether a match ending at `end`, whose last segment is or is not a word, ends a word. */
export function endsWord(text: string, end: number, lastIsWord: boolean): boolean {
  // a run of letters and digits is a whole segment: the character after it is none
  return lastIsWord || end >= text.length || !isWordAt(text, end);
}

/**
 * A text with its case-folded form (lower case, final sigma as sigma, as Unicode case folding
 * has it), and where each of its positions lands in that form: the same place, unless folding
 * changed a length (`İ` lower-cases to two code units).
 */
export class FoldedText {
  readonly folded: string;
  private readonly at: Int32Array | null;

  constructor(readonly text: string) {
    const lower = text.toLowerCase();
    if (lower.length === text.length) {
      this.folded = lower.includes('ς') ? lower.replaceAll('ς', 'σ') : lower;
      this.at = null;
      return;
    }
    const at = new Int32Array(text.length + 1);
    const pieces: string[] = [];
    let length = 0;
    for (let i = 0; i < text.length;) {
      const end = codePointEnd(text, i);
      const piece = text.slice(i, end).toLowerCase().replaceAll('ς', 'σ');
      for (let k = i; k < end; k++) at[k] = length;
      pieces.push(piece);
      length += piece.length;
      i = end;
    }
    at[text.length] = length;
    this.folded = pieces.join('');
    this.at = at;
  }

  /** the position in `folded` of position `i` of the text */
  of(i: number): number {
    return this.at === null ? i : this.at[i]!;
  }
}
