/**
 * Reading an apply report as the journal undo reverses.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseApplyJournal, readApplyJournal, undoJournalPath } from '../../src/apply/undo-journal.js';
import { ConfigurationError } from '../../src/errors.js';

const CONNECTED = { tenant: '1234567', environment: 'production' };

function step(status: string, extra: Record<string, unknown> = {}) {
  return {
    action: 'lock',
    user: { kind: 'employee', id: 160, userId: 160, name: 'Kevin Tran', email: 'kevin@x.example' },
    rules: ['no-external-api-access'],
    findings: ['abc'],
    status,
    before: { active: true, locked: false, roleIds: [7] },
    ...extra,
  };
}

function report(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    version: 1,
    tool: { name: 'servicetitan-access-guard', version: '1.0.0' },
    mode: 'apply',
    tenant: '1234567',
    environment: 'production',
    finishedAt: '2026-01-15T12:00:00.000Z',
    plan: [step('verified')],
    // fields undo does not need are ignored, whatever they hold
    findings: [{ anything: true }],
    ...extra,
  });
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).code;
  }
  return undefined;
}

describe('parseApplyJournal', () => {
  it('takes the verified steps with their state before the change', () => {
    const journal = parseApplyJournal(report(), 'r.json', CONNECTED);
    expect(journal.steps).toEqual([
      {
        action: 'lock',
        user: { kind: 'employee', id: 160, userId: 160, name: 'Kevin Tran', email: 'kevin@x.example' },
        rules: ['no-external-api-access'],
        findings: ['abc'],
        status: 'verified',
        before: { active: true, locked: false, roleIds: [7] },
      },
    ]);
    expect(journal.finishedAt).toBe('2026-01-15T12:00:00.000Z');
  });

  it('leaves out failed, skipped and planned steps, and counts written-but-unverified ones', () => {
    const plan = [
      step('failed', { error: '500' }),
      step('skipped', { reason: 'protected user' }),
      step('planned'),
      step('applied'),
      step('verified', { before: undefined }),
    ];
    const journal = parseApplyJournal(report({ plan }), 'r.json', CONNECTED);
    expect(journal.steps).toEqual([]);
    expect(journal.unverified).toBe(1);
  });

  it('keeps the role a set-role step set', () => {
    const plan = [step('verified', { action: 'set-role', role: 'Technician', roleId: 3 })];
    const [only] = parseApplyJournal(report({ plan }), 'r.json', CONNECTED).steps;
    expect(only).toMatchObject({ action: 'set-role', role: 'Technician', roleId: 3 });
  });

  it('rejects an audit report as not an apply report', () => {
    expect(codeOf(() => parseApplyJournal(report({ mode: 'audit' }), 'r.json', CONNECTED))).toBe(
      'undo.not-an-apply-report',
    );
  });

  it("rejects an undo's own journal: undo reverses an apply", () => {
    expect(() => parseApplyJournal(report({ mode: 'undo' }), 'r.json', CONNECTED)).toThrow(
      /not another undo/,
    );
  });

  it('rejects a file that is not JSON, or JSON of another shape', () => {
    expect(codeOf(() => parseApplyJournal('not json', 'r.json', CONNECTED))).toBe('undo.not-an-apply-report');
    expect(codeOf(() => parseApplyJournal('{"plan": []}', 'r.json', CONNECTED))).toBe(
      'undo.not-an-apply-report',
    );
    expect(
      codeOf(() => parseApplyJournal(report({ plan: [{ status: 'verified' }] }), 'r.json', CONNECTED)),
    ).toBe('undo.not-an-apply-report');
  });

  it('rejects the report of another tenant or environment', () => {
    expect(codeOf(() => parseApplyJournal(report({ tenant: '999' }), 'r.json', CONNECTED))).toBe(
      'undo.wrong-tenant',
    );
    expect(codeOf(() => parseApplyJournal(report({ environment: 'integration' }), 'r.json', CONNECTED))).toBe(
      'undo.wrong-tenant',
    );
  });
});

describe('readApplyJournal', () => {
  it('names a missing file with its own code', async () => {
    await expect(readApplyJournal('gone.json', '/nonexistent/gone.json', CONNECTED)).rejects.toMatchObject({
      code: 'undo.report-not-found',
    });
  });

  it('reads a report from disk', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'undo-journal-'));
    const file = path.join(dir, 'report.json');
    await writeFile(file, report());
    const journal = await readApplyJournal('report.json', file, CONNECTED);
    expect(journal.steps).toHaveLength(1);
    expect(journal.file).toBe('report.json');
  });

  it('writes the undo journal beside the apply report, never over it', () => {
    expect(undoJournalPath('out/servicetitan-access-report.json')).toBe(
      'out/servicetitan-access-report.json.undo.json',
    );
  });
});
