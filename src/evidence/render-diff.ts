/**
 * The diff for people: a terminal listing and Markdown (a review ticket, the job summary's
 * "since the last review" section). Names and emails come from ServiceTitan, where anyone who can
 * edit a record controls them, so every value goes through the report's inert-text helpers, and
 * each section shows at most `ROWS_PER_SECTION` rows.
 *
 * A locked account still exists and may be unlocked tomorrow: it is listed under "Locked", not
 * with the accounts that left (gone or deactivated), and an unlocked one under "Unlocked", not
 * with the joiners. The JSON keeps them in `left` and `joined` with their `how`.
 */
import path from 'node:path';
import { ansi } from '../report/console-table.js';
import { inlineMarkdown, inlinePlain } from '../report/text.js';
import { changeCount, type AccessDiff, type DiffExemption, type DiffFinding, type DiffUser } from './diff.js';

export const ROWS_PER_SECTION = 30;
const CELL = 100;

/** A section as rendered: its first rows as plain (untrusted) cells, and how many there are in all. */
interface Section {
  title: string;
  /** ANSI colour of the row marker */
  tone: string;
  marker: string;
  count: number;
  header: string[];
  rows: string[][];
}

function section<T>(
  title: string,
  tone: string,
  marker: string,
  items: readonly T[],
  header: string[],
  cells: (item: T) => string[],
): Section {
  return {
    title,
    tone,
    marker,
    count: items.length,
    header,
    rows: items.slice(0, ROWS_PER_SECTION).map(cells),
  };
}

const who = (u: DiffUser) =>
  `${u.name || '(no name)'}${u.contact ? ` <${u.contact}>` : ''} (${u.kind} ${u.id})`;
const findingWho = (f: DiffFinding) => (f.user ? `${f.user.name} (${f.user.kind} ${f.user.id})` : 'tenant');
const findingCells = (f: DiffFinding) => [
  f.severity,
  f.rule,
  findingWho(f),
  f.message + (f.exempt ? ' [exempt]' : ''),
];
const exemptionCells = (e: DiffExemption) => [
  e.user ?? 'tenant-level findings',
  e.rules.join(', '),
  e.expires,
  e.approvedBy,
  e.ticket ?? '',
];
const FINDING_HEADER = ['Severity', 'Rule', 'Who', 'Finding'];
const EXEMPTION_HEADER = ['For', 'Rules', 'Expires', 'Approved by', 'Ticket'];

function sections(d: AccessDiff): Section[] {
  const joinerCells = (j: AccessDiff['joined'][number]) => [
    who(j.user),
    j.how,
    j.audience ?? '',
    j.roles.join(', '),
  ];
  const all = [
    section(
      'Joined',
      '32',
      '+',
      d.joined.filter((j) => j.how !== 'unlocked'),
      ['Who', 'How', 'Audience', 'Roles'],
      joinerCells,
    ),
    section(
      'Unlocked',
      '33',
      '+',
      d.joined.filter((j) => j.how === 'unlocked'),
      ['Who', 'How', 'Audience', 'Roles'],
      joinerCells,
    ),
    section(
      'Left',
      '31',
      '-',
      d.left.filter((l) => l.how !== 'locked'),
      ['Who', 'How'],
      (l) => [who(l.user), l.how],
    ),
    section(
      'Locked',
      '33',
      '-',
      d.left.filter((l) => l.how === 'locked'),
      ['Who', 'How'],
      (l) => [who(l.user), l.how],
    ),
    section('Audience changed', '33', '~', d.audienceChanged, ['Who', 'Before', 'After'], (a) => [
      who(a.user),
      a.before,
      a.after,
    ]),
    section('Roles changed', '33', '~', d.rolesChanged, ['Who', 'Added', 'Removed'], (r) => [
      who(r.user),
      r.added.join(', '),
      r.removed.join(', '),
    ]),
    section('Business unit changed', '33', '~', d.businessUnitChanged, ['Who', 'Before', 'After'], (b) => [
      who(b.user),
      b.before ?? '(none)',
      b.after ?? '(none)',
    ]),
    section('Permissions gained', '32', '+', d.permissionsGained, ['Who', 'Permission'], (p) => [
      who(p.user),
      p.permission,
    ]),
    section('Permissions lost', '31', '-', d.permissionsLost, ['Who', 'Permission'], (p) => [
      who(p.user),
      p.permission,
    ]),
    section('Identity changed', '33', '~', d.identityChanged ?? [], ['Who', 'Before', 'After'], (c) => [
      who(c.user),
      c.before,
      c.after,
    ]),
    section('Findings opened', '31', '+', d.findingsOpened, FINDING_HEADER, findingCells),
    section('Findings closed', '32', '-', d.findingsClosed, FINDING_HEADER, findingCells),
    section('Exemptions added', '33', '+', d.exemptionsAdded, EXEMPTION_HEADER, exemptionCells),
    section('Exemptions expired', '31', '!', d.exemptionsExpired, EXEMPTION_HEADER, exemptionCells),
    section('Exemptions removed', '33', '-', d.exemptionsRemoved, EXEMPTION_HEADER, exemptionCells),
  ];
  return all.filter((s) => s.count > 0);
}

