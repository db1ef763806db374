/**
 * The policy after loading and validation (SPEC §4), normalized to camelCase with every default
 * applied. Each rule, exemption and permission mapping remembers where it stands in the file, so
 * annotations and SARIF can point at it.
 */
import type { IdentityPolicy } from '../domain/identity.js';
import type { UserKind } from '../domain/tenant.js';
import type { Severity } from '../domain/severity.js';

// the shared vocabulary, defined once in src/domain/
export type { UserKind, Severity };
export { SEVERITIES } from '../domain/severity.js';

export type Audience = 'internal' | 'external';

/** 1-based position of a node in the policy file */
export interface Position {
  line: number;
  column: number;
  /** set when the node stands in a base policy the file `extends` (its path as shown), not in the file itself */
  file?: string;
}

/**
 * A user reference: an email (contains `@`), `login:NAME`, `user:ID` (ServiceTitan userId),
 * `employee:ID` or `technician:ID`. Emails and logins are stored lower-case.
 */
export type UserRef =
  | { type: 'email'; value: string; raw: string }
  | { type: 'login'; value: string; raw: string }
  | { type: 'user' | 'employee' | 'technician'; value: number; raw: string };

export interface PermissionMapping {
  /** the name used in rules */
  name: string;
  /** ServiceTitan permission id */
  id: number;
  label?: string;
  /** values meaning "held", lower-case; default ["true"] */
  granted: string[];
  position: Position;
}

export type RuleFix =
  { action: 'none' } | { action: 'lock' } | { action: 'deactivate' } | { action: 'set-role'; role: string };

export interface AppliesTo {
  audience: Audience | 'any';
  kinds: UserKind[];
  /** holds any of these roles (names or built-in enum, matched case-insensitively) */
  roles?: string[];
  /** business unit names or ids */
  businessUnits?: (string | number)[];
  users?: UserRef[];
  exceptUsers: UserRef[];
  includeInactive: boolean;
}

export interface ForbidRule {
  kind: 'forbid';
  id: string;
  description?: string;
  severity: Severity;
  appliesTo: AppliesTo;
  forbid: { permissions: string[]; roles: string[]; account: boolean };
  fix: RuleFix;
  position: Position;
}

export interface MaxHoldersRule {
  kind: 'max-holders';
  id: string;
  description?: string;
  severity: Severity;
  appliesTo: AppliesTo;
  maxHolders: { roles: string[]; permissions: string[]; max: number };
  position: Position;
}

export type Rule = ForbidRule | MaxHoldersRule;

export interface Exemption {
  /** absent: covers the tenant-level (max-holders) findings of its rules */
  user?: UserRef;
  rules: string[];
  reason: string;
  /** YYYY-MM-DD; the exemption ends at 23:59:59 UTC that day */
  expires: string;
  approvedBy: string;
  /** where `approved-by` stands, for the self-approval check made once the tenant is known */
  approvedByPosition?: Position;
  ticket?: string;
  /** index in the file's `exemptions` list */
  index: number;
  position: Position;
}

export interface Policy {
  version: 1;
  /**
   * where it was read from and the SHA-256 of its bytes; `extends`: the base policies it builds on,
   * nearest first, each with the SHA-256 of its bytes (absent when it extends nothing)
   */
  source: { path: string; sha256: string; extends?: { path: string; sha256: string }[] };
  organization: {
    name?: string;
    internalDomains: string[];
    internalUsers: UserRef[];
    externalUsers: UserRef[];
  };
  permissions: PermissionMapping[];
  rules: Rule[];
  exemptions: Exemption[];
  safety: {
    protectedUsers: UserRef[];
    minActiveAdmins: number;
    adminRoles: string[];
    /** names of mapped permissions whose holders count as admin too; absent or empty: roles only */
    adminPermissions?: string[];
  };
  /**
   * Where each role, business-unit and user reference of the rules and `safety` stands in the
   * file, by `referenceSite` (policy/references.ts), so a reference that matches nothing in the
   * tenant is reported at its own line. Absent on policies not read from a file.
   */
  referencePositions?: Record<string, Position>;
  /**
   * The `identity` section (SPEC §8); null (or absent, on policies built in code) when the
   * policy has none, and then no identity check runs.
   */
  identity?: PolicyIdentity | null;
  /** The `reviews` section (SPEC §9); null (or absent) when the policy has none. */
  reviews?: ReviewsPolicy | null;
}

/** The `reviews` section, normalized: who reviews which accounts, and when it is due. */
export interface ReviewsPolicy {
  scope: ('privileged' | 'external' | 'all')[];
  /** in the file's order: the first group whose `appliesTo` matches an account reviews it */
  reviewers: { github: string[]; appliesTo: AppliesTo | null; position: Position }[];
  dueDays: number;
  position: Position;
}

/** The `identity` section, normalized, with where it stands so its findings can point at it. */
export interface PolicyIdentity extends IdentityPolicy {
  /** where `identity` starts */
  position?: Position;
  /** where each source entry starts, by source id */
  sourcePositions?: Record<string, Position>;
}
