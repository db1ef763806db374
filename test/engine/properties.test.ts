import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesUserRef } from '../../src/engine/audience.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { exemptionCovers } from '../../src/engine/exemptions.js';
import type { TenantUser } from '../../src/engine/snapshot.js';
import type { Policy, Rule } from '../../src/policy/types.js';
import { exemption, forbid, maxHolders, NOW, policy, ref, snapshot, user } from './builders.js';

const PERMISSIONS = [
  { name: 'generate-api-key', id: 1234, label: 'Generate API Application Key', granted: ['true'] },
  { name: 'manage-api-access', id: 1235, granted: ['true'] },
  { name: 'pricebook', id: 50, granted: ['edit', 'full'] },
];
const ROLE_NAMES = ['Admin', 'Office', 'Technician'];

const userArb = fc.record({
  kind: fc.constantFrom('employee' as const, 'technician' as const),
  id: fc.integer({ min: 1, max: 40 }),
  email: fc.constantFrom(null, 'a@acme.com', 'b@field.acme.com', 'c@partner.example', 'd@acme.com.evil.io'),
  login: fc.constantFrom(null, 'jdoe', 'e@acme.com'),
  active: fc.boolean(),
  locked: fc.boolean(),
  role: fc.constantFrom(null, 'Admin', 'Owner'),
  roles: fc.subarray(ROLE_NAMES),
  permissions: fc.dictionary(
    fc.constantFrom('1234', '1235', '50', '9'),
    fc.constantFrom('True', 'False', 'Full', null),
  ),
});

const usersArb = fc
  .uniqueArray(userArb, { maxLength: 12, selector: (u) => `${u.kind}:${u.id}` })
  .map((records) =>
    records.map((r) =>
      user({
        ...r,
        userId: r.id + (r.kind === 'technician' ? 100 : 0),
        name: `${r.kind} ${r.id}`,
        roleIds: r.roles.map((n) => ROLE_NAMES.indexOf(n) + 1),
      }),
    ),
  );

const fixArb = fc.constantFrom<Extract<Rule, { kind: 'forbid' }>['fix']>(
  { action: 'none' },
  { action: 'lock' },
  { action: 'deactivate' },
  { action: 'set-role', role: 'Office' },
  { action: 'set-role', role: 'Technician' },
);

const ruleArb = (id: string) =>
  fc.oneof(
    fc
      .record({
        permissions: fc.subarray(PERMISSIONS.map((p) => p.name)),
        roles: fc.subarray(['admin', 'Owner']),
        account: fc.boolean(),
        audience: fc.constantFrom('any' as const, 'internal' as const, 'external' as const),
        includeInactive: fc.boolean(),
        fix: fixArb,
        severity: fc.constantFrom('critical' as const, 'high' as const, 'low' as const),
      })
      .map(({ audience, includeInactive, ...r }) =>
        forbid(id, { ...r, appliesTo: { audience, includeInactive } }),
      ),
    fc
      .record({
        roles: fc.subarray(['Admin', 'Owner']),
        permissions: fc.subarray(['pricebook']),
        max: fc.nat(3),
      })
      .map((r) => maxHolders(id, r)),
  );

const rulesArb = fc
  .array(fc.constantFrom('r1', 'r2', 'r3', 'r4'), { maxLength: 4 })
  .chain((ids) => fc.tuple(...[...new Set(ids)].map(ruleArb)));

const WHO = ['a@acme.com', 'c@partner.example', 'employee:3', 'technician:5', 'user:7', 'login:jdoe'];
const exemptionsArb = fc.array(
  fc.record({
    user: fc.option(fc.constantFrom(...WHO), { nil: undefined }),
    rules: fc.subarray(['r1', 'r2', 'r3', 'r4'], { minLength: 1 }),
    expires: fc.constantFrom('2025-12-31', '2026-01-15', '2026-01-14', '2027-01-01'),
  }),
  { maxLength: 3 },
);

const scenarioArb = fc.record({
  users: usersArb,
  rules: rulesArb,
  exemptions: exemptionsArb,
  protectedUsers: fc.subarray(WHO),
});

interface Scenario {
  users: TenantUser[];
  rules: Rule[];
  exemptions: { user?: string | undefined; rules: string[]; expires: string }[];
  protectedUsers: string[];
}

