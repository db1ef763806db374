/**
 * The job summary's sections as pieces: each piece is whole lines of Markdown, and cutting the
 * document after any piece leaves valid Markdown (a table is its heading and header row, then one
 * piece per row; a long table sits in a `<details>` block, which the cut closes).
 */
import type { Finding } from '../engine/types.js';
import { SEVERITIES, type Policy } from '../policy/types.js';
import { isExempt, isOpen, isRemediated } from './build.js';
import {
  appliedLabel,
  daysUntilExpiry,
  failOnLabel,
  fixingStep,
  fixLabel,
  fixSteps,
  hasManualSteps,
  HEADLINE_STATUS,
  holdings,
  recordRef,
  stepDetail,
  stepLabel,
} from './describe.js';
import { CHANGE_LABEL, comparedFindings, comparisonCounts, exemptedText } from './comparison.js';
import type { Report } from './model.js';
import { validatedOnly, validatedOnlyText, VALIDATED_TITLE } from './validated-only.js';
import { inlineMarkdown as md } from './text.js';
import { describeNotice, type ExemptionNotice } from '../engine/exemption-notices.js';
import { maskUserRef } from './redact.js';

export type Piece = string;

/** A table with more rows than this is collapsed into `<details>`, so the summary stays scannable. */
export const COLLAPSE_FROM = 10;

export const DETAILS_CLOSE = '\n</details>\n';

/** How the sections name things: permissions by the policy's `label` where it has one. */
export interface SectionContext {
  label: (permission: string) => string;
}

export function sectionContext(policy?: Pick<Policy, 'permissions'> | null): SectionContext {
  const labels = new Map(
    (policy?.permissions ?? []).filter((p) => p.label).map((p) => [p.name, p.label!] as const),
  );
  return { label: (name) => labels.get(name) ?? name };
}

const PLAIN: SectionContext = { label: (name) => name };

const TITLE: Record<Report['mode'], string> = {
  validate: 'policy validation',
  audit: 'access audit',
  apply: 'access remediation',
  discover: 'permission discovery',
  undo: 'undo',
  review: 'access review',
  'fleet-matrix': 'fleet matrix',
  'fleet-report': 'fleet roll-up',
};

/**
 * A table under its heading. Past `COLLAPSE_FROM` rows it is collapsed into `<details>` (the
 * heading stays visible); `what` names the rows in the toggle ("23 findings").
 */
