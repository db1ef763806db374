import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/types.js';
import { alertChanges, lastRunFromIds } from '../../src/notify/last-run.js';
import { fleetAlert, tenantAlert, type Alert } from '../../src/notify/message.js';
import { renderAlert } from '../../src/notify/send.js';
import { redactReport } from '../../src/report/redact.js';
import type { Report } from '../../src/report/model.js';
import { finding, HOSTILE, report, user } from '../report/fixtures.js';

const LINKS = {
  runUrl: 'https://github.com/acme/access-policy/actions/runs/7',
  issue: { number: 12, url: 'https://github.com/acme/access-policy/issues/12' },
};

function person(id: number, name = `Person ${id}`) {
  return user({ id, userId: 1000 + id, name, email: `p${id}@contractor.example` });
}

/** `n` findings with severities cycling low, medium, high, critical */
function many(n: number): Finding[] {
  const severities = ['low', 'medium', 'high', 'critical'] as const;
  return Array.from({ length: n }, (_, i) =>
    finding({ user: person(100 + i), severity: severities[i % 4]!, rule: `rule-${i % 4}` }),
  );
}

function alertFor(r: Report, lastIds: string[] | null = null): Alert {
  const last = lastIds === null ? null : lastRunFromIds('tracking-issue', lastIds);
  return tenantAlert(r, alertChanges(r, last), LINKS);
}

type Slack = {
  text: string;
  blocks: {
    type: string;
    text?: { text: string };
    elements?: { text: string }[];
    fields?: { text: string }[];
  }[];
};
type Teams = {
  type: string;
  attachments: {
    contentType: string;
    content: { type: string; body: { type: string; text?: string }[]; actions?: { url: string }[] };
  }[];
};
type Generic = { tool: string; new: { id: string; severity: string }[]; resolved: string[] } & Record<
  string,
  unknown
>;

const slackText = (m: unknown) =>
  (m as Slack).blocks
    .map((b) =>
      [
        b.text?.text ?? '',
        ...(b.fields ?? []).map((f) => f.text),
        ...(b.elements ?? []).map((e) => e.text),
      ].join('\n'),
    )
    .join('\n');
const teamsText = (m: unknown) =>
  (m as Teams).attachments[0]!.content.body.map((b) => b.text ?? JSON.stringify(b)).join('\n');