export interface DiffRenderOptions {
  /**
   * The workspace: pack paths inside it are shown relative to it, as a reader of the summary
   * knows them, not as absolute paths on a runner that is gone
   */
  root?: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function shownPath(source: string, root: string | undefined): string {
  if (!root || !path.isAbsolute(source)) return source;
  const relative = path.relative(root, source);
  if (relative === '') return '.';
  if (relative.startsWith('..') || path.isAbsolute(relative)) return source;
  return relative.split(path.sep).join('/');
}

const stamp = (side: AccessDiff['from'], root: string | undefined) => {
  const where = shownPath(side.source, root);
  return side.takenAt ? `${where} (${side.takenAt})` : where;
};

export function renderDiffText(d: AccessDiff, opts: { color: boolean } & DiffRenderOptions): string {
  const paint = ansi(opts.color);
  const total = changeCount(d);
  const lines = [
    paint(
      `What changed from ${inlinePlain(stamp(d.from, opts.root), 160)} to ${inlinePlain(stamp(d.to, opts.root), 160)}`,
      '1',
    ),
    total === 0 ? 'No changes.' : `${plural(total, 'change')}.`,
  ];
  for (const s of sections(d)) {
    lines.push('', paint(`${s.title} (${s.count})`, '1'));
    for (const row of s.rows) {
      const [first, ...rest] = row.map((c) => inlinePlain(c, CELL));
      const detail = rest.filter((c) => c !== '').join(' · ');
      lines.push(`  ${paint(s.marker, s.tone)} ${first}${detail ? `  ${paint(detail, '2')}` : ''}`);
    }
    if (s.count > s.rows.length) lines.push(`    … and ${s.count - s.rows.length} more`);
  }
  for (const note of d.notes) lines.push('', paint(inlinePlain(note, 300), '2'));
  return lines.join('\n') + '\n';
}

export function renderDiffMarkdown(d: AccessDiff, opts: DiffRenderOptions = {}): string {
  const total = changeCount(d);
  const out = [
    '### Access changes since the last review\n',
    `From ${inlineMarkdown(stamp(d.from, opts.root), 160)} to ${inlineMarkdown(stamp(d.to, opts.root), 160)}: ` +
      `${total === 0 ? 'no changes' : plural(total, 'change')}.\n`,
  ];
  for (const s of sections(d)) {
    out.push(`\n#### ${s.title} (${s.count})\n\n`);
    out.push(`| ${s.header.join(' | ')} |\n|${s.header.map(() => ' --- |').join('')}\n`);
    for (const row of s.rows) out.push(`| ${row.map((c) => inlineMarkdown(c, CELL)).join(' | ')} |\n`);
    if (s.count > s.rows.length) out.push(`\nand ${s.count - s.rows.length} more\n`);
  }
  if (d.notes.length > 0) out.push('\n' + d.notes.map((n) => `> ${inlineMarkdown(n, 300)}\n`).join('>\n'));
  return out.join('');
}
