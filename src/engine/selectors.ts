/** `applies-to` (SPEC §4): every key that is present must hold (AND). */
import type { AppliesTo } from '../policy/types.js';
import { matchesAnyUserRef } from './audience.js';
import { holdsAnyRole, type UserFacts } from './user-facts.js';

/**
 * The test `applies-to` asks of each user, with the rule's names lower-cased and its business
 * units split into ids and names once: a rule is asked about every user of the tenant.
 */
export function selectorFor(appliesTo: AppliesTo): (facts: UserFacts) => boolean {
  const { audience, kinds, includeInactive, users, exceptUsers } = appliesTo;
  const roles = appliesTo.roles ? appliesTo.roles.map((role) => role.toLowerCase()) : null;
  const units = appliesTo.businessUnits;
  // a number is an id; a string is a name, or an id when it is all digits (`"12"`)
  const unitIds = new Set<number>();
  const unitNames = new Set<string>();
  for (const unit of units ?? []) {
    if (typeof unit === 'number') unitIds.add(unit);
    else {
      unitNames.add(unit.trim().toLowerCase());
      if (/^\d+$/.test(unit.trim())) unitIds.add(Number(unit));
    }
  }
  return (facts) => {
    const { user } = facts;
    // deactivated and locked accounts cannot act, so rules skip them unless asked not to
    if (!includeInactive && !facts.activeAccount) return false;
    if (audience !== 'any' && audience !== facts.audience) return false;
    if (!kinds.includes(user.kind)) return false;
    if (roles && !holdsAnyRole(facts, roles)) return false;
    if (units && !inBusinessUnits(facts, unitIds, unitNames)) return false;
    if (users && !matchesAnyUserRef(user, users)) return false;
    if (exceptUsers.length > 0 && matchesAnyUserRef(user, exceptUsers)) return false;
    return true;
  };
}

function inBusinessUnits(facts: UserFacts, ids: ReadonlySet<number>, names: ReadonlySet<string>): boolean {
  const { businessUnitId } = facts.user;
  if (facts.businessUnit !== null && names.has(facts.businessUnit)) return true;
  return businessUnitId !== null && ids.has(businessUnitId);
}

export function isSelected(appliesTo: AppliesTo, facts: UserFacts): boolean {
  return selectorFor(appliesTo)(facts);
}
