/**
 * Microsoft Entra ID, read over HTTP from the sandbox's Graph-compatible directory: the mapping of
 * every person state and type, paging, Retry-After, refused sign-ins, signInActivity without P1,
 * the GitHub OIDC exchange through a stand-in for the runner's token service, and no secret in
 * anything a user sees.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Directory, Person } from '../../src/domain/identity.js';
import {
  ENTRA_FEDERATED_AUDIENCE,
  SAMPLE_IDENTITY_PEOPLE,
  sampleTenant,
  type Sandbox,
} from '../../src/sandbox/index.js';
import { directorySandbox, entraSource, NOW, reading, secretsAbsent, visibleText } from './support.js';

const DAY_MS = 86_400_000;
let sandbox: Sandbox;
let directory: Directory;

beforeAll(async () => {
  sandbox = await directorySandbox();
  directory = (await reading(sandbox).read([entraSource(sandbox)]))[0]!;
});
afterAll(() => sandbox.close());

function person(email: string, people: Person[] = directory.people): Person {
  const found = people.find((p) => p.emails.includes(email));
  if (!found) throw new Error(`no person with ${email}`);
  return found;
}

describe('reading the sample Entra directory', () => {
  it('reads every person of the directory, with sign-in times', () => {
    const data = sampleTenant().directory!;
    expect(directory).toMatchObject({
      sourceId: 'entra',
      kind: 'entra',
      signInReported: true,
      signInUnavailable: null,
    });
    expect(directory.people.map((p) => p.personId).sort()).toEqual(data.entra.users.map((u) => u.id).sort());
  });

  it('reads a disabled account as suspended, and keeps its object id for the aadUserId join', () => {
    const dana = person('dana.whitfield@acme-hvac.com');
    const tenant = sampleTenant();
    const aadUserId = tenant.employees.find((e) => e.id === SAMPLE_IDENTITY_PEOPLE.leaver)!.aadUserId;
    expect(dana).toMatchObject({
      state: 'suspended',
      type: 'member',
      name: 'Dana Whitfield',
      aadObjectId: aadUserId,
    });
    expect(dana.personId).toBe(aadUserId);
  });

  it('reads userType Guest as guest and Member as member, with the guest’s own address among its emails', () => {
    const kevin = person('kevin.tran@coolit-integrations.example');
    expect(kevin).toMatchObject({ state: 'active', type: 'guest' });
    // the guest's UPN is the #EXT# form; otherMails holds the address ServiceTitan knows
    expect(kevin.emails).toContain('kevin.tran_coolit-integrations.example#ext#@acmehvac.onmicrosoft.com');
    expect(person('marcus.bell@acme-hvac.com').type).toBe('member');
  });

  it('takes smtp: proxy addresses of either case as emails, lower-cased, and skips SIP addresses', () => {
    const frank = person('frank@acme-hvac.com');
    expect(frank.emails).toEqual([
      'frank@acme-hvac.com',
      'frank.kerr@acme-hvac.com',
      'frank.kerr@acmehvac.onmicrosoft.com',
    ]);
    // Olivia's ServiceTitan email is Olivia.Grant@Acme-HVAC.com
    expect(person('olivia.grant@acme-hvac.com').emails.every((e) => e === e.toLowerCase())).toBe(true);
  });

  it('takes the later of the last sign-in and the last successful sign-in', () => {
    const now = NOW.getTime();
    const ageDays = (p: Person) => (now - Date.parse(p.lastSignIn!)) / DAY_MS;
    // technician 208 signed in 200 days ago, and has not refreshed a token since
    expect(ageDays(person('jacob.oliver@acme-hvac.com'))).toBeCloseTo(200, 0);
    // technician 201 signed in interactively days ago; its phone refreshed a token hours ago
    expect(ageDays(person('chloe.gutierrez@acme-hvac.com'))).toBeLessThan(1);
    expect(person('chloe.gutierrez@acme-hvac.com').createdAt).toBe(
      sampleTenant().technicians.find((t) => t.id === 201)!.createdOn,
    );
  });

  it('has no person for the shared login, which no directory knows', () => {
    expect(directory.people.some((p) => p.name === 'Front Desk Tablet')).toBe(false);
  });
});

describe('paging', () => {
  it('follows @odata.nextLink across many pages to the same directory', async () => {
    const small = await directorySandbox({ directoryPageSize: 4 });
    try {
      const [paged] = await reading(small).read([entraSource(small)]);
      expect(paged!.people).toEqual(directory.people);
      const pages = small.requests.filter((r) => r.path === '/entra/graph/v1.0/users');
      expect(pages).toHaveLength(Math.ceil(directory.people.length / 4));
      expect(pages.filter((r) => r.query.$skiptoken !== undefined)).toHaveLength(pages.length - 1);
      // every page asks for the fields the audit reads, signInActivity included, 999 at most
      expect(pages.every((r) => r.query.$select?.includes('signInActivity') && r.query.$top === '999')).toBe(
        true,
      );
    } finally {
      await small.close();
    }
  });
});

describe('a directory that answers 429 or 503', () => {
  it('waits as Retry-After says, then reads the whole directory', async () => {
    sandbox.setFaults({
      rules: [
        { match: { path: '/entra/graph/' }, kind: 'status-429', times: 1, after: 1, retryAfterSeconds: 3 },
        { match: { path: '/entra/graph/' }, kind: 'status-503', times: 1, after: 0, retryAfterSeconds: 2 },
        { match: { path: '/oauth2/v2.0/token' }, kind: 'status-503', times: 1, retryAfterSeconds: 1 },
      ],
    });
    try {
      const r = reading(sandbox);
      const [read] = await r.read([entraSource(sandbox)]);
      expect(read!.people).toEqual(directory.people);
      expect(r.waits).toEqual([1000, 2000, 3000]);
      expect(r.logger.lines.filter((l) => l.startsWith('info:') && /retrying in/.test(l))).toHaveLength(3);
      expect(r.logger.lines.join('\n')).toMatch(
        /Identity source `entra` \(Microsoft Entra ID\): GET .*\/v1\.0\/users answered 429 \(rate limited\): retrying in 3 s/,
      );
    } finally {
      sandbox.setFaults({});
    }
  });

  it('fails with identity.unreadable when the directory fails part-way through the pages, never a partial directory', async () => {
    const small = await directorySandbox({ directoryPageSize: 10 });
    try {
      // pages 1 and 2 are answered; from page 3 on, the directory keeps failing
      small.setFaults({
        rules: [{ match: { path: '/entra/graph/v1.0/users' }, kind: 'status-500', after: 2 }],
      });
      const r = reading(small, { maxRetries: 3 });
      const error = await r.fail([entraSource(small)]);
      expect(error).toMatchObject({ code: 'identity.unreadable', sourceId: 'entra' });
      expect(error.message).toMatch(
        /^Identity source `entra` \(Microsoft Entra ID\): GET .*\/v1\.0\/users failed after 4 attempts \(answered 500\)/,
      );
      expect(error.message).toContain('no partial directory was used');
      expect(
        small.requests.filter((q) => q.path === '/entra/graph/v1.0/users' && q.status === 200),
      ).toHaveLength(2);

      // a refusal part-way through (a skip token the directory no longer knows) fails too
      small.setFaults({
        rules: [{ match: { path: '/entra/graph/v1.0/users' }, kind: 'status-404', after: 1 }],
      });
      const refused = await reading(small).fail([entraSource(small)]);
      expect(refused).toMatchObject({ code: 'identity.request-rejected', sourceId: 'entra' });
    } finally {
      await small.close();
    }
  });
});

describe('signing in', () => {
  it('fails with identity.auth-failed on a wrong client secret, naming what to check and never the secret', async () => {
    const wrong = 'wrong~secret.value-Q8x7';
    const r = reading(sandbox, { credentials: { entraClientSecret: wrong } });
    const error = await r.fail([entraSource(sandbox)]);
    expect(error).toMatchObject({ code: 'identity.auth-failed', sourceId: 'entra' });
    expect(error.message).toContain('AADSTS7000215');
    expect(error.hint).toContain('entra-client-secret');
    expect(r.secrets).toContain(wrong);
    expect(secretsAbsent(visibleText(r, error), r.secrets)).toEqual([]);
  });

  it('names the tenant id when the tenant is wrong', async () => {
    const error = await reading(sandbox).fail([{ id: 'corp', kind: 'entra', tenantId: 'not-our-tenant' }]);
    expect(error).toMatchObject({ code: 'identity.auth-failed', sourceId: 'corp' });
    expect(error.message).toContain('AADSTS90002');
    expect(error.hint).toContain('tenant-id');
  });

  it('fails with identity.missing-credentials without a client id, or without a secret outside Actions', async () => {
    const noId = await reading(sandbox, { credentials: { entraClientId: null } }).fail([
      entraSource(sandbox),
    ]);
    expect(noId).toMatchObject({ code: 'identity.missing-credentials', sourceId: 'entra' });
    const noSecret = await reading(sandbox, { credentials: { entraClientSecret: null } }).fail([
      entraSource(sandbox),
    ]);
    expect(noSecret).toMatchObject({ code: 'identity.missing-credentials' });
    expect(noSecret.message).toContain('no GitHub Actions OIDC token outside a workflow run');
    const inActions = await reading(sandbox, {
      credentials: { entraClientSecret: null },
      inActions: true,
    }).fail([entraSource(sandbox)]);
    expect(inActions.message).toContain('permissions: id-token: write');
  });
});

describe('without Entra ID P1', () => {
  it('reads the users again without signInActivity and says dormancy cannot be judged from this source', async () => {
    const data = sampleTenant();
    data.directory!.entra.premium = false;
    const basic = await directorySandbox({ data });
    try {
      const r = reading(basic);
      const [read] = await r.read([entraSource(basic)]);
      expect(read!.signInReported).toBe(false);
      expect(read!.signInUnavailable).toMatch(
        /refused signInActivity \(it needs Entra ID P1 and the AuditLog\.Read\.All permission\)/,
      );
      expect(read!.signInUnavailable).toContain(
        "Neither tenant is B2C or tenant doesn't have premium license",
      );
      expect(read!.people.every((p) => p.lastSignIn === null)).toBe(true);
      expect(read!.people.map((p) => [p.personId, p.state, p.type])).toEqual(
        directory.people.map((p) => [p.personId, p.state, p.type]),
      );
      const asked = basic.requests
        .filter((q) => q.path === '/entra/graph/v1.0/users')
        .map((q) => [q.status, q.query.$select]);
      expect(asked[0]).toEqual([403, expect.stringContaining('signInActivity')]);
      expect(
        asked
          .slice(1)
          .every(([status, select]) => status === 200 && !String(select).includes('signInActivity')),
      ).toBe(true);
      expect(
        r.logger.lines.some((l) => l.startsWith('warning:') && l.includes('without sign-in times')),
      ).toBe(true);
    } finally {
      await basic.close();
    }
  });
});

describe('the workflow’s OIDC token as a federated credential', () => {
  /** A loopback stand-in for the runner's token service (ACTIONS_ID_TOKEN_REQUEST_URL). */
  let service: Server;
  let serviceUrl: string;
  const asked: { audience: string | null; authorization: string | undefined }[] = [];
  let audienceOverride: string | null = null;
  const REQUEST_TOKEN = 'runner-request-token-7Hq2';
  const saved = {
    url: process.env.ACTIONS_ID_TOKEN_REQUEST_URL,
    token: process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
  };

  beforeAll(async () => {
    service = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://runner.invalid');
      const audience = url.searchParams.get('audience');
      asked.push({ audience, authorization: req.headers.authorization });
      if (req.headers.authorization !== `Bearer ${REQUEST_TOKEN}`) {
        res.writeHead(401).end();
        return;
      }
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const jwt = [
        part({ alg: 'RS256', typ: 'JWT', kid: 'runner' }),
        part({
          iss: 'https://token.actions.githubusercontent.com',
          sub: 'repo:acme-hvac/access:ref:refs/heads/main',
          aud: audienceOverride ?? audience,
          iat: now,
          exp: now + 300,
        }),
        Buffer.from(`signature-${asked.length}-of-the-runner`).toString('base64url'),
      ].join('.');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: jwt }));
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}/token?api-version=2.0`;
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = serviceUrl;
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = REQUEST_TOKEN;
  });
  afterAll(async () => {
    for (const [key, value] of [
      ['ACTIONS_ID_TOKEN_REQUEST_URL', saved.url],
      ['ACTIONS_ID_TOKEN_REQUEST_TOKEN', saved.token],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await new Promise<void>((resolve) => service.close(() => resolve()));
  });

  it('asks the runner for a token for api://AzureADTokenExchange and signs in with it, no secret stored', async () => {
    const r = reading(sandbox, {
      credentials: { entraClientSecret: null },
      env: process.env,
      inActions: true,
    });
    const [read] = await r.read([entraSource(sandbox)]);
    expect(read!.people).toEqual(directory.people);
    expect(asked.at(-1)).toEqual({
      audience: ENTRA_FEDERATED_AUDIENCE,
      authorization: `Bearer ${REQUEST_TOKEN}`,
    });
    // the assertion and the access token it bought were both handed on to be masked
    const assertion = r.secrets.find((s) => s.split('.').length === 3 && s.includes('.'));
    expect(assertion).toBeDefined();
    expect(r.logger.lines.join('\n')).toContain('with the workflow’s OIDC token');
    expect(secretsAbsent(visibleText(r), [...r.secrets, REQUEST_TOKEN])).toEqual([]);
  });

  it('fails with identity.auth-failed and says how to set up the federated credential when Entra refuses the token', async () => {
    audienceOverride = 'https://github.com/acme-hvac';
    try {
      const r = reading(sandbox, {
        credentials: { entraClientSecret: null },
        env: process.env,
        inActions: true,
      });
      const error = await r.fail([entraSource(sandbox)]);
      expect(error).toMatchObject({ code: 'identity.auth-failed', sourceId: 'entra' });
      expect(error.message).toContain('AADSTS700212');
      expect(error.hint).toContain('federated credential');
      expect(secretsAbsent(visibleText(r, error), [...r.secrets, REQUEST_TOKEN])).toEqual([]);
    } finally {
      audienceOverride = null;
    }
  });

  it('fails with identity.oidc-failed when the runner refuses the request', async () => {
    const env = { ...process.env, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'not-the-request-token' };
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    try {
      const r = reading(sandbox, { credentials: { entraClientSecret: null }, env, inActions: true });
      const error = await r.fail([entraSource(sandbox)]);
      expect(error).toMatchObject({ code: 'identity.oidc-failed', sourceId: 'entra' });
      expect(error.hint).toContain('id-token: write');
      expect(secretsAbsent(visibleText(r, error), ['not-the-request-token'])).toEqual([]);
    } finally {
      process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = REQUEST_TOKEN;
    }
  });
});
