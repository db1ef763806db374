/**
 * The HR roster: a CSV file in the repository, one person per row. Read without network, so
 * `validate` checks it too; every problem comes back at once, located at its line and column.
 */
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { CsvColumns, Directory, IdentitySourceConfig, Person, PersonType } from '../domain/identity.js';
import { PolicyError, type PolicyIssue } from '../errors.js';
import { readCsv, isBlank, type Cell } from './csv-text.js';
import { IdentityConfigurationError, sourceName } from './errors.js';

type CsvSource = Extract<IdentitySourceConfig, { kind: 'csv' }>;

/** The header names `columns` defaults to (SPEC §8). */
export const DEFAULT_CSV_COLUMNS: CsvColumns = {
  email: 'email',
  name: 'name',
  status: 'status',
  endDate: 'end_date',
  type: 'type',
};

/** A roster of a few hundred thousand people fits many times over. */
export const MAX_ROSTER_BYTES = 64 * 1024 * 1024;
/** Beyond this many problems the file is plainly not a roster; the first ones say why. */
const MAX_ISSUES = 50;
const POLICY_KEYS: Record<keyof CsvColumns, string> = {
  email: 'email',
  name: 'name',
  status: 'status',
  endDate: 'end-date',
  type: 'type',
};
const STATUSES = ['active', 'leave', 'terminated'] as const;
const TYPES: readonly PersonType[] = ['employee', 'contractor', 'guest'];
const ADDRESS = /^[^\s@",;<>]+@[^\s@",;<>]+\.[^\s@",;<>]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads roster text into people. `file` names the file in issues; `now` decides which end dates
 * are past (an end date before now's day, in UTC, makes the person terminated). Throws a
 * PolicyError listing every problem, by line and column.
 */
export function parseRoster(text: string, file: string, columns: CsvColumns, now: Date): Person[] {
  return parseChecked(text, file, columns, now, `The roster ${file}`);
}

/**
 * Reads a roster source's file from the workspace (in Actions it may not lead outside it) into
 * its directory. No network: `validate` calls it too.
 */
export async function readRosterFile(
  source: CsvSource,
  options: { workspace: string; inActions: boolean; now: Date },
): Promise<Directory> {
  const name = sourceName(source.id, 'csv');
  const subject = `The roster ${source.path} of identity source \`${source.id}\``;
  const text = await readRosterText(source, options.workspace, options.inActions, name);
  if (typeof text !== 'string')
    throw new PolicyError([{ file: source.path, line: 1, column: 1, ...text }], subject);
  const people = parseChecked(text, source.path, source.columns, options.now, subject);
  return {
    sourceId: source.id,
    kind: 'csv',
    people,
    signInReported: false,
    signInUnavailable: 'an HR roster records no sign-ins',
  };
}

function parseChecked(text: string, file: string, columns: CsvColumns, now: Date, subject: string): Person[] {
  const issues: PolicyIssue[] = [];
  const add = (at: { line: number; column: number }, problem: Problem) => {
    if (issues.length < MAX_ISSUES) issues.push({ file, line: at.line, column: at.column, ...problem });
  };
  const { records, problems } = readCsv(text);
  for (const p of problems) add(p, { code: 'identity.csv-syntax', message: p.message, hint: p.hint });
  const rows = records.filter((r) => !isBlank(r));
  const header = rows[0];
  if (!header) {
    if (problems.length === 0) {
      add(
        { line: 1, column: 1 },
        {
          code: 'identity.csv-empty',
          message: 'The roster has no header line, so it lists no one.',
          hint: `The first line names the columns (at least \`${columns.email}\`), each further line is one person.`,
        },
      );
    }
    throw new PolicyError(sorted(issues), subject);
  }
  const index = headerIndex(header.cells, header.line, columns, add);
  const today = now.toISOString().slice(0, 10);
  const people: Person[] = [];
  const seen = new Map<string, number>();
  for (const row of rows.slice(1)) {
    const extra = row.cells.slice(header.cells.length).find((c) => c.value.trim() !== '');
    if (extra) {
      add(extra, {
        code: 'identity.csv-extra-field',
        message: `This line has ${row.cells.length} fields; the header names ${header.cells.length}.`,
        hint: 'Quote a field that holds a comma ("Smith, Jo"), or add the column to the header.',
      });
    }
    const at = (column: number | null): Cell | { line: number; column: number } =>
      (column === null ? undefined : row.cells[column]) ?? { line: row.line, column: 1 };
    const value = (column: number | null) => (column === null ? '' : (row.cells[column]?.value.trim() ?? ''));

    if (index.email === null) continue;
    const email = value(index.email).toLowerCase();
    if (email === '') {
      add(at(index.email), {
        code: 'identity.csv-invalid-email',
        message: `This person has no \`${columns.email}\`.`,
        hint: 'Give every person their work address; the join matches it with ServiceTitan emails and logins.',
      });
      continue;
    }
    if (!ADDRESS.test(email)) {
      add(at(index.email), {
        code: 'identity.csv-invalid-email',
        message: `The \`${columns.email}\` field is not an email address.`,
        hint: 'Write one address per person, like jo.smith@acme-hvac.com.',
      });
      continue;
    }
    const earlier = seen.get(email);
    if (earlier !== undefined) {
      add(at(index.email), {
        code: 'identity.csv-duplicate-email',
        message: `The same \`${columns.email}\` as line ${earlier}: one person per address.`,
        hint: 'Keep one line per person; merge the two lines.',
      });
      continue;
    }
    seen.set(email, row.line);

    let state: Person['state'] = 'active';
    if (index.status !== null) {
      const status = value(index.status).toLowerCase();
      if (!(STATUSES as readonly string[]).includes(status)) {
        add(at(index.status), {
          code: 'identity.csv-invalid-status',
          message:
            status === ''
              ? `The \`${columns.status}\` field is empty.`
              : `\`${clip(value(index.status))}\` is not a status.`,
          hint: `Write one of ${STATUSES.join(', ')} (any case).`,
        });
      } else if (status === 'terminated') {
        state = 'terminated';
      } else if (status === 'leave') {
        state = 'leave';
      }
    }
    if (index.endDate !== null) {
      const endDate = value(index.endDate);
      if (endDate !== '') {
        if (!isDate(endDate)) {
          add(at(index.endDate), {
            code: 'identity.csv-invalid-end-date',
            message: `\`${clip(endDate)}\` is not a date as YYYY-MM-DD.`,
            hint: 'Write the last working day as YYYY-MM-DD (2025-03-31), or leave the field empty.',
          });
        } else if (endDate < today) {
          state = 'terminated';
        }
      }
    }
    let type: PersonType | null = null;
    if (index.type !== null) {
      const raw = value(index.type).toLowerCase();
      if (raw !== '') {
        if ((TYPES as readonly string[]).includes(raw)) type = raw as PersonType;
        else
          add(at(index.type), {
            code: 'identity.csv-invalid-type',
            message: `\`${clip(value(index.type))}\` is not a type.`,
            hint: `Write one of ${TYPES.join(', ')} (any case), or leave the field empty; contractor and guest are external.`,
          });
      }
    }
    const name = value(index.name);
    people.push({
      personId: email,
      emails: [email],
      aadObjectId: null,
      name: name === '' ? null : name,
      state,
      type,
      lastSignIn: null,
      createdAt: null,
    });
  }
  if (issues.length > 0) throw new PolicyError(sorted(issues), subject);
  return people;
}

type ColumnIndex = Record<keyof CsvColumns, number | null>;
type Problem = Pick<PolicyIssue, 'code' | 'message' | 'hint'>;

/** Where each configured column is; a missing or repeated one is an issue at the header. */
function headerIndex(
  cells: Cell[],
  line: number,
  columns: CsvColumns,
  add: (at: { line: number; column: number }, problem: Problem) => void,
): ColumnIndex {
  const index: ColumnIndex = { email: null, name: null, status: null, endDate: null, type: null };
  for (const key of Object.keys(index) as (keyof CsvColumns)[]) {
    const wanted = columns[key];
    const found = cells.flatMap((c, i) => (c.value === wanted ? [i] : []));
    if (found.length > 1) {
      add(cells[found[1]!]!, {
        code: 'identity.csv-duplicate-column',
        message: `The header names \`${clip(wanted)}\` twice.`,
        hint: 'Give each column one header name.',
      });
    }
    if (found.length > 0) {
      index[key] = found[0]!;
      continue;
    }
    // a column left at its default may be absent; one the policy names, or the email, may not
    if (key !== 'email' && wanted === DEFAULT_CSV_COLUMNS[key]) continue;
    const near = cells.find((c) => c.value.trim().toLowerCase() === wanted.trim().toLowerCase());
    const semicolons = cells.length === 1 && cells[0]!.value.includes(';');
    add(
      { line, column: 1 },
      {
        code: 'identity.csv-missing-column',
        message: `The header has no column \`${clip(wanted)}\` (for \`${POLICY_KEYS[key]}\`).`,
        hint: near
          ? `Header names are matched exactly, and the header has \`${clip(near.value)}\`: rename it, or set \`columns: ${POLICY_KEYS[key]}: ${clip(near.value)}\` in the source.`
          : semicolons
            ? 'The fields seem to be separated by `;`: save the file as comma-separated CSV.'
            : `Add the column to the header line, or name the header this roster uses in the source's \`columns: ${POLICY_KEYS[key]}:\`.`,
      },
    );
  }
  return index;
}

function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A value repeated in a message: short, on one line. */
function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

function sorted(issues: PolicyIssue[]): PolicyIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

/** The file's text, or the located problem that it is not UTF-8 text. */
async function readRosterText(
  source: CsvSource,
  workspace: string,
  inActions: boolean,
  name: string,
): Promise<string | { code: string; message: string; hint: string }> {
  const file = resolve(workspace, source.path);
  const shown = source.path;
  if (inActions) await assertInsideWorkspace(file, workspace, shown, source.id, name);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw fileError(error, shown, source.id, name);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw notReadable(`${shown} is not a file`, source.id, name);
    if (stat.size > MAX_ROSTER_BYTES) throw tooLarge(shown, stat.size, source.id, name);
    // the size on disk can lie (a file still being written, a special file): never read past the limit
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const buffer = Buffer.alloc(Math.min(1 << 20, MAX_ROSTER_BYTES + 1 - length));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, length);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      length += bytesRead;
      if (length > MAX_ROSTER_BYTES) throw tooLarge(shown, length, source.id, name);
    }
    const bytes = Buffer.concat(chunks);
    const notText = {
      code: 'identity.csv-not-text',
      message: 'The file is not UTF-8 text.',
      hint: 'Save the roster as "CSV UTF-8 (comma delimited)"; check that the path points at the roster.',
    };
    // Excel's "Unicode text" is UTF-16: readable, but not what the roster is read as
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return notText;
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return notText;
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return notText;
    }
  } catch (error) {
    if (error instanceof IdentityConfigurationError) throw error;
    throw fileError(error, shown, source.id, name);
  } finally {
    await handle.close();
  }
}

