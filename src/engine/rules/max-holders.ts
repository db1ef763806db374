/**
 * `max-holders` (SPEC §4): at most one tenant-level finding, when more covered users than allowed
 * hold the roles or permissions it counts.
 */
import type { MaxHoldersRule } from '../../policy/types.js';
import { reduceHoldersSteps } from '../manual-steps.js';
import { selectorFor } from '../selectors.js';
import type { Finding } from '../types.js';
import { holdsAnyPermission, holdsAnyRole, type UserFacts } from '../user-facts.js';
import { because, labelOf, tenantFindingId, type MappingsByName } from './shared.js';

/** At most one tenant-level finding: too many selected users hold the roles or permissions. */
export function evaluateMaxHoldersRule(
  rule: MaxHoldersRule,
  users: readonly UserFacts[],
  mappings: MappingsByName,
): Finding[] {
  const { roles, permissions, max } = rule.maxHolders;
  const lowerCaseRoles = roles.map((role) => role.toLowerCase());
  const isSelected = selectorFor(rule.appliesTo);
  const holders = users.filter(
    (facts) =>
      isSelected(facts) && (holdsAnyPermission(facts, permissions) || holdsAnyRole(facts, lowerCaseRoles)),
  );
  if (holders.length <= max) return [];
  const listed = holders
    .map(({ user }) => ({ kind: user.kind, id: user.id, name: user.name }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.id - b.id);
  const holding = [
    ...roles.map((role) => `role ${role}`),
    ...permissions.map((p) => labelOf(p, mappings)),
  ].join(' or ');
  const evidence: Finding['evidence'] = { holders: listed, max };
  if (roles.length > 0) evidence.roles = [...roles];
  if (permissions.length > 0) evidence.permissions = [...permissions];
  return [
    {
      id: tenantFindingId(rule.id),
      rule: rule.id,
      severity: rule.severity,
      message:
        `${holders.length} users hold ${holding}, more than the ${max} allowed; ` +
        `rule ${rule.id} limits it${because(rule)}`,
      user: null,
      evidence,
      fix: { action: 'manual', steps: reduceHoldersSteps(rule.id, holding, holders.length - max) },
      exemption: null,
      location: rule.position,
    },
  ];
}
