/**
 * The sandbox's identity directories at the wire: what Graph and the Directory API answer to
 * requests the tool never sends, and the directory of a `--data` file.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SANDBOX_DIRECTORY_CREDENTIALS,
  generateTenant,
  loadTenantData,
  parseTenantData,
  sampleTenant,
  startSandbox,
  type Sandbox,
} from '../../src/sandbox/index.js';

let sandbox: Sandbox;
let graphToken: string;

async function json(response: Response): Promise<{ status: number; body: Record<string, unknown> }> {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function entraTokenRequest(form: Record<string, string>, tenant = sandbox.identity.entraTenantId!) {
  return fetch(`${sandbox.identity.credentials.entraAuthorityUrl}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: SANDBOX_DIRECTORY_CREDENTIALS.entraClientId,
      scope: 'https://graph.microsoft.com/.default',
      ...form,
    }),
  });
}

beforeAll(async () => {
  sandbox = await startSandbox();
  const answer = await json(
    await entraTokenRequest({ client_secret: SANDBOX_DIRECTORY_CREDENTIALS.entraClientSecret }),
  );
  graphToken = answer.body.access_token as string;
});
afterAll(() => sandbox.close());

const graph = (query: string, token: string | null = graphToken) =>
  fetch(`${sandbox.identity.credentials.graphUrl}/v1.0/users${query}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });

describe('the Entra-compatible directory', () => {
  it('answers a token in Entra’s shape, and Graph refuses a call without one as Graph does', async () => {
    const ok = await json(
      await entraTokenRequest({ client_secret: SANDBOX_DIRECTORY_CREDENTIALS.entraClientSecret }),
    );
    expect(ok).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3599 } });
    const none = await json(await graph('', null));
    expect(none).toMatchObject({ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
  });

  it('accepts a client assertion only for the api://AzureADTokenExchange audience', async () => {
    const jwt = (aud: string) =>
      [{ alg: 'RS256' }, { aud, exp: Math.floor(Date.now() / 1000) + 60 }, 'sig']
        .map((p) => Buffer.from(typeof p === 'string' ? p : JSON.stringify(p)).toString('base64url'))
        .join('.');
    const form = (aud: string) => ({
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: jwt(aud),
    });
    expect((await entraTokenRequest(form('api://AzureADTokenExchange'))).status).toBe(200);
    const wrong = await json(await entraTokenRequest(form('api://something-else')));
    expect(wrong.status).toBe(400);
    expect(String(wrong.body.error_description)).toContain('AADSTS700212');
  });

  it('answers only the selected fields (and the id), the default ones without $select, and refuses unknown ones', async () => {
    const selected = await json(await graph('?$select=mail,accountEnabled&$top=1'));
    expect(Object.keys((selected.body.value as object[])[0]!).sort()).toEqual([
      'accountEnabled',
      'id',
      'mail',
    ]);
    expect(String(selected.body['@odata.nextLink'])).toMatch(
      /\/v1\.0\/users\?\$select=mail,accountEnabled&\$top=1&\$skiptoken=/,
    );
    const defaults = await json(await graph('?$top=1'));
    expect((defaults.body.value as object[])[0]).toHaveProperty('userPrincipalName');
    expect((defaults.body.value as object[])[0]).not.toHaveProperty('accountEnabled');
    expect((await graph('?$select=password')).status).toBe(400);
    expect((await graph('?$top=1000')).status).toBe(400);
    expect((await graph('?$skiptoken=nonsense')).status).toBe(400);
  });
});

describe('the Google-compatible directory', () => {
  it('refuses an assertion that is not a signed JWT, and a call without a token', async () => {
    const token = await fetch(sandbox.identity.credentials.googleTokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: 'a.b',
      }),
    });
    expect(await json(token)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const users = await fetch(
      `${sandbox.identity.credentials.googleApiUrl}/admin/directory/v1/users?customer=my_customer`,
    );
    expect(await json(users)).toMatchObject({ status: 401, body: { error: { status: 'UNAUTHENTICATED' } } });
  });
});

describe('directories in tenant data', () => {
  it('are part of the sample tenant and of the example file, and valid', async () => {
    const data = sampleTenant();
    expect(data.directory?.entra.users.length).toBe(90);
    expect(() => parseTenantData(data, 'sample')).not.toThrow();
    const example = await loadTenantData(path.resolve('examples/sandbox/tenant.json'));
    expect(example.directory?.entra.tenantId).toBe(data.directory?.entra.tenantId);
  });

  it('refuse a directory with an unknown field or a repeated id', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'directory-data-'));
    const load = async (data: unknown) => {
      await writeFile(path.join(dir, 'tenant.json'), JSON.stringify(data));
      return loadTenantData(path.join(dir, 'tenant.json')).then(
        () => new Error('the data was accepted'),
        (e: unknown) => e as Error,
      );
    };
    const extra = sampleTenant() as unknown as { directory: { entra: { users: Record<string, unknown>[] } } };
    extra.directory.entra.users[2]!['password'] = 'x';
    expect((await load(extra)).message).toContain('directory.entra.users[2]');
    const repeated = sampleTenant();
    repeated.directory!.google.users[1]!.id = repeated.directory!.google.users[0]!.id;
    expect((await load(repeated)).message).toMatch(/directory\.google\.users: id \d+ appears more than once/);
  });

  it('can be generated for a large tenant, leaving the users as they are without it', () => {
    const plain = generateTenant({ users: 300, seed: 4 });
    const withDirectory = generateTenant({ users: 300, seed: 4, directory: true });
    expect(withDirectory.employees.map((e) => e.email)).toEqual(plain.employees.map((e) => e.email));
    expect(withDirectory.directory!.entra.users.length).toBeGreaterThan(280);
    expect(withDirectory.directory!.entra.users.some((u) => !u.accountEnabled)).toBe(true);
    expect(() => parseTenantData(withDirectory, 'generated')).not.toThrow();
  });

  it('are not served when the data has none', async () => {
    const { directory: _none, ...data } = sampleTenant();
    const bare = await startSandbox({ data });
    try {
      expect(bare.identity.entraTenantId).toBeNull();
      const answer = await fetch(`${bare.identity.credentials.graphUrl}/v1.0/users`);
      expect(answer.status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
