/**
 * The rule registry: one judgement file per rule kind in `rules/`, dispatched on the kind that
 * normalization set. The switch is exhaustive: a kind added to the policy language without its
 * file here does not compile, and a rule whose kind is none of them is refused, never judged as
 * another kind.
 */
import { assertNever } from '../domain/assert-never.js';
import type { Rule } from '../policy/types.js';
import { evaluateForbidRule } from './rules/forbid.js';
import { evaluateMaxHoldersRule } from './rules/max-holders.js';
import type { MappingsByName } from './rules/shared.js';
import type { Finding } from './types.js';
import type { UserFacts } from './user-facts.js';

export type { MappingsByName } from './rules/shared.js';
export { tenantFindingId, userFindingId } from './rules/shared.js';

export function evaluateRule(rule: Rule, users: readonly UserFacts[], mappings: MappingsByName): Finding[] {
  switch (rule.kind) {
    case 'forbid':
      return evaluateForbidRule(rule, users, mappings);
    case 'max-holders':
      return evaluateMaxHoldersRule(rule, users, mappings);
    default:
      return assertNever(rule, 'rule kind');
  }
}
