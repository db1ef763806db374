/**
 * The policy change's impact on a pull request: one sticky comment, found by its hidden marker,
 * created once and edited in place afterwards (never a second one, no edit when nothing changed),
 * so the PR timeline shows one comment however often the branch is pushed.
 */
import type { Snapshot } from '../engine/snapshot.js';
import type { Finding } from '../engine/types.js';
import type { Logger } from '../logger.js';
import type { Policy } from '../policy/types.js';
import type { Report } from '../report/model.js';
import { replaceEmails } from '../report/mask-text.js';
import { maskEmail, maskName, redactReport } from '../report/redact.js';
import { inlineMarkdown as md } from '../report/text.js';
import {
  describeFailure,
  gitHubClient,
  markerValue,
  pullRequestNumber,
  statusOf,
  type GitHubContext,
} from './context.js';
import { holdings } from '../report/describe.js';
import { comparisonCounts } from '../report/comparison.js';
import { assemble, bySeverity, findingTable, userCell } from './markdown.js';
import { guardChanges, type GuardChange } from './guard-impact.js';
import { exemptionChanges, type ExemptionChange } from './exemption-impact.js';
import { tenantView, type Affected, type AffectedUser } from './impact-view.js';
import { ruleChanges, type RuleChange } from './policy-impact.js';

const TABLE_LIMIT = 50;
/** accounts named per loosening; the rest are counted */
const AFFECTED_LIMIT = 10;

export interface ImpactOptions {
  policyPath: string;
  /** how to name the base policy, e.g. `main:.github/servicetitan-access.yml` */
  basePath?: string;
  /** the base policy's findings against the same snapshot, to describe the resolved ones */
  baseFindings?: Finding[];
  /** both policies, to list every loosening: exemptions, rules, who is internal, permission mappings, safety */
  basePolicy?: Policy;
  headPolicy?: Policy;
  /** the tenant both were evaluated against, to name the accounts each loosening reaches */
  snapshot?: Snapshot | null;
  runUrl?: string;
}

export function impactMarker(policyPath: string): string {
  return `<!-- servicetitan-access-guard:impact policy=${markerValue(policyPath)} -->`;
}

/** The comment: the marker, then the impact. */
export function renderImpactComment(report: Report, opts: ImpactOptions): string {
  return assemble([`${impactMarker(opts.policyPath)}\n`, ...impactPieces(report, opts)]);
}

/** The impact alone, for the job summary. */
export function renderImpactMarkdown(report: Report, opts: ImpactOptions): string {
  return assemble(impactPieces(report, opts));
}

