/**
 * The policy impact in the console, the job summary and the PR comment: who and which rule each
 * added, resolved and exempted finding is about, and an exempted finding called exempted, never
 * resolved (SPEC §5 `comparison.exempted`).
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/types.js';
import { renderImpactComment } from '../../src/github/pr-comment.js';
import { renderConsole } from '../../src/report/console.js';
import { renderJson } from '../../src/report/json.js';
import { redactReport } from '../../src/report/redact.js';
import { renderSummary } from '../../src/report/summary.js';
import { finding, report, user } from './fixtures.js';

const carol = finding({
  id: 'aaaaaaaaaaaaaaa1',
  user: user({ id: 40, name: 'Carol Fox', email: 'carol@partner.example' }),
});
const dan = finding({
  id: 'bbbbbbbbbbbbbbb2',
  rule: 'no-external-admins',
  severity: 'high',
  user: user({ id: 50, name: 'Dan Oak', email: 'dan@oak.example' }),
  evidence: { roles: ['Admin'] },
});
const kevin: Finding = finding({
  id: 'ccccccccccccccc3',
  user: user({ id: 160, name: 'Kevin Tran', email: 'kevin.tran@coolit.example' }),
  exemption: {
    reason: 'Integration partner, contract 2231',
    expires: '2026-03-21',
    approvedBy: 'security@acme-hvac.com',
    ticket: 'SEC-123',
    status: 'active',
  },
});

function impact() {
  return report([carol, kevin], {
    comparison: {
      added: [carol.id],
      resolved: [dan.id],
      exempted: [kevin.id],
      resolvedFindings: [dan],
    },
  });
}

describe('the policy impact names users and rules', () => {
  it('in the console: added, resolved (as the base found it) and exempted with who approved it until when', () => {
    const text = renderConsole(impact(), { color: false, width: 200 });
    const section = text.slice(text.indexOf('POLICY CHANGE'));
    expect(section).toContain('POLICY CHANGE  1 finding added, 1 resolved, 1 exempted');
    expect(section).toContain(
      '+ added · critical no-external-api-access · Carol Fox <carol@partner.example> (employee 40)',
    );
    expect(section).toContain(
      '- resolved · high no-external-admins · Dan Oak <dan@oak.example> (employee 50)',
    );
    expect(section.replace(/\n {4}/g, ' ')).toContain(
      '~ exempted by this change · critical no-external-api-access · Kevin Tran <kevin.tran@coolit.example> ' +
        '(employee 160) · until 2026-03-21, approved by security@acme-hvac.com: Integration partner, contract 2231 (SEC-123)',
    );
    for (const id of [carol.id, dan.id, kevin.id]) expect(section).not.toContain(id);
  });

  it('in the job summary', () => {
    const md = renderSummary(impact());
    const section = md.slice(md.indexOf('### Policy change impact'));
    expect(section).toContain('This policy change: 1 finding added, 1 resolved, 1 exempted.');
    expect(section).toMatch(/\| added \| no-external-api-access \| \*\*Carol Fox\*\*/);
    expect(section).toMatch(
      /\| resolved \| no-external-admins \| \*\*Dan Oak\*\*.* \| high \| roles: Admin \|/,
    );
    expect(section).toMatch(
      /\| exempted by this change \| no-external-api-access \| \*\*Kevin Tran\*\*.*\| until 2026-03-21, approved by security&commat;acme-hvac\.com: Integration partner, contract 2231 \\\(SEC-123\\\) \|/,
    );
    expect(section.slice(0, section.indexOf('\n###', 5))).not.toContain(dan.id);
  });

  it('in the PR comment: exempted findings in their own section, not among the resolved', () => {
    const body = renderImpactComment(impact(), { policyPath: '.github/servicetitan-access.yml' });
    expect(body).toContain('**1 finding added, 1 resolved, 1 exempted**');
    const resolves = body.slice(body.indexOf('### Findings this change resolves (1)'));
    expect(resolves.slice(0, resolves.indexOf('\n###', 5))).toContain('Dan Oak');
    expect(resolves.slice(0, resolves.indexOf('\n###', 5))).not.toContain('Kevin Tran');
    const exempts = body.slice(body.indexOf('### Findings this change exempts (1)'));
    expect(exempts).toMatch(
      /\| critical \| no-external-api-access \| \*\*Kevin Tran\*\*.*\| 2026-03-21 \| security&commat;acme-hvac\.com \| Integration partner, contract 2231 · SEC-123 \|/,
    );
  });

  it('masks the resolved findings with the rest when the run redacts, and keeps them out of the JSON', () => {
    const redacted = redactReport(impact());
    for (const text of [
      renderConsole(redacted, { color: false, width: 200 }),
      renderSummary(redacted),
      renderImpactComment(redacted, { policyPath: '.github/servicetitan-access.yml' }),
    ]) {
      expect(text).not.toMatch(/Dan Oak|dan@oak|Kevin Tran|Carol Fox/);
      expect(text).toMatch(/D\\?\*\\?\*\\?\* O\\?\*\\?\*\\?\*/);
    }
    const json = JSON.parse(renderJson(impact()));
    expect(json.comparison).toEqual({ added: [carol.id], resolved: [dan.id], exempted: [kevin.id] });
  });
});
