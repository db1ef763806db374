/**
 * `review: sync`: every decision re-derived from every comment; what needs an answer answered
 * once; one reminder a day near the due date; each issue's progress rewritten; the review closed
 * when everything is decided.
 */
import { parseCommentMarker } from './blocks.js';
import { daysUntil, issueBody, progress, reminderBody, replyBody } from './body.js';
import { campaignsOf, checkIntact, groupReviewers } from './campaign.js';
import { deriveDecisions, isToolComment } from './decisions.js';
import type { Attestation } from './types.js';
import { close } from './close.js';
import { setSection, tenantLabel, warnUnreadable, type State } from './state.js';

/** `since` reaches back this far before the last sync: clocks of runner and GitHub differ a little. */
const SINCE_SLACK_MS = 5 * 60_000;
/** Reminders start this many days before the due date. */
const REMIND_FROM_DAYS = 3;

/** GitHub's `since` is an ISO 8601 time without milliseconds. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function sync(state: State): Promise<void> {
  const { options, notes } = state;
  const { issues, unreadable } = await state.issues.campaignIssues(options.tenant, options.policyPath);
  warnUnreadable(state, unreadable);
  const open = campaignsOf(issues).filter((c) => c.open);
  const campaign = open[0];
  if (!campaign) {
    notes.push(
      'No access review is open for this tenant and policy; nothing to sync. `review: start` opens one.',
    );
    return;
  }
  if (open.length > 1) {
    notes.push(
      `${open.length} reviews are open; this run follows the oldest (started ${campaign.id.slice(0, 10)}). Close the others.`,
    );
  }
  checkIntact(campaign);
  const syncStart = options.now();
  const decisions = new Map<number, Map<string, Attestation>>();
  let replies = 0;
  let reminders = 0;
  for (const issue of campaign.issues) {
    const all = await state.issues.comments(issue.number);
    const reviewers = groupReviewers(state.reviews, issue.header);
    if (reviewers.changed) {
      notes.push(
        `#${issue.number} was opened for ${issue.header.reviewers.join(', ')}; the policy's group ${issue.header.group + 1} now names ${reviewers.logins.join(', ')}, whose decisions count.`,
      );
    }
    const derived = deriveDecisions(issue.accounts, all, reviewers.logins, issue.author);
    decisions.set(issue.number, derived.decisions);
    if (issue.state !== 'open') continue;

    // what needs a reply: new or edited since the last sync, not answered yet
    const since = issue.header.synced ? Date.parse(issue.header.synced) - SINCE_SLACK_MS : null;
    const recent =
      since === null ? all : await state.issues.comments(issue.number, isoSeconds(Math.max(0, since)));
    const recentIds = new Set(recent.map((c) => c.id));
    const tool = all.filter((c) => isToolComment(c, issue.author));
    const answered = new Set(
      tool.flatMap((c) => {
        const marker = parseCommentMarker(c.body);
        return marker?.kind === 'reply' ? (marker.fields.get('to') ?? '').split(',').map(Number) : [];
      }),
    );
    const toAnswer = [...derived.problems.values()].filter(
      (p) => recentIds.has(p.comment.id) && !answered.has(p.comment.id),
    );
    if (toAnswer.length > 0) {
      const elsewhere = (key: string) =>
        campaign.issues.find((other) => other !== issue && other.accounts.some((a) => a.key === key))
          ?.number ?? null;
      await state.issues.comment(issue.number, replyBody(toAnswer, reviewers.logins, elsewhere));
      replies++;
    }

    const p = progress(issue.accounts, derived.decisions);
    const undecided = p.total - p.decided;
    const now = options.now();
    const today = now.toISOString().slice(0, 10);
    const remindedToday = tool.some((c) => {
      const marker = parseCommentMarker(c.body);
      return marker?.kind === 'reminder' && (marker.fields.get('day') ?? c.createdAt.slice(0, 10)) === today;
    });
    if (undecided > 0 && daysUntil(issue.header.due, now) <= REMIND_FROM_DAYS && !remindedToday) {
      const header = { ...issue.header, reviewers: reviewers.logins };
      await state.issues.comment(issue.number, reminderBody(header, undecided, p.total, now));
      reminders++;
    }

    const header = { ...issue.header, synced: syncStart.toISOString() };
    const body = issueBody(
      {
        header,
        accounts: issue.accounts,
        decisions: derived.decisions,
        siblings: campaign.issues.map((i) => i.number),
        groupCount: Math.max(state.reviews.reviewers.length, ...campaign.groups.map((g) => g + 1)),
      },
      tenantLabel(options),
      now,
    );
    if (body !== issue.body) await state.issues.updateBody(issue.number, body);
    issue.body = body;
    issue.header = header;
  }
  setSection(state, campaign, decisions);
  const s = state.section;
  options.logger.info(
    `Review of ${campaign.id.slice(0, 10)}: ${s.decided} of ${s.accounts} decided; ${replies} repl${replies === 1 ? 'y' : 'ies'}, ${reminders} reminder${reminders === 1 ? '' : 's'} posted.`,
  );
  if (s.undecided === 0) {
    notes.push('Every account of the review is decided: closing it.');
    await close(state, campaign, decisions);
  }
}
