/**
 * readDirectories: every source of the policy, in source order, read at the same time; one that
 * fails fails the read (naming it) and stops the others.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CSV_COLUMNS } from '../../src/identity/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import {
  directorySandbox,
  entraSource,
  googleSource,
  reading,
  secretsAbsent,
  visibleText,
} from './support.js';

let sandbox: Sandbox;
let workspace: string;

beforeAll(async () => {
  sandbox = await directorySandbox({ directoryPageSize: 2 });
  workspace = await mkdtemp(path.join(os.tmpdir(), 'directories-'));
  await writeFile(
    path.join(workspace, 'roster.csv'),
    'email,status\nkevin.tran@coolit-integrations.example,terminated\n',
  );
});
afterAll(() => sandbox.close());

const roster = { id: 'hr', kind: 'csv' as const, path: 'roster.csv', columns: DEFAULT_CSV_COLUMNS };

describe('readDirectories', () => {
  it('reads a roster, Entra ID and Google Workspace, and returns them in source order', async () => {
    const r = reading(sandbox, { workspace });
    const directories = await r.read([googleSource('gw'), roster, entraSource(sandbox, 'aad')]);
    expect(directories.map((d) => [d.sourceId, d.kind])).toEqual([
      ['gw', 'google'],
      ['hr', 'csv'],
      ['aad', 'entra'],
    ]);
    expect(directories.map((d) => d.people.length)).toEqual([85, 1, 90]);
    expect(r.logger.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^info: Identity source `gw` \(Google Workspace\): 85 people in \d+ ms$/),
      ]),
    );
    expect(secretsAbsent(visibleText(r), r.secrets)).toEqual([]);
  });

  it('fails with the first failing source’s error, and stops reading the others', async () => {
    const pages = () => sandbox.requests.filter((q) => q.path === '/google/admin/directory/v1/users').length;
    const before = pages();
    sandbox.setFaults({ latencyMs: 20 });
    try {
      const error = await reading(sandbox, { workspace, credentials: { entraClientId: null } }).fail([
        googleSource(),
        entraSource(sandbox),
      ]);
      expect(error).toMatchObject({ code: 'identity.missing-credentials', sourceId: 'entra' });
      // 85 people at 2 a page is 43 pages: the Google read stopped long before its end
      expect(pages() - before).toBeLessThan(10);
    } finally {
      sandbox.setFaults({});
    }
  });

  it('reads only rosters without a network client', async () => {
    const r = reading(sandbox, { workspace });
    const before = sandbox.requests.length;
    expect(await r.read([roster])).toHaveLength(1);
    expect(sandbox.requests.length).toBe(before);
  });
});
