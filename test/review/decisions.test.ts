/**
 * How comments become decisions: the syntax reviewers write, and the rules that decide which
 * decision stands. Pure functions over comments, so every edge is cheap to pin down.
 */
import { describe, expect, it } from 'vitest';
import { commentMarker } from '../../src/review/blocks.js';
import { decisionLines, deriveDecisions } from '../../src/review/decisions.js';
import type { FrozenAccount, ReviewComment } from '../../src/review/types.js';

const account = (key: string): FrozenAccount => {
  const [kind, id] = key.split(':') as ['employee' | 'technician', string];
  return {
    key,
    kind,
    id: Number(id),
    userId: null,
    name: key,
    email: null,
    login: null,
    audience: 'external',
    businessUnit: null,
    roles: [],
    permissions: [],
    why: ['external'],
    state: { active: true, locked: false, roleIds: [] },
    group: 0,
  };
};
const accounts = ['employee:1', 'employee:2', 'technician:3'].map(account);
let id = 0;
const comment = (
  author: string,
  body: string,
  at = '2025-01-07T10:00:00Z',
  edited?: string,
): ReviewComment => ({
  id: ++id,
  body,
  author,
  authorType: 'User',
  createdAt: at,
  updatedAt: edited ?? at,
  url: `https://github.example/o/r/issues/1#issuecomment-${id}`,
});
const derive = (comments: ReviewComment[]) =>
  deriveDecisions(accounts, comments, ['Lead', 'second'], 'github-actions[bot]');
const standing = (comments: ReviewComment[]) =>
  Object.fromEntries([...derive(comments).decisions].map(([k, a]) => [k, `${a.decision} ${a.reviewer}`]));

describe('decision lines', () => {
  it('reads several per comment, any case, a key in backticks, and the reason after it', () => {
    expect(
      decisionLines('Checked:\n/KEEP `Employee:1` runs payroll\n  /revoke technician:3   left in March '),
    ).toEqual([
      { decision: 'keep', key: 'employee:1', reason: 'runs payroll' },
      { decision: 'revoke', key: 'technician:3', reason: 'left in March' },
    ]);
  });

  it('ignores quoted lines, code blocks and words that only start like a command', () => {
    const body = [
      '> /revoke employee:1 quoting someone',
      '```',
      '/revoke employee:2 an example',
      '```',
      '/keeper employee:1 not a command',
      'see /keep employee:1 mid-sentence',
      '~~~',
      '/keep employee:2 another example',
      '~~~',
    ].join('\n');
    expect(decisionLines(body)).toEqual([]);
  });
});

describe('deriving decisions', () => {
  it('lets a later decision replace an earlier one, by the same or another reviewer of the group', () => {
    expect(
      standing([
        comment('lead', '/keep employee:1 fine', '2025-01-07T10:00:00Z'),
        comment('second', '/revoke employee:1 not fine after all', '2025-01-08T10:00:00Z'),
        comment('lead', '/revoke employee:2 gone', '2025-01-08T11:00:00Z'),
        comment('lead', '/keep employee:2 back from leave', '2025-01-09T11:00:00Z'),
      ]),
    ).toEqual({ 'employee:1': 'revoke second', 'employee:2': 'keep lead' });
  });

  it('reads comments in the order they were written, whatever order they come in', () => {
    const later = comment('lead', '/keep employee:1 later', '2025-01-09T10:00:00Z');
    const earlier = comment('lead', '/revoke employee:1 earlier', '2025-01-08T10:00:00Z');
    expect(standing([later, earlier])).toEqual({ 'employee:1': 'keep lead' });
  });

  it('decides with `all` only what is still undecided at that point', () => {
    expect(
      standing([
        comment('lead', '/revoke employee:2 left\n/keep all reviewed', '2025-01-07T10:00:00Z'),
        comment('second', '/revoke all no', '2025-01-08T10:00:00Z'),
      ]),
    ).toEqual({ 'employee:2': 'revoke lead', 'employee:1': 'keep lead', 'technician:3': 'keep lead' });
  });

  it('counts nothing from outside the group, from an edited comment, or a revoke without reason, and says why', () => {
    const outsider = comment('mallory', '/keep all');
    const edited = comment('lead', '/keep employee:1 ok', '2025-01-07T10:00:00Z', '2025-01-07T10:05:00Z');
    const bare = comment('second', '/revoke employee:2\n/keep technician:3 crew');
    const unknown = comment('lead', '/keep employee:9 who\n/keep');
    const result = derive([outsider, edited, bare, unknown]);
    expect([...result.decisions.keys()]).toEqual(['technician:3']);
    expect([...result.problems.values()].map((p) => [p.comment.id, p.problems])).toEqual([
      [outsider.id, [{ kind: 'not-a-reviewer' }]],
      [edited.id, [{ kind: 'edited' }]],
      [bare.id, [{ kind: 'revoke-without-reason', keys: ['employee:2'] }]],
      [unknown.id, [{ kind: 'missing-key' }, { kind: 'unknown-key', keys: ['employee:9'] }]],
    ]);
  });

  it('takes a comment GitHub stamped a second apart as unedited, and the tool’s own comments as no one’s', () => {
    const quick = comment('lead', '/keep employee:1 ok', '2025-01-07T10:00:00Z', '2025-01-07T10:00:01Z');
    const tool = comment(
      'github-actions[bot]',
      `/revoke all quoted help\n\n${commentMarker('reminder', { day: '2025-01-07' })}`,
    );
    const result = derive([quick, tool]);
    expect(standing([quick, tool])).toEqual({ 'employee:1': 'keep lead' });
    expect(result.problems.size).toBe(0);
  });
});
