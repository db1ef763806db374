/**
 * `fleet-matrix` (SPEC §10): the fleet file and every tenant's policy checked up front, so a typo
 * in one tenant's policy fails the matrix job, not the 37th audit; then the JSON that
 * `strategy.matrix` takes.
 */
import { ConfigurationError, PolicyError, type PolicyIssue } from '../errors.js';
import { loadPolicyFile } from '../policy/load.js';
import type { Policy } from '../policy/types.js';
import { MAX_MATRIX_TENANTS, type Fleet } from './file.js';

export interface MatrixEntry {
  name: string;
  policy: string;
  environment: 'production' | 'integration';
  'secret-suffix': string;
}

export interface FleetMatrix {
  include: MatrixEntry[];
}

export function fleetMatrix(fleet: Fleet): FleetMatrix {
  return {
    include: fleet.tenants.map((t) => ({
      name: t.name,
      policy: t.policy,
      environment: t.environment,
      'secret-suffix': t.secretSuffix,
    })),
  };
}

export interface CheckedPolicy {
  path: string;
  rules: number;
  extends: string[];
  tenants: string[];
}

/**
 * Loads every policy the fleet names (each file once, however many tenants share it). Every
 * problem of every policy comes back at once, in one PolicyError, each located in its file.
 */
export async function checkFleetPolicies(
  fleet: Fleet,
  load: (policyPath: string) => Promise<Policy>,
): Promise<CheckedPolicy[]> {
  if (fleet.tenants.length > MAX_MATRIX_TENANTS) {
    throw new ConfigurationError(
      'fleet.matrix-too-large',
      `The fleet lists ${fleet.tenants.length} tenants; GitHub runs at most ${MAX_MATRIX_TENANTS} jobs from one matrix.`,
      'Split the tenants over several fleet files, one matrix job each; one fleet-report job can still roll up every report.',
    );
  }
  const byPolicy = new Map<string, string[]>();
  for (const t of fleet.tenants) byPolicy.set(t.policy, [...(byPolicy.get(t.policy) ?? []), t.name]);
  const issues: PolicyIssue[] = [];
  const checked: CheckedPolicy[] = [];
  for (const [policyPath, tenants] of byPolicy) {
    try {
      const policy = await load(policyPath);
      checked.push({
        path: policyPath,
        rules: policy.rules.length,
        extends: (policy.source.extends ?? []).map((b) => b.path),
        tenants,
      });
    } catch (error) {
      if (error instanceof PolicyError) issues.push(...error.issues);
      else if (error instanceof ConfigurationError) {
        // a policy that is missing or unreadable: located at the fleet entry that names it
        const first = fleet.tenants.find((t) => t.policy === policyPath);
        issues.push({
          file: fleet.path,
          line: first?.line ?? 1,
          column: 1,
          code: error.code,
          message: `${error.message} (tenant${tenants.length === 1 ? '' : 's'} ${tenants.join(', ')})`,
          ...(error.hint ? { hint: error.hint } : {}),
        });
      } else throw error;
    }
  }
  if (issues.length > 0) throw new PolicyError(dedupe(issues));
  return checked;
}

/** A base shared by several tenant policies reports its problem once. */
function dedupe(issues: PolicyIssue[]): PolicyIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.file}:${i.line}:${i.column}:${i.code}:${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Loads a tenant policy as the audit will (workspace-bound in Actions). */
export function policyLoader(options: {
  now: Date;
  resolve: (file: string) => string;
  workspace?: string;
}): (policyPath: string) => Promise<Policy> {
  return (policyPath) =>
    loadPolicyFile(options.resolve(policyPath), {
      now: options.now,
      displayPath: policyPath,
      ...(options.workspace !== undefined ? { workspace: options.workspace } : {}),
    });
}
