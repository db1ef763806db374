import { describe, expect, it } from 'vitest';
import { maxHolders, policy, user } from './builders.js';
import { carrier, ofRule, run } from './helpers.js';

function audit(max: number, admins: number) {
  const p = policy({ rules: [maxHolders('at-most-admins', { roles: ['Admin', 'Owner'], max })] });
  const users = Array.from({ length: admins }, (_, i) =>
    user({ id: 50 - i, name: `Admin ${i}`, roles: i % 2 ? ['Admin'] : [], role: i % 2 ? null : 'Owner' }),
  );
  return run(p, [user(carrier(p)), user({ id: 99, roles: ['Office'] }), ...users]);
}

describe('max-holders rules', () => {
  it('makes no finding at the limit', () => {
    expect(ofRule(audit(3, 3), 'at-most-admins')).toEqual([]);
  });

  it('makes one tenant-level finding over the limit, listing the holders sorted', () => {
    const [finding] = ofRule(audit(2, 4), 'at-most-admins');
    expect(finding?.user).toBeNull();
    expect(finding?.severity).toBe('medium');
    expect(finding?.evidence.max).toBe(2);
    expect(finding?.evidence.holders?.map((h) => h.id)).toEqual([47, 48, 49, 50]);
    expect(finding?.message).toContain('4 users hold role Admin or role Owner, more than the 2 allowed');
  });

  it('counts holders of mapped permissions too', () => {
    const p = policy({
      rules: [maxHolders('few-key-holders', { permissions: ['generate-api-key'], max: 1 })],
    });
    const holders = [1, 2].map((id) => user({ id: 10 + id, permissions: { '1234': 'True' } }));
    expect(ofRule(run(p, [user(carrier(p)), ...holders]), 'few-key-holders')).toHaveLength(1);
  });

  it('fixes manually, saying how many holders to remove', () => {
    const [finding] = ofRule(audit(1, 4), 'at-most-admins');
    expect(finding?.fix.action).toBe('manual');
    expect(finding?.fix.action === 'manual' && finding.fix.steps[0]).toContain('from 3 of the holders');
  });
});
