import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  holdsAnyRole
} from "./chunk-F7KJDFSJ.js";
import {
  matchesAnyUserRef
} from "./chunk-EIDODBDB.js";

// src/engine/selectors.ts
function selectorFor(appliesTo) {
  const { audience, kinds, includeInactive, users, exceptUsers } = appliesTo;
  const roles = appliesTo.roles ? appliesTo.roles.map((role) => role.toLowerCase()) : null;
  const units = appliesTo.businessUnits;
  const unitIds = /* @__PURE__ */ new Set();
  const unitNames = /* @__PURE__ */ new Set();
  for (const unit of units ?? []) {
    if (typeof unit === "number") unitIds.add(unit);
    else {
      unitNames.add(unit.trim().toLowerCase());
      if (/^\d+$/.test(unit.trim())) unitIds.add(Number(unit));
    }
  }
  return (facts) => {
    const { user } = facts;
    if (!includeInactive && !facts.activeAccount) return false;
    if (audience !== "any" && audience !== facts.audience) return false;
    if (!kinds.includes(user.kind)) return false;
    if (roles && !holdsAnyRole(facts, roles)) return false;
    if (units && !inBusinessUnits(facts, unitIds, unitNames)) return false;
    if (users && !matchesAnyUserRef(user, users)) return false;
    if (exceptUsers.length > 0 && matchesAnyUserRef(user, exceptUsers)) return false;
    return true;
  };
}
function inBusinessUnits(facts, ids, names) {
  const { businessUnitId } = facts.user;
  if (facts.businessUnit !== null && names.has(facts.businessUnit)) return true;
  return businessUnitId !== null && ids.has(businessUnitId);
}

export {
  selectorFor
};
