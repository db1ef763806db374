/** `applies-to` (SPEC §4): every key that is present must hold (AND). */
import type { AppliesTo } from '../policy/types.js';
import { matchesAnyUserRef } from './audience.js';
import type { UserFacts } from './user-facts.js';

function inBusinessUnits(facts: UserFacts, units: readonly (string | number)[]): boolean {
  const { businessUnitId, businessUnit } = facts.user;
  const name = businessUnit?.toLowerCase() ?? null;
  return units.some((unit) => {
    if (typeof unit === 'number') return unit === businessUnitId;
    if (name !== null && unit.trim().toLowerCase() === name) return true;
    // an id written as a string (`"12"`) still means the id
    return /^\d+$/.test(unit.trim()) && Number(unit) === businessUnitId;
  });
}

export function isSelected(appliesTo: AppliesTo, facts: UserFacts): boolean {
  const { user } = facts;
  // deactivated and locked accounts cannot act, so rules skip them unless asked not to
  if (!appliesTo.includeInactive && !facts.activeAccount) return false;
  if (appliesTo.audience !== 'any' && appliesTo.audience !== facts.audience) return false;
  if (!appliesTo.kinds.includes(user.kind)) return false;
  if (appliesTo.roles && !appliesTo.roles.some((role) => facts.roles.has(role.toLowerCase()))) return false;
  if (appliesTo.businessUnits && !inBusinessUnits(facts, appliesTo.businessUnits)) return false;
  if (appliesTo.users && !matchesAnyUserRef(user, appliesTo.users)) return false;
  if (matchesAnyUserRef(user, appliesTo.exceptUsers)) return false;
  return true;
}
