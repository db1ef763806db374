/**
 * The text of a campaign: each issue's body (how to decide, the progress and the accounts table,
 * then the hidden header and roster blocks), and the tool's replies, reminders and closing
 * summary. Every string from ServiceTitan or a comment goes through `inlineMarkdown`, so a name
 * or a reason cannot ping anyone, link an issue or inject HTML. Reviewers are mentioned where the
 * text asks something of them (the first body, reminders, replies), nowhere else.
 */
import { BODY_LIMIT } from '../github/markdown.js';
import { inlineMarkdown as md } from '../report/text.js';
import { commentMarker, renderHeader, renderRosterBlock } from './blocks.js';
import type { Problem } from './decisions.js';
import type { Attestation, FrozenAccount, IssueHeader, ReviewComment } from './types.js';

const DAY_MS = 86_400_000;

export interface IssueView {
  header: IssueHeader;
  accounts: readonly FrozenAccount[];
  decisions: ReadonlyMap<string, Attestation>;
  /** the other issues of the campaign, once known */
  siblings: readonly number[];
  /** the policy's group size, for "group 2 of 3" */
  groupCount: number;
}

export function issueTitle(header: IssueHeader, tenantLabel: string): string {
  return `Access review ${header.campaign.slice(0, 10)} · ${tenantLabel} · ${header.reviewers.join(', ')}`;
}

export function progress(accounts: readonly FrozenAccount[], decisions: ReadonlyMap<string, Attestation>) {
  let kept = 0;
  let revoked = 0;
  for (const account of accounts) {
    const decision = decisions.get(account.key)?.decision;
    if (decision === 'keep') kept++;
    if (decision === 'revoke') revoked++;
  }
  return { total: accounts.length, decided: kept + revoked, kept, revoked };
}

function userCell(a: FrozenAccount): string {
  const contact = a.email ?? a.login;
  const facts = [contact, a.audience, a.businessUnit].filter((x): x is string => x !== null && x !== '');
  return `**${md(a.name || '(no name)', 80)}**<br>${md(facts.join(' · '), 160)}`;
}

function holdsCell(a: FrozenAccount): string {
  const parts = [
    a.roles.length ? `roles: ${a.roles.join(', ')}` : '',
    a.permissions.length ? `permissions: ${a.permissions.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? md(parts.join('; '), 300) : '—';
}

function decisionCell(attestation: Attestation | undefined): string {
  if (!attestation) return '⏳ undecided';
  const icon = attestation.decision === 'keep' ? '✅ keep' : '⛔ revoke';
  const when = attestation.at.slice(0, 10);
  const reason = attestation.reason ? `: ${md(attestation.reason, 200)}` : '';
  // the login without `@`: a body rewritten on every sync must not ping anyone again
  return `${icon} · ${md(attestation.reviewer, 40).replace(/^@/, '')} · [${when}](${attestation.commentUrl})${reason}`;
}

const HEADER_ROW = '| Account | User | Holds | Why in scope | Decision |\n| --- | --- | --- | --- | --- |\n';

function accountRow(a: FrozenAccount, attestation: Attestation | undefined): string {
  return `| \`${a.key}\` | ${userCell(a)} | ${holdsCell(a)} | ${md(a.why.join('; '), 200)} | ${decisionCell(attestation)} |\n`;
}

export function dueText(due: string, now: Date): string {
  const days = daysUntil(due, now);
  if (days > 1) return `due ${due} (in ${days} days)`;
  if (days === 1) return `due ${due} (tomorrow)`;
  if (days === 0) return `due ${due} (today)`;
  return `due ${due} (${-days} day${days === -1 ? '' : 's'} overdue)`;
}

/** Whole UTC days from `now`'s day to the due day: 0 on the day, negative once overdue. */
export function daysUntil(due: string, now: Date): number {
  const today = Math.floor(now.getTime() / DAY_MS);
  return Math.round(Date.parse(`${due}T00:00:00Z`) / DAY_MS) - today;
}

export function issueBody(view: IssueView, tenantLabel: string, now: Date): string {
  const { header, accounts, decisions } = view;
  const p = progress(accounts, decisions);
  const mentions = header.reviewers.map((r) => `@${r}`).join(' ');
  const siblings = view.siblings.filter((n) => n > 0);
  const intro = [
    `## ServiceTitan access review: group ${header.group + 1} of ${view.groupCount}`,
    '',
    `Reviewers: ${mentions} · ${md(tenantLabel, 80)} · started ${header.campaign.slice(0, 10)} · **${dueText(header.due, now)}**`,
    '',
    `**${p.decided} of ${p.total} decided** (${p.kept} keep, ${p.revoked} revoke) · ${p.total - p.decided} undecided`,
    '',
    `Frozen roster SHA-256: \`${header.hash}\`${siblings.length ? `, the same in every issue of this review (${siblings.map((n) => `#${n}`).join(', ')})` : ', the same in every issue of this review'}. It covers every account below as it was when the review started.`,
    '',
    '### How to decide',
    '',
    `Comment with one line per account, KEY being the account's key in the table below (such as \`${accounts[0]?.key ?? 'employee:162'}\`); several lines in one comment are fine:`,
    '',
    '```',
    '/keep KEY why the access is still needed',
    '/revoke KEY why it should go',
    '```',
    '',
    '`/keep all REASON` or `/revoke all REASON` decides every account of this issue not decided yet. A revoke needs a reason. Only the reviewers above decide here; a later decision on an account replaces an earlier one. An edited comment does not count: post a new one instead. When every account of every issue of this review is decided, the review closes itself; revoked accounts are then changed by `apply`, through its usual guards.',
    '',
    '### Accounts',
    '',
    '',
  ].join('\n');
  const footer = `\n${renderHeader(header)}\n${renderRosterBlock(accounts)}\n`;
  const rows = accounts.map((a) => accountRow(a, decisions.get(a.key)));
  let table = HEADER_ROW;
  let shown = 0;
  const room = BODY_LIMIT - intro.length - footer.length - 200;
  for (const row of rows) {
    if (table.length + row.length > room) break;
    table += row;
    shown++;
  }
  if (shown < rows.length) {
    table += `\n_${rows.length - shown} more accounts do not fit in this issue; the run's report lists every one. They are decided like the others, by key._\n`;
  }
  return `${intro}${table}${footer}`;
}

/** Whether the body (with its blocks) fits GitHub's limit of 65,536 characters. */
export function fitsIssue(body: string): boolean {
  return body.length <= 65_536;
}

function link(comment: ReviewComment, text = 'your comment'): string {
  return `[${text}](${comment.url})`;
}

function keysList(keys: readonly string[]): string {
  return keys.map((k) => `\`${md(k, 40).replace(/`/g, '')}\``).join(', ');
}

