/**
 * What a review run carries from step to step (the options, what it learned of the tenant, the
 * section of the report it builds) and the small steps start, sync and close share.
 */
import type { KeyObject } from 'node:crypto';
import type { Snapshot } from '../engine/snapshot.js';
import type { ApplyRefusal, Evaluation, Finding, PlanStep } from '../engine/types.js';
import type { WrittenPack } from '../evidence/pack.js';
import type { GitHubContext } from '../github/context.js';
import type { Logger } from '../logger.js';
import type { Policy, ReviewsPolicy } from '../policy/types.js';
import type { ReportError, ReviewAttestation, ReviewSection } from '../report/model.js';
import { attestationRows } from './attestations.js';
import { progress } from './body.js';
import { groupReviewers, type Campaign } from './campaign.js';
import { deriveDecisions } from './decisions.js';
import { ReviewIssues } from './github.js';
import type { Attestation, ReviewAction, ReviewComment } from './types.js';

const DAY_MS = 86_400_000;

/** The tenant as the audit part of the run saw it: a fresh snapshot and its findings. */
export interface TenantView {
  snapshot: Snapshot;
  findings: Finding[];
  counts: Evaluation['counts'];
}

export interface EvidenceTarget {
  /** the folder, resolved */
  dir: string;
  policyText: string | null;
  policyFileName: string;
  runUrl?: string;
  protectedDirs: string[];
  signingKey: KeyObject | null;
}

export interface ReviewRunOptions {
  action: ReviewAction;
  tenant: string;
  environment: 'production' | 'integration';
  policyPath: string;
  policy: Policy;
  redact: boolean;
  github: GitHubContext;
  maxChanges: number;
  logger: Logger;
  now: () => Date;
  /** fetches and audits the tenant; null without ServiceTitan credentials. Errors come back, not thrown. */
  loadTenant: (() => Promise<TenantView | { errors: ReportError[]; exitCode: 2 | 3 }>) | null;
  /** where the close writes its evidence pack; null: none */
  evidence: EvidenceTarget | null;
}

export interface State {
  options: ReviewRunOptions;
  reviews: ReviewsPolicy;
  issues: ReviewIssues;
  notes: string[];
  tenant: TenantView | null;
  plan: PlanStep[];
  refusals: ApplyRefusal[];
  section: ReviewSection;
  evidence: WrittenPack | null;
  startedAt: Date;
}

export function emptySection(action: ReviewAction): ReviewSection {
  return {
    action,
    campaign: null,
    rosterSha256: null,
    due: null,
    closed: false,
    issues: [],
    accounts: 0,
    decided: 0,
    undecided: 0,
    kept: 0,
    revoked: 0,
    attestations: [],
  };
}

export class TenantFailed extends Error {
  constructor(
    readonly errors: ReportError[],
    readonly exitCode: 2 | 3,
  ) {
    super('the tenant could not be audited');
  }
}

export async function tenantView(state: State, why: string): Promise<TenantView | null> {
  if (state.tenant) return state.tenant;
  const load = state.options.loadTenant;
  if (!load) {
    state.notes.push(
      `No ServiceTitan credentials: ${why} without a fresh look at the tenant (the review's frozen roster is what counts).`,
    );
    return null;
  }
  const view = await load();
  if ('errors' in view) throw new TenantFailed(view.errors, view.exitCode);
  state.tenant = view;
  return view;
}

export function tenantLabel(options: ReviewRunOptions): string {
  return `tenant ${options.tenant}${options.environment === 'integration' ? ' (integration)' : ''}`;
}

export function dueDate(from: Date, days: number): string {
  return new Date(from.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

export interface Derived {
  decisions: Map<number, Map<string, Attestation>>;
  comments: Map<number, ReviewComment[]>;
}

/** Every decision of every issue, from every comment (all pages). */
export async function derive(state: State, campaign: Campaign): Promise<Derived> {
  const decisions = new Map<number, Map<string, Attestation>>();
  const comments = new Map<number, ReviewComment[]>();
  for (const issue of campaign.issues) {
    const list = await state.issues.comments(issue.number);
    const reviewers = groupReviewers(state.reviews, issue.header);
    if (reviewers.changed) {
      state.notes.push(
        `#${issue.number} was opened for ${issue.header.reviewers.join(', ')}; the policy's group ${issue.header.group + 1} now names ${reviewers.logins.join(', ')}, whose decisions count.`,
      );
    }
    comments.set(issue.number, list);
    decisions.set(
      issue.number,
      deriveDecisions(issue.accounts, list, reviewers.logins, issue.author).decisions,
    );
  }
  return { decisions, comments };
}

/** The report's review section for `campaign` with `decisions`. */
export function setSection(
  state: State,
  campaign: Campaign,
  decisions: ReadonlyMap<number, ReadonlyMap<string, Attestation>>,
) {
  const rows = attestationRows(campaign.issues, decisions);
  const count = (d: ReviewAttestation['decision']) => rows.filter((r) => r.decision === d).length;
  state.section = {
    action: state.options.action,
    campaign: campaign.id,
    rosterSha256: campaign.hash,
    due: campaign.due,
    closed: !campaign.open,
    issues: campaign.issues.map((issue) => ({
      number: issue.number,
      url: issue.url,
      reviewers: issue.header.reviewers,
      accounts: issue.accounts.length,
      decided: progress(issue.accounts, decisions.get(issue.number) ?? new Map()).decided,
      state: issue.state,
    })),
    accounts: rows.length,
    decided: rows.length - count('undecided'),
    undecided: count('undecided'),
    kept: count('keep'),
    revoked: count('revoke'),
    attestations: rows,
  };
}

/** A start that finds its review open reports it as it stands. */
export async function describeCampaign(state: State, campaign: Campaign): Promise<void> {
  setSection(state, campaign, (await derive(state, campaign)).decisions);
}

export function warnUnreadable(state: State, unreadable: readonly { number: number }[]): void {
  if (unreadable.length === 0) return;
  state.notes.push(
    `${unreadable.map((i) => `#${i.number}`).join(', ')} ${unreadable.length === 1 ? 'carries' : 'carry'} the review label and marker but ${unreadable.length === 1 ? 'its' : 'their'} frozen roster cannot be read (the body was edited); ${unreadable.length === 1 ? 'it is' : 'they are'} left out.`,
  );
}
