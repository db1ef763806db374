import { describe, expect, it } from 'vitest';
import { compareFindings } from '../../src/engine/compare.js';
import { severityAtOrAbove } from '../../src/engine/fail-on.js';
import type { Finding } from '../../src/engine/types.js';

function finding(id: string, exemption: Finding['exemption'] = null): Finding {
  return {
    id,
    rule: 'r',
    severity: 'high',
    message: '',
    user: null,
    evidence: {},
    fix: { action: 'manual', steps: [] },
    exemption,
    location: { line: 1, column: 1 },
  };
}
const exempt = (status: 'active' | 'expired') => ({
  reason: 'r',
  expires: '2026-01-01',
  approvedBy: 'x',
  ticket: null,
  status,
});

describe('policy impact', () => {
  it('lists findings the new policy adds and resolves, sorted', () => {
    expect(
      compareFindings([finding('b'), finding('a'), finding('c')], [finding('d'), finding('c'), finding('0')]),
    ).toEqual({
      added: ['0', 'd'],
      resolved: ['a', 'b'],
      exempted: [],
    });
  });

  it('tells a finding the new policy exempts apart from one it resolves', () => {
    expect(
      compareFindings([finding('a'), finding('b')], [finding('a', exempt('active')), finding('c')]),
    ).toEqual({ added: ['c'], resolved: ['b'], exempted: ['a'] });
  });

  it('does not call a finding exempted that the base policy exempted already', () => {
    const before = [finding('a', exempt('active'))];
    expect(compareFindings(before, [finding('a', exempt('active'))])).toEqual({
      added: [],
      resolved: [],
      exempted: [],
    });
  });

  it('counts a finding under an expired exemption as standing', () => {
    expect(compareFindings([], [finding('a', exempt('expired'))])).toEqual({
      added: ['a'],
      resolved: [],
      exempted: [],
    });
  });
});

describe('fail-on', () => {
  it('fails on the given severity and everything above it', () => {
    expect(severityAtOrAbove('critical', 'high')).toBe(true);
    expect(severityAtOrAbove('high', 'high')).toBe(true);
    expect(severityAtOrAbove('medium', 'high')).toBe(false);
  });

  it('never fails with never', () => {
    expect(severityAtOrAbove('critical', 'never')).toBe(false);
  });
});
