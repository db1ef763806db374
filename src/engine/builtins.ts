/** The findings that are always checked, whatever the policy says (SPEC §4, built-in findings). */
import type { Exemption, Policy } from '../policy/types.js';
import { matchesUserRef } from './audience.js';
import { exemptionIsActive, exemptionKey } from './exemptions.js';
import { findingId } from './fingerprint.js';
import type { TenantUser } from './snapshot.js';
import type { Finding } from './types.js';
import { describeUser, toFindingUser, type UserFacts } from './user-facts.js';

function exemptionSubject(e: Exemption): string {
  return `${e.user ? `for ${e.user.raw}` : 'for the tenant'} from ${e.rules.join(', ')}`;
}

function exemptedUser(e: Exemption, users: readonly UserFacts[]): UserFacts | null {
  if (!e.user) return null;
  const ref = e.user;
  const matching = users.filter((facts) => matchesUserRef(facts.user, ref));
  // lowest kind:id, so the answer does not depend on the order of users in the snapshot
  matching.sort((a, b) => a.user.kind.localeCompare(b.user.kind) || a.user.id - b.user.id);
  return matching[0] ?? null;
}

export function exemptionExpiredFinding(e: Exemption, policy: Policy, users: readonly UserFacts[]): Finding {
  const facts = exemptedUser(e, users);
  const who = facts ? ` (${describeUser(facts)})` : '';
  return {
    id: findingId('exemption-expired', exemptionKey(e)),
    rule: 'exemption-expired',
    severity: 'high',
    message:
      `The exemption ${exemptionSubject(e)}${who} expired on ${e.expires}; ` +
      `the findings it covered count again (reason was: ${e.reason})`,
    user: facts ? toFindingUser(facts) : null,
    evidence: { exemption: e.index },
    fix: {
      action: 'manual',
      steps: [
        `Edit the exemption at line ${e.position.line} of ${policy.source.path}: renew it with a new ` +
          `expires date and approval, or remove it and fix the findings it covered.`,
      ],
    },
    exemption: null,
    location: e.position,
  };
}

export function exemptionUnusedFinding(e: Exemption, policy: Policy): Finding {
  return {
    id: findingId('exemption-unused', exemptionKey(e)),
    rule: 'exemption-unused',
    severity: 'low',
    message:
      `The exemption ${exemptionSubject(e)} (until ${e.expires}) covers no finding; ` +
      `an exemption left in place could hide a future violation`,
    user: null,
    evidence: { exemption: e.index },
    fix: {
      action: 'manual',
      steps: [
        `Edit the exemption at line ${e.position.line} of ${policy.source.path}: remove it, or correct ` +
          `its user or rules if it was meant to cover a finding.`,
      ],
    },
    exemption: null,
    location: e.position,
  };
}

/** Expired exemptions, and active ones that matched no finding. */
export function exemptionFindings(
  policy: Policy,
  users: readonly UserFacts[],
  used: ReadonlySet<number>,
  now: Date,
): Finding[] {
  return policy.exemptions.flatMap((e) => {
    if (!exemptionIsActive(e, now)) return [exemptionExpiredFinding(e, policy, users)];
    return used.has(e.index) ? [] : [exemptionUnusedFinding(e, policy)];
  });
}

/**
 * Mapped permission ids that no user carries at all, whatever the value: the id is probably
 * wrong, and every rule using it would pass silently.
 */
export function permissionUnmappedFindings(policy: Policy, users: readonly TenantUser[]): Finding[] {
  // Only the mapped ids matter, and usually the first user carries them all; users sharing one
  // permissions object (see PermissionSets) are looked at once.
  const missing = new Set(policy.permissions.map((mapping) => String(mapping.id)));
  const looked = new Set<TenantUser['permissions']>();
  for (const user of users) {
    if (missing.size === 0) break;
    if (looked.has(user.permissions)) continue;
    looked.add(user.permissions);
    for (const id of missing) if (Object.hasOwn(user.permissions, id)) missing.delete(id);
  }
  return policy.permissions
    .filter((mapping) => missing.has(String(mapping.id)))
    .map((mapping) => ({
      id: findingId('permission-unmapped', mapping.name),
      rule: 'permission-unmapped',
      severity: 'high' as const,
      message:
        `Permission ${mapping.name} is mapped to id ${mapping.id}, which no user in the tenant carries; ` +
        `the mapping is probably wrong, so rules using it cannot find anyone`,
      user: null,
      evidence: { permission: mapping.name },
      fix: {
        action: 'manual' as const,
        steps: [
          `Check the permission id at line ${mapping.position.line} of ${policy.source.path} ` +
            `with \`st-access-guard discover\` and correct it.`,
        ],
      },
      exemption: null,
      location: mapping.position,
    }));
}
