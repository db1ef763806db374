/**
 * `review: start`: freeze the roster in scope and open one issue per reviewer group. Idempotent:
 * while a review is open no other starts; a start that stopped half-way is finished by the next
 * one, when the tenant has not changed since (the roster's hash says so).
 */
import { ConfigurationError } from '../errors.js';
import { MAX_ROSTER_BLOCK, renderRosterBlock } from './blocks.js';
import { fitsIssue, issueBody, issueTitle } from './body.js';
import { campaignsOf, missingGroups, type Campaign } from './campaign.js';
import { freezeRoster } from './scope.js';
import type { CampaignIssue, FrozenAccount, IssueHeader } from './types.js';
import {
  describeCampaign,
  dueDate,
  setSection,
  tenantLabel,
  tenantView,
  warnUnreadable,
  type State,
} from './state.js';

export async function start(state: State): Promise<void> {
  const { options, reviews, issues: gh, notes } = state;
  const { logger } = options;
  const { issues, unreadable } = await gh.campaignIssues(options.tenant, options.policyPath);
  warnUnreadable(state, unreadable);
  const open = campaignsOf(issues).filter((c) => c.open);
  if (open.length > 0) {
    const campaign = open[0]!;
    const missing = missingGroups(campaign);
    if (missing.length === 0) {
      notes.push(
        `An access review is already open (${campaign.issues.map((i) => `#${i.number}`).join(', ')}, started ${campaign.id.slice(0, 10)}, due ${campaign.due}); no other was started. Run \`review: sync\` to follow it and \`review: close\` to end it.`,
      );
      await describeCampaign(state, campaign);
      return;
    }
    await finishStart(state, campaign, missing);
    return;
  }

  const tenant = await tenantView(state, 'the review cannot start');
  if (!tenant) {
    throw new ConfigurationError(
      'input.missing-credentials',
      'Starting a review needs ServiceTitan credentials: the roster under review is read from the tenant.',
      'Pass the tenant id, client id, client secret and app key as with `mode: audit`.',
    );
  }
  const roster = freezeRoster(options.policy, reviews, tenant.snapshot, tenant.findings, options.redact);
  checkAssigned(roster.unassigned);
  const now = options.now();
  const groups = [...new Set(roster.accounts.map((a) => a.group))].sort((a, b) => a - b);
  for (const [index, group] of reviews.reviewers.entries()) {
    if (!groups.includes(index)) {
      notes.push(
        `Reviewer group ${index + 1} (${group.github.join(', ')}) has no account to review; no issue was opened for it.`,
      );
    }
  }
  if (groups.length === 0) {
    notes.push('No account is in the review scope, so no review was started.');
    return;
  }
  const headers = groups.map((group): IssueHeader => ({
    tenant: options.tenant,
    policy: options.policyPath,
    campaign: now.toISOString(),
    hash: roster.hash,
    group,
    groups,
    reviewers: reviews.reviewers[group]!.github,
    due: dueDate(now, reviews.dueDays),
    synced: null,
  }));
  const byGroup = (group: number) => roster.accounts.filter((a) => a.group === group);
  // everything is checked before the first issue is opened
  for (const header of headers) checkFits(header, byGroup(header.group), state);

  await gh.ensureLabel();
  const created: CampaignIssue[] = [];
  for (const header of headers) {
    const accounts = byGroup(header.group);
    const body = issueBody(
      { header, accounts, decisions: new Map(), siblings: [], groupCount: reviews.reviewers.length },
      tenantLabel(options),
      now,
    );
    const made = await gh.create(issueTitle(header, tenantLabel(options)), body);
    logger.info(`Opened #${made.number} for ${header.reviewers.join(', ')}: ${accounts.length} accounts.`);
    created.push({
      number: made.number,
      url: made.url,
      state: 'open',
      author: made.author,
      body,
      createdAt: now.toISOString(),
      header,
      accounts,
    });
  }
  await linkSiblings(state, created, now);
  notes.push(
    `Access review started: ${roster.accounts.length} accounts in ${created.length} issue${created.length === 1 ? '' : 's'} (${created.map((i) => `#${i.number}`).join(', ')}), due ${headers[0]!.due}; frozen roster SHA-256 ${roster.hash}.`,
  );
  setSection(state, campaignOf(created), new Map());
}

