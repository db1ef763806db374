/**
 * The HR roster: RFC 4180 CSV read into people, with every problem located at its line and
 * column, and the file read from the workspace as the policy is.
 */
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CsvColumns } from '../../src/domain/identity.js';
import { PolicyError, type PolicyIssue } from '../../src/errors.js';
import { DEFAULT_CSV_COLUMNS, parseRoster, readRosterFile } from '../../src/identity/index.js';

const TODAY = new Date('2025-06-15T12:00:00Z');
const FILE = 'people/roster.csv';

function parse(text: string, columns: CsvColumns = DEFAULT_CSV_COLUMNS) {
  return parseRoster(text, FILE, columns, TODAY);
}

function issuesOf(text: string, columns: CsvColumns = DEFAULT_CSV_COLUMNS): PolicyIssue[] {
  try {
    parse(text, columns);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return (error as PolicyError).issues;
  }
  throw new Error('the roster was expected to be invalid');
}

const where = (issues: PolicyIssue[]) => issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.code}`);

describe('reading a roster', () => {
  it('reads each line as a person, by the default header names, in any column order', () => {
    const people = parse(
      'type,email,name,status,end_date\n' +
        'employee,Jo.Smith@Acme-HVAC.com,Jo Smith,active,\n' +
        'contractor,sam@ortega-it.example,Sam Ortega,Active,2099-01-31\n' +
        'GUEST,lee@partner.example,Lee,LEAVE,\n' +
        ',max@acme-hvac.com,,Terminated,\n',
    );
    expect(people).toEqual([
      {
        personId: 'jo.smith@acme-hvac.com',
        emails: ['jo.smith@acme-hvac.com'],
        aadObjectId: null,
        name: 'Jo Smith',
        state: 'active',
        type: 'employee',
        lastSignIn: null,
        createdAt: null,
      },
      expect.objectContaining({ personId: 'sam@ortega-it.example', state: 'active', type: 'contractor' }),
      expect.objectContaining({ personId: 'lee@partner.example', state: 'leave', type: 'guest' }),
      expect.objectContaining({ personId: 'max@acme-hvac.com', state: 'terminated', type: null, name: null }),
    ]);
  });

  it('counts an end date before the day of the run as terminated, and the day itself as still active', () => {
    const people = parse(
      'email,status,end_date\n' +
        'left@acme-hvac.com,active,2025-06-14\n' +
        'last-day@acme-hvac.com,active,2025-06-15\n' +
        'later@acme-hvac.com,leave,2025-06-16\n',
    );
    expect(people.map((p) => [p.personId, p.state])).toEqual([
      ['left@acme-hvac.com', 'terminated'],
      ['last-day@acme-hvac.com', 'active'],
      ['later@acme-hvac.com', 'leave'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF line ends and a byte-order mark', () => {
    const people = parse(
      '\uFEFFemail,name,status\r\n' +
        'a@acme-hvac.com,"Smith, Jo",active\r\n' +
        'b@acme-hvac.com,"Dwayne ""The Rock"" Johnson",active\r\n' +
        '"c@acme-hvac.com","Two\r\nLines",active\r\n' +
        '\r\n' +
        'd@acme-hvac.com,Dee,active',
    );
    expect(people.map((p) => p.name)).toEqual([
      'Smith, Jo',
      'Dwayne "The Rock" Johnson',
      'Two\r\nLines',
      'Dee',
    ]);
  });

  it('uses the header names the source configures, matched exactly', () => {
    const columns: CsvColumns = { ...DEFAULT_CSV_COLUMNS, email: 'Work Email', status: 'Employment Status' };
    const people = parse('Work Email,Employment Status\njo@acme-hvac.com,terminated\n', columns);
    expect(people[0]).toMatchObject({ personId: 'jo@acme-hvac.com', state: 'terminated' });
  });

  it('needs no status, end date, type or name column when they keep their default names', () => {
    expect(parse('email\njo@acme-hvac.com\n')[0]).toMatchObject({ state: 'active', type: null, name: null });
  });
});

describe('a roster with problems', () => {
  it('points at the field of each invalid status, type, end date and email, every problem at once', () => {
    const issues = issuesOf(
      'email,name,status,end_date,type\n' +
        'a@acme-hvac.com,A,retired,,employee\n' +
        'b@acme-hvac.com,B,active,31/12/2025,employee\n' +
        'c@acme-hvac.com,C,active,2025-02-30,vendor\n' +
        'not-an-address,D,active,,\n' +
        ',E,active,,\n' +
        'A@acme-hvac.com,F,,,\n',
    );
    expect(where(issues)).toEqual([
      `${FILE}:2:19 identity.csv-invalid-status`,
      `${FILE}:3:26 identity.csv-invalid-end-date`,
      `${FILE}:4:26 identity.csv-invalid-end-date`,
      `${FILE}:4:37 identity.csv-invalid-type`,
      `${FILE}:5:1 identity.csv-invalid-email`,
      `${FILE}:6:1 identity.csv-invalid-email`,
      `${FILE}:7:1 identity.csv-duplicate-email`,
    ]);
    expect(issues[0]).toMatchObject({
      message: '`retired` is not a status.',
      hint: expect.stringContaining('active, leave, terminated'),
    });
    expect(issues[6]!.message).toContain('as line 2');
    // the person's address is not repeated in a message
    expect(issues.map((i) => i.message).join(' ')).not.toContain('not-an-address');
  });

  it('points a missing column at the header line, with a near match when the header has one', () => {
    const issues = issuesOf('Email,Name\njo@acme-hvac.com,Jo\n');
    expect(where(issues)).toEqual([`${FILE}:1:1 identity.csv-missing-column`]);
    expect(issues[0]!.hint).toContain('the header has `Email`');

    const semicolons = issuesOf('email;name\njo@acme-hvac.com;Jo\n');
    expect(semicolons[0]!.hint).toContain('separated by `;`');

    // a column the source names is required; one left at its default name is not
    const named = issuesOf('email\njo@acme-hvac.com\n', { ...DEFAULT_CSV_COLUMNS, status: 'State' });
    expect(named[0]).toMatchObject({
      code: 'identity.csv-missing-column',
      message: expect.stringContaining('`State` (for `status`)'),
    });
  });

  it('points the header line of a roster that begins with blank lines', () => {
    expect(where(issuesOf('\n\nname\nJo\n'))).toEqual([`${FILE}:3:1 identity.csv-missing-column`]);
    expect(where(issuesOf(''))).toEqual([`${FILE}:1:1 identity.csv-empty`]);
  });

  it('locates broken quoting: an unclosed quote, text after a closing quote, a stray quote', () => {
    expect(where(issuesOf('email,name\na@acme-hvac.com,"Jo\nb@acme-hvac.com,Bo\n'))).toEqual([
      `${FILE}:2:17 identity.csv-syntax`,
    ]);
    const issues = issuesOf('email,name\na@acme-hvac.com,"Jo" Smith\nb@acme-hvac.com,Bo "B" Brown\n');
    expect(where(issues)).toEqual([`${FILE}:2:21 identity.csv-syntax`, `${FILE}:3:20 identity.csv-syntax`]);
    expect(issues[1]!.hint).toContain('""');
  });

  it('locates a line with more fields than the header, and a column named twice', () => {
    expect(where(issuesOf('email,name\na@acme-hvac.com,Smith, Jo\n'))).toEqual([
      `${FILE}:2:23 identity.csv-extra-field`,
    ]);
    expect(where(issuesOf('email,name,email\na@acme-hvac.com,A,b@acme-hvac.com\n'))).toEqual([
      `${FILE}:1:12 identity.csv-duplicate-column`,
    ]);
  });

  it('says the roster is invalid in its message, with each problem at file:line:column', () => {
    let error: unknown;
    try {
      parse('email,status\na@acme-hvac.com,gone\n');
    } catch (e) {
      error = e;
    }
    expect((error as PolicyError).code).toBe('identity.csv-invalid-status');
    expect((error as PolicyError).message).toBe(
      `The roster ${FILE} is invalid (1 problem):\n  ${FILE}:2:17 \`gone\` is not a status. [identity.csv-invalid-status] (Write one of active, leave, terminated (any case).)`,
    );
  });
});

