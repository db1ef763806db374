/**
 * The identity parts of every channel, from an evaluation the engine made: SARIF rules, the console
 * and summary sections, the JSON report, redaction and its fallback.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { buildReport } from '../../src/report/build.js';
import { renderConsole } from '../../src/report/console.js';
import { renderJson } from '../../src/report/json.js';
import { redactReport } from '../../src/report/redact.js';
import { withholdPersonalData } from '../../src/report/redact-fallback.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderSummary } from '../../src/report/summary.js';
import { NOW, policy, snapshot, user } from '../engine/builders.js';
import { carrier } from '../engine/helpers.js';
import {
  csvDirectory,
  entraDirectory,
  entraPerson,
  identityPolicy,
  person,
} from '../engine/identity-helpers.js';
import { context } from './fixtures.js';

const p = identityPolicy({ dormantAfterDays: 30 });
const directories = [
  csvDirectory('hr', [person({ emails: ['chloe@acme.com'], state: 'terminated' })]),
  entraDirectory(
    'entra',
    [entraPerson('4f1e2d3c-0000-4000-8000-000000000001', { emails: ['dana@acme.com'], state: 'suspended' })],
    false,
  ),
];
const users = [
  user(carrier(p)),
  user({ id: 70, name: 'Chloe Gutierrez', email: 'chloe@acme.com' }),
  user({
    id: 71,
    name: 'Dana Whitfield',
    email: 'dana@acme.com',
    aadUserId: '4f1e2d3c-0000-4000-8000-000000000001',
  }),
  user({ id: 72, name: 'Front Desk', email: null, login: 'frontdesk' }),
];
const report = buildReport(context({ startedAt: NOW, finishedAt: NOW }), {
  evaluation: evaluate(p, snapshot(users), NOW, directories),
});

describe('identity in the report', () => {
  it('writes each finding user’s identity and what decided the audience, and the tallies', () => {
    const json = JSON.parse(renderJson(report));
    const chloe = json.findings.find((f: { user: { id: number } | null }) => f.user?.id === 70);
    expect(chloe.user.identity).toEqual({
      source: 'hr',
      personId: 'chloe@acme.com',
      state: 'terminated',
      matchedBy: 'email',
      lastSignIn: null,
    });
    expect(chloe.user.audienceFrom).toBe('domain');
    expect(json.identity).toMatchObject({ accounts: 3, matched: 2, unmatched: 1, leavers: 2 });
  });

  it('adds nothing to the report of a policy without identity', () => {
    const plain = buildReport(context(), {
      evaluation: evaluate(policy(), snapshot(users), NOW, directories),
    });
    const json = JSON.parse(renderJson(plain));
    expect(json.identity).toBeUndefined();
    expect(json.findings.some((f: { user: object | null }) => f.user && 'identity' in f.user)).toBe(false);
    expect(renderSummary(plain)).not.toContain('Identity');
    const rules = renderSarif(plain, policy(), { policyPath: 'p.yml' }).runs[0]!.tool.driver.rules;
    expect(rules.some((r) => r.id.startsWith('identity-'))).toBe(false);
  });

  it('describes the identity rules in SARIF, unmatched at the policy’s severity', () => {
    const sarif = renderSarif(
      report,
      { ...p, identity: { ...p.identity, unmatched: 'high' } },
      { policyPath: 'p.yml' },
    );
    const rules = new Map(sarif.runs[0]!.tool.driver.rules.map((r) => [r.id, r]));
    for (const id of ['identity-leaver', 'identity-unmatched', 'identity-dormant', 'identity-sso-broken'])
      expect(rules.has(id), id).toBe(true);
    expect(rules.get('identity-unmatched')!.properties['security-severity']).toBe('8.0');
    const result = sarif.runs[0]!.results.find((r) => r.ruleId === 'identity-leaver')!;
    expect(result.message.text).toContain('person gone (terminated) in hr');
  });

  it('says in the summary and on the console why dormancy is unavailable', () => {
    const summary = renderSummary(report);
    expect(summary).toContain('### Identity');
    expect(summary).toContain(
      'For source entra, dormancy is unavailable: Microsoft Graph refused signInActivity',
    );
    expect(summary).toMatch(/\| `hr` \| HR roster \| 1 \| 1 \| 1 \| — \|/);
    const text = renderConsole(report, { color: false, width: 120 });
    expect(text).toContain('IDENTITY');
    expect(text).toContain('3 active accounts: 2 matched to a person, 1 unmatched, 2 leavers');
    expect(text.replace(/\s+/g, ' ')).toContain(
      'By source: hr: 1 account matched among 1 person, 1 leaver, dormancy not judged; entra: 1 account matched among 1 person, 1 leaver, dormancy not judged.',
    );
  });

  it('masks a roster’s person id, an email, and keeps a directory’s object id', () => {
    const redacted = redactReport(report);
    const ids = redacted.findings
      .filter((f) => f.rule === 'identity-leaver')
      .map((f) => f.user!.identity!.personId);
    expect(ids.sort()).toEqual(['4f1e2d3c-0000-4000-8000-000000000001', 'c***@acme.com']);
    expect(renderJson(redacted)).not.toContain('chloe@');
    const withheld = withholdPersonalData(report);
    expect(renderJson(withheld)).not.toContain('chloe@');
    expect(renderJson(withheld)).toContain('4f1e2d3c-0000-4000-8000-000000000001');
  });
});
