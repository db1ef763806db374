/**
 * An access review (SPEC §9) as plain data: the frozen roster, the campaign as its issues record
 * it, and the decisions reviewers gave in comments.
 */
import type { UserKind } from '../engine/snapshot.js';
import type { UserState } from '../engine/types.js';

export type ReviewAction = 'start' | 'sync' | 'close';
export type Decision = 'keep' | 'revoke';

/** One account as the review froze it. Names and emails are masked when the run redacts. */
export interface FrozenAccount {
  /** `employee:162`, how reviewers name the account */
  key: string;
  kind: UserKind;
  id: number;
  userId: number | null;
  name: string;
  email: string | null;
  login: string | null;
  audience: 'internal' | 'external';
  businessUnit: string | null;
  /** role names as the tenant spells them, the built-in role included */
  roles: string[];
  /** names of the policy's permission mappings the account holds */
  permissions: string[];
  /** why the account is reviewed: `admin role Admin`, `holds generate-api-key`, `external`, … */
  why: string[];
  /** what a revocation checks before it acts: an account that changed since is left alone */
  state: UserState;
  /** the index of the reviewer group (in `reviews.reviewers`) that reviews it */
  group: number;
}

/** What one campaign issue records about itself in its hidden block. */
export interface IssueHeader {
  tenant: string;
  /** the policy file the campaign was started with */
  policy: string;
  /** when the campaign started (ISO): the campaign's id */
  campaign: string;
  /** SHA-256 of the whole frozen roster, the same in every issue of the campaign */
  hash: string;
  /** this issue's reviewer group */
  group: number;
  /** every group of the campaign that has an issue */
  groups: number[];
  /** the logins of this issue's group, as the policy had them at the start */
  reviewers: string[];
  /** YYYY-MM-DD, the last day of the review */
  due: string;
  /** when the last sync of this issue started (ISO): comments since then may need a reply */
  synced: string | null;
}

export interface CampaignIssue {
  number: number;
  url: string;
  state: 'open' | 'closed';
  /** who opened it: the token's login, whose marked comments are the tool's own */
  author: string;
  body: string;
  createdAt: string;
  header: IssueHeader;
  /** this issue's accounts, from its hidden block */
  accounts: FrozenAccount[];
}

/** A decision as it stands after every comment is read. */
export interface Attestation {
  key: string;
  decision: Decision;
  reason: string;
  reviewer: string;
  /** the comment's `created_at` */
  at: string;
  commentUrl: string;
  commentId: number;
}

/** A comment as the review reads it. */
export interface ReviewComment {
  id: number;
  body: string;
  author: string;
  authorType: string;
  createdAt: string;
  updatedAt: string;
  url: string;
}
