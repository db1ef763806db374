/**
 * The rule registry: a rule's kind is the one kind key it is written with, set explicitly by
 * normalization, and the engine dispatches on it exhaustively. A kind nobody wrote a judgement
 * for is refused, never judged as another kind (it used to become a `forbid` rule).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { parsePolicy } from '../../src/policy/load.js';
import { RULE_KINDS, ruleKindOf } from '../../src/policy/rule-kinds.js';
import type { Rule } from '../../src/policy/types.js';
import { forbid, maxHolders, NOW, policy, snapshot, user } from './builders.js';
import { carrier, ofRule, run } from './helpers.js';

const parse = (text: string) => parsePolicy(text, 'policy.yml', { now: NOW });

describe('a rule’s kind', () => {
  it('is the one kind key the rule is written with', () => {
    expect(RULE_KINDS).toEqual(['forbid', 'max-holders']);
    expect(ruleKindOf({ id: 'a', forbid: { account: true } })).toBe('forbid');
    expect(ruleKindOf({ id: 'a', 'max-holders': { roles: ['Admin'], max: 1 } })).toBe('max-holders');
    // none, two, or a key that is no kind: no kind at all, never a default one
    expect(ruleKindOf({ id: 'a' })).toBeNull();
    expect(ruleKindOf({ id: 'a', forbid: {}, 'max-holders': { max: 1 } })).toBeNull();
    expect(ruleKindOf({ id: 'a', 'min-holders': { roles: ['Admin'], min: 2 } })).toBeNull();
  });

  it('is set by normalization from the key, for each kind', () => {
    const p = parse(
      [
        'version: 1',
        'rules:',
        '  - id: no-accounts',
        '    forbid: { account: true }',
        '  - id: few-admins',
        '    max-holders: { roles: [Admin], max: 2 }',
        '',
      ].join('\n'),
    );
    expect(p.rules.map((r) => [r.id, r.kind])).toEqual([
      ['no-accounts', 'forbid'],
      ['few-admins', 'max-holders'],
    ]);
  });

  it('of a key the language does not have is refused with the file’s line, not read as forbid', () => {
    expect(() =>
      parse('version: 1\nrules:\n  - id: two-admins\n    min-holders: { roles: [Admin], min: 2 }\n'),
    ).toThrow(/policy\.yml:4:\d+ .*min-holders/);
  });
});

describe('the engine’s dispatch', () => {
  const users = [user({ id: 1, roles: ['Admin'] }), user({ id: 2, roles: ['Admin'] })];

  it('judges each kind by its own file: forbid per user, max-holders per tenant', () => {
    const p = policy({
      rules: [
        forbid('no-admins', { roles: ['Admin'] }),
        maxHolders('one-admin', { roles: ['Admin'], max: 1 }),
      ],
    });
    const evaluation = run(p, [user(carrier(p)), ...users]);
    expect(ofRule(evaluation, 'no-admins').map((f) => f.user?.id)).toEqual([1, 2]);
    expect(ofRule(evaluation, 'one-admin').map((f) => [f.user, f.evidence.holders?.length])).toEqual([
      [null, 2],
    ]);
  });

  it('refuses a rule of a kind it has no judgement for, instead of judging it as another', () => {
    // a third kind that reached the engine without its file (the types refuse it; data could not)
    const stray = {
      ...forbid('two-admins', { roles: ['Admin'] }),
      kind: 'min-holders',
    } as unknown as Rule;
    expect(() => evaluate(policy({ rules: [stray] }), snapshot(users), NOW)).toThrow(
      'Unhandled rule kind: "min-holders"',
    );
  });

  it('has a type that admits no third kind', () => {
    // @ts-expect-error: `min-holders` is not a rule kind until the language has it
    const third: Rule['kind'] = 'min-holders';
    expect(RULE_KINDS).not.toContain(third);
  });
});
