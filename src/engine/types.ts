/**
 * What the engine concludes: findings and the plan (SPEC §5). Plain data; the report model
 * embeds these as they are.
 */
import type { Audience, Position, Severity } from '../policy/types.js';
import type { UserKind } from './snapshot.js';
import type { AudienceFrom, UserIdentity } from '../domain/identity.js';

export {
  BUILT_IN_RULES,
  IDENTITY_RULES,
  type BuiltInRule,
  type IdentityRule,
} from '../policy/built-in-rules.js';

export interface FindingUser {
  kind: UserKind;
  id: number;
  userId: number | null;
  name: string;
  email: string | null;
  login: string | null;
  audience: Audience;
  active: boolean;
  locked: boolean;
  /**
   * With an `identity` section (SPEC §8): the person the account was joined to, or null when no
   * source knows it; and what decided `audience`. Absent when the policy has no `identity`.
   */
  identity?: UserIdentity | null;
  audienceFrom?: AudienceFrom;
}

/**
 * `steps` on lock, deactivate and set-role: what a person must do besides the change (SPEC §5),
 * such as rotating a client secret the user could create; absent when there is nothing more.
 */
export type FindingFix =
  | { action: 'lock'; steps?: string[] }
  | { action: 'deactivate'; steps?: string[] }
  | { action: 'set-role'; role: string; steps?: string[] }
  | { action: 'manual'; steps: string[] };

export interface FindingExemption {
  reason: string;
  expires: string;
  approvedBy: string;
  ticket: string | null;
  status: 'active' | 'expired';
}

export interface Finding {
  /** stable fingerprint of rule + user (or rule + subject for tenant-level and built-in findings) */
  id: string;
  rule: string;
  severity: Severity;
  message: string;
  /** null on tenant-level findings */
  user: FindingUser | null;
  evidence: {
    permissions?: string[];
    roles?: string[];
    account?: boolean;
    /** max-holders: who holds, and the limit */
    holders?: { kind: UserKind; id: number; name: string }[];
    max?: number;
    /** built-in findings: the exemption index or permission name concerned */
    exemption?: number;
    permission?: string;
    /** reference-unmatched: the name the policy uses, where, and in which rule (none for `safety`) */
    reference?: ReferenceEvidence;
    /** identity-dormant: the last sign-in, or the person's creation when never signed in */
    inactiveSince?: string;
    /** identity-sso-broken: the Entra user the account's email belongs to */
    entraUser?: { source: string; personId: string };
  };
  fix: FindingFix;
  /** the exemption that covers it (active or expired), or null */
  exemption: FindingExemption | null;
  /** where in the policy file this finding points (rule, exemption or permission mapping) */
  location: Position;
  /** apply mode: a plan step of this run fixed it and reading the user back confirmed it */
  remediated?: boolean;
}

/** A role, business unit or user the policy names and the tenant does not have. */
export interface ReferenceEvidence {
  kind: 'role' | 'business-unit' | 'user';
  /** as written in the policy */
  value: string;
  /** the policy key that holds it: `applies-to.roles`, `forbid.roles`, `safety.protected-users`, … */
  key: string;
  /** the rule it belongs to; absent for `safety` */
  rule?: string;
}

export type PlanAction = 'lock' | 'deactivate' | 'set-role';
/** What `undo` does: the reverse of a verified apply step (unlock, Activate, set the previous role). */
export type UndoAction = 'unlock' | 'activate' | 'restore-role';
export type PlanStatus = 'planned' | 'applied' | 'verified' | 'failed' | 'skipped';

export interface PlanStep {
  action: PlanAction | UndoAction;
  /** set-role: the policy's role name and its id, resolved through /user-roles; restore-role: the previous role */
  role?: string;
  roleId?: number;
  /** activate (technicians): the licence type ServiceTitan requires to activate a technician */
  licenseType?: string;
  user: { kind: UserKind; id: number; userId: number | null; name: string; email: string | null };
  /** the rules whose findings this step resolves */
  rules: string[];
  /** the finding ids it resolves */
  findings: string[];
  status: PlanStatus;
  /** failed: what went wrong (ServiceTitan's message and trace id) */
  error?: string;
  /** skipped: why */
  reason?: string;
  /**
   * The user's state before the change, for `undo`: at plan time from the snapshot; once the step
   * runs, as read from ServiceTitan just before the write.
   */
  before?: UserState;
  /** applied and verified steps: the user's state as read back after the write */
  after?: UserState;
  /** verified steps: the journal seal over the step's ids, `before` and `after` (see apply/seal.ts) */
  seal?: string;
}

/** What a change can alter about a user, and what undo restores. */
export interface UserState {
  active: boolean;
  locked: boolean;
  roleIds: number[];
}

/** Why `apply` would refuse (or refused) the plan; `audit` shows these too. */
export interface ApplyRefusal {
  code:
    | 'apply.max-changes'
    | 'apply.protected-user'
    | 'apply.min-active-admins'
    | 'apply.permission-unmapped'
    | 'apply.reference-unmatched'
    | 'apply.incomplete-fetch'
    | 'apply.pull-request'
    | 'apply.event'
    | 'apply.invalid-policy'
    | 'apply.not-confirmed';
  message: string;
}

export interface Evaluation {
  findings: Finding[];
  plan: PlanStep[];
  refusals: ApplyRefusal[];
  /** with an `identity` section: every user's place in the directories, and the tallies */
  identity?: IdentityEvaluation;
  counts: {
    users: number;
    activeUsers: number;
    externalUsers: number;
    findings: number;
    exempted: number;
    critical: number;
    high: number;
    medium: number;
    low: number;
  };
}

/** One account as the identity sources see it (the evidence roster's identity columns). */
export interface IdentityRosterEntry {
  identity: UserIdentity | null;
  audience: Audience;
  audienceFrom: AudienceFrom;
}

/** What the report's "Identity" section says (SPEC §8): tallies over active, unlocked accounts. */
export interface IdentitySummary {
  /** active, unlocked accounts judged: matched + unmatched */
  accounts: number;
  /** joined to a person by some source (leavers, deleted Entra users included) */
  matched: number;
  unmatched: number;
  leavers: number;
  dormant: number;
  ssoBroken: number;
  /** null: dormancy is not judged (no `dormant-after-days`) */
  dormantAfterDays: number | null;
  sources: {
    id: string;
    kind: 'csv' | 'entra' | 'google';
    /** people the source lists */
    people: number;
    /** active, unlocked accounts this source decided (leavers and deleted Entra users included) */
    matched: number;
    leavers: number;
    dormant: number;
    /** why dormancy cannot be judged from this source, or null when it reports sign-ins */
    dormancyUnavailable: string | null;
  }[];
}

/** Each account's identity columns (the evidence roster's), by record; undefined for one not audited. */
export type IdentityRoster = (user: { kind: UserKind; id: number }) => IdentityRosterEntry | undefined;

export interface IdentityEvaluation {
  summary: IdentitySummary;
  roster: IdentityRoster;
  /** active, unlocked accounts no source knows, for `discover` */
  unmatched: FindingUser[];
}
