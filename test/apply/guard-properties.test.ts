/**
 * Properties of the gate between a plan and the writer, over random tenants and policies: what
 * reaches the writer is always a subset of the plan, never a protected user, never more than
 * max-changes, and nothing at all when the run is a pull request.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRefusals, executeIfAllowed } from '../../src/apply/guard.js';
import { journalKey } from '../../src/apply/seal.js';
import { matchesUserRef } from '../../src/engine/audience.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { TenantUser, UserKind } from '../../src/engine/snapshot.js';
import { silentLogger } from '../../src/logger.js';
import type { Rule } from '../../src/policy/types.js';
import { recordingWriter } from '../../src/servicetitan/writer.js';
import { forbid, NOW, policy, snapshot, user, ROLES } from '../engine/builders.js';

const PERMISSIONS = [{ name: 'generate-api-key', id: 1234, granted: ['true'] }];

const userArb = fc.record({
  kind: fc.constantFrom<UserKind>('employee', 'technician'),
  id: fc.integer({ min: 1, max: 30 }),
  email: fc.constantFrom(null, 'a@acme.com', 'b@partner.example', 'c@gmail.com', 'boss@acme.com'),
  active: fc.boolean(),
  locked: fc.boolean(),
  admin: fc.boolean(),
  key: fc.constantFrom('True', 'False'),
});

const usersArb = fc
  .uniqueArray(userArb, { maxLength: 15, selector: (u) => `${u.kind}:${u.id}` })
  .map((records) =>
    records.map((r) =>
      user({
        kind: r.kind,
        id: r.id,
        userId: r.id + (r.kind === 'technician' ? 100 : 0),
        email: r.email,
        active: r.active,
        locked: r.locked,
        roleIds: r.admin ? [1] : [],
        roles: r.admin ? ['Admin'] : [],
        permissions: { '1234': r.key },
      }),
    ),
  );

const rulesArb = fc
  .array(
    fc.record({
      audience: fc.constantFrom('any' as const, 'external' as const),
      on: fc.constantFrom('key', 'admin', 'account'),
      fix: fc.constantFrom<Extract<Rule, { kind: 'forbid' }>['fix']>(
        { action: 'lock' },
        { action: 'deactivate' },
        { action: 'none' },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((rules) =>
    rules.map((r, i) =>
      forbid(`r${i}`, {
        ...(r.on === 'key' ? { permissions: ['generate-api-key'] } : {}),
        ...(r.on === 'admin' ? { roles: ['Admin'] } : {}),
        ...(r.on === 'account' ? { account: true } : {}),
        appliesTo: { audience: r.audience },
        fix: r.fix,
      }),
    ),
  );

const scenarioArb = fc.record({
  users: usersArb,
  rules: rulesArb,
  protectedUsers: fc.subarray(['boss@acme.com', 'c@gmail.com', 'employee:3']),
  minActiveAdmins: fc.nat(2),
  maxChanges: fc.integer({ min: 1, max: 8 }),
  pullRequest: fc.constantFrom<string | null>(null, null, 'pull_request', 'pull_request_target'),
});

const KEY = journalKey({ tenant: '1', environment: 'integration', clientSecret: 's', appKey: 'k' });

/** A reader that reflects what the recording writer did, as ServiceTitan would. */
function readerOver(users: TenantUser[], calls: { op: string; kind: UserKind; id: number }[]) {
  return {
    getUser: async (kind: UserKind, id: number): Promise<TenantUser> => {
      const u = users.find((x) => x.kind === kind && x.id === id);
      if (!u) throw new Error(`no ${kind} ${id}`);
      const mine = calls.filter((c) => c.kind === kind && c.id === id).map((c) => c.op);
      return {
        ...u,
        locked: u.locked || mine.includes('lock'),
        active: u.active && !mine.includes('deactivate'),
      };
    },
  };
}

describe('apply guard properties', () => {
  it('writes only planned steps, never a protected user, at most max-changes, and nothing on a pull request', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const p = policy({
          internalDomains: ['acme.com'],
          permissions: PERMISSIONS,
          rules: s.rules,
          protectedUsers: s.protectedUsers,
          minActiveAdmins: s.minActiveAdmins,
        });
        const snap = snapshot(s.users, ROLES);
        const evaluation = evaluate(p, snap, NOW);
        const planned = new Set(
          evaluation.plan.filter((x) => x.status === 'planned').map((x) => `${x.user.kind}:${x.user.id}`),
        );
        evaluation.refusals = applyRefusals(evaluation, {
          maxChanges: s.maxChanges,
          eventRefusal: s.pullRequest ? { code: 'apply.pull-request', message: s.pullRequest } : null,
        });
        const writer = recordingWriter();
        const journal = await executeIfAllowed(
          evaluation.plan,
          evaluation.refusals,
          writer,
          readerOver(s.users, writer.calls),
          { logger: silentLogger, key: KEY },
        );
        const result = { refused: journal === null };

        for (const call of writer.calls) expect(planned.has(`${call.kind}:${call.id}`)).toBe(true);
        expect(writer.calls.length).toBeLessThanOrEqual(s.maxChanges);
        const written = s.users.filter((u) => writer.calls.some((c) => c.kind === u.kind && c.id === u.id));
        for (const u of written)
          expect(p.safety.protectedUsers.some((r) => matchesUserRef(u, r))).toBe(false);
        if (s.pullRequest) {
          expect(result.refused).toBe(true);
          expect(writer.calls).toEqual([]);
        }
        if (result.refused) expect(writer.calls).toEqual([]);
        // One write per user at most: the strongest action wins.
        expect(new Set(writer.calls.map((c) => `${c.kind}:${c.id}`)).size).toBe(writer.calls.length);
      }),
      { numRuns: 400 },
    );
  });
});
