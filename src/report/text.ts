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

/** Plain text for logs, annotations, the console and SARIF: one line, inert, bounded. */
export function inlinePlain(s: string, max = 200): string {
  return truncate(neutraliseWorkflowCommands(singleLine(s)), max);
}

// `-`, `+` and `!` only act at the start of a line (lists) or before `[` (images, escaped anyway):
// escaping them everywhere would make every rule id and email unreadable in the raw Markdown.
const MARKDOWN_SPECIAL = /[\\`*_[\]()#|~{}]/g;

/**
 * Text safe to place inside GitHub-flavoured Markdown, table cells included: one line, bounded,
 * every Markdown punctuation backslash-escaped, HTML characters as entities, mentions and issue
 * references broken with a zero-width space (GitHub resolves them after rendering, so escaping
 * alone would not stop the ping).
 */
export function inlineMarkdown(s: string, max = 200): string {
  const text = truncate(singleLine(s), max);
  let out = '';
  for (const ch of text) {
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === '@') out += `@${ZWSP}`;
    else out += ch.replace(MARKDOWN_SPECIAL, '\\$&');
  }
  // a leading `-` or `+` could still start a list where the text begins a line
  out = out.replace(/^[-+]/, '\\$&');
  // `#123` would still link (and cross-reference) an issue once rendered
  out = out.replace(/\\#(?=[0-9A-Za-z])/g, `\\#${ZWSP}`);
  return neutraliseWorkflowCommands(out);
}
