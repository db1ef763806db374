/**
 * The company's identity source, as the audit sees it (SPEC §8): people, not accounts. Every
 * source (an HR roster CSV, Microsoft Entra ID, Google Workspace) reads its directory into a
 * `Directory`; the engine joins ServiceTitan users to these people and judges accounts by them.
 * This module imports nothing: sources, engine, report and sandbox all share it.
 */

/** How a person stands in the source. `leave` (CSV) is judged like `active`. */
export type PersonState = 'active' | 'leave' | 'suspended' | 'terminated' | 'deleted';

/** Who the source says the person is: contractor and guest are external, employee and member internal. */
export type PersonType = 'employee' | 'member' | 'contractor' | 'guest';

export type IdentitySourceKind = 'csv' | 'entra' | 'google';

export interface Person {
  /** the directory's id: Entra object `id`, Google user `id`, the (lower-cased) email for a CSV row */
  personId: string;
  /** every address the person is known by, lower-cased: primary, UPN, otherMails, proxyAddresses, aliases */
  emails: string[];
  /** Entra only: the object id ServiceTitan's `aadUserId` points at (the same as personId), else null */
  aadObjectId: string | null;
  name: string | null;
  /** `deleted` is never read from a source: the engine decides it for an aadUserId the directory lacks */
  state: Exclude<PersonState, 'deleted'>;
  /** null when the source does not say */
  type: PersonType | null;
  /** ISO time of the last sign-in; null when never signed in or not reported */
  lastSignIn: string | null;
  /** ISO time the person was created in the directory, when reported (dormancy of never-signed-in) */
  createdAt: string | null;
}

export interface Directory {
  /** the source's `id` from the policy */
  sourceId: string;
  kind: IdentitySourceKind;
  people: Person[];
  /**
   * Whether this source reported sign-in times, so dormancy can be judged from it. False for
   * CSV, and for Entra when `signInActivity` was refused (no Entra ID P1).
   */
  signInReported: boolean;
  /** why sign-in times are missing, said in the summary ("dormancy is unavailable: …"), else null */
  signInUnavailable: string | null;
}

/** How a ServiceTitan user was joined to a person. */
export type MatchedBy = 'aad' | 'email';

/** The report's `users[].identity` (SPEC §8); null on a user when no source knows them. */
export interface UserIdentity {
  source: string;
  personId: string;
  state: PersonState;
  matchedBy: MatchedBy;
  lastSignIn: string | null;
}

/** What decided a user's audience (SPEC §8). */
export type AudienceFrom = 'list' | 'directory' | 'domain';

/** The header names of a roster CSV (SPEC §8 `columns`); matched exactly. */
export interface CsvColumns {
  email: string;
  name: string;
  status: string;
  endDate: string;
  type: string;
}

/** One `identity.sources` entry of the policy, normalized. */
export type IdentitySourceConfig =
  | { id: string; kind: 'csv'; /** workspace-relative, like the policy */ path: string; columns: CsvColumns }
  | { id: string; kind: 'entra'; tenantId: string }
  | { id: string; kind: 'google'; customer: string };

/** The policy's `identity` section, normalized (absent: no identity checks at all). */
export interface IdentityPolicy {
  sources: IdentitySourceConfig[];
  /** join keys in order */
  match: MatchedBy[];
  leaverFix: 'lock' | 'deactivate' | 'none';
  /** null: dormancy not judged */
  dormantAfterDays: number | null;
  /** severity of identity-unmatched, or `ignore` */
  unmatched: 'critical' | 'high' | 'medium' | 'low' | 'ignore';
}

/** The identity credentials and URL overrides (action inputs; CLI environment variables). */
export interface IdentityCredentials {
  entraClientId: string | null;
  entraClientSecret: string | null;
  /** the service-account key JSON (already read when a path was given) */
  googleCredentials: string | null;
  googleSubject: string | null;
  entraAuthorityUrl: string;
  graphUrl: string;
  googleTokenUrl: string;
  googleApiUrl: string;
}
