/**
 * Names, emails and logins come from ServiceTitan, where whoever can edit an employee record
 * controls them; rule ids and reasons come from a policy a pull request may change. Every channel
 * must render them inert and bounded.
 */
import { describe, expect, it } from 'vitest';
import { findingAnnotations } from '../../src/report/annotations.js';
import { renderConsole } from '../../src/report/console.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderSummary } from '../../src/report/summary.js';
import { finding, HOSTILE, planStep, policy, report, user } from './fixtures.js';

/** Substrings that would mean the hostile text kept its power, in any channel. */
const COMMANDS = ['::error', '::add-mask', '::set-output', '\u001b'];
/**
 * Markup only has power where it is rendered: the summary (also the issue and comment) is
 * Markdown and HTML, and GitHub resolves mentions in it; a SARIF message turns `[text](target)`
 * into a link. Annotations, the console and SARIF otherwise show plain text.
 */
const LIVE: Record<string, string[]> = {
  summary: [...COMMANDS, '**bold**', '[click](', '`code`', '<img', '<script', '@github', '@octocat'],
  annotations: COMMANDS,
  console: COMMANDS,
  sarif: [...COMMANDS, '[click]('],
};

function hostileReport(value: string) {
  const u = user({ name: value, email: `${value}@evil.example`, login: value });
  return report(
    [
      finding({
        user: u,
        message: `${value} holds generate-api-key`,
        evidence: { permissions: [value], roles: [value] },
      }),
      finding({
        id: 'exempted',
        rule: `rule ${value}`,
        user: u,
        message: value,
        exemption: {
          reason: value,
          expires: '2026-03-10',
          approvedBy: value,
          ticket: value,
          status: 'active',
        },
        fix: { action: 'manual', steps: [value] },
      }),
    ],
    {
      plan: [
        planStep({
          user: { kind: 'employee', id: 21, userId: 1, name: value, email: value },
          status: 'skipped',
          reason: value,
        }),
      ],
      refusals: [{ code: 'apply.protected-user', message: value }],
      errors: [{ code: 'policy.unknown-key', message: value, hint: value }],
      ctx: { tenant: value },
    },
  );
}

const channels = {
  summary: (v: string) => renderSummary(hostileReport(v)),
  annotations: (v: string) =>
    findingAnnotations(hostileReport(v), '.github/servicetitan-access.yml')
      .map((a) => `${a.title}\n${a.message}`)
      .join('\n'),
  console: (v: string) => renderConsole(hostileReport(v), { color: false, width: 120 }),
  sarif: (v: string) =>
    renderSarif(hostileReport(v), policy(), { policyPath: 'p.yml' })
      .runs[0]!.results.map((r) => `${r.message.text}\n${r.suppressions?.[0]?.justification ?? ''}`)
      .join('\n'),
};

describe.each(Object.entries(channels))('hostile data in the %s', (channel, render) => {
  it.each(Object.entries(HOSTILE))('renders %s inert', (_kind, value) => {
    const out = render(value);
    for (const live of LIVE[channel]!) expect(out).not.toContain(live);
    for (const line of out.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('bounds a 10,000-character name', () => {
    expect(render(HOSTILE.long).length).toBeLessThan(20_000);
    expect(render(HOSTILE.long)).not.toContain('A'.repeat(1_000));
  });
});

describe('hostile data in Markdown tables', () => {
  it('cannot add or remove table cells', () => {
    const md = renderSummary(hostileReport(HOSTILE.markdown));
    const row = md.split('\n').find((line) => line.startsWith('| **'))!;
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6);
  });

  it('cannot start a heading or a new block', () => {
    const md = renderSummary(hostileReport(HOSTILE.newlines));
    for (const line of md.split('\n')) if (line.startsWith('#')) expect(line).toMatch(/^#{2,3} [A-Z⚠✅❌]/u);
  });
});

describe('hostile data in annotations', () => {
  it('keeps the title on one line', () => {
    for (const a of findingAnnotations(hostileReport(HOSTILE.workflowCommand), 'p.yml')) {
      expect(a.title).not.toMatch(/[\r\n]/);
    }
  });
});