describe('reading the roster file of a source', () => {
  async function workspace(files: Record<string, string | Buffer>): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'roster-'));
    for (const [name, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), content);
    }
    return dir;
  }
  const source = (p: string) => ({ id: 'hr', kind: 'csv' as const, path: p, columns: DEFAULT_CSV_COLUMNS });

  it('reads the file relative to the workspace into a directory without sign-in times', async () => {
    const dir = await workspace({ [FILE]: 'email,status\njo@acme-hvac.com,terminated\n' });
    const directory = await readRosterFile(source(FILE), { workspace: dir, inActions: true, now: TODAY });
    expect(directory).toMatchObject({
      sourceId: 'hr',
      kind: 'csv',
      signInReported: false,
      signInUnavailable: 'an HR roster records no sign-ins',
    });
    expect(directory.people.map((p) => [p.personId, p.state])).toEqual([['jo@acme-hvac.com', 'terminated']]);
  });

  it('names the source and the path when the file is missing, or is not UTF-8', async () => {
    const dir = await workspace({ 'people/utf16.csv': Buffer.from('\uFEFFemail\n', 'utf16le') });
    await expect(
      readRosterFile(source('people/missing.csv'), { workspace: dir, inActions: false, now: TODAY }),
    ).rejects.toMatchObject({
      code: 'identity.csv-not-found',
      sourceId: 'hr',
      message: expect.stringContaining('people/missing.csv does not exist'),
    });
    const error = await readRosterFile(source('people/utf16.csv'), {
      workspace: dir,
      inActions: false,
      now: TODAY,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).issues[0]).toMatchObject({
      file: 'people/utf16.csv',
      line: 1,
      column: 1,
      code: 'identity.csv-not-text',
    });
    expect((error as PolicyError).message).toContain(
      'The roster people/utf16.csv of identity source `hr` is invalid',
    );
  });

  it('refuses, in Actions, a path that leads outside the workspace, and follows it on the command line', async () => {
    const outside = await workspace({ 'roster.csv': 'email\njo@acme-hvac.com\n' });
    const dir = await workspace({});
    await symlink(path.join(outside, 'roster.csv'), path.join(dir, 'linked.csv'));
    for (const p of ['linked.csv', path.relative(dir, path.join(outside, 'roster.csv'))]) {
      await expect(
        readRosterFile(source(p), { workspace: dir, inActions: true, now: TODAY }),
      ).rejects.toMatchObject({
        code: 'identity.csv-outside-workspace',
      });
      const directory = await readRosterFile(source(p), { workspace: dir, inActions: false, now: TODAY });
      expect(directory.people).toHaveLength(1);
    }
  });
});
