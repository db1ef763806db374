/**
 * The Slack message (incoming webhook, Block Kit): a header, the facts as fields, the new
 * findings, and a context line with the links. `text` is the notification's fallback. Every
 * string from ServiceTitan goes through `slackText`, and the blocks holding it are `verbatim`.
 */
import { singleLine, truncate } from '../report/text.js';
import { slackText } from './escape.js';
import { facts, fleetLines, headline, listed, type Alert, type FindingText } from './message.js';

/** Slack's limits: 150 characters in a header, 3,000 in a section, 2,000 in a field. */
const HEADER_LIMIT = 150;
const SECTION_LIMIT = 3000;

function mrkdwn(text: string): { type: 'mrkdwn'; text: string; verbatim: true } {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** `<url|label>`: the URLs are the run's and the issue's, built from GitHub's own variables. */
function link(url: string, label: string): string {
  const safeUrl = url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
  return `<${safeUrl}|${label}>`;
}

function findingLine(f: FindingText): string {
  const tenant = f.tenant ? `tenant ${slackText(f.tenant, 40)} · ` : '';
  return (
    `• *${f.severity}* ${tenant}\`${slackText(f.rule, 80)}\` · ${slackText(f.who, 100)}` +
    `\n      ${slackText(f.what, 160)}`
  );
}

/** Lines joined until the section is full; the rest counted. */
function section(title: string, lines: string[], more: number): string {
  let text = `*${title}*`;
  let left = more;
  for (const [i, line] of lines.entries()) {
    const tail = `\n_and ${left + lines.length - i} more_`;
    if (text.length + 1 + line.length + tail.length > SECTION_LIMIT) {
      left += lines.length - i;
      break;
    }
    text += `\n${line}`;
  }
  return left > 0 ? `${text}\n_and ${left} more_` : text;
}

export function slackMessage(alert: Alert): Record<string, unknown> {
  const head = headline(alert);
  const title = `${head.icon} ${head.text}`;
  const blocks: Record<string, unknown>[] = [
    {
      type: 'header',
      // our words and the tenant id only: plain text, not parsed, nothing to escape
      text: { type: 'plain_text', text: truncate(singleLine(title), HEADER_LIMIT), emoji: true },
    },
    {
      type: 'section',
      fields: facts(alert).map((f) => mrkdwn(`*${f.title}*\n${slackText(f.value, 300)}`)),
    },
  ];
  const fleet = fleetLines(alert);
  if (fleet.length > 0) {
    blocks.push({
      type: 'section',
      text: mrkdwn(
        section(
          'Tenants',
          fleet.map((l) => `• ${slackText(l, 200)}`),
          0,
        ),
      ),
    });
  }
  const { shown, more } = listed(alert);
  if (shown.length > 0) {
    blocks.push({ type: 'section', text: mrkdwn(section('New findings', shown.map(findingLine), more)) });
  }
  const links = [
    alert.runUrl ? link(alert.runUrl, 'View the run') : null,
    alert.issue ? link(alert.issue.url, `Tracking issue #${alert.issue.number}`) : null,
    `${alert.tool.name} ${slackText(alert.tool.version, 40)}`,
    alert.redacted ? 'names and emails are masked' : null,
  ].filter((x): x is string => x !== null);
  blocks.push({ type: 'context', elements: [mrkdwn(links.join(' · '))] });
  return { text: slackText(title, 300), blocks };
}
