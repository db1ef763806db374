import { describe, expect, it } from 'vitest';
import { verdicts } from '../../bench/figures.mjs';
import { criticalPathBoundMs, median, minimumRequests, pagesFor } from '../../bench/model.js';

describe('the minimum number of requests', () => {
  it('counts one page for an empty list, since the server still answers it', () => {
    expect(pagesFor(0, 5000)).toBe(1);
  });

  it('is one token plus every page of the four lists at the granted page size', () => {
    const shape = { employees: 13_334, technicians: 6_666, roles: 13, businessUnits: 6 };
    expect(minimumRequests(shape, 5000)).toBe(1 + 3 + 2 + 1 + 1);
    expect(minimumRequests(shape, 50)).toBe(1 + 267 + 134 + 1 + 1);
  });
});

describe('the critical-path bound', () => {
  it('is the token round trip plus page 1 and the slowest later page of the slowest list', () => {
    const employees = [120, 90, 100];
    const technicians = [80, 70];
    const roles = [40];
    expect(criticalPathBoundMs(50, [employees, technicians, roles], 7)).toBe(50 + 120 + 100);
  });

  it('is never less than the rate limit allows for that many requests', () => {
    expect(criticalPathBoundMs(50, [[50]], 120)).toBe(2000);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('the redaction verdict', () => {
  const results = (redaction: Record<string, number>) => ({
    network: [],
    engine: [],
    startup: { validateMs: 100 },
    redaction,
  });
  const verdict = (redaction: Record<string, number>) =>
    verdicts(results(redaction)).find((v: { name: string }) =>
      v.name.startsWith('audit with / without redaction'),
    );

  it('holds the audit of 20,000 findings with redaction within 1.5× of the audit without', () => {
    expect(verdict({ findings: 20_028, ratio: 1.02, emailsLeftUnmasked: 0 })).toMatchObject({ met: true });
    expect(verdict({ findings: 20_028, ratio: 1.6, emailsLeftUnmasked: 0 })).toMatchObject({ met: false });
  });

  it('fails a redaction that left an email unmasked, and says nothing about a smaller run', () => {
    expect(verdict({ findings: 20_028, ratio: 1.02, emailsLeftUnmasked: 1 })).toMatchObject({ met: false });
    expect(verdict({ findings: 2_007, ratio: 0.6, emailsLeftUnmasked: 0 })).toBeUndefined();
  });
});

describe('the audit verdicts', () => {
  const verdictsOf = (audit: Record<string, number>) =>
    verdicts({ network: [], engine: [], startup: { validateMs: 100 }, audit }).filter((v: { name: string }) =>
      v.name.startsWith('audit: '),
    );

  it('holds the evaluate phase at 7,000 users under 40 ms and a 100,000-user audit under 400 MB', () => {
    const met = verdictsOf({
      evaluateUsers: 7000,
      evaluateMs: 31,
      peakUsers: 100_000,
      peakProcesses: 3,
      peakRssMb: 371,
    });
    expect(met.map((v: { met: boolean }) => v.met)).toEqual([true, true]);
    const missed = verdictsOf({
      evaluateUsers: 7000,
      evaluateMs: 40,
      peakUsers: 100_000,
      peakProcesses: 3,
      peakRssMb: 400,
    });
    expect(missed.map((v: { met: boolean }) => v.met)).toEqual([false, false]);
  });

  it('says nothing about the peak of a smaller audit (the quick run)', () => {
    expect(
      verdictsOf({
        evaluateUsers: 7000,
        evaluateMs: 31,
        peakUsers: 20_000,
        peakProcesses: 1,
        peakRssMb: 233,
      }),
    ).toHaveLength(1);
  });
});
