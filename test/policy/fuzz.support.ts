/**
 * What the policy fuzz tests share: the property every generated document must meet, the valid
 * policy the near-valid documents are mutated from, and the mutations.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { PolicyError } from '../../src/errors.js';
import { parsePolicy } from '../../src/policy/load.js';
import { NOW } from './support.js';

/** The property: a Policy comes back, or a PolicyError whose every issue is located; nothing else. */
export function parsesOrRefusesCleanly(text: string): void {
  try {
    const loaded = parsePolicy(text, 'fuzz.yml', { now: NOW });
    expect(loaded.version).toBe(1);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(issue.line).toBeGreaterThanOrEqual(1);
      expect(issue.column).toBeGreaterThanOrEqual(1);
      expect(issue.code).toMatch(/^policy\./);
    }
  }
}

export const VALID = {
  version: 1,
  organization: {
    name: 'Acme',
    'internal-domains': ['acme-hvac.com'],
    'external-users': ['t@acme-hvac.com'],
  },
  permissions: { 'generate-api-key': { id: 10421, granted: ['True'] }, 'manage-api-access': { id: 10422 } },
  rules: [
    {
      id: 'no-external-api-access',
      severity: 'critical',
      'applies-to': { audience: 'external', kinds: ['employee'], 'except-users': ['login:bob'] },
      forbid: { permissions: ['generate-api-key', 'manage-api-access'], roles: ['Admin'] },
      fix: { 'set-role': 'Technician' },
    },
    { id: 'few-admins', 'max-holders': { roles: ['Admin'], max: 2 } },
  ],
  exemptions: [
    {
      user: 'p@x.example',
      rules: ['no-external-api-access'],
      reason: 'r',
      expires: '2026-06-01',
      'approved-by': 's@acme-hvac.com',
    },
    { rules: ['few-admins'], reason: 'r', expires: '2026-06-01', 'approved-by': 's@acme-hvac.com' },
  ],
  safety: { 'protected-users': ['user:1'], 'min-active-admins': 1 },
};

type Mutation = { path: number[]; kind: 'replace' | 'delete' | 'rename'; value: unknown; suffix: string };

/** Applies a mutation at a path chosen by walking `path` indices modulo the children at each level. */
export function mutate(doc: unknown, { path, kind, value, suffix }: Mutation): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  let parent: Record<string | number, unknown> = copy;
  let key: string | number | undefined;
  for (const step of path) {
    const current = key === undefined ? parent : parent[key];
    if (typeof current !== 'object' || current === null) break;
    const keys = Array.isArray(current) ? current.map((_, i) => i) : Object.keys(current);
    if (keys.length === 0) break;
    if (key !== undefined) parent = current as Record<string | number, unknown>;
    key = keys[step % keys.length];
  }
  if (key === undefined) return value;
  if (kind === 'replace') parent[key] = value;
  else if (kind === 'delete' && !Array.isArray(parent)) delete parent[key];
  else if (kind === 'rename' && !Array.isArray(parent) && typeof key === 'string') {
    parent[`${key.slice(0, -1)}${suffix}`] = parent[key];
    delete parent[key];
  } else parent[key] = value;
  return copy;
}

export const mutation = fc.record({
  path: fc.array(fc.nat(20), { minLength: 1, maxLength: 6 }),
  kind: fc.constantFrom('replace', 'delete', 'rename') as fc.Arbitrary<Mutation['kind']>,
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(
      '',
      'lock',
      'external',
      'critical',
      'bob',
      '2099-01-01',
      'login:',
      -1,
      0,
      1.5,
      null,
      [],
      {},
    ),
  ),
  suffix: fc.string({ maxLength: 3 }),
});
