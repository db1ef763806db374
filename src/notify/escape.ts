/**
 * Text from ServiceTitan (names, rule messages) made inert for a chat message. Anyone who can
 * edit an employee record controls a name: it must not become a link, a mention that pings a
 * channel, or formatting that hides the rest of the line, and a 10,000-character name must not
 * push the message past the channel's limits.
 */
import { singleLine, truncate } from '../report/text.js';

const ZWSP = '\u200b';

/** `http://x` and `www.x` would be turned into links by the client: break the pattern, keep the text. */
function unlinkable(s: string): string {
  return s.replace(/:\/\//g, `:${ZWSP}//`).replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}

/**
 * Slack `mrkdwn`: `&`, `<` and `>` are the only characters Slack asks to escape, and with them
 * escaped no `<http://…|link>`, `<@U123>` or `<!channel>` can form. `@channel`, `@here` and
 * `@everyone` typed as words are broken too (the blocks are also sent `verbatim`, which turns off
 * Slack's own link and mention parsing), backticks cannot close the code span around a rule, and
 * `*`, `_` and `~` cannot open bold, italics or strike-through (a zero-width space follows each).
 */
export function slackText(s: string, max = 200): string {
  return unlinkable(truncate(singleLine(s), max))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=(channel|here|everyone)\b)/gi, `@${ZWSP}`)
    .replace(/`/g, 'ʹ')
    .replace(/([*_~])/g, `$1${ZWSP}`);
}

/**
 * Adaptive Card TextBlock and FactSet text (Teams renders a Markdown subset: emphasis, lists,
 * `[text](url)` links). Mentions need an entity in the card, which is never added, so a name
 * cannot ping; a zero-width space after every character that could open a link (`[`, `]`, `<`) or
 * emphasis keeps the characters visible and the syntax from forming (`](` never meets).
 */
export function cardText(s: string, max = 200): string {
  return unlinkable(truncate(singleLine(s), max)).replace(/([[\]*~`<>_\\])/g, `$1${ZWSP}`);
}
