/**
 * A step ServiceTitan refused carries its reason and, at the end, what to do: the summary and the
 * console keep that whole rather than cutting it like other details.
 */
import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/report/console.js';
import { renderSummary } from '../../src/report/summary.js';
import { finding, planStep, report } from './fixtures.js';

const ERROR =
  'POST /settings/v2/tenant/1234/technicians/230/account-actions failed with 400: The technician cannot be deactivated. ' +
  'action: The technician has 1 ongoing job. (trace id 00-1b2580c48e00d060a91a8af69e72fbbe-6c185873244c128f-00). ' +
  'ServiceTitan does not deactivate a technician who has ongoing jobs: finish or reassign those jobs in ServiceTitan, ' +
  'then rerun apply; or lock the account instead (`fix: lock`), which ServiceTitan allows while jobs are open and which also ends sign-in.';

describe('a refused step', () => {
  const r = report([finding({ fix: { action: 'deactivate' } })], {
    plan: [planStep({ action: 'deactivate', status: 'failed', error: ERROR })],
  });

  it('shows the whole error, with what to do, in the job summary', () => {
    expect(renderSummary(r)).toContain('which also ends sign-in.');
  });

  it('shows the whole error, with what to do, on the console', () => {
    const flat = renderConsole(r, { color: false, width: 100 }).replace(/\s+/g, ' ');
    expect(flat).toContain('which also ends sign-in.');
  });
});
