/** The engine's public surface: pure functions of (policy, snapshot, now). */
export { classifyAudience, isAtDomain, matchesUserRef } from './audience.js';
export { compareFindings } from './compare.js';
export { discover, type Discovery } from './discover.js';
export { compareFindingOrder, evaluate } from './evaluate.js';
export { exemptionEndsAt, exemptionIsActive, isExempt } from './exemptions.js';
export { severityAtOrAbove, type FailOn } from './fail-on.js';
export { buildPlan, checkMaxChanges } from './plan.js';
export { resolveFixRoles, roleIdsByName, type RoleIdsByName } from './role-directory.js';
export type * from './snapshot.js';
export * from './types.js';
