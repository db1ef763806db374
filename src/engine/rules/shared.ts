/** What every rule kind's judgement shares: mapped permission names, reasons and finding ids. */
import type { PermissionMapping, Rule } from '../../policy/types.js';
import { findingId } from '../fingerprint.js';
import { userKey, type UserFacts } from '../user-facts.js';

export type MappingsByName = ReadonlyMap<string, PermissionMapping>;

export function labelOf(name: string, mappings: MappingsByName): string {
  return mappings.get(name)?.label ?? name;
}

export function because(rule: Rule): string {
  return rule.description ? `: ${rule.description}` : '';
}

export function userFindingId(ruleId: string, facts: UserFacts): string {
  // the key is built only for findings, not for every user
  return findingId(ruleId, userKey(facts.user));
}

export function tenantFindingId(ruleId: string): string {
  return findingId(ruleId, 'tenant');
}