describe('what an alert lists', () => {
  it('lists the new findings most severe first, at most 10, then says how many more', () => {
    const r = report(many(13));
    const alert = alertFor(r);
    const slack = slackText(renderAlert('slack', alert));
    const lines = slack.split('\n').filter((l) => l.startsWith('• '));
    expect(lines).toHaveLength(10);
    // 13 findings: 3 critical, 3 high, 3 medium, 4 low; ten shown are 3+3+3+1
    expect(lines.slice(0, 3).every((l) => l.includes('*critical*'))).toBe(true);
    expect(lines.slice(3, 6).every((l) => l.includes('*high*'))).toBe(true);
    expect(lines[9]).toContain('*low*');
    expect(slack).toContain('and 3 more');

    const teams = renderAlert('teams', alert) as Teams;
    const card = teams.attachments[0]!.content;
    expect(teams.type).toBe('message');
    expect(teams.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.type).toBe('AdaptiveCard');
    expect(card.body.filter((b) => b.text?.startsWith('**'))).toHaveLength(10);
    expect(teamsText(teams)).toContain('and 3 more');
    expect(card.actions?.map((a) => a.url)).toEqual([LINKS.runUrl, LINKS.issue.url]);

    // the JSON message carries every new finding, in the report's shape
    const json = renderAlert('json', alert) as Generic;
    expect(json.new).toHaveLength(13);
    expect(json.new.map((f) => f.severity).slice(0, 4)).toEqual(['critical', 'critical', 'critical', 'high']);
    expect(Object.keys(json.new[0]!)).toEqual([
      'id',
      'rule',
      'severity',
      'message',
      'user',
      'evidence',
      'fix',
      'exemption',
      'location',
    ]);
  });

  it('says what changed since the last run: new ones listed, resolved ones counted and named by id', () => {
    const [a, b, c] = many(3);
    const r = report([a!, c!]);
    const alert = alertFor(r, [a!.id, b!.id]);
    const json = renderAlert('json', alert) as Generic;
    expect(json).toMatchObject({
      tool: 'servicetitan-access-guard',
      version: '1.0.0',
      tenant: '1234',
      status: 'fail',
      resolved: [b!.id],
      runUrl: LINKS.runUrl,
    });
    expect(json.new.map((f) => f.id)).toEqual([c!.id]);
    expect(Object.keys(json).slice(0, 8)).toEqual([
      'tool',
      'version',
      'tenant',
      'status',
      'counts',
      'new',
      'resolved',
      'runUrl',
    ]);
    const slack = renderAlert('slack', alert) as Slack;
    expect(slack.text).toContain('1 new ServiceTitan access finding in tenant 1234');
    expect(slackText(slack)).toContain('1 new, 1 resolved (compared with the tracking issue)');
    expect(slackText(slack)).toContain(`<${LINKS.issue.url}|Tracking issue #12>`);
    expect(slackText(slack)).toContain(`<${LINKS.runUrl}|View the run>`);
  });

  it('leaves exempt findings out: they are not open', () => {
    const exempt = finding({
      user: person(5),
      exemption: {
        reason: 'r',
        expires: '2099-01-01',
        approvedBy: 'a@x.example',
        ticket: null,
        status: 'active',
      },
    });
    const open = finding({ user: person(6) });
    const alert = alertFor(report([exempt, open]));
    expect((renderAlert('json', alert) as Generic).new.map((f) => f.id)).toEqual([open.id]);
  });

  it('rolls a fleet up into one message: the worst status, counts summed, each finding with its tenant', () => {
    const north = report([finding({ user: person(1) })], { ctx: { tenant: '111' } });
    const south = report([finding({ user: person(2), severity: 'low', rule: 'r-low' })], {
      ctx: { tenant: '222' },
    });
    const alert = fleetAlert(
      [
        { report: north, changes: alertChanges(north, null) },
        { report: south, changes: alertChanges(south, lastRunFromIds('baseline-evidence', [])) },
      ],
      LINKS,
    );
    const json = renderAlert('json', alert) as Generic & { tenants: { tenant: string }[] };
    expect(json.tenant).toBeNull();
    expect(json.status).toBe('fail');
    expect((json.counts as { findings: number }).findings).toBe(2);
    expect(json.new.map((f) => (f as unknown as { tenant: string }).tenant)).toEqual(['111', '222']);
    expect(json.tenants.map((t) => t.tenant)).toEqual(['111', '222']);
    const slack = renderAlert('slack', alert) as Slack;
    expect(slack.text).toContain('2 new ServiceTitan access findings across 2 tenants');
    expect(slackText(slack)).toContain('111 (production): fail, 1 open, 1 new, 0 resolved');
  });
});

describe('text from ServiceTitan in a message', () => {
  const hostile = [
    '<!channel> <@U024BE7LH> <https://evil.example|click here>',
    '@here @channel @everyone',
    HOSTILE.markdown,
    'Mallory http://evil.example/x www.evil.example',
    HOSTILE.long,
  ];

  it('cannot form a Slack link or mention, and a long name is cut', () => {
    const r = report(hostile.map((name, i) => finding({ user: person(i + 1, name) })));
    const message = renderAlert('slack', alertFor(r)) as Slack;
    const text = slackText(message);
    expect(text).not.toMatch(/<!channel>|<@U|<https:\/\/evil|\]\(https?:\/\//);
    expect(text).not.toMatch(/(^|\s)@(here|channel|everyone)\b/);
    expect(text).not.toContain('http://evil');
    expect(text).not.toContain('A'.repeat(200));
    // every block that can hold such text is sent verbatim (no link or mention parsing)
    for (const block of message.blocks.filter((b) => b.type !== 'header')) {
      const texts = [
        ...(block.text ? [block.text] : []),
        ...(block.elements ?? []),
        ...((block as { fields?: unknown[] }).fields ?? []),
      ] as { verbatim?: boolean }[];
      for (const t of texts) expect(t.verbatim).toBe(true);
    }
    // the letters are still there for a reader
    expect(text).toContain('Mallory');
  });

  it('cannot form a Teams link or emphasis', () => {
    const r = report(hostile.map((name, i) => finding({ user: person(i + 1, name) })));
    const text = teamsText(renderAlert('teams', alertFor(r)));
    expect(text).not.toMatch(/\]\(|\*\*bold\*\*|https?:\/\/evil/);
    expect(text).toContain('Mallory');
  });

  it('names people as the redacted report does', () => {
    const jane = finding({ user: person(9, 'Jane Roe') });
    const redacted = redactReport(report([jane]));
    const alert = alertFor(redacted);
    for (const kind of ['slack', 'teams', 'json'] as const) {
      const body = JSON.stringify(renderAlert(kind, alert));
      expect(body).not.toContain('Jane Roe');
      expect(body).not.toContain('p9@contractor.example');
    }
    expect(slackText(renderAlert('slack', alert))).toContain('names and emails are masked');
  });
});
