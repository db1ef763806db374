/**
 * The identity findings (SPEC §8): accounts judged by the person behind them. Checked only when
 * the policy has an `identity` section, from directories the pipeline has read completely.
 * Leavers, unmatched and dormant accounts are judged only while the account is active and
 * unlocked; a leaver's fix is `identity.leaver-fix` and goes through the plan like any fix.
 */
import type { Directory, IdentitySourceConfig } from '../domain/identity.js';
import type { Policy, PolicyIdentity, Position, Severity } from '../policy/types.js';
import { findingId } from './fingerprint.js';
import { identityAudiences, joinIdentities, type JoinedUser } from './identity-join.js';
import {
  apiAccessPermission,
  apiAccessSteps,
  deactivateStep,
  type ApiAccessPermission,
} from './manual-steps.js';
import { adminRoleNames, holdsAdminRole } from './safety.js';
import type { TenantUser } from './snapshot.js';
import type { Finding, FindingFix, IdentityEvaluation, IdentityRoster, IdentitySummary } from './types.js';
import { describeUser, toFindingUser, userKey, type IdentityFacts, type UserFacts } from './user-facts.js';

const DAY_MS = 86_400_000;

/** The join and what it decides about audiences, ready for `indexUsers`. */
export function joinForPolicy(
  identity: PolicyIdentity,
  org: Policy['organization'],
  users: readonly TenantUser[],
  directories: readonly Directory[],
): { joined: JoinedUser[]; facts: IdentityFacts } {
  const joined = joinIdentities(identity, users, directories);
  const { audience, audienceFrom } = identityAudiences(org, users, joined);
  return { joined, facts: { identity: joined.map((j) => j.identity), audience, audienceFrom } };
}

function locationOf(identity: PolicyIdentity, sourceId: string | null): Position {
  return (
    (sourceId !== null ? identity.sourcePositions?.[sourceId] : undefined) ??
    identity.position ?? { line: 1, column: 1 }
  );
}

function sourceLabel(config: IdentitySourceConfig | undefined, id: string): string {
  const kind =
    config?.kind === 'entra'
      ? 'Microsoft Entra ID'
      : config?.kind === 'google'
        ? 'Google Workspace'
        : 'HR roster';
  return `${id} (${kind})`;
}

/** When the person was last seen: the last sign-in, else (never signed in) the creation; null when unknown. */
function inactiveSince(joined: JoinedUser): string | null {
  const person = joined.person;
  if (!person) return null;
  const signIn = person.lastSignIn !== null && Date.parse(person.lastSignIn) > 0 ? person.lastSignIn : null;
  const since = signIn ?? person.createdAt;
  return since !== null && Number.isFinite(Date.parse(since)) ? since : null;
}

/** Days the person has not signed in, when the source reports sign-ins and the user counts; else null. */
function dormantDays(identity: PolicyIdentity, joined: JoinedUser, now: Date): number | null {
  const after = identity.dormantAfterDays;
  if (after === null || !joined.directory?.signInReported) return null;
  const state = joined.identity?.state;
  if (state !== 'active' && state !== 'leave') return null;
  const since = inactiveSince(joined);
  if (since === null) return null;
  const days = Math.floor((now.getTime() - Date.parse(since)) / DAY_MS);
  return days >= after ? days : null;
}

function isLeaver(joined: JoinedUser): boolean {
  const state = joined.identity?.state;
  return state === 'suspended' || state === 'terminated' || state === 'deleted';
}

interface Judge {
  policy: Policy;
  identity: PolicyIdentity;
  sources: Map<string, IdentitySourceConfig>;
  adminRoles: ReadonlySet<string>;
  apiPermissions: Map<string, ApiAccessPermission>;
  now: Date;
}

