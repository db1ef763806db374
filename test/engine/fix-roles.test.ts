import { describe, expect, it } from 'vitest';
import { resolveFixRoles } from '../../src/engine/plan.js';
import { forbid, policy, snapshot } from './builders.js';

const withFix = (role: string) =>
  policy({ rules: [forbid('demote', { account: true, fix: { action: 'set-role', role } })] });

describe('set-role targets', () => {
  it('accepts a role the tenant has and has active, case-insensitively', () => {
    expect(resolveFixRoles(withFix('office'), snapshot([]))).toEqual([]);
  });

  it('reports an unknown role at the rule, with the nearest role name as hint', () => {
    expect(resolveFixRoles(withFix('Ofice'), snapshot([]))).toEqual([
      {
        file: '.github/servicetitan-access.yml',
        line: 20,
        column: 5,
        code: 'policy.unknown-role',
        message: 'Rule demote sets role Ofice, which is not a role in the tenant',
        hint: 'Did you mean "Office"? Role names come from the tenant\'s user roles.',
      },
    ]);
  });

  it('reports a role that exists but is inactive', () => {
    const [issue] = resolveFixRoles(withFix('Retired'), snapshot([]));
    expect(issue?.message).toBe('Rule demote sets role Retired, which is inactive in the tenant');
  });
});