/** A policy's user reference as it may be published: masked like the report when it is redacted. */
function userRef(raw: string, redacted: boolean): string {
  if (!redacted) return raw;
  if (raw.includes('@')) return maskEmail(raw);
  if (raw.toLowerCase().startsWith('login:')) return `login:${maskName(raw.slice(6))}`;
  return raw;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/** `Jane Roe (jane@x.example, employee 21)`, masked like the report when it is redacted. */
function accountLabel(u: AffectedUser, redacted: boolean): string {
  const name = redacted ? maskName(u.name) : u.name;
  const contact = u.email ?? u.login;
  const shown =
    contact && redacted ? (contact.includes('@') ? maskEmail(contact) : maskName(contact)) : contact;
  return `${md(name, 80)} (${shown ? `${md(shown, 80)}, ` : ''}${u.kind} ${u.id})`;
}

function accounts(affected: Affected, redacted: boolean): string {
  if (affected.users.length === 0) return 'no account today';
  const shown = affected.users.slice(0, AFFECTED_LIMIT).map((u) => accountLabel(u, redacted));
  const more = affected.users.length - AFFECTED_LIMIT;
  return shown.join(', ') + (more > 0 ? `, and ${more} more` : '');
}

/** ` — who becomes internal: J*** R*** (j***@gmail.com, employee 21)` */
function affectedText(affected: Affected | undefined, redacted: boolean): string {
  return affected ? ` — ${md(affected.label, 80)}: ${accounts(affected, redacted)}` : '';
}

function refsText(users: readonly string[] | undefined, redacted: boolean): string {
  return users?.length ? ` ${users.map((u) => md(userRef(u, redacted), 120)).join(', ')}` : '';
}

function maskEmailsIn(text: string, redacted: boolean): string {
  return redacted ? replaceEmails(text, maskEmail) : text;
}

function impactPieces(report: Report, opts: ImpactOptions): string[] {
  const redacted = report.redacted;
  const head = md(opts.policyPath, 160);
  const base = md(opts.basePath ?? `base:${opts.policyPath}`, 160);
  const tenant = report.tenant
    ? `tenant ${md(report.tenant, 40)} (${report.environment})`
    : report.environment;
  const run = opts.runUrl ? ` · [run](${opts.runUrl})` : '';
  const pieces = [
    `## ServiceTitan policy impact\n\n${base} → ${head}, against ${tenant}, ${report.counts.users} users${run}\n`,
  ];

  const comparison = report.comparison;
  if (!comparison) {
    pieces.push('\nThe base policy could not be evaluated, so there is no comparison; see the run log.\n');
  }
  const headById = new Map(report.findings.map((f) => [f.id, f]));
  // the report's own copy of the resolved findings is masked with it; a caller's base findings are not
  const baseFindings = opts.baseFindings
    ? redacted
      ? redactFindings(report, opts.baseFindings)
      : opts.baseFindings
    : comparison?.resolvedFindings;
  const baseById = new Map((baseFindings ?? []).map((f) => [f.id, f]));
  const added = (comparison?.added ?? []).map((id) => headById.get(id)).filter((f) => f !== undefined);
  const resolvedIds = comparison?.resolved ?? [];
  const resolved = resolvedIds.map((id) => baseById.get(id)).filter((f) => f !== undefined);
  const unknownResolved = resolvedIds.filter((id) => !baseById.has(id));
  const exempted = (comparison?.exempted ?? []).map((id) => headById.get(id)).filter((f) => f !== undefined);
  const { basePolicy, headPolicy } = opts;
  const compared = basePolicy !== undefined && headPolicy !== undefined;
  const view = compared && opts.snapshot ? tenantView(opts.snapshot, basePolicy, headPolicy) : undefined;
  const exemptions = compared ? exemptionChanges(basePolicy, headPolicy, view) : [];
  const rules = compared ? ruleChanges(basePolicy, headPolicy, view) : [];
  const guards = compared ? guardChanges(basePolicy, headPolicy, view) : [];
  const loosenings = exemptions.length + rules.length + guards.length;

  if (comparison) {
    const findings = `**${comparisonCounts(comparison)}**`;
    const parts = [
      [exemptions.length, 'exemption change'],
      [rules.length, 'rule change'],
      [guards.length, 'trust or safety change'],
    ] as const;
    const loosened =
      loosenings > 0
        ? ` · **${loosenings} loosening${plural(loosenings)}**: ` +
          parts
            .filter(([n]) => n > 0)
            .map(([n, what]) => `${n} ${what}${plural(n)}`)
            .join(', ')
        : compared
          ? ' · loosens nothing'
          : '';
    pieces.push(`\n${findings}${loosened}\n`);
  }
  if (added.length > 0) {
    pieces.push(`\n### Findings this change adds (${added.length})\n\n`, ...findingTable(added, TABLE_LIMIT));
  }
  if (resolvedIds.length > 0) {
    pieces.push(
      `\n### Findings this change resolves (${resolvedIds.length})\n\n`,
      ...findingTable(resolved, TABLE_LIMIT),
    );
    if (unknownResolved.length > 0) {
      const ids = unknownResolved.slice(0, TABLE_LIMIT).map((id) => md(id, 40));
      pieces.push(
        `\nAlso resolved (ids): ${ids.join(', ')}${unknownResolved.length > TABLE_LIMIT ? ', …' : ''}\n`,
      );
    }
  }
  if (exempted.length > 0) pieces.push(...exemptedTable(exempted));
  if (exemptions.length > 0) pieces.push(...exemptionTable(exemptions, redacted));
  if (rules.length > 0) pieces.push(...ruleList(rules, redacted));
  if (guards.length > 0) pieces.push(...guardList(guards, redacted));
  if (comparison && loosenings === 0) {
    const unchanged = added.length + resolvedIds.length + exempted.length === 0;
    if (!compared) {
      if (unchanged) pieces.push('\nThis change neither adds nor resolves findings.\n');
    } else if (unchanged) {
      pieces.push('\nThis change neither adds nor resolves findings, and loosens nothing.\n');
    } else {
      pieces.push(
        '\nThis change loosens nothing: no exemption, rule, audience, permission mapping or safety guard is weaker.\n',
      );
    }
  }
  if (redacted) pieces.push('\nNames and emails are masked.\n');
  return pieces;
}

function redactFindings(report: Report, findings: Finding[]): Finding[] {
  return redactReport({ ...report, findings, plan: [], refusals: [], errors: [], discovery: undefined })
    .findings;
}

/**
 * Findings the change exempts: still there, now accepted. Named as such (never "resolved"), with
 * who, what, until when, on whose approval and why.
 */
function exemptedTable(findings: readonly Finding[]): string[] {
  const rows = [...findings]
    .sort(bySeverity)
    .slice(0, TABLE_LIMIT)
    .map((f) => {
      const x = f.exemption!;
      const reason = md(x.reason, 200) + (x.ticket ? ` · ${md(x.ticket, 40)}` : '');
      return `| ${f.severity} | ${md(f.rule, 80)} | ${userCell(f)} | ${md(holdings(f), 300)} | ${md(x.expires, 20)} | ${md(x.approvedBy, 120)} | ${reason} |\n`;
    });
  const more = findings.length > TABLE_LIMIT ? [`\n_and ${findings.length - TABLE_LIMIT} more_\n`] : [];
  return [
    `\n### Findings this change exempts (${findings.length})\n\n`,
    'Still there: an exemption this change adds or extends now accepts them.\n\n',
    '| Severity | Rule | User | Holds | Until | Approved by | Reason |\n| --- | --- | --- | --- | --- | --- | --- |\n',
    ...rows,
    ...more,
  ];
}

function exemptionTable(changes: readonly ExemptionChange[], redacted: boolean): string[] {
  const rows = changes.slice(0, TABLE_LIMIT).map((c) => {
    const ref = c.user === null ? '_tenant-level_' : md(userRef(c.user, redacted), 120);
    const who = c.affected ? `${ref}<br>${accounts(c.affected, redacted)}` : ref;
    const until =
      c.kind === 'extended'
        ? `${md(c.expires)} (extended from ${md(c.previousExpires ?? '?')})`
        : `${md(c.expires)} (new)`;
    const reason = md(maskEmailsIn(c.reason, redacted), 200) + (c.ticket ? ` · ${md(c.ticket, 40)}` : '');
    const approver = md(redacted ? maskEmail(c.approvedBy) : c.approvedBy, 120);
    return `| ${who} | ${c.rules.map((r) => md(r, 80)).join(', ')} | ${until} | ${approver} | ${reason} |\n`;
  });
  const more = changes.length > TABLE_LIMIT ? [`\n_and ${changes.length - TABLE_LIMIT} more_\n`] : [];
  return [
    `\n### Exemptions this change adds or extends (${changes.length})\n\n`,
    '| User | Rules | Until | Approved by | Reason |\n| --- | --- | --- | --- | --- |\n',
    ...rows,
    ...more,
  ];
}

function ruleList(changes: readonly RuleChange[], redacted: boolean): string[] {
  const lines = changes
    .slice(0, TABLE_LIMIT)
    .map(
      (c) =>
        `- ${md(c.rule, 80)}: ${md(c.detail, 200)}${refsText(c.users, redacted)}${affectedText(c.affected, redacted)}\n`,
    );
  if (changes.length > TABLE_LIMIT) lines.push(`- and ${changes.length - TABLE_LIMIT} more\n`);
  return [`\n### Rules this change removes or weakens (${changes.length})\n\n`, ...lines];
}

function guardList(changes: readonly GuardChange[], redacted: boolean): string[] {
  const lines = changes
    .slice(0, TABLE_LIMIT)
    .map(
      (c) =>
        `- ${md(c.key, 80)}: ${md(c.detail, 200)}${refsText(c.users, redacted)}${affectedText(c.affected, redacted)}\n`,
    );
  if (changes.length > TABLE_LIMIT) lines.push(`- and ${changes.length - TABLE_LIMIT} more\n`);
  return [`\n### Trust and safety this change loosens (${changes.length})\n\n`, ...lines];
}

export interface CommentResult {
  id: number | null;
  action: 'created' | 'updated' | 'unchanged' | 'none';
}

/** Creates or edits the one impact comment on the event's pull request. */
export async function upsertImpactComment(
  ctx: GitHubContext,
  body: string,
  opts: { policyPath: string; logger: Logger },
): Promise<CommentResult> {
  const { logger } = opts;
  const number = pullRequestNumber(ctx);
  if (number === null) {
    logger.debug('Not a pull request: no impact comment.');
    return { id: null, action: 'none' };
  }
  const marker = impactMarker(opts.policyPath);
  const text = body.includes(marker) ? body : `${marker}\n${body}`;
  const octokit = gitHubClient(ctx, logger);
  const issue = { owner: ctx.owner, repo: ctx.repo, issue_number: number };
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: 100 });
    const existing = comments.find((c) => (c.body ?? '').includes(marker));
    if (!existing) {
      const { data } = await octokit.rest.issues.createComment({ ...issue, body: text });
      return { id: data.id, action: 'created' };
    }
    if (existing.body === text) return { id: existing.id, action: 'unchanged' };
    await octokit.rest.issues.updateComment({
      owner: ctx.owner,
      repo: ctx.repo,
      comment_id: existing.id,
      body: text,
    });
    return { id: existing.id, action: 'updated' };
  } catch (error) {
    const status = statusOf(error);
    const hint =
      status === 403 || status === 404
        ? ' The token cannot comment here (a pull request from a fork gets a read-only token); ' +
          'add `permissions: pull-requests: write` to the job for same-repository pull requests.'
        : ' The run goes on.';
    logger.warning(
      `Could not write the policy impact comment on #${number} (${describeFailure(error)}).${hint}`,
    );
    return { id: null, action: 'none' };
  }
}