/** One reply answering every comment that needs it in this run, each once. */
export function replyBody(
  answers: readonly { comment: ReviewComment; problems: readonly Problem[] }[],
  reviewers: readonly string[],
  elsewhere: (key: string) => number | null,
): string {
  const paragraphs: string[] = [];
  for (const { comment, problems } of answers) {
    const who = `@${comment.author}`;
    for (const problem of problems) {
      switch (problem.kind) {
        case 'not-a-reviewer':
          paragraphs.push(
            `${who}: you are not a reviewer in this issue (its reviewers are ${reviewers.join(', ')}), so the decisions in ${link(comment)} were not counted. If you should review these accounts, ask for the policy's \`reviews.reviewers\` to name you.`,
          );
          break;
        case 'edited':
          paragraphs.push(
            `${who}: ${link(comment)} was edited after it was posted, so its decisions do not count: an attestation has to stay as it was given. Post the decisions again in a new comment.`,
          );
          break;
        case 'revoke-without-reason':
          paragraphs.push(
            `${who}: a revoke needs a reason, so ${keysList(problem.keys)} in ${link(comment)} ${problem.keys.length === 1 ? 'was' : 'were'} not counted. Post \`/revoke KEY REASON\` in a new comment.`,
          );
          break;
        case 'unknown-key': {
          const notes = problem.keys.map((key) => {
            const other = elsewhere(key);
            return other === null
              ? `${keysList([key])} is not under review`
              : `${keysList([key])} is reviewed in #${other}`;
          });
          paragraphs.push(
            `${who}: in ${link(comment)}, ${notes.join('; ')}. Decisions count only for the accounts listed in this issue.`,
          );
          break;
        }
        case 'missing-key':
          paragraphs.push(
            `${who}: a line in ${link(comment)} names no account. Write \`/keep KEY reason\` or \`/revoke KEY reason\`, with the key from the table (such as \`employee:162\`), or \`all\`.`,
          );
          break;
      }
    }
  }
  const ids = answers.map((a) => String(a.comment.id)).join(',');
  return `${paragraphs.join('\n\n')}\n\n${commentMarker('reply', { to: ids })}\n`;
}

export function reminderBody(header: IssueHeader, undecided: number, total: number, now: Date): string {
  const mentions = header.reviewers.map((r) => `@${r}`).join(' ');
  return (
    `${mentions}: ${undecided} of ${total} accounts in this review still need a decision; it is ${dueText(header.due, now)}. ` +
    'Comment `/keep KEY reason` or `/revoke KEY reason` for each (the table above lists them).\n\n' +
    `${commentMarker('reminder', { day: now.toISOString().slice(0, 10) })}\n`
  );
}

export function closingBody(
  counts: { kept: number; revoked: number; undecided: number },
  hash: string,
  runUrl: string | undefined,
): string {
  const undecided =
    counts.undecided > 0
      ? ` ${counts.undecided} undecided: listed as \`undecided\` in the evidence, never as kept.`
      : '';
  return (
    `Review closed: ${counts.kept} kept, ${counts.revoked} revoked.${undecided} ` +
    `The attestations (\`attestations.csv\`, frozen roster \`${hash.slice(0, 12)}…\`) are in the evidence pack of ${runUrl ? `[this run](${runUrl})` : 'the closing run'}; ` +
    'its report holds the revocations, which `mode: apply` with `review-report` carries out through the same guards as any apply.\n\n' +
    `${commentMarker('closed')}\n`
  );
}
