import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { connect, requestToken } from './harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('sandbox token endpoint', () => {
  it('issues an opaque bearer token for the right client credentials', async () => {
    sandbox = await startSandbox();
    const answer = await requestToken(sandbox);
    expect(answer.status).toBe(200);
    const body = answer.body as { access_token: string; expires_in: number; token_type: string };
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(900);
    expect(body.access_token).toMatch(/^[\w-]{20,}$/);
    expect(sandbox.tokensIssued).toBe(1);
  });

  it('refuses a wrong client secret like an OAuth server, without echoing it', async () => {
    sandbox = await startSandbox();
    const answer = await requestToken(sandbox, 'not-the-secret');
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'invalid_client' });
    expect(answer.text).not.toContain('not-the-secret');
    expect(sandbox.tokensIssued).toBe(0);
  });

  it('refuses other grant types and non-form bodies', async () => {
    sandbox = await startSandbox();
    const wrongGrant = await fetch(sandbox.authUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&client_id=cid.sandbox-demo&client_secret=cs1.sandbox-demo-secret',
    });
    expect(wrongGrant.status).toBe(400);
    expect(await wrongGrant.json()).toEqual({ error: 'unsupported_grant_type' });
    const json = await fetch(sandbox.authUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('accepts the client in an HTTP Basic header too', async () => {
    sandbox = await startSandbox();
    const basic = Buffer.from(`${sandbox.credentials.clientId}:${sandbox.credentials.clientSecret}`).toString(
      'base64',
    );
    const response = await fetch(sandbox.authUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);
  });
});

describe('sandbox gateway check', () => {
  it('answers 401 in the gateway shape before anything else, even for an unknown tenant or path', async () => {
    sandbox = await startSandbox();
    for (const path of ['/settings/v2/tenant/1234567/employees', '/settings/v2/tenant/999/nothing-here']) {
      const response = await fetch(`${sandbox.url}${path}`, {
        headers: { 'st-app-key': sandbox.credentials.appKey },
      });
      expect(response.status).toBe(401);
      const body = (await response.json()) as { statusCode: number; message: string };
      expect(body.statusCode).toBe(401);
      expect(body.message).toMatch(/token/);
    }
  });

  it('refuses a valid token without the right ST-App-Key', async () => {
    sandbox = await startSandbox();
    const caller = await connect(sandbox);
    const withoutKey = await caller.raw(caller.url('employees'), {
      headers: { authorization: `Bearer ${caller.token}` },
    });
    expect(withoutKey.status).toBe(401);
    expect((withoutKey.body as { message: string }).message).toMatch(/ST-App-Key/);
    const wrongKey = await caller.raw(caller.url('employees'), {
      headers: { authorization: `Bearer ${caller.token}`, 'st-app-key': 'ak1.someone-else' },
    });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.text).not.toContain('ak1.someone-else');
  });

  it('refuses an expired token, and a fresh one works again', async () => {
    let clock = Date.UTC(2025, 5, 1);
    sandbox = await startSandbox({ tokenLifetimeSeconds: 60, now: () => new Date(clock) });
    const caller = await connect(sandbox);
    expect((await caller.get('employees')).status).toBe(200);
    clock += 61_000;
    const expired = await caller.get('employees');
    expect(expired.status).toBe(401);
    expect((expired.body as { message: string }).message).toMatch(/expired/);
    const again = await connect(sandbox);
    expect((await again.get('employees')).status).toBe(200);
    expect(sandbox.tokensIssued).toBe(2);
  });

  it('answers 404 in RFC 7807 shape for another tenant', async () => {
    sandbox = await startSandbox();
    const caller = await connect(sandbox);
    const other = await caller.raw(`${sandbox.url}/settings/v2/tenant/7654321/employees`, {
      headers: { authorization: `Bearer ${caller.token}`, 'st-app-key': sandbox.credentials.appKey },
    });
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ status: 404, errors: {}, data: {} });
    expect((other.body as { title: string; traceId: string }).traceId).toMatch(/^00-[0-9a-f]{32}-/);
  });

  it('logs every API and token request with its status', async () => {
    let clock = Date.UTC(2025, 5, 1, 12);
    sandbox = await startSandbox({ now: () => new Date(clock++) });
    const caller = await connect(sandbox);
    await caller.get('employees?active=Any&page=2');
    expect(sandbox.requests).toEqual([
      { method: 'POST', path: '/connect/token', query: {}, status: 200, at: Date.UTC(2025, 5, 1, 12) },
      expect.objectContaining({
        method: 'GET',
        path: '/settings/v2/tenant/1234567/employees',
        query: { active: 'Any', page: '2' },
        status: 200,
      }),
    ]);
  });
});
