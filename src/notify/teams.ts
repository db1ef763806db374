/**
 * The Microsoft Teams message: an Adaptive Card in the envelope Teams workflow webhooks (Power
 * Automate's "When a Teams webhook request is received") and the older Office 365 connectors
 * accept. Every string from ServiceTitan goes through `cardText`; no mention entity is ever added,
 * so nothing in a card can ping anyone.
 */
import { cardText } from './escape.js';
import { facts, fleetLines, headline, listed, type Alert, type FindingText } from './message.js';

const COLOR = { pass: 'Good', fail: 'Attention', error: 'Warning' } as const;

function textBlock(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

function findingBlock(f: FindingText): Record<string, unknown> {
  const tenant = f.tenant ? `tenant ${cardText(f.tenant, 40)} · ` : '';
  return textBlock(
    `**${f.severity}** · ${tenant}${cardText(f.rule, 80)} · ${cardText(f.who, 100)}\n\n${cardText(f.what, 160)}`,
    { spacing: 'Small' },
  );
}

export function teamsMessage(alert: Alert): Record<string, unknown> {
  const head = headline(alert);
  const body: Record<string, unknown>[] = [
    textBlock(`${head.icon} ${cardText(head.text, 200)}`, {
      size: 'Medium',
      weight: 'Bolder',
      color: COLOR[alert.status],
    }),
    {
      type: 'FactSet',
      facts: facts(alert).map((f) => ({ title: f.title, value: cardText(f.value, 300) })),
    },
  ];
  const fleet = fleetLines(alert);
  if (fleet.length > 0) {
    body.push(textBlock('Tenants', { weight: 'Bolder', spacing: 'Medium' }));
    body.push(
      textBlock(
        fleet
          .slice(0, 50)
          .map((l) => `- ${cardText(l, 200)}`)
          .join('\n'),
      ),
    );
    if (fleet.length > 50) body.push(textBlock(`and ${fleet.length - 50} more`, { isSubtle: true }));
  }
  const { shown, more } = listed(alert);
  if (shown.length > 0) {
    body.push(textBlock('New findings', { weight: 'Bolder', spacing: 'Medium' }));
    body.push(...shown.map(findingBlock));
    if (more > 0) body.push(textBlock(`and ${more} more`, { isSubtle: true }));
  }
  body.push(
    textBlock(
      `${alert.tool.name} ${cardText(alert.tool.version, 40)}${alert.redacted ? ' · names and emails are masked' : ''}`,
      { isSubtle: true, size: 'Small', spacing: 'Medium' },
    ),
  );
  const actions = [
    alert.runUrl ? { type: 'Action.OpenUrl', title: 'View the run', url: alert.runUrl } : null,
    alert.issue
      ? { type: 'Action.OpenUrl', title: `Tracking issue #${alert.issue.number}`, url: alert.issue.url }
      : null,
  ].filter((a) => a !== null);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          msteams: { width: 'Full' },
          body,
          ...(actions.length > 0 ? { actions } : {}),
        },
      },
    ],
  };
}
