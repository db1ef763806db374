import { describe, expect, it } from 'vitest';
import { buildReport, statusExitCode } from '../../src/report/build.js';
import { context, finding, planStep, report } from './fixtures.js';

const exemption = {
  reason: 'Partner',
  expires: '2026-06-30',
  approvedBy: 'security@acme.example',
  ticket: null,
  status: 'active' as const,
};

describe('buildReport status', () => {
  it('passes when there are no findings', () => {
    const r = report([]);
    expect(r.status).toBe('pass');
    expect(statusExitCode(r)).toBe(0);
  });

  it('fails when a non-exempt finding is at fail-on', () => {
    const r = report([finding({ severity: 'high' })], { ctx: { failOn: 'high' } });
    expect(r.status).toBe('fail');
    expect(statusExitCode(r)).toBe(1);
  });

  it('passes when every finding is below fail-on', () => {
    expect(report([finding({ severity: 'medium' })], { ctx: { failOn: 'high' } }).status).toBe('pass');
  });

  it('never fails on findings when fail-on is never', () => {
    expect(report([finding({ severity: 'critical' })], { ctx: { failOn: 'never' } }).status).toBe('pass');
  });

  it('does not fail on an exempted finding', () => {
    expect(report([finding({ severity: 'critical', exemption })]).status).toBe('pass');
  });

  it('fails on a finding whose exemption has expired', () => {
    expect(report([finding({ exemption: { ...exemption, status: 'expired' } })]).status).toBe('fail');
  });

  it('fails when apply refused the plan, even without findings', () => {
    const r = report([], { ctx: { mode: 'apply' }, applyRefused: true });
    expect(r.status).toBe('fail');
    expect(statusExitCode(r)).toBe(1);
  });

  it('is an error when any plan step failed, and exits 3', () => {
    const r = report([], { plan: [planStep({ status: 'failed', error: 'HTTP 500' })] });
    expect(r.status).toBe('error');
    expect(statusExitCode(r)).toBe(3);
  });

  it('lets errors win over failing findings', () => {
    const r = report([finding()], { errors: [{ code: 'auth.invalid-client', message: 'no' }] });
    expect(r.status).toBe('error');
  });

  it('exits with the class of the error that stopped the run, not with its code', () => {
    // a configuration error exits 2 whatever its code says; anything else exits 3
    const errors = [{ code: 'servicetitan.unavailable', message: 'x' }];
    expect(statusExitCode(report([], { errors }), 2)).toBe(2);
    expect(statusExitCode(report([], { errors: [{ code: 'policy.unknown-key', message: 'x' }] }))).toBe(3);
  });

  it('exits 3 when a write failed, whatever stopped the run', () => {
    const r = report([], {
      plan: [planStep({ status: 'failed', error: 'HTTP 500' })],
      errors: [{ code: 'input.journal-exists', message: 'x' }],
    });
    expect(statusExitCode(r, 2)).toBe(3);
  });

  it('has zero counts and empty lists without an evaluation', () => {
    const r = buildReport(context({ mode: 'validate' }), {});
    expect(r.counts).toEqual({
      users: 0,
      activeUsers: 0,
      externalUsers: 0,
      findings: 0,
      exempted: 0,
      critical: 0,
      high: 0,
      medium: 0,
      low: 0,
    });
    expect(r).toMatchObject({
      findings: [],
      plan: [],
      refusals: [],
      comparison: null,
      errors: [],
      redacted: false,
    });
    expect(r.discovery).toBeUndefined();
  });

  it('records times as ISO strings and the tool version', () => {
    const r = report([]);
    expect(r.startedAt).toBe('2026-03-01T08:00:00.000Z');
    expect(r.finishedAt).toBe('2026-03-01T08:00:05.000Z');
    expect(r.tool).toEqual({ name: 'servicetitan-access-guard', version: '1.0.0' });
  });
});
