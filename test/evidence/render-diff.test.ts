import { describe, expect, it } from 'vitest';
import type { AccessDiff, DiffUser } from '../../src/evidence/diff.js';
import { renderDiffMarkdown, renderDiffText, ROWS_PER_SECTION } from '../../src/evidence/render-diff.js';

function emptyDiff(): AccessDiff {
  return {
    from: { source: 'packs/2026-02', takenAt: '2026-02-01T08:00:00.000Z' },
    to: { source: 'packs/2026-03', takenAt: '2026-03-01T08:00:00.000Z' },
    joined: [],
    left: [],
    audienceChanged: [],
    rolesChanged: [],
    businessUnitChanged: [],
    permissionsGained: [],
    permissionsLost: [],
    findingsOpened: [],
    findingsClosed: [],
    exemptionsAdded: [],
    exemptionsExpired: [],
    exemptionsRemoved: [],
    notes: [],
  };
}

const person = (id: number, name = `User ${id}`): DiffUser => ({ kind: 'employee', id, name, contact: null });

const HOSTILE =
  '<script>alert(1)</script> | **bold** [x](https://evil.example) @octocat #12 \u001b[31mred\u001b[0m\n::error::forged';

describe('renderDiffText', () => {
  it('says there are no changes when there are none', () => {
    expect(renderDiffText(emptyDiff(), { color: false })).toContain('No changes.');
  });

  it('lists each section with its count, at most a bounded number of rows', () => {
    const d = emptyDiff();
    d.joined = Array.from({ length: 100 }, (_, i) => ({
      user: person(i),
      how: 'new' as const,
      audience: 'external' as const,
      roles: ['Admin'],
    }));
    d.left = [{ user: person(500, 'Bob Office'), how: 'gone' }];
    const text = renderDiffText(d, { color: false });
    expect(text).toContain('101 changes.');
    expect(text).toContain('Joined (100)');
    expect(text.match(/^ {2}\+ /gm)).toHaveLength(ROWS_PER_SECTION);
    expect(text).toContain(`… and ${100 - ROWS_PER_SECTION} more`);
    expect(text).toMatch(/Left \(1\)\n {2}- Bob Office \(employee 500\) {2}gone/);
  });

  it('lists locked accounts under Locked and unlocked ones under Unlocked, not as leavers and joiners', () => {
    const d = emptyDiff();
    d.left = [
      { user: person(2, 'Bob Office'), how: 'locked' },
      { user: person(3, 'Dee Parted'), how: 'deactivated' },
    ];
    d.joined = [{ user: person(4, 'Una Locked'), how: 'unlocked', audience: 'internal', roles: [] }];
    const text = renderDiffText(d, { color: false });
    expect(text).toMatch(/\nLeft \(1\)\n {2}- Dee Parted \(employee 3\) {2}deactivated\n/);
    expect(text).toMatch(/\nLocked \(1\)\n {2}- Bob Office \(employee 2\) {2}locked\n/);
    expect(text).toMatch(/\nUnlocked \(1\)\n {2}\+ Una Locked \(employee 4\)/);
    expect(text).not.toContain('Joined');
    expect(text).toContain('3 changes.');
  });

  it('shows pack paths inside the workspace relative to it', () => {
    const d = emptyDiff();
    d.from.source = '/home/runner/work/acme/acme/evidence/2026-02';
    d.to.source = '/home/runner/work/acme/acme/evidence/2026-03';
    const root = '/home/runner/work/acme/acme';
    expect(renderDiffText(d, { color: false, root })).toContain(
      'What changed from evidence/2026-02 (2026-02-01T08:00:00.000Z) to evidence/2026-03 (',
    );
    const md = renderDiffMarkdown(d, { root });
    expect(md).toContain('From evidence/2026-02 \\(2026-02-01T08:00:00.000Z\\) to evidence/2026-03 \\(');
    expect(md).not.toContain('/home/runner');
    // outside the workspace a path stays as it is, rather than climbing out with ../
    d.from.source = '/tmp/old-pack';
    expect(renderDiffMarkdown(d, { root })).toContain('From /tmp/old-pack \\(');
  });

  it('prints hostile names inert: no escape sequences, no line breaks, no workflow commands', () => {
    const d = emptyDiff();
    d.left = [{ user: person(1, HOSTILE), how: 'gone' }];
    const text = renderDiffText(d, { color: false });
    expect(text).not.toContain('\u001b');
    expect(text).not.toMatch(/^::/m);
    expect(text.split('\n').filter((l) => l.includes('script'))).toHaveLength(1);
  });

  it('colours only when asked', () => {
    const d = emptyDiff();
    d.left = [{ user: person(1), how: 'gone' }];
    expect(renderDiffText(d, { color: true })).toContain('\u001b[31m-');
    expect(renderDiffText(d, { color: false })).not.toContain('\u001b');
  });
});

describe('renderDiffMarkdown', () => {
  it('renders one table per section that has changes', () => {
    const d = emptyDiff();
    d.left = [{ user: person(2, 'Bob Office'), how: 'locked' }];
    d.findingsOpened = [
      {
        id: 'f1',
        rule: 'no-external-admins',
        severity: 'high',
        message: 'Eve holds Admin',
        user: { kind: 'employee', id: 6, name: 'Eve' },
        exempt: false,
      },
    ];
    const md = renderDiffMarkdown(d);
    expect(md).toContain(
      '#### Locked (1)\n\n| Who | How |\n| --- | --- |\n| Bob Office \\(employee 2\\) | locked |\n',
    );
    expect(md).not.toContain('Left');
    expect(md).toContain('#### Findings opened (1)');
    expect(md).toContain('| high | no-external-admins | Eve \\(employee 6\\) | Eve holds Admin |');
    expect(md).not.toContain('Joined');
  });

  it('escapes Markdown, HTML and mentions in every value', () => {
    const d = emptyDiff();
    d.joined = [{ user: person(1, HOSTILE), how: 'new', audience: 'external', roles: ['Admin | Owner'] }];
    const md = renderDiffMarkdown(d);
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('@octocat');
    expect(md).not.toContain('](https');
    expect(md).not.toContain('\u001b');
    const row = md.split('\n').find((l) => l.includes('script'))!;
    // the row keeps its four cells: no unescaped pipe from the data splits it
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(4);
  });

  it('stays bounded however many changes there are', () => {
    const d = emptyDiff();
    d.permissionsGained = Array.from({ length: 5000 }, (_, i) => ({
      user: person(i, 'N'.repeat(5000)),
      permission: 'generate-api-key',
    }));
    const md = renderDiffMarkdown(d);
    expect(md.length).toBeLessThan(20_000);
    expect(md).toContain(`and ${5000 - ROWS_PER_SECTION} more`);
  });
});
