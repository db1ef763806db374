/** The tenant-level counts every report carries, before any finding is counted. */
import type { Snapshot } from './snapshot.js';
import type { Evaluation } from './types.js';

export function tenantCounts(snapshot: Snapshot, externalUsers: number): Evaluation['counts'] {
  return {
    users: snapshot.users.length,
    activeUsers: snapshot.users.filter((user) => user.active && !user.locked).length,
    externalUsers,
    findings: 0,
    exempted: 0,
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
  };
}
