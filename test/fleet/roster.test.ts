/** The fleet's roster reader reads back what the evidence pack writes, cell for cell. */
import { describe, expect, it } from 'vitest';
import { csvTable } from '../../src/evidence/csv.js';
import { ROSTER_COLUMNS } from '../../src/evidence/tables.js';
import type { FleetAccount } from '../../src/fleet/people.js';
import { readRosterRows } from '../../src/fleet/roster.js';

function read(text: string): { ok: boolean; accounts: FleetAccount[] } {
  const accounts: FleetAccount[] = [];
  const ok = readRosterRows(Buffer.from(text, 'utf8'), (row) =>
    accounts.push({
      email: row.email(),
      aadUserId: row.aadUserId,
      name: row.name(),
      active: row.active,
      locked: row.locked,
    }),
  );
  return { ok, accounts };
}

const row = (name: string, email: string | null, login: string | null, active: boolean, locked: boolean) => [
  'employee', 1, 2, name, email, login, 'external', active, locked, ['Office', 'CSR'], 'Admin', 'Plumbing', 3, true,
]; // prettier-ignore

describe('readRosterRows', () => {
  it('reads the pack writer’s CSV: quotes, commas and line breaks in cells, neutralised formulas, yes/no', () => {
    const text = csvTable(
      [...ROSTER_COLUMNS, 'generate-api-key'],
      [
        row('Roe, Jane "JR"', 'jane@x.example', 'jroe', true, false),
        row('=HYPERLINK("x")', '+bad@x.example', null, false, false),
        row('Two\r\nLines', null, 'login@y.example', true, true),
        row('No Key', null, 'plainlogin', true, false),
      ],
    );
    const { ok, accounts } = read('\uFEFF' + text);
    expect(ok).toBe(true);
    expect(accounts).toEqual([
      { name: 'Roe, Jane "JR"', email: 'jane@x.example', aadUserId: null, active: true, locked: false },
      { name: '=HYPERLINK("x")', email: '+bad@x.example', aadUserId: null, active: false, locked: false },
      { name: 'Two\r\nLines', email: 'login@y.example', aadUserId: null, active: true, locked: true },
      { name: 'No Key', email: null, aadUserId: null, active: true, locked: false },
    ]);
  });

  it('reads an aadUserId column when the roster has one, and LF line ends', () => {
    const text = 'email,active,locked,aadUserId\nana@x.example,true,false,0000-1\n,no,yes,0000-2\n';
    expect(read(text).accounts).toEqual([
      { email: 'ana@x.example', aadUserId: '0000-1', name: null, active: true, locked: false },
      { email: null, aadUserId: '0000-2', name: null, active: false, locked: true },
    ]);
  });

  it('refuses a file that is not a roster, and a quoted cell that never closes', () => {
    expect(read('id,rule,severity\n1,x,high\n').ok).toBe(false);
    expect(read('email,active,locked\n"ana@x.example,yes,no\n').ok).toBe(false);
  });
});
