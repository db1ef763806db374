/** The counts every report carries: zero before anything is counted, then the tenant's users. */
import type { Snapshot } from './snapshot.js';
import type { Evaluation } from './types.js';

export function emptyCounts(): Evaluation['counts'] {
  return {
    users: 0,
    activeUsers: 0,
    externalUsers: 0,
    findings: 0,
    exempted: 0,
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
  };
}

export function tenantCounts(snapshot: Snapshot, externalUsers: number): Evaluation['counts'] {
  return {
    ...emptyCounts(),
    users: snapshot.users.length,
    activeUsers: snapshot.users.filter((user) => user.active && !user.locked).length,
    externalUsers,
  };
}
