/**
 * The one report (SPEC §5). Built once per run; every channel (JSON, job summary, SARIF,
 * annotations, console, issue, comment, evidence) renders from it.
 */
import type { FailOn } from '../domain/severity.js';
import type { Environment } from '../domain/tenant.js';
import type { FindingComparison } from '../engine/compare.js';
import type { Discovery } from '../engine/discover.js';
import type { ApplyRefusal, Evaluation, Finding, IdentitySummary, PlanStep } from '../engine/types.js';

export type Mode =
  'validate' | 'audit' | 'apply' | 'discover' | 'undo' | 'review' | 'fleet-matrix' | 'fleet-report';
export type RunStatus = 'pass' | 'fail' | 'error';
/** the lowest severity that fails the run (`fail-on`) */
export type { FailOn };

export interface ReportError {
  code: string;
  message: string;
  hint?: string;
  /** for policy errors */
  file?: string;
  line?: number;
  column?: number;
  /** the policy line a YAML syntax error points at, shown with a caret under `column` */
  sourceLine?: string;
}

export type { DiscoveredPermission, Discovery, PermissionChange } from '../engine/discover.js';

/** Policy impact (SPEC §5): finding ids added, resolved and newly exempted by the new policy. */
export interface Comparison extends FindingComparison {
  /**
   * The resolved findings as the base policy found them, so every channel can say who and what
   * they were (they are not among the report's findings). Not written to the JSON report, whose
   * `resolved` is a list of ids.
   */
  resolvedFindings?: Finding[];
}

export interface Report {
  version: 1;
  tool: { name: 'servicetitan-access-guard'; version: string };
  mode: Mode;
  tenant: string | null;
  environment: Environment;
  /** `extends`: the base policies the policy builds on, nearest first, each with its SHA-256 */
  policy: { path: string; sha256: string | null; extends?: { path: string; sha256: string }[] };
  startedAt: string;
  finishedAt: string;
  status: RunStatus;
  /** the lowest severity that fails the run */
  failOn: 'critical' | 'high' | 'medium' | 'low' | 'never';
  counts: Evaluation['counts'];
  findings: Finding[];
  plan: PlanStep[];
  /** why apply would refuse (audit) or refused (apply) the plan; empty when it would go ahead */
  refusals: ApplyRefusal[];
  /** policy impact against a baseline policy (PR runs, --baseline-policy); null otherwise */
  comparison: Comparison | null;
  /** discover mode only */
  discovery?: Discovery;
  /** with an `identity` section (SPEC §8): accounts matched, unmatched, leaving and dormant, by source */
  identity?: IdentitySummary;
  errors: ReportError[];
  /** whether names and emails in this report are masked */
  redacted: boolean;
  /** `mode: review`: the access review this run started, synced or closed (SPEC §9) */
  review?: ReviewSection;
}

/** One account of an access review and the decision that stands for it. */
export interface ReviewAttestation {
  /** `employee:162` */
  key: string;
  name: string;
  email: string | null;
  decision: 'keep' | 'revoke' | 'undecided';
  reason: string | null;
  /** the reviewer's GitHub login */
  reviewer: string | null;
  /** the deciding comment's `created_at` */
  at: string | null;
  commentUrl: string | null;
  /** the campaign issue it is reviewed in */
  issue: number;
  why: string[];
}

export interface ReviewSection {
  action: 'start' | 'sync' | 'close';
  /** when the campaign started (its id); null when there is none */
  campaign: string | null;
  /** SHA-256 of the frozen roster, the same in every issue of the campaign */
  rosterSha256: string | null;
  /** YYYY-MM-DD */
  due: string | null;
  /** the campaign was closed by this run (or had been before a `close` that rewrote its evidence) */
  closed: boolean;
  issues: {
    number: number;
    url: string;
    reviewers: string[];
    accounts: number;
    decided: number;
    state: 'open' | 'closed';
  }[];
  accounts: number;
  decided: number;
  undecided: number;
  kept: number;
  revoked: number;
  attestations: ReviewAttestation[];
}
