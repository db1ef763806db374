/**
 * When masking fails, nothing personal leaks and the journal survives; unexpected errors never
 * carry tenant text when redaction is on.
 */
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../src/logger.js';
import { unexpectedError } from '../../src/pipeline.js';
import { withholdPersonalData } from '../../src/report/redact-fallback.js';
import { renderJson } from '../../src/report/json.js';
import { fullReport as sampleReport } from './fixtures.js';

describe('withholdPersonalData', () => {
  it('keeps ids, states and seals, and no name, email or message', () => {
    const report = sampleReport();
    const people = report.findings.flatMap((f) => (f.user ? [f.user.name, f.user.email ?? ''] : []));
    expect(people.length).toBeGreaterThan(0);
    const out = renderJson(withholdPersonalData(report));
    for (const p of people.filter((x) => x.length > 3)) expect(out).not.toContain(p);
    const parsed = JSON.parse(out);
    expect(parsed.plan.map((s: { user: { id: number } }) => s.user.id)).toEqual(
      report.plan.map((s) => s.user.id),
    );
    expect(parsed.errors.map((e: { code: string }) => e.code)).toContain('report.redaction-failed');
    expect(parsed.redacted).toBe(true);
  });
});

describe('unexpectedError', () => {
  it('withholds the error text, also from debug output, when redaction is on', () => {
    const logger = recordingLogger();
    const error = new RangeError('Invalid regular expression: /(?:Jane Roe|jane@acme-hvac.com)/');
    const reported = unexpectedError(error, logger, true);
    const everything = JSON.stringify(reported) + logger.lines.join('\n');
    expect(everything).not.toContain('Jane');
    expect(everything).not.toContain('jane@');
    expect(reported.message).toContain('RangeError');
  });

  it('keeps the text when redaction is off', () => {
    const reported = unexpectedError(new Error('boom'), recordingLogger(), false);
    expect(reported.message).toBe('Unexpected error: boom');
  });
});
