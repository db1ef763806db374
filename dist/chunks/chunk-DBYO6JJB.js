import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/engine/counts.ts
function emptyCounts() {
  return {
    users: 0,
    activeUsers: 0,
    externalUsers: 0,
    findings: 0,
    exempted: 0,
    critical: 0,
    high: 0,
    medium: 0,
    low: 0
  };
}
function tenantCounts(snapshot, externalUsers) {
  return {
    ...emptyCounts(),
    users: snapshot.users.length,
    activeUsers: snapshot.users.filter((user) => user.active && !user.locked).length,
    externalUsers
  };
}

export {
  emptyCounts,
  tenantCounts
};
