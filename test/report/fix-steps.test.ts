/**
 * Steps that accompany lock, deactivate and set-role (SPEC §5 `fix.steps`): locking an account
 * does not revoke the client secrets and app keys its holder made, so every channel shows what a
 * person must still do, and masks names in it like in every other text.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { FindingFix } from '../../src/engine/types.js';
import { findingsCsv } from '../../src/evidence/tables.js';
import { findingTable } from '../../src/github/markdown.js';
import { renderConsole } from '../../src/report/console.js';
import { renderJson } from '../../src/report/json.js';
import { redactReport } from '../../src/report/redact.js';
import { withholdPersonalData } from '../../src/report/redact-fallback.js';
import { renderSummary } from '../../src/report/summary.js';
import { finding, report } from './fixtures.js';

const ROTATE =
  'In ServiceTitan, open Settings > Integrations > API Application Access and rotate the client secret of every app whose credentials Jane Roe created or could see.';
const DISCONNECT = 'Disconnect the apps Jane Roe created or connected.';

const locked = () =>
  report([
    finding({
      evidence: { permissions: ['generate-api-key', 'manage-api-access'] },
      fix: { action: 'lock', steps: [ROTATE, DISCONNECT] },
    }),
  ]);

describe('steps besides a lock', () => {
  it('are listed under manual steps in the job summary, saying the lock is done by apply', () => {
    const md = renderSummary(locked());
    expect(md).toContain('### Manual steps (1)');
    expect(md).toContain('besides _lock the account_ (apply)');
    expect(md).toContain('rotate the client secret of every app whose credentials Jane Roe created');
    expect(md).toContain('Disconnect the apps Jane Roe created or connected.');
  });

  it('are printed under MANUAL STEPS on the console, whole', () => {
    const text = renderConsole(locked(), { color: false, width: 80 });
    expect(text).toContain('MANUAL STEPS');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('besides lock the account (apply)');
    expect(flat).toContain(ROTATE);
    expect(flat).toContain(DISCONNECT);
  });

  it("are shown in the tracking issue's fix cell after the fix", () => {
    const table = findingTable(locked().findings, 10).join('');
    expect(table).toContain('| lock the account<br>In ServiceTitan, open Settings &gt; Integrations');
    expect(table).toContain('Disconnect the apps Jane Roe created or connected.');
  });

  it('are in the findings CSV of the evidence pack', () => {
    expect(findingsCsv(locked())).toContain('Disconnect the apps Jane Roe created or connected.');
  });

  it('have names masked when redacted, and withheld when masking fails', () => {
    const redacted = redactReport(locked());
    const fix = redacted.findings[0]!.fix;
    expect(fix.action).toBe('lock');
    expect(JSON.stringify(fix)).not.toContain('Jane Roe');
    expect(fix.steps).toHaveLength(2);
    expect(withholdPersonalData(locked()).findings[0]!.fix).toEqual({
      action: 'lock',
      steps: ['[withheld]'],
    });
  });

  it('fit schema/report.schema.json on lock, deactivate and set-role', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
    );
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const fixes: FindingFix[] = [
      { action: 'lock', steps: [ROTATE] },
      { action: 'deactivate', steps: [ROTATE] },
      { action: 'set-role', role: 'Technician', steps: [ROTATE] },
    ];
    for (const fix of fixes) {
      const ok = validate(JSON.parse(renderJson(report([finding({ fix })]))));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });
});
