import { describe, expect, it } from 'vitest';
import { describeNotice, exemptionNotices } from '../../src/engine/exemption-notices.js';
import { parsePolicy } from '../../src/policy/load.js';
import { NOW, policy } from './support.js';

// NOW is 2026-03-01T12:00Z
const withExpiries = (...dates: string[]) =>
  parsePolicy(
    policy(
      'exemptions:\n' +
        dates
          .map(
            (expires, i) =>
              `  - user: partner${i}@integrator.example\n    rules: [no-external-api-access]\n` +
              `    reason: Integration partner\n    expires: ${expires}\n    approved-by: security@acme-hvac.com\n`,
          )
          .join(''),
    ),
    'p.yml',
    { now: new Date('2025-06-01T00:00:00Z') },
  );

describe('exemption notices', () => {
  it('finds expired exemptions and those ending within 30 days, decided against now', () => {
    const p = withExpiries('2026-02-28', '2026-03-01', '2026-03-31', '2026-04-01', '2025-12-01');
    const notices = exemptionNotices(p, NOW);
    expect(notices.map((n) => [n.status, n.days, n.user])).toEqual([
      ['expired', 89, 'partner4@integrator.example'],
      ['expired', 0, 'partner0@integrator.example'],
      ['expiring', 0, 'partner1@integrator.example'],
      ['expiring', 30, 'partner2@integrator.example'],
    ]);
    expect(notices[0]?.position.line).toBeGreaterThan(1);
  });

  it('says what the next audit does and what to do', () => {
    const [expired, today] = exemptionNotices(withExpiries('2026-02-27', '2026-03-01'), NOW);
    expect(describeNotice(expired!)).toBe(
      'The exemption for partner0@integrator.example from no-external-api-access expired on 2026-02-27 (1 day ago): ' +
        'it no longer applies, so the next audit counts the findings it covered again, plus an exemption-expired ' +
        'finding (high). Renew it with a new expiry and approval, or remove it.',
    );
    expect(describeNotice(today!, (raw) => raw.toUpperCase())).toContain(
      'for PARTNER1@INTEGRATOR.EXAMPLE from no-external-api-access expires on 2026-03-01 and ends today',
    );
  });
});
