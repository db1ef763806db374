/**
 * The policy change's impact on a pull request: one sticky comment, found by its hidden marker,
 * created once and edited in place afterwards (never a second one, no edit when nothing changed),
 * so the PR timeline shows one comment however often the branch is pushed.
 */
import type { Finding } from '../engine/types.js';
import type { Logger } from '../logger.js';
import type { Policy } from '../policy/types.js';
import type { Report } from '../report/model.js';
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
import { assemble, findingTable } from './markdown.js';
import { exemptionChanges, ruleChanges, type ExemptionChange, type RuleChange } from './policy-impact.js';

const TABLE_LIMIT = 50;

export interface ImpactOptions {
  policyPath: string;
  /** how to name the base policy, e.g. `main:.github/servicetitan-access.yml` */
  basePath?: string;
  /** the base policy's findings against the same snapshot, to describe the resolved ones */
  baseFindings?: Finding[];
  /** both policies, to show exemptions added or extended and rules removed or weakened */
  basePolicy?: Policy;
  headPolicy?: Policy;
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

function maskEmailsIn(text: string, redacted: boolean): string {
  return redacted ? text.replace(/[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+/g, maskEmail) : text;
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
  const baseFindings =
    redacted && opts.baseFindings ? redactFindings(report, opts.baseFindings) : opts.baseFindings;
  const baseById = new Map((baseFindings ?? []).map((f) => [f.id, f]));
  const added = (comparison?.added ?? []).map((id) => headById.get(id)).filter((f) => f !== undefined);
  const resolvedIds = comparison?.resolved ?? [];
  const resolved = resolvedIds.map((id) => baseById.get(id)).filter((f) => f !== undefined);
  const unknownResolved = resolvedIds.filter((id) => !baseById.has(id));
  const exemptions =
    opts.basePolicy && opts.headPolicy ? exemptionChanges(opts.basePolicy, opts.headPolicy) : [];
  const rules = opts.basePolicy && opts.headPolicy ? ruleChanges(opts.basePolicy, opts.headPolicy) : [];

  if (comparison) {
    pieces.push(
      `\n**${added.length} finding${added.length === 1 ? '' : 's'} added, ${resolvedIds.length} resolved** · ` +
        `${exemptions.length} exemption change${exemptions.length === 1 ? '' : 's'} · ` +
        `${rules.length} rule${rules.length === 1 ? '' : 's'} removed or weakened\n`,
    );
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
  if (exemptions.length > 0) pieces.push(...exemptionTable(exemptions, redacted));
  if (rules.length > 0) pieces.push(...ruleList(rules, redacted));
  if (comparison && added.length + resolvedIds.length + exemptions.length + rules.length === 0) {
    pieces.push('\nThis change neither adds nor resolves findings, and loosens nothing.\n');
  }
  if (redacted) pieces.push('\nNames and emails are masked.\n');
  return pieces;
}

function redactFindings(report: Report, findings: Finding[]): Finding[] {
  return redactReport({ ...report, findings, plan: [], refusals: [], errors: [], discovery: undefined })
    .findings;
}

function exemptionTable(changes: readonly ExemptionChange[], redacted: boolean): string[] {
  const rows = changes.slice(0, TABLE_LIMIT).map((c) => {
    const who = c.user === null ? '_tenant-level_' : md(userRef(c.user, redacted), 120);
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
  const lines = changes.slice(0, TABLE_LIMIT).map((c) => {
    const users = c.users?.length ? ` ${c.users.map((u) => md(userRef(u, redacted), 120)).join(', ')}` : '';
    return `- ${md(c.rule, 80)}: ${md(c.detail, 200)}${users}\n`;
  });
  if (changes.length > TABLE_LIMIT) lines.push(`- and ${changes.length - TABLE_LIMIT} more\n`);
  return [`\n### Rules this change removes or weakens (${changes.length})\n\n`, ...lines];
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
