/**
 * `forbid` (SPEC §4): one finding per covered user who holds anything the rule forbids, with the
 * fix the rule names (or the manual steps), in one pass over the indexed users.
 */
import type { ForbidRule } from '../../policy/types.js';
import {
  apiAccessPermission,
  apiAccessSteps,
  deactivateStep,
  removeRoleStep,
  turnOffPermissionStep,
  type ApiAccessPermission,
} from '../manual-steps.js';
import { selectorFor } from '../selectors.js';
import type { Finding, FindingFix } from '../types.js';
import {
  describeUser,
  heldRoles,
  holdsAnyPermission,
  holdsAnyRole,
  toFindingUser,
  type UserFacts,
} from '../user-facts.js';
import { because, labelOf, userFindingId, type MappingsByName } from './shared.js';

interface Held {
  permissions: string[];
  roles: string[];
  account: boolean;
}

function whatIsHeld(rule: ForbidRule, facts: UserFacts): Held {
  return {
    permissions: rule.forbid.permissions.filter((name) => facts.heldPermissions.has(name)),
    roles: heldRoles(facts, rule.forbid.roles),
    account: rule.forbid.account && facts.activeAccount,
  };
}

/** The manual steps that revoke the API credentials a holder of the API permissions may have made. */
function credentialSteps(facts: UserFacts, held: Held, mappings: MappingsByName): string[] {
  const kinds = new Set<ApiAccessPermission>();
  for (const name of held.permissions) {
    const mapping = mappings.get(name);
    const kind = mapping ? apiAccessPermission(mapping) : null;
    if (kind) kinds.add(kind);
  }
  return apiAccessSteps(kinds, facts.user.name);
}

function forbidFix(rule: ForbidRule, facts: UserFacts, held: Held, mappings: MappingsByName): FindingFix {
  const more = credentialSteps(facts, held, mappings);
  const steps = more.length > 0 ? { steps: more } : {};
  switch (rule.fix.action) {
    case 'lock':
      return { action: 'lock', ...steps };
    case 'deactivate':
      return { action: 'deactivate', ...steps };
    case 'set-role':
      return { action: 'set-role', role: rule.fix.role, ...steps };
    case 'none': {
      const { kind, name } = facts.user;
      return {
        action: 'manual',
        steps: [
          ...held.permissions.map((p) => turnOffPermissionStep(kind, name, labelOf(p, mappings))),
          ...held.roles.map((role) => removeRoleStep(kind, name, role)),
          ...(held.account ? [deactivateStep(kind, name)] : []),
          ...more,
        ],
      };
    }
  }
}

/** One finding per selected user that holds anything the rule forbids. */
export function evaluateForbidRule(
  rule: ForbidRule,
  users: readonly UserFacts[],
  mappings: MappingsByName,
): Finding[] {
  const findings: Finding[] = [];
  const { permissions, account } = rule.forbid;
  const roles = rule.forbid.roles.map((role) => role.toLowerCase());
  const isSelected = selectorFor(rule.appliesTo);
  for (let i = 0; i < users.length; i++) {
    const facts = users[i]!;
    if (!isSelected(facts)) continue;
    // most users hold nothing a rule forbids: ask without building the list of what they hold
    const holdsSomething =
      (account && facts.activeAccount) ||
      holdsAnyPermission(facts, permissions) ||
      holdsAnyRole(facts, roles);
    if (!holdsSomething) continue;
    const held = whatIsHeld(rule, facts);
    if (held.permissions.length === 0 && held.roles.length === 0 && !held.account) continue;
    const what = [
      ...held.permissions.map((p) => labelOf(p, mappings)),
      ...held.roles.map((role) => `role ${role}`),
      ...(held.account ? ['an active account'] : []),
    ];
    const evidence: Finding['evidence'] = {};
    if (held.permissions.length > 0) evidence.permissions = held.permissions;
    if (held.roles.length > 0) evidence.roles = held.roles;
    if (held.account) evidence.account = true;
    findings.push({
      id: userFindingId(rule.id, facts),
      rule: rule.id,
      severity: rule.severity,
      message: `${describeUser(facts)} holds ${what.join(', ')}; rule ${rule.id} forbids it${because(rule)}`,
      user: toFindingUser(facts),
      evidence,
      fix: forbidFix(rule, facts, held, mappings),
      exemption: null,
      location: rule.position,
    });
  }
  return findings;
}
