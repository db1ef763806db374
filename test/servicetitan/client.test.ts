import { describe, expect, it } from 'vitest';
import { AccessTokens, safetyMarginSeconds } from '../../src/servicetitan/auth.js';
import { silentLogger } from '../../src/logger.js';
import { RetryBudget } from '../../src/servicetitan/retry.js';
import { DEFAULT_TUNING } from '../../src/servicetitan/settings.js';
import { connection, employee, mockServiceTitan, SECRETS, technician, TENANT } from './mock-servicetitan.js';
import { rejection, setup } from './unit-setup.js';

describe('authentication', () => {
  it('fetches one token for a whole snapshot with form-encoded client credentials', async () => {
    const { client, tokenRequests, tokensSeen } = setup();
    await client.fetchSnapshot();
    expect(tokenRequests).toHaveLength(1);
    expect(client.stats.tokenRequests).toBe(1);
    const form = new URLSearchParams(tokenRequests[0]!.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_id')).toBe(connection.clientId);
    expect(form.get('client_secret')).toBe(SECRETS.clientSecret);
    expect(tokenRequests[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokensSeen).toEqual(['token-1-abcdef']);
  });

  it('sends the bearer token, the app key and Accept: application/json on every API request', async () => {
    const { client, requests } = setup();
    await client.fetchSnapshot();
    expect(requests.length).toBeGreaterThanOrEqual(4);
    for (const r of requests) {
      expect(r.headers.authorization).toBe('Bearer token-1-abcdef');
      expect(r.headers['st-app-key']).toBe(SECRETS.appKey);
      expect(r.headers.accept).toBe('application/json');
    }
  });

  it('fetches a new token once after a 401 and retries the request', async () => {
    let refused = false;
    const { client, tokensSeen } = setup({
      respond: (r) => {
        if (!refused && r.path.endsWith('/employees')) {
          refused = true;
          return { statusCode: 401, data: { statusCode: 401, message: 'Token expired' } };
        }
        return undefined;
      },
    });
    const snapshot = await client.fetchSnapshot();
    expect(snapshot.users.length).toBe(2);
    expect(tokensSeen).toEqual(['token-1-abcdef', 'token-2-abcdef']);
    expect(client.stats.tokenRequests).toBe(2);
  });

  it('fails with auth.unauthorized when the fresh token is refused too', async () => {
    const { client, tokenRequests } = setup({
      respond: () => ({ statusCode: 401, data: { statusCode: 401, message: 'Invalid token' } }),
    });
    const error = await rejection(client.fetchSnapshot());
    expect(error.code).toBe('auth.unauthorized');
    expect(error.exitCode).toBe(2);
    expect(String(error.hint)).toMatch(/app-key.*client-id.*client-secret.*environment/);
    expect(tokenRequests.length).toBe(2);
  });

  it('reports rejected client credentials as auth.invalid-client naming the secrets and the environment', async () => {
    const { client } = setup({
      respondToken: () => ({ statusCode: 400, data: { error: 'invalid_client' } }),
    });
    const error = await rejection(client.fetchSnapshot());
    expect(error.code).toBe('auth.invalid-client');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(
      'POST https://auth.st.test/connect/token failed with 400: invalid_client',
    );
    expect(String(error.hint)).toMatch(/client-secret.*integration/);
  });

  it('points at auth-url when the token endpoint is not there', async () => {
    const { client } = setup({ respondToken: () => ({ statusCode: 404, data: 'Not Found' }) });
    const error = await rejection(client.fetchSnapshot());
    expect(error.code).toBe('auth.token-request-failed');
    expect(error.exitCode).toBe(2);
    expect(String(error.hint)).toContain('auth-url');
  });

  it('retries the token endpoint when it is overloaded', async () => {
    const { client, tokenRequests } = setup({
      respondToken: (_, issued) =>
        issued === 0 && tokenRequests.length === 1
          ? { statusCode: 503, data: 'Service Unavailable' }
          : undefined,
    });
    await client.fetchSnapshot();
    expect(tokenRequests).toHaveLength(2);
    expect(client.stats.tokenRequests).toBe(2);
  });

  it('renews 60 s before a 900 s expiry, and at 90% of a short lifetime', () => {
    expect(safetyMarginSeconds(900)).toBe(60);
    expect(safetyMarginSeconds(10)).toBe(1);
  });

  it('reuses a cached token until shortly before it expires, then fetches another', async () => {
    const mock = mockServiceTitan({ tokenLifetimeSeconds: 10 });
    let clock = 0;
    const tokens = new AccessTokens({
      connection,
      tuning: DEFAULT_TUNING,
      dispatcher: mock.agent,
      logger: silentLogger,
      sleep: async () => {},
      onRequest: () => {},
      onRetry: () => {},
      now: () => clock,
    });
    const budget = new RetryBudget(1000);
    const [a, b] = await Promise.all([tokens.get(budget), tokens.get(budget)]);
    expect(a).toBe(b);
    clock = 8_900;
    expect(await tokens.get(budget)).toBe(a);
    clock = 9_100;
    expect(await tokens.get(budget)).not.toBe(a);
    expect(mock.tokenRequests).toHaveLength(2);
  });
});

describe('normalizing users', () => {
  it('resolves role names, the business unit and permissions, and treats a null accountLocked as unlocked', async () => {
    const { client } = setup({
      employees: [
        employee(7, {
          roleIds: [1, 99],
          accountLocked: null,
          email: '  ',
          permissions: [
            { id: 10421, value: 'True' },
            { id: 10422, value: null },
          ],
          someFutureField: { nested: true },
        }),
      ],
      technicians: [
        technician(8, { businessUnitId: 77, customFields: [{ typeId: 3, name: 'Badge', value: 'B-1' }] }),
      ],
    });
    const snapshot = await client.fetchSnapshot();
    expect(snapshot.tenant).toBe(TENANT);
    expect(snapshot.fetchedAt).toBe('2025-06-01T12:00:00.000Z');
    const [e, t] = snapshot.users;
    expect(e).toMatchObject({
      kind: 'employee',
      id: 7,
      userId: 1007,
      role: 'CSR',
      roles: ['Office', '#99'],
      businessUnit: 'HVAC',
      locked: false,
      email: null,
      login: 'e7',
      permissions: { '10421': 'True', '10422': null },
    });
    expect(t).toMatchObject({
      kind: 'technician',
      role: null,
      roles: ['Field'],
      businessUnitId: 77,
      businessUnit: null,
    });
    expect(t!.customFields).toEqual([{ typeId: 3, name: 'Badge', value: 'B-1' }]);
    expect(snapshot.roles.map((r) => r.name)).toEqual(['Office', 'Field']);
  });

  it('skips business units when they are not asked for', async () => {
    const { client, requests } = setup();
    const snapshot = await client.fetchSnapshot({ businessUnits: false });
    expect(snapshot.businessUnits).toEqual([]);
    expect(requests.some((r) => r.path.endsWith('/business-units'))).toBe(false);
  });

  it('rejects a record without a numeric id, naming the endpoint', async () => {
    const { client } = setup({ employees: [employee(1), { ...employee(2), id: 'two' }] });
    const error = await rejection(client.fetchSnapshot());
    expect(error.code).toBe('servicetitan.invalid-response');
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain(`GET /settings/v2/tenant/${TENANT}/employees`);
    expect(error.message).toContain('record 2 on page 1');
  });

  it('rejects a page that is not an object with a data array', async () => {
    const { client } = setup({
      respond: (r) =>
        r.path.endsWith('/technicians') ? { statusCode: 200, data: [technician(1)] } : undefined,
    });
    const error = await rejection(client.fetchSnapshot());
    expect(error.code).toBe('servicetitan.invalid-response');
    expect(error.message).toContain('/technicians');
  });

  it('reads one user by id, normalized, for verifying writes', async () => {
    const { client } = setup({ technicians: [technician(5, { accountLocked: true, roleIds: [1] })] });
    const user = await client.getUser('technician', 5);
    expect(user).toMatchObject({ kind: 'technician', id: 5, locked: true, roles: ['Office'] });
  });
});
