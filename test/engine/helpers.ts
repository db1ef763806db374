import { evaluate } from '../../src/engine/evaluate.js';
import type { TenantUser } from '../../src/engine/snapshot.js';
import type { Evaluation, Finding } from '../../src/engine/types.js';
import type { Policy } from '../../src/policy/types.js';
import { NOW, snapshot } from './builders.js';

/** Every mapped id carried by someone, so `permission-unmapped` stays out of tests about other things. */
export function carrier(p: Policy): Partial<TenantUser> {
  return {
    kind: 'technician',
    id: 1,
    name: 'Id Carrier',
    email: null,
    login: null,
    active: false,
    permissions: Object.fromEntries(p.permissions.map((m) => [String(m.id), 'False'])),
  };
}

export function run(p: Policy, users: TenantUser[], now: Date = NOW): Evaluation {
  return evaluate(p, snapshot(users), now);
}

export function ofRule(evaluation: Evaluation, rule: string): Finding[] {
  return evaluation.findings.filter((f) => f.rule === rule);
}

export function flaggedUserIds(evaluation: Evaluation, rule: string): number[] {
  return ofRule(evaluation, rule).map((f) => f.user?.id ?? -1);
}
