import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/policy/load.js';
import { NOW, issueWith, policy } from './support.js';

const withExpiry = (expires: string) =>
  policy(`exemptions:
  - user: partner@integrator.example
    rules: [no-external-api-access]
    reason: Integration partner
    expires: ${expires}
    approved-by: security@acme-hvac.com
`);

// NOW is 2026-03-01T12:00Z; 366 days later is 2027-03-02 (2026 is not a leap year).
describe('the exemption expiry window', () => {
  it('accepts an expiry 366 days ahead', () => {
    expect(parsePolicy(withExpiry('2027-03-02'), 'p.yml', { now: NOW }).exemptions[0]?.expires).toBe(
      '2027-03-02',
    );
  });

  it('refuses an expiry 367 days ahead, saying the latest allowed date', () => {
    const issue = issueWith(withExpiry('2027-03-03'), 'policy.exemption-too-long');
    expect([issue.line, issue.column]).toEqual([13, 14]);
    expect(issue.hint).toContain('2027-03-02');
  });

  it('counts days from the UTC date of now, whatever its time of day', () => {
    const lateEvening = new Date('2026-03-01T23:59:59Z');
    expect(() => parsePolicy(withExpiry('2027-03-02'), 'p.yml', { now: lateEvening })).not.toThrow();
  });

  it('accepts an expiry in the past (the audit reports it as exemption-expired)', () => {
    expect(() => parsePolicy(withExpiry('2025-01-01'), 'p.yml', { now: NOW })).not.toThrow();
  });

  it('accepts a quoted date as well as a plain YAML date', () => {
    expect(parsePolicy(withExpiry('"2026-12-31"'), 'p.yml', { now: NOW }).exemptions[0]?.expires).toBe(
      '2026-12-31',
    );
  });

  it('refuses a date with a time', () => {
    issueWith(withExpiry('2026-12-31T10:00:00Z'), 'policy.invalid-date');
  });
});