async function assertInsideWorkspace(
  file: string,
  workspace: string,
  shown: string,
  id: string,
  name: string,
): Promise<void> {
  let target: string;
  let root: string;
  try {
    [target, root] = await Promise.all([realpath(file), realpath(workspace)]);
  } catch (error) {
    throw fileError(error, shown, id, name);
  }
  const path = relative(root, target);
  if (path === '' || path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) {
    throw new IdentityConfigurationError(
      'identity.csv-outside-workspace',
      `${name}: the roster path ${shown} leads outside the repository.`,
      'Keep the roster inside the repository, so the people the audit trusts are the ones that were reviewed.',
      id,
    );
  }
}

function fileError(error: unknown, shown: string, id: string, name: string): IdentityConfigurationError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new IdentityConfigurationError(
      'identity.csv-not-found',
      `${name}: the roster ${shown} does not exist.`,
      'The path is relative to the repository root (the workspace), like the policy path; check its spelling and that the file is committed.',
      id,
    );
  }
  return notReadable(
    `${shown} ${code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? 'unknown error'})`}`,
    id,
    name,
  );
}

function notReadable(what: string, id: string, name: string): IdentityConfigurationError {
  return new IdentityConfigurationError(
    'identity.csv-not-readable',
    `${name}: the roster ${what}.`,
    'Point the source’s `csv` at the roster file, relative to the repository root.',
    id,
  );
}

function tooLarge(shown: string, bytes: number, id: string, name: string): IdentityConfigurationError {
  return notReadable(
    `${shown} is ${bytes} bytes, more than the ${MAX_ROSTER_BYTES / 1024 / 1024} MB a roster may be`,
    id,
    name,
  );
}