export function table(
  heading: string,
  intro: string[],
  header: string[],
  rows: string[][],
  what = `${rows.length} rows`,
): Piece[] {
  const collapse = rows.length > COLLAPSE_FROM;
  const head =
    `\n${heading}\n\n` +
    intro.map((line) => `${line}\n\n`).join('') +
    (collapse ? `<details><summary>Show all ${what}</summary>\n\n` : '') +
    `| ${header.join(' | ')} |\n|${header.map(() => ' --- |').join('')}\n`;
  return [head, ...rows.map((cells) => `| ${cells.join(' | ')} |\n`), ...(collapse ? [DETAILS_CLOSE] : [])];
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const capitalised = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function who(f: Finding): string {
  if (!f.user) return '_tenant_';
  const u = f.user;
  const contact = u.email ?? u.login;
  return [
    `**${md(u.name, 80)}**`,
    contact ? md(contact, 80) : null,
    `${md(recordRef(u))} · ${u.audience}${u.active ? '' : ' · inactive'}${u.locked ? ' · locked' : ''}`,
  ]
    .filter((x) => x !== null)
    .join('<br>');
}

export function headline(report: Report, issue?: { number: number; url: string } | null): Piece[] {
  const s = HEADLINE_STATUS[report.status];
  const c = report.counts;
  const context = [
    report.tenant ? `Tenant ${md(report.tenant, 40)} (${report.environment})` : report.environment,
    `mode ${report.mode}`,
    `policy ${md(report.policy.path, 120)}`,
    failOnLabel(report),
  ]
    .filter((part) => part !== null)
    .join(' · ');
  const onlyValidated = validatedOnly(report);
  // a run that read no tenant is never titled like an audit that passed
  const title = onlyValidated
    ? `${s.icon} ServiceTitan ${VALIDATED_TITLE}`
    : `${s.icon} ServiceTitan ${TITLE[report.mode]}: ${s.word}`;
  const pieces: Piece[] = [`## ${title}\n\n${context}\n`];
  if (issue) pieces.push(`\nTracking issue: [#${issue.number}](${issue.url})\n`);
  // Counts belong to runs that judged the tenant; a run that could not audit would read as "0 findings".
  const judged = !onlyValidated && report.mode !== 'validate' && report.mode !== 'discover';
  if (judged && (report.errors.length === 0 || c.users > 0)) {
    pieces.push(
      '\n| Critical | High | Medium | Low | Exempted | Users audited | Active | External |\n' +
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n' +
        `| ${c.critical} | ${c.high} | ${c.medium} | ${c.low} | ${c.exempted} | ${c.users} | ${c.activeUsers} | ${c.externalUsers} |\n`,
    );
  }
  if (report.redacted) pieces.push('\nNames and emails are masked in this run’s output.\n');
  if (report.errors.length === 0) {
    const fixed = report.findings.filter(isRemediated).length;
    if (onlyValidated) pieces.push(`\n${md(validatedOnlyText(report), 300)}\n`);
    else if (report.mode !== 'discover' && report.findings.length === 0)
      pieces.push(`\nNo findings. ${c.users} users audited.\n`);
    else if (judged && fixed > 0 && !report.findings.some(isOpen))
      pieces.push(
        `\nNo open findings: ${plural(fixed, 'finding')} fixed by this run. ${c.users} users audited.\n`,
      );
  }
  return pieces;
}

export function errors(report: Report): Piece[] {
  if (report.errors.length === 0) return [];
  return [
    `\n### Errors (${report.errors.length})\n\n`,
    ...report.errors.map((e) => {
      const where = e.file ? ` (${md(e.file, 120)}${e.line ? `:${e.line}:${e.column ?? 1}` : ''})` : '';
      const hint = e.hint ? `<br>${md(e.hint, 500)}` : '';
      return `- **${md(e.code, 80)}**: ${md(e.message, 1000)}${where}${hint}\n`;
    }),
  ];
}

export function findingsBySeverity(report: Report, ctx: SectionContext = PLAIN): Piece[] {
  const open = report.findings.filter(isOpen);
  return SEVERITIES.flatMap((severity) => {
    const rows = open.filter((f) => f.severity === severity);
    if (rows.length === 0) return [];
    return table(
      `### ${capitalised(severity)} (${rows.length})`,
      [],
      ['Who', 'Holds', 'Rule', 'Fix'],
      rows.map((f) => [who(f), md(holdings(f, 10, ctx.label), 300), md(f.rule, 80), md(fixLabel(f.fix))]),
      plural(rows.length, `${severity} finding`),
    );
  });
}

/** Findings a verified step of this run fixed: their own section, never among the open ones. */
export function remediated(report: Report, ctx: SectionContext = PLAIN): Piece[] {
  const fixed = report.findings.filter(isRemediated);
  if (fixed.length === 0) return [];
  return table(
    `### Fixed by this run (${fixed.length})`,
    ['Each change was verified by reading the user back from ServiceTitan.'],
    ['Who', 'Held', 'Rule', 'Severity', 'Change'],
    fixed.map((f) => {
      const step = fixingStep(report, f);
      return [
        who(f),
        md(holdings(f, 10, ctx.label), 300),
        md(f.rule, 80),
        f.severity,
        md(step ? appliedLabel(step) : 'fixed', 80),
      ];
    }),
    plural(fixed.length, 'fixed finding'),
  );
}

export function exempted(report: Report): Piece[] {
  const rows = report.findings.filter(isExempt);
  if (rows.length === 0) return [];
  return table(
    `### Exempted (${rows.length})`,
    [],
    ['Who', 'Rule', 'Reason', 'Expires', 'Approved by', 'Ticket'],
    rows.map((f) => {
      const x = f.exemption!;
      return [
        who(f),
        md(f.rule, 80),
        md(x.reason),
        md(x.expires, 20),
        md(x.approvedBy, 80),
        md(x.ticket ?? '—', 40),
      ];
    }),
    plural(rows.length, 'exempted finding'),
  );
}

export function expiringSoon(report: Report): Piece[] {
  const now = new Date(report.finishedAt);
  const seen = new Map<string, { finding: Finding; days: number; covers: number }>();
  for (const f of report.findings.filter(isExempt)) {
    const x = f.exemption!;
    const days = daysUntilExpiry(x.expires, now);
    if (days === null || days < 0 || days > 30) continue;
    const key = JSON.stringify([x.reason, x.expires, x.approvedBy, x.ticket, f.user?.kind, f.user?.id]);
    const entry = seen.get(key);
    if (entry) entry.covers += 1;
    else seen.set(key, { finding: f, days, covers: 1 });
  }
  if (seen.size === 0) return [];
  const entries = [...seen.values()].sort((a, b) => a.days - b.days);
  return table(
    `### Exemptions expiring within 30 days (${entries.length})`,
    ['Renew them in the policy (with a new approval) or let the findings come back.'],
    ['Expires', 'Days left', 'Who', 'Findings covered', 'Approved by', 'Ticket'],
    entries.map(({ finding: f, days, covers }) => {
      const x = f.exemption!;
      return [
        md(x.expires, 20),
        String(days),
        who(f),
        String(covers),
        md(x.approvedBy, 80),
        md(x.ticket ?? '—', 40),
      ];
    }),
  );
}

export function plan(report: Report): Piece[] {
  if (report.plan.length === 0 && report.refusals.length === 0) return [];
  const intro: string[] = [];
  if (report.refusals.length > 0) {
    intro.push(
      (report.mode === 'apply' || report.mode === 'undo'
        ? `**${report.mode === 'undo' ? 'Undo' : 'Apply'} refused this plan and changed nothing:**`
        : '**Apply would refuse this plan:**') +
        '\n' +
        report.refusals.map((r) => `- ${md(r.code, 60)}: ${md(r.message, 500)}`).join('\n'),
    );
  } else if (report.mode !== 'apply' && report.mode !== 'undo' && report.plan.length > 0) {
    intro.push('Apply would go ahead with these changes (`mode: apply`).');
  }
  return table(
    `### Plan (${report.plan.length} change${report.plan.length === 1 ? '' : 's'})`,
    intro,
    ['Who', 'Action', 'Status', 'Rules', 'Detail'],
    report.plan.map((s) => [
      `**${md(s.user.name, 80)}**<br>${md(recordRef(s.user))}`,
      md(stepLabel(s), 80),
      s.status,
      md(s.rules.join(', '), 200),
      // a failed step's error ends with what to do about it: not cut where a reason is
      md(stepDetail(s), s.status === 'failed' || s.status === 'applied' ? 800 : 300),
    ]),
    plural(report.plan.length, 'change'),
  );
}

/** Steps as one line: a step that ends a sentence is followed by a space, others by `; `. */
function joinSteps(steps: readonly string[]): string {
  return steps.reduce(
    (text, step) => (text ? `${text}${/[.!?]$/.test(text) ? ' ' : '; '}${step}` : step),
    '',
  );
}

export function manualSteps(report: Report): Piece[] {
  const manual = report.findings.filter((f) => isOpen(f) && hasManualSteps(f));
  if (manual.length === 0) return [];
  const collapse = manual.length > COLLAPSE_FROM;
  return [
    `\n### Manual steps (${manual.length})\n\nServiceTitan has no API call for these; a person makes them.\n\n` +
      (collapse ? `<details><summary>Show all ${manual.length} findings to fix by hand</summary>\n\n` : ''),
    ...manual.map((f) => {
      const steps = fixSteps(f.fix).slice(0, 10);
      const target = f.user ? `${md(f.user.name, 80)} (${md(recordRef(f.user))})` : 'tenant';
      // steps that accompany a change apply makes say so, so nobody skips them after the apply
      const besides = f.fix.action === 'manual' ? '' : `besides _${md(fixLabel(f.fix), 80)}_ (apply): `;
      return `- **${md(f.rule, 80)}** · ${target}: ${besides}${joinSteps(steps.map((step) => md(step, 500)))}\n`;
    }),
    ...(collapse ? [DETAILS_CLOSE] : []),
  ];
}

export function comparison(report: Report, ctx: SectionContext = PLAIN): Piece[] {
  const cmp = report.comparison;
  if (!cmp) return [];
  const entries = comparedFindings(report);
  return table(
    '### Policy change impact',
    [`This policy change: ${comparisonCounts(cmp)}.`],
    ['Change', 'Rule', 'Who', 'Severity', 'What'],
    entries.map(({ change, id, finding: f }) =>
      f
        ? [
            CHANGE_LABEL[change],
            md(f.rule, 80),
            who(f),
            f.severity,
            md(
              change === 'exempted' && f.exemption ? exemptedText(f.exemption) : holdings(f, 10, ctx.label),
              400,
            ),
          ]
        : [CHANGE_LABEL[change], '—', '—', '—', `finding ${md(id, 40)}`],
    ),
    plural(entries.length, 'finding'),
  );
}

export function discovery(report: Report): Piece[] {
  const d = report.discovery;
  if (!d) return [];
  const values = (v: Record<string, number>) =>
    md(
      Object.entries(v)
        .map(([value, n]) => `${value}: ${n}`)
        .join(', '),
      300,
    );
  return [
    ...table(
      `### Permissions seen (${d.permissions.length})`,
      ['Values show how many active users hold each value.'],
      ['Id', 'Policy name', 'Values', 'Users'],
      d.permissions.map((p) => [String(p.id), md(p.name ?? '—', 80), values(p.values), String(p.users)]),
    ),
    ...table(
      `### Roles (${d.roles.length})`,
      [],
      ['Id', 'Name', 'Active', 'Users'],
      d.roles.map((r) => [String(r.id), md(r.name, 80), r.active ? 'yes' : 'no', String(r.users)]),
    ),
    ...(d.changes
      ? table(
          `### Permission changes since the baseline snapshot (${d.changes.length})`,
          ['The id that changed on the user you toggled is the one to map in the policy.'],
          ['Who', 'Permission id', 'Before', 'After'],
          d.changes.map((c) => [
            `${md(c.user.name, 80)} (${md(recordRef(c.user))})`,
            String(c.permission),
            md(String(c.before ?? '—'), 40),
            md(String(c.after ?? '—'), 40),
          ]),
        )
      : []),
  ];
}

/**
 * A validate-only run's warnings about exemptions that have run out or soon will: an audit would
 * report the expired ones as findings, so the policy is not simply "valid".
 */
export function exemptionNotices(report: Report, notices: readonly ExemptionNotice[]): Piece[] {
  if (notices.length === 0) return [];
  const user = (raw: string) => (report.redacted ? maskUserRef(raw) : raw);
  const expired = notices.filter((n) => n.status === 'expired').length;
  return [
    `\n### ⚠️ Exemptions to renew (${notices.length})\n\n` +
      (expired > 0
        ? `${plural(expired, 'exemption')} of this valid policy ${expired === 1 ? 'has' : 'have'} expired: the next audit reports ${expired === 1 ? 'it' : 'them'} as findings.\n\n`
        : ''),
    ...notices.map(
      (n) =>
        `- **${n.status === 'expired' ? 'Expired' : 'Expiring'}** (${md(report.policy.path, 120)}:${n.position.line}): ${md(describeNotice(n, user), 600)}\n`,
    ),
  ];
}
