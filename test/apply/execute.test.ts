/**
 * Executing a plan: each user is read just before its write and read back after it; what is
 * journaled is what ServiceTitan shows, and a stop request lets the current step finish.
 */
import { describe, expect, it } from 'vitest';
import { executePlan, INTERRUPTED_REASON } from '../../src/apply/execute.js';
import { journalKey, sealIsValid } from '../../src/apply/seal.js';
import type { TenantUser, UserKind } from '../../src/engine/snapshot.js';
import type { PlanStep } from '../../src/engine/types.js';
import { recordingLogger } from '../../src/logger.js';
import { recordingWriter } from '../../src/servicetitan/writer.js';
import { user } from '../engine/builders.js';

const KEY = journalKey({ tenant: '1234', environment: 'production', clientSecret: 'cs', appKey: 'ak' });

function lockStep(u: TenantUser): PlanStep {
  return {
    action: 'lock',
    user: { kind: u.kind, id: u.id, userId: u.userId, name: u.name, email: u.email },
    rules: ['r'],
    findings: ['f'],
    status: 'planned',
    before: { active: u.active, locked: u.locked, roleIds: [...u.roleIds] },
  };
}

/** ServiceTitan as the tests want it: a list of states each read returns in turn, then the last. */
function readerFrom(states: Record<number, TenantUser[]>) {
  const reads: number[] = [];
  return {
    reads,
    getUser: async (_kind: UserKind, id: number): Promise<TenantUser> => {
      reads.push(id);
      const list = states[id]!;
      return list.length > 1 ? list.shift()! : list[0]!;
    },
  };
}

describe('executePlan', () => {
  it('skips a user who changed between the plan and the write, and writes nothing for them', async () => {
    const planned = user({ id: 1, roleIds: [2] });
    const changed = { ...planned, roleIds: [7] };
    const writer = recordingWriter();
    const logger = recordingLogger();
    const [step] = await executePlan([lockStep(planned)], writer, readerFrom({ 1: [changed] }), {
      logger,
      key: KEY,
    });
    expect(writer.calls).toEqual([]);
    expect(step).toMatchObject({ status: 'skipped' });
    expect(step?.reason).toBe(
      'changed since the plan, so nothing was written: role ids are 7 (when planned 2)',
    );
  });

  it('journals before, after and a seal that checks, for a verified step', async () => {
    const u = user({ id: 2 });
    const writer = recordingWriter();
    const [step] = await executePlan([lockStep(u)], writer, readerFrom({ 2: [u, { ...u, locked: true }] }), {
      logger: recordingLogger(),
      key: KEY,
    });
    expect(writer.calls).toEqual([{ op: 'lock', kind: 'employee', id: 2 }]);
    expect(step).toMatchObject({
      status: 'verified',
      before: { locked: false },
      after: { locked: true },
    });
    expect(sealIsValid(KEY, step!)).toBe(true);
    expect(sealIsValid(KEY, { ...step!, before: { ...step!.before!, roleIds: [1] } })).toBe(false);
    const otherKey = journalKey({
      tenant: '1234',
      environment: 'production',
      clientSecret: 'cs2',
      appKey: 'ak',
    });
    expect(sealIsValid(otherKey, step!)).toBe(false);
  });

  it('reads the user back when the write answers with an error: a change that took effect is verified', async () => {
    const u = user({ id: 3 });
    const writer = { ...recordingWriter(), lock: () => Promise.reject(new Error('socket hang up')) };
    const logger = recordingLogger();
    const [step] = await executePlan([lockStep(u)], writer, readerFrom({ 3: [u, { ...u, locked: true }] }), {
      logger,
      key: KEY,
    });
    expect(step).toMatchObject({ status: 'verified', after: { locked: true } });
    expect(logger.lines.join('\n')).toMatch(/answer was lost \(socket hang up\).*took effect/);
  });

  it('records a failed write that did not take effect as failed, and an unknown outcome as applied', async () => {
    const u = user({ id: 4 });
    const failing = { ...recordingWriter(), lock: () => Promise.reject(new Error('refused')) };
    const [failed] = await executePlan([lockStep(u)], failing, readerFrom({ 4: [u] }), {
      logger: recordingLogger(),
      key: KEY,
    });
    expect(failed).toMatchObject({ status: 'failed', error: 'refused' });

    let reads = 0;
    const blind = {
      getUser: async () => {
        if (reads++ === 0) return u;
        throw new Error('timeout');
      },
    };
    const [unknown] = await executePlan([lockStep(u)], failing, blind, {
      logger: recordingLogger(),
      key: KEY,
    });
    expect(unknown?.status).toBe('applied');
    expect(unknown?.error).toMatch(/^outcome unknown: .*check this user in ServiceTitan$/);
  });

  it('finishes the step in progress on a stop request, starts no other, and hands over the journal after each step', async () => {
    const a = user({ id: 5 });
    const b = user({ id: 6 });
    let stop = false;
    const seen: PlanStep[][] = [];
    const writer = recordingWriter();
    const journal = await executePlan(
      [lockStep(a), lockStep(b)],
      writer,
      readerFrom({ 5: [a, { ...a, locked: true }], 6: [b, { ...b, locked: true }] }),
      {
        logger: recordingLogger(),
        key: KEY,
        stopRequested: () => stop,
        onProgress: async (j) => {
          seen.push(j);
          stop = true;
        },
      },
    );
    expect(writer.calls.map((c) => c.id)).toEqual([5]);
    expect(journal.map((s) => s.status)).toEqual(['verified', 'skipped']);
    expect(journal[1]?.reason).toBe(INTERRUPTED_REASON);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.map((s) => s.status)).toEqual(['verified', 'planned']);
  });
});