function build(s: Scenario): Policy {
  return policy({
    permissions: PERMISSIONS,
    rules: s.rules,
    exemptions: s.exemptions.map((e) => exemption(e)),
    protectedUsers: s.protectedUsers,
  });
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe('engine properties', () => {
  it('gives the same findings, in the same order, whatever the order of users and rules', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 2 ** 30 }), (s, seed) => {
        const p = build(s);
        const reordered = { ...p, rules: shuffled(p.rules, seed) };
        const before = evaluate(p, snapshot(s.users), NOW);
        const after = evaluate(reordered, snapshot(shuffled(s.users, seed + 1)), NOW);
        expect(after.findings).toEqual(before.findings);
        expect(after.counts).toEqual(before.counts);
      }),
    );
  });

  it('never adds a rule finding when a user is added to except-users', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.nat(), (s, ruleAt, userAt) => {
        fc.pre(s.rules.length > 0 && s.users.length > 0);
        const p = build(s);
        const target = s.users[userAt % s.users.length] as TenantUser;
        const rules = p.rules.map((rule, i) =>
          i === ruleAt % p.rules.length
            ? {
                ...rule,
                appliesTo: {
                  ...rule.appliesTo,
                  exceptUsers: [...rule.appliesTo.exceptUsers, ref(`${target.kind}:${target.id}`)],
                },
              }
            : rule,
        );
        const before = new Set(evaluate(p, snapshot(s.users), NOW).findings.map((f) => f.id));
        // an exemption may become unused when its finding disappears; that is a built-in finding about the policy
        const after = evaluate({ ...p, rules }, snapshot(s.users), NOW).findings.filter(
          (f) => f.rule !== 'exemption-unused',
        );
        for (const finding of after) expect(before.has(finding.id)).toBe(true);
      }),
    );
  });

  it('lets an active exemption remove exactly its findings from the count and nothing else', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.option(fc.constantFrom(...WHO), { nil: undefined }),
        fc.subarray(['r1', 'r2', 'r3', 'r4'], { minLength: 1 }),
        (s, who, rules) => {
          const base = build({ ...s, exemptions: [] });
          const active = exemption({ ...(who ? { user: who } : {}), rules, expires: '2026-06-30' });
          const withExemption = build({
            ...s,
            exemptions: [{ ...(who ? { user: who } : {}), rules, expires: '2026-06-30' }],
          });
          const before = evaluate(base, snapshot(s.users), NOW);
          const after = evaluate(withExemption, snapshot(s.users), NOW);
          const covered = before.findings.filter((f) => exemptionCovers(active, f));
          expect(after.counts.exempted).toBe(covered.length);
          expect(after.counts.findings).toBe(
            before.counts.findings - covered.length + (covered.length === 0 ? 1 : 0),
          );
          const coveredIds = new Set(covered.map((f) => f.id));
          const untouched = (findings: typeof before.findings) =>
            findings.filter((f) => !coveredIds.has(f.id) && f.rule !== 'exemption-unused');
          expect(untouched(after.findings)).toEqual(untouched(before.findings));
          expect(
            after.findings.filter((f) => coveredIds.has(f.id)).every((f) => f.exemption?.status === 'active'),
          ).toBe(true);
        },
      ),
    );
  });

  it('never plans more than one step per user', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { plan } = evaluate(build(s), snapshot(s.users), NOW);
        const keys = plan.map((step) => `${step.user.kind}:${step.user.id}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });

  it('always refuses a plan that touches a protected user', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const p = build(s);
        const { plan, refusals } = evaluate(p, snapshot(s.users), NOW);
        const byKey = new Map(s.users.map((u) => [`${u.kind}:${u.id}`, u]));
        const touched = plan.filter((step) => {
          const u = byKey.get(`${step.user.kind}:${step.user.id}`) as TenantUser;
          return p.safety.protectedUsers.some((r) => matchesUserRef(u, r));
        });
        if (touched.length > 0) {
          expect(refusals.map((r) => r.code)).toContain('apply.protected-user');
          for (const step of touched)
            expect(step).toMatchObject({ status: 'skipped', reason: 'protected user' });
        }
      }),
    );
  });
});
