/**
 * Google Workspace, read over HTTP from the sandbox's Directory API-compatible directory: a
 * service-account assertion the sandbox verifies, the mapping of every state, aliases, a login
 * time of 1970 as "never", paging, refusals, and no key material in anything a user sees.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Directory, Person } from '../../src/domain/identity.js';
import { SANDBOX_DIRECTORY_CREDENTIALS, sampleTenant, type Sandbox } from '../../src/sandbox/index.js';
import { directorySandbox, googleSource, NOW, reading, secretsAbsent, visibleText } from './support.js';

const DAY_MS = 86_400_000;
let sandbox: Sandbox;
let directory: Directory;

beforeAll(async () => {
  sandbox = await directorySandbox();
  directory = (await reading(sandbox).read([googleSource()]))[0]!;
});
afterAll(() => sandbox.close());

function person(email: string, people: Person[] = directory.people): Person {
  const found = people.find((p) => p.emails.includes(email));
  if (!found) throw new Error(`no person with ${email}`);
  return found;
}

describe('reading the sample Google Workspace', () => {
  it('reads every user of the customer; Google says nothing of types', () => {
    expect(directory).toMatchObject({
      sourceId: 'google',
      kind: 'google',
      signInReported: true,
      signInUnavailable: null,
    });
    expect(directory.people.map((p) => p.personId).sort()).toEqual(
      sampleTenant()
        .directory!.google.users.map((u) => u.id)
        .sort(),
    );
    expect(directory.people.every((p) => p.type === null && p.aadObjectId === null)).toBe(true);
  });

  it('reads suspended and archived users as suspended', () => {
    expect(person('dana.whitfield@acme-hvac.com').state).toBe('suspended');
    // employee 120 is archived, not suspended
    expect(person('quinn.patel@acme-hvac.com').state).toBe('suspended');
    expect(person('marcus.bell@acme-hvac.com').state).toBe('active');
  });

  it('knows a person by their primary address, their other addresses and their aliases', () => {
    expect(person('frank@acme-hvac.com').emails).toEqual([
      'frank@acme-hvac.com',
      'frank.kerr@acme-hvac.com',
      'frank@acme-hvac.com.test-google-a.com',
    ]);
    expect(person('frank.kerr@acme-hvac.com').name).toBe('Frank Kerr');
  });

  it('reads the last login and the creation time', () => {
    const dormant = person('jacob.oliver@acme-hvac.com');
    expect((NOW.getTime() - Date.parse(dormant.lastSignIn!)) / DAY_MS).toBeCloseTo(200, 5);
    expect(dormant.createdAt).toBe(sampleTenant().technicians.find((t) => t.id === 208)!.createdOn);
  });

  it('reads a last login of 1970-01-01 as never signed in', async () => {
    const data = sampleTenant();
    data.directory!.google.users.find(
      (u) => u.primaryEmail === 'marcus.bell@acme-hvac.com',
    )!.lastLoginDaysAgo = null;
    const fresh = await directorySandbox({ data });
    try {
      const [read] = await reading(fresh).read([googleSource()]);
      expect(person('marcus.bell@acme-hvac.com', read!.people).lastSignIn).toBeNull();
      expect(person('robert.hallorann@acme-hvac.com', read!.people).lastSignIn).not.toBeNull();
    } finally {
      await fresh.close();
    }
  });

  it('follows nextPageToken across many pages to the same directory', async () => {
    const small = await directorySandbox({ directoryPageSize: 6 });
    try {
      const [paged] = await reading(small).read([googleSource('google', sandbox.identity.googleCustomer!)]);
      expect(paged!.people).toEqual(directory.people);
      const pages = small.requests.filter((r) => r.path === '/google/admin/directory/v1/users');
      expect(pages).toHaveLength(Math.ceil(directory.people.length / 6));
      expect(pages[0]!.query).toMatchObject({ maxResults: '500', projection: 'basic', showDeleted: 'false' });
      expect(pages.slice(1).every((r) => typeof r.query.pageToken === 'string')).toBe(true);
    } finally {
      await small.close();
    }
  });
});

describe('failures', () => {
  it('waits as Retry-After says on a 429, and fails with identity.unreadable when the directory stays down', async () => {
    sandbox.setFaults({
      rules: [{ match: { path: '/google/admin/' }, kind: 'status-429', times: 2, retryAfterSeconds: 4 }],
    });
    try {
      const r = reading(sandbox);
      const [read] = await r.read([googleSource()]);
      expect(read!.people).toEqual(directory.people);
      expect(r.waits).toEqual([4000, 4000]);

      sandbox.setFaults({ rules: [{ match: { path: '/google/token' }, kind: 'status-503' }] });
      const down = reading(sandbox, { maxRetries: 2 });
      const error = await down.fail([googleSource()]);
      expect(error).toMatchObject({ code: 'identity.unreadable', sourceId: 'google' });
      expect(error.message).toMatch(
        /Identity source `google` \(Google Workspace\): POST .*\/google\/token failed after 3 attempts/,
      );
    } finally {
      sandbox.setFaults({});
    }
  });

  it('fails with identity.auth-failed when the key is not the service account’s, and shows no part of either key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const stranger = JSON.stringify({
      ...JSON.parse(SANDBOX_DIRECTORY_CREDENTIALS.googleCredentials),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    const r = reading(sandbox, { credentials: { googleCredentials: stranger } });
    const error = await r.fail([googleSource()]);
    expect(error).toMatchObject({ code: 'identity.auth-failed', sourceId: 'google' });
    expect(error.message).toContain('Invalid JWT Signature');
    expect(error.hint).toMatch(/key may have been deleted or disabled/);
    // the PEM, each of its lines, the key id and the signed assertion were all handed on to be masked
    expect(r.secrets.length).toBeGreaterThan(20);
    expect(r.secrets.some((s) => s.split('.').length === 3)).toBe(true);
    expect(secretsAbsent(visibleText(r, error), r.secrets)).toEqual([]);
  });

  it('names google-subject when it is no user of the Workspace, and the admin rights when it is not an admin', async () => {
    const unknown = await reading(sandbox, { credentials: { googleSubject: 'nobody@acme-hvac.com' } }).fail([
      googleSource(),
    ]);
    expect(unknown).toMatchObject({ code: 'identity.auth-failed' });
    expect(unknown.message).toContain('Invalid email or User ID');
    expect(unknown.hint).toContain('google-subject');

    const notAdmin = await reading(sandbox, {
      credentials: { googleSubject: 'gary.pruitt@acme-hvac.com' },
    }).fail([googleSource()]);
    expect(notAdmin).toMatchObject({ code: 'identity.forbidden', sourceId: 'google' });
    expect(notAdmin.message).toContain('Not Authorized to access this resource/api');
  });

  it('fails with identity.request-rejected for a customer that is not this Workspace', async () => {
    const error = await reading(sandbox).fail([googleSource('gw', 'C0someoneelse')]);
    expect(error).toMatchObject({ code: 'identity.request-rejected', sourceId: 'gw' });
    expect(error.hint).toContain('customer');
  });

  it('fails before any request without a key or a subject, or with a key that is not one', async () => {
    const before = sandbox.requests.length;
    const missing = await reading(sandbox, { credentials: { googleSubject: null } }).fail([googleSource()]);
    expect(missing).toMatchObject({ code: 'identity.missing-credentials' });
    expect(missing.message).toContain('`google-subject` (GOOGLE_SUBJECT) is not set');
    const notAKey =
      '{"type": "service_account", "client_email": "x@y.iam.gserviceaccount.com", "private_key": "hunter2-not-a-pem"}';
    const invalid = await reading(sandbox, { credentials: { googleCredentials: notAKey } }).fail([
      googleSource(),
    ]);
    expect(invalid).toMatchObject({ code: 'identity.invalid-credentials' });
    expect(invalid.message).not.toContain('hunter2');
    expect(sandbox.requests.length).toBe(before);
  });
});