/** Each issue names the others of its campaign beside the shared hash. */
async function linkSiblings(state: State, created: readonly CampaignIssue[], now: Date): Promise<void> {
  if (created.length < 2) return;
  const numbers = created.map((i) => i.number);
  for (const issue of created) {
    const body = issueBody(
      {
        header: issue.header,
        accounts: issue.accounts,
        decisions: new Map(),
        siblings: numbers,
        groupCount: state.reviews.reviewers.length,
      },
      tenantLabel(state.options),
      now,
    );
    await state.issues.updateBody(issue.number, body);
    issue.body = body;
  }
}

/** A start that stopped half-way: the missing issues are opened when the roster is unchanged. */
async function finishStart(state: State, campaign: Campaign, missing: number[]): Promise<void> {
  const { options, reviews } = state;
  const tenant = await tenantView(state, 'the unfinished review cannot be completed');
  if (!tenant) {
    throw new ConfigurationError(
      'review.incomplete-campaign',
      `The review started ${campaign.id} has no issue yet for reviewer group${missing.length === 1 ? '' : 's'} ${missing.map((g) => g + 1).join(', ')}, and without ServiceTitan credentials the roster cannot be checked to open ${missing.length === 1 ? 'it' : 'them'}.`,
      'Run `review: start` with the ServiceTitan credentials to finish it.',
    );
  }
  const roster = freezeRoster(options.policy, reviews, tenant.snapshot, tenant.findings, options.redact);
  if (roster.hash !== campaign.hash) {
    throw new ConfigurationError(
      'review.incomplete-campaign',
      `The review started ${campaign.id} did not finish opening its issues, and the tenant has changed since, so the missing issues cannot be opened with the roster that was frozen.`,
      `Close its issues (${campaign.issues.map((i) => `#${i.number}`).join(', ')}) and run \`review: start\` again to freeze the roster anew.`,
    );
  }
  const now = options.now();
  const template = campaign.issues[0]!.header;
  const created: CampaignIssue[] = [...campaign.issues];
  for (const group of missing) {
    const header: IssueHeader = {
      ...template,
      group,
      reviewers: reviews.reviewers[group]!.github,
      synced: null,
    };
    const accounts = roster.accounts.filter((a) => a.group === group);
    checkFits(header, accounts, state);
    const body = issueBody(
      { header, accounts, decisions: new Map(), siblings: [], groupCount: reviews.reviewers.length },
      tenantLabel(options),
      now,
    );
    await state.issues.ensureLabel();
    const made = await state.issues.create(issueTitle(header, tenantLabel(options)), body);
    created.push({
      number: made.number,
      url: made.url,
      state: 'open',
      author: made.author,
      body,
      createdAt: now.toISOString(),
      header,
      accounts,
    });
  }
  state.notes.push(
    `The review started ${campaign.id} had not opened all its issues; the tenant is unchanged, so the missing ${missing.length === 1 ? 'one was' : `${missing.length} were`} opened now.`,
  );
  setSection(state, campaignOf(created), new Map());
}

function campaignOf(issues: CampaignIssue[]): Campaign {
  return campaignsOf(issues)[0]!;
}

function checkAssigned(unassigned: readonly FrozenAccount[]): void {
  if (unassigned.length === 0) return;
  const shown = unassigned.slice(0, 5).map((a) => a.key);
  throw new ConfigurationError(
    'review.unassigned',
    `${unassigned.length} account${unassigned.length === 1 ? '' : 's'} in the review scope match${unassigned.length === 1 ? 'es' : ''} no reviewer group (${shown.join(', ')}${unassigned.length > shown.length ? ', …' : ''}), so nobody could attest to ${unassigned.length === 1 ? 'it' : 'them'}; no review was started.`,
    'End `reviews.reviewers` with a group without `applies-to`: it reviews every account the groups before it do not.',
  );
}

function checkFits(header: IssueHeader, accounts: readonly FrozenAccount[], state: State): void {
  const block = renderRosterBlock(accounts);
  if (block.length > MAX_ROSTER_BLOCK) {
    throw new ConfigurationError(
      'review.group-too-large',
      `Reviewer group ${header.group + 1} (${header.reviewers.join(', ')}) would review ${accounts.length} accounts, more than one issue can hold; no review was started.`,
      'Split the group: give several groups an `applies-to` (business units, roles, kinds) so that each reviews fewer accounts.',
    );
  }
  const body = issueBody(
    { header, accounts, decisions: new Map(), siblings: [], groupCount: state.reviews.reviewers.length },
    tenantLabel(state.options),
    state.options.now(),
  );
  if (!fitsIssue(body)) throw new Error(`issue body of group ${header.group} exceeds GitHub's limit`);
}
