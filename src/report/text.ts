/**
 * Making hostile text inert and bounded. Names, emails and logins come from ServiceTitan, where
 * anyone who can edit an employee record controls them: they must not be able to format the job
 * summary, ping people (@mentions), link issues (#123), inject HTML, forge workflow commands
 * (`::error::`, `::add-mask::`) or colour the terminal, and a 10,000-character name must not
 * blow up a table.
 */

/** C0/C1 controls (ESC included), DEL, and the bidirectional overrides used to disguise text. */
const CONTROL =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /[\t\n\r\u2028\u2029]+/g;
/** one character of CONTROL or a line break, for code frames (no /g: no lastIndex state) */
const CONTROL_CHAR = new RegExp(CONTROL.source);
const LINE_BREAK_CHAR = /[\n\r\u2028\u2029]/;

const ZWSP = '\u200b';

/** Truncates to `max` code points, ending in `…` when something was cut. */
export function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/** One line of plain text: controls stripped, line breaks folded to spaces, trimmed. */
export function singleLine(s: string): string {
  return s.replace(LINE_BREAKS, ' ').replace(CONTROL, '').replace(/ {2,}/g, ' ').trim();
}

/**
 * `::` anywhere (the runner trims leading whitespace before looking for a command, and a value
 * may be printed after a line break) and the legacy `##[` prefix get a zero-width space, so no
 * line can form a workflow command.
 */
export function neutraliseWorkflowCommands(s: string): string {
  return s.replace(/:(?=:)/g, `:${ZWSP}`).replace(/#(?=#\[)/g, `#${ZWSP}`);
}

/**
 * A source line and a caret under `column` (1-based, as yaml counts), for a terminal or a log:
 *
 *     21 | →label: Generate API Application Key
 *        | ^
 *
 * Tabs show as `→` (so an indentation by tab is visible) and controls as `?`, one column each, so
 * the caret stays under its character; a long line is cut around the column; no workflow command
 * can form.
 */
export function codeFrame(lineNumber: number, column: number, source: string, width = 100): string[] {
  const chars = Array.from(source.replace(/\r$/, ''));
  const caret = Math.min(Array.from(source.slice(0, Math.max(0, column - 1))).length, chars.length);
  const start =
    chars.length <= width ? 0 : Math.max(0, Math.min(caret - Math.floor(width / 2), chars.length - width));
  const end = Math.min(chars.length, start + width);
  const shown = chars
    .slice(start, end)
    .map((c) => (c === '\t' ? '→' : CONTROL_CHAR.test(c) || LINE_BREAK_CHAR.test(c) ? '?' : c))
    .join('');
  const text = `${start > 0 ? '…' : ''}${shown}${end < chars.length ? '…' : ''}`;
  const gutter = String(lineNumber);
  return [
    `${gutter} | ${neutraliseWorkflowCommands(text)}`,
    `${' '.repeat(gutter.length)} | ${' '.repeat(caret - start + (start > 0 ? 1 : 0))}^`,
  ];
}
/** Plain text for logs, annotations, the console and SARIF: one line, inert, bounded. */
export function inlinePlain(s: string, max = 200): string {
  return truncate(neutraliseWorkflowCommands(singleLine(s)), max);
}

// `-`, `+` and `!` only act at the start of a line (lists) or before `[` (images, escaped anyway):
// escaping them everywhere would make every rule id and email unreadable in the raw Markdown.
const MARKDOWN_SPECIAL = /[\\`*_[\]()#|~{}]/g;

const WORD = /[A-Za-z0-9_]/;
const ALNUM = /[A-Za-z0-9]/;
const DIGIT = /[0-9]/;

/**
 * Whether GitHub would read the `@` at `i` as a mention: at a word start (GitHub resolves
 * mentions after rendering, in the text, and only where the `@` does not follow a letter, digit or
 * `_`) and before a name. The `@` of `jane@acme.com` follows a letter: it is not a mention.
 * The start of the text counts as a word start, since the caller's context is unknown.
 */
function isMention(chars: readonly string[], i: number): boolean {
  return !WORD.test(chars[i - 1] ?? ' ') && ALNUM.test(chars[i + 1] ?? '');
}

/**
 * Whether the `#` at `i` starts an issue reference: `#12` at a word start, or `owner/repo#12`.
 * `a#1@acme.com` is not one.
 */
function isIssueReference(chars: readonly string[], i: number): boolean {
  if (!DIGIT.test(chars[i + 1] ?? '')) return false;
  let start = i;
  while (start > 0 && /[A-Za-z0-9_.-]/.test(chars[start - 1]!)) start--;
  return start === i || chars[start - 1] === '/';
}

/** `GH-12` at a word start is an issue reference too: the `-` at `i` is its hyphen. */
function isGhReference(chars: readonly string[], i: number): boolean {
  return (
    chars[i - 1] === 'H' &&
    chars[i - 2] === 'G' &&
    !WORD.test(chars[i - 3] ?? ' ') &&
    DIGIT.test(chars[i + 1] ?? '')
  );
}

/**
 * Text safe to place inside GitHub-flavoured Markdown, table cells included: one line, bounded,
 * every Markdown punctuation backslash-escaped, HTML characters as entities.
 *
 * GitHub resolves mentions and issue references after rendering, so escaping alone would not stop
 * a ping: a real `@mention`, `#12`, `owner/repo#12` or `GH-12` is broken with a zero-width space.
 * Every other `@` (an email's) is the entity `&commat;`, and a `#` before a digit that is not a
 * reference is `&num;`: they render and copy as the plain character, with nothing invisible, so a
 * copied email works, and the Markdown source holds no `@name` or `#12` for anything that reads it
 * raw (named entities, since `&#64;` itself holds `#6`).
 */
export function inlineMarkdown(s: string, max = 200): string {
  const chars = Array.from(truncate(singleLine(s), max));
  let out = '';
  chars.forEach((ch, i) => {
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === '@') out += isMention(chars, i) ? `@${ZWSP}` : '&commat;';
    else if (ch === '#' && DIGIT.test(chars[i + 1] ?? ''))
      out += isIssueReference(chars, i) ? `\\#${ZWSP}` : '&num;';
    else if (ch === '-' && isGhReference(chars, i)) out += `-${ZWSP}`;
    else out += ch.replace(MARKDOWN_SPECIAL, '\\$&');
  });
  // a leading `-` or `+` could still start a list where the text begins a line
  out = out.replace(/^[-+]/, '\\$&');
  return neutraliseWorkflowCommands(out);
}
