import { describe, expect, it } from 'vitest';
import { exemptionIsActive } from '../../src/engine/exemptions.js';
import { exemption, forbid, maxHolders, policy, user } from './builders.js';
import { carrier, ofRule, run } from './helpers.js';

const rule = forbid('no-external-api-access', {
  appliesTo: { audience: 'external' },
  permissions: ['generate-api-key'],
});
const partner = user({
  id: 31,
  name: 'Pat Partner',
  email: 'partner@integrator.example',
  permissions: { '1234': 'True' },
});
const other = user({ id: 32, email: 'other@integrator.example', permissions: { '1234': 'True' } });

function audit(expires: string, now: Date, who: string | null = 'partner@integrator.example') {
  const p = policy({
    rules: [rule],
    exemptions: [exemption({ ...(who ? { user: who } : {}), rules: ['no-external-api-access'], expires })],
  });
  return run(p, [user(carrier(p)), partner, other], now);
}

describe('exemptionIsActive', () => {
  const e = { expires: '2026-03-31' };

  it('holds through the last second of the expiry day, UTC', () => {
    expect(exemptionIsActive(e, new Date('2026-03-31T23:59:59.999Z'))).toBe(true);
  });

  it('no longer holds at midnight UTC after the expiry day', () => {
    expect(exemptionIsActive(e, new Date('2026-04-01T00:00:00.000Z'))).toBe(false);
  });
});

describe('exemptions', () => {
  it('keeps an exempted finding in the report, marked with its exemption', () => {
    const evaluation = audit('2026-03-31', new Date('2026-03-31T23:59:59Z'));
    const finding = ofRule(evaluation, 'no-external-api-access').find((f) => f.user?.id === 31);
    expect(finding?.exemption).toEqual({
      reason: 'Integration partner, contract 2231',
      expires: '2026-03-31',
      approvedBy: 'security@acme.com',
      ticket: 'SEC-123',
      status: 'active',
    });
  });

  it('counts an exempted finding in exempted, not in findings or the severity counts', () => {
    const { counts } = audit('2026-03-31', new Date('2026-03-01T00:00:00Z'));
    expect(counts).toMatchObject({ findings: 1, exempted: 1, high: 1 });
  });

  it('covers only the exempted user', () => {
    const evaluation = audit('2026-03-31', new Date('2026-03-01T00:00:00Z'));
    const other32 = ofRule(evaluation, 'no-external-api-access').find((f) => f.user?.id === 32);
    expect(other32?.exemption).toBeNull();
  });

  it('brings the finding back once expired, with the expired exemption attached for context', () => {
    const evaluation = audit('2026-03-31', new Date('2026-04-01T00:00:00Z'));
    const finding = ofRule(evaluation, 'no-external-api-access').find((f) => f.user?.id === 31);
    expect(finding?.exemption?.status).toBe('expired');
    expect(evaluation.counts).toMatchObject({ exempted: 0 });
  });

  it('adds one exemption-expired finding (high) at the exemption, about the exempted user', () => {
    const evaluation = audit('2026-03-31', new Date('2026-04-01T00:00:00Z'));
    const expired = ofRule(evaluation, 'exemption-expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({
      severity: 'high',
      location: { line: 100, column: 5 },
      evidence: { exemption: 0 },
    });
    expect(expired[0]?.user?.id).toBe(31);
    expect(expired[0]?.message).toContain('expired on 2026-03-31');
    expect(expired[0]?.fix).toEqual({
      action: 'manual',
      steps: [expect.stringContaining('Edit the exemption at line 100 of .github/servicetitan-access.yml')],
    });
  });

  it('counts the returned finding and the exemption-expired finding', () => {
    const { counts } = audit('2026-03-31', new Date('2026-04-01T00:00:00Z'));
    expect(counts).toMatchObject({ findings: 3, exempted: 0, high: 3 });
  });

  it('does not also report an expired exemption as unused', () => {
    const evaluation = audit('2026-03-31', new Date('2026-04-01T00:00:00Z'), 'nobody@example.com');
    expect(ofRule(evaluation, 'exemption-unused')).toEqual([]);
    expect(ofRule(evaluation, 'exemption-expired')[0]?.user).toBeNull();
  });

  it('reports an active exemption that covers no finding as exemption-unused (low)', () => {
    const evaluation = audit('2026-03-31', new Date('2026-03-01T00:00:00Z'), 'nobody@example.com');
    const [unused] = ofRule(evaluation, 'exemption-unused');
    expect(unused).toMatchObject({ severity: 'low', user: null, location: { line: 100, column: 5 } });
  });

  it('lets an exemption without user cover the tenant-level findings of its rules', () => {
    const p = policy({
      rules: [maxHolders('few-admins', { roles: ['Admin'], max: 1 })],
      exemptions: [exemption({ rules: ['few-admins'], expires: '2026-12-31' })],
    });
    const admins = [1, 2].map((id) => user({ id: 40 + id, roles: ['Admin'] }));
    const evaluation = run(p, [user(carrier(p)), ...admins]);
    expect(ofRule(evaluation, 'few-admins')[0]?.exemption?.status).toBe('active');
    expect(ofRule(evaluation, 'exemption-unused')).toEqual([]);
  });

  it('does not let an exemption without user cover findings about users', () => {
    const evaluation = audit('2026-03-31', new Date('2026-03-01T00:00:00Z'), null);
    expect(ofRule(evaluation, 'no-external-api-access').every((f) => f.exemption === null)).toBe(true);
    expect(ofRule(evaluation, 'exemption-unused')).toHaveLength(1);
  });
});