function leaverFinding(judge: Judge, facts: UserFacts, joined: JoinedUser): Finding {
  const { identity } = judge;
  const who = joined.identity!;
  const source = sourceLabel(judge.sources.get(who.source), who.source);
  const permissions = [...facts.heldPermissions];
  const admin = holdsAdminRole(facts.user.roles, facts.user.role, judge.adminRoles);
  const privileged = permissions.length > 0 || admin;
  const state =
    who.state === 'deleted'
      ? `links to an Entra user (${who.personId}) that ${source} no longer has`
      : who.state === 'suspended'
        ? `belongs to a person ${source} shows as suspended`
        : `belongs to a person ${source} shows as gone (terminated)`;
  const holds = [
    ...permissions,
    ...(admin ? judge.policy.safety.adminRoles.filter((r) => facts.roles.has(r.toLowerCase())) : []),
  ];
  const held = new Set<ApiAccessPermission>();
  for (const name of permissions) {
    const kind = judge.apiPermissions.get(name);
    if (kind) held.add(kind);
  }
  const more = apiAccessSteps(held, facts.user.name);
  const steps = more.length > 0 ? { steps: more } : {};
  const fix: FindingFix =
    identity.leaverFix === 'none'
      ? { action: 'manual', steps: [deactivateStep(facts.user.kind, facts.user.name), ...more] }
      : { action: identity.leaverFix, ...steps };
  const evidence: Finding['evidence'] = {};
  if (permissions.length > 0) evidence.permissions = permissions;
  const roles = holds.slice(permissions.length);
  if (roles.length > 0) evidence.roles = roles;
  return {
    id: findingId('identity-leaver', userKey(facts.user)),
    rule: 'identity-leaver',
    severity: privileged ? 'critical' : 'high',
    message:
      `${describeUser(facts)} is an active account that ${state}` +
      (privileged ? `, and it still holds ${holds.join(', ')}` : ''),
    user: toFindingUser(facts),
    evidence,
    fix,
    exemption: null,
    location: locationOf(identity, who.source),
  };
}

function unmatchedFinding(judge: Judge, facts: UserFacts, severity: Severity): Finding {
  const { identity } = judge;
  const sources = identity.sources.map((s) => s.id).join(', ');
  return {
    id: findingId('identity-unmatched', userKey(facts.user)),
    rule: 'identity-unmatched',
    severity,
    message: `${describeUser(facts)} is an active account that no identity source knows (${sources})`,
    user: toFindingUser(facts),
    evidence: {},
    fix: {
      action: 'manual',
      steps: [
        `Find out who uses the account. If it is a person, add them to an identity source (${sources}), or ` +
          `correct the account's email in ServiceTitan so it matches theirs.`,
        `If it is a shared or service account that must stay, exempt it from identity-unmatched in the policy with the reason and an owner.`,
        `If nobody needs it: ${deactivateStep(facts.user.kind, facts.user.name)}`,
      ],
    },
    exemption: null,
    location: locationOf(identity, null),
  };
}

function dormantFinding(judge: Judge, facts: UserFacts, joined: JoinedUser, days: number): Finding {
  const { identity } = judge;
  const who = joined.identity!;
  const since = inactiveSince(joined)!;
  const source = sourceLabel(judge.sources.get(who.source), who.source);
  const what =
    who.lastSignIn === null || Date.parse(who.lastSignIn) <= 0
      ? `has never signed in to ${source} since the person was created there on ${since.slice(0, 10)}`
      : `has not signed in to ${source} since ${since.slice(0, 10)}`;
  return {
    id: findingId('identity-dormant', userKey(facts.user)),
    rule: 'identity-dormant',
    severity: 'low',
    message: `${describeUser(facts)} ${what}: ${days} days, more than the ${identity.dormantAfterDays} days identity.dormant-after-days allows`,
    user: toFindingUser(facts),
    evidence: { inactiveSince: since },
    fix: {
      action: 'manual',
      steps: [
        `Ask the person (or their manager) whether they still need ServiceTitan. If not: ${deactivateStep(facts.user.kind, facts.user.name)}`,
      ],
    },
    exemption: null,
    location: locationOf(identity, who.source),
  };
}

function ssoBrokenFinding(judge: Judge, facts: UserFacts, joined: JoinedUser): Finding {
  const target = joined.ssoTarget!;
  const source = sourceLabel(judge.sources.get(target.directory.sourceId), target.directory.sourceId);
  const screen = `Settings > People > ${facts.user.kind === 'employee' ? 'Employees' : 'Technicians'} > ${facts.user.name}`;
  return {
    id: findingId('identity-sso-broken', userKey(facts.user)),
    rule: 'identity-sso-broken',
    severity: 'medium',
    message:
      `${describeUser(facts)} is linked to Entra user ${facts.user.aadUserId}, which ${source} does not have, ` +
      `while its email belongs to Entra user ${target.person.personId}: its single sign-on link is broken`,
    user: toFindingUser(facts),
    evidence: { entraUser: { source: target.directory.sourceId, personId: target.person.personId } },
    fix: {
      action: 'manual',
      steps: [
        `In ServiceTitan, open ${screen} and connect the account to Microsoft again, so it is linked to Entra user ${target.person.personId}; ` +
          `if the email belongs to someone else, correct the email instead.`,
      ],
    },
    exemption: null,
    location: locationOf(judge.identity, target.directory.sourceId),
  };
}

