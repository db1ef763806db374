import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { renderJson } from '../../src/report/json.js';
import { redactReport } from '../../src/report/redact.js';
import { context, fullReport, report } from './fixtures.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

function parse(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

describe('renderJson', () => {
  it('is two-space indented with a trailing newline', () => {
    const text = renderJson(report([]));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "version": 1,');
  });

  it('has exactly the documented top-level keys, in order', () => {
    expect(Object.keys(parse(renderJson(report([]))))).toEqual([
      'version',
      'tool',
      'mode',
      'tenant',
      'environment',
      'policy',
      'startedAt',
      'finishedAt',
      'status',
      'failOn',
      'counts',
      'findings',
      'plan',
      'refusals',
      'comparison',
      'errors',
      'redacted',
    ]);
  });

  it('adds discovery only in discover mode', () => {
    expect(parse(renderJson(fullReport()))).toHaveProperty('discovery');
    expect(parse(renderJson(report([])))).not.toHaveProperty('discovery');
  });

  it('round-trips the report', () => {
    const r = fullReport();
    expect(parse(renderJson(r))).toEqual(JSON.parse(JSON.stringify(r)));
  });
});

describe('schema/report.schema.json', () => {
  it.each([
    ['a full report', fullReport()],
    ['a redacted report', redactReport(fullReport())],
    ['a clean audit', report([])],
    [
      'a validate run with a policy error',
      buildReport(context({ mode: 'validate' }), {
        errors: [
          {
            code: 'policy.unknown-key',
            message: 'Unknown key',
            hint: 'Did you mean rules?',
            file: 'p.yml',
            line: 3,
            column: 1,
          },
        ],
      }),
    ],
  ])('accepts %s', (_name, r) => {
    const ok = validate(parse(renderJson(r)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a misspelt field', () => {
    const doc = parse(renderJson(report([])));
    doc.finsihedAt = doc.finishedAt;
    delete doc.finishedAt;
    expect(validate(doc)).toBe(false);
  });

  it('rejects a missing field deep inside a finding', () => {
    const doc = parse(renderJson(fullReport())) as { findings: { user: Record<string, unknown> }[] };
    delete doc.findings[0]!.user.audience;
    expect(validate(doc)).toBe(false);
  });

  it('rejects a failed plan step without its error', () => {
    const doc = parse(renderJson(fullReport())) as { plan: Record<string, unknown>[] };
    delete doc.plan[2]!.error;
    expect(validate(doc)).toBe(false);
  });
});