function dormancyUnavailable(directory: Directory): string | null {
  if (directory.signInReported) return null;
  if (directory.signInUnavailable) return directory.signInUnavailable;
  return directory.kind === 'csv'
    ? 'an HR roster does not record sign-ins'
    : 'the directory reported no sign-in times';
}

/**
 * Each user's identity columns, looked up by record. It keeps only what the join decided (not the
 * users' facts), and builds its index on first use: an audit that writes no evidence never does.
 */
export function rosterOf(users: readonly TenantUser[], facts: IdentityFacts): IdentityRoster {
  let byKey: Map<string, number> | null = null;
  return (user) => {
    if (byKey === null) {
      byKey = new Map();
      for (let i = 0; i < users.length; i++) byKey.set(userKey(users[i]!), i);
    }
    const i = byKey.get(userKey(user));
    if (i === undefined) return undefined;
    return {
      identity: facts.identity[i] ?? null,
      audience: facts.audience[i]!,
      audienceFrom: facts.audienceFrom[i]!,
    };
  };
}

/**
 * The four identity findings for every user they concern, and the tallies of the report's
 * "Identity" section, in one pass; `users` and `joined` are in snapshot order.
 */
export function judgeIdentity(
  policy: Policy,
  identity: PolicyIdentity,
  users: readonly UserFacts[],
  joined: { joined: readonly JoinedUser[]; facts: IdentityFacts },
  directories: readonly Directory[],
  now: Date,
): { findings: Finding[]; evaluation: IdentityEvaluation } {
  const judge: Judge = {
    policy,
    identity,
    sources: new Map(identity.sources.map((s) => [s.id, s])),
    adminRoles: new Set(adminRoleNames(policy).map((r) => r.toLowerCase())),
    apiPermissions: new Map(
      policy.permissions.flatMap((m) => {
        const kind = apiAccessPermission(m);
        return kind ? [[m.name, kind] as const] : [];
      }),
    ),
    now,
  };
  const directoryOf = new Map(directories.map((d) => [d.sourceId, d]));
  const sources = identity.sources.map((s) => {
    const directory = directoryOf.get(s.id);
    return {
      id: s.id,
      kind: s.kind,
      people: directory?.people.length ?? 0,
      matched: 0,
      leavers: 0,
      dormant: 0,
      dormancyUnavailable: directory ? dormancyUnavailable(directory) : null,
    };
  });
  const bySource = new Map(sources.map((s) => [s.id, s]));
  const summary: IdentitySummary = {
    accounts: 0,
    matched: 0,
    unmatched: 0,
    leavers: 0,
    dormant: 0,
    ssoBroken: 0,
    dormantAfterDays: identity.dormantAfterDays,
    sources,
  };
  const findings: Finding[] = [];
  const unmatched: IdentityEvaluation['unmatched'] = [];
  for (let i = 0; i < users.length; i++) {
    const facts = users[i]!;
    const join = joined.joined[i]!;
    if (join.ssoTarget) {
      summary.ssoBroken += 1;
      findings.push(ssoBrokenFinding(judge, facts, join));
    }
    if (!facts.activeAccount) continue;
    summary.accounts += 1;
    if (join.identity === null) {
      summary.unmatched += 1;
      const finding =
        identity.unmatched !== 'ignore' ? unmatchedFinding(judge, facts, identity.unmatched) : null;
      if (finding) findings.push(finding);
      unmatched.push(finding?.user ?? toFindingUser(facts));
      continue;
    }
    summary.matched += 1;
    const source = bySource.get(join.identity.source);
    if (source) source.matched += 1;
    if (isLeaver(join)) {
      summary.leavers += 1;
      if (source) source.leavers += 1;
      findings.push(leaverFinding(judge, facts, join));
      continue;
    }
    const days = dormantDays(identity, join, now);
    if (days !== null) {
      summary.dormant += 1;
      if (source) source.dormant += 1;
      findings.push(dormantFinding(judge, facts, join, days));
    }
  }
  const roster = rosterOf(
    users.map((f) => f.user),
    joined.facts,
  );
  return { findings, evaluation: { summary, roster, unmatched } };
}
