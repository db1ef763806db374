import { describe, expect, it } from 'vitest';
import { ConfigurationError, RuntimeError } from '../../src/errors.js';
import {
  connectionSecrets,
  isServiceTitanError,
  parseProblem,
  scrubSecrets,
} from '../../src/servicetitan/errors.js';
import { liveWriter } from '../../src/servicetitan/writer.js';
import { connection, problem, SECRETS, type Reply } from './mock-servicetitan.js';
import { rejection, setup } from './unit-setup.js';

describe('reading ServiceTitan error bodies', () => {
  it('reads an RFC 7807 body: title, field errors and trace id', () => {
    expect(
      parseProblem(JSON.stringify(problem(400, 'Bad request', { pageSize: ['Must be at most 5000'] }))),
    ).toEqual({
      message: 'Bad request; pageSize: Must be at most 5000',
      traceId: 'trace-400-xyz',
    });
  });

  it("reads RFC 7807's detail after the title", () => {
    expect(
      parseProblem('{"title":"Cannot deactivate","detail":"The technician has ongoing jobs.","status":400}'),
    ).toEqual({ message: 'Cannot deactivate; The technician has ongoing jobs.' });
  });

  it('reads a gateway body, an OAuth error and plain text', () => {
    expect(parseProblem('{"statusCode": 403, "message": "Out of call volume quota."}')).toEqual({
      message: 'Out of call volume quota.',
    });
    expect(parseProblem('{"error":"invalid_client","error_description":"Bad secret"}').message).toBe(
      'invalid_client: Bad secret',
    );
    expect(parseProblem('<html>\n  Bad   gateway\n</html>').message).toBe('<html> Bad gateway </html>');
    expect(parseProblem('')).toEqual({});
  });
});

describe('errors say what to check', () => {
  const failWith = (reply: Reply) =>
    setup({ respond: (r) => (r.path.endsWith('/employees') ? reply : undefined) });

  it('reports a 403 as auth.forbidden: the scope or the tenant connection', async () => {
    const { client } = failWith({ statusCode: 403, data: problem(403, 'Forbidden') });
    const error = await rejection(client.fetchSnapshot());
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(isServiceTitanError(error)).toBe(true);
    expect(error.code).toBe('auth.forbidden');
    expect(error.message).toContain(
      'GET /settings/v2/tenant/4321/employees failed with 403: Forbidden (trace id trace-403-xyz)',
    );
    expect(String(error.hint)).toMatch(/Settings read scope.*connect the app/);
  });

  it('reports a 404 on a tenant path as tenant.not-found, and on a record as a rejected request', async () => {
    const { client } = failWith({
      statusCode: 404,
      data: { statusCode: 404, message: 'Resource not found' },
    });
    const error = await rejection(client.fetchSnapshot());
    expect(error.code).toBe('tenant.not-found');
    expect(error.exitCode).toBe(2);
    expect(String(error.hint)).toMatch(/tenant id and the environment/);

    const missing = await rejection(setup().client.getUser('employee', 999));
    expect(missing).toBeInstanceOf(RuntimeError);
    expect(missing.code).toBe('servicetitan.request-rejected');
  });
});

describe('secrets', () => {
  const secretsIn = (text: string, tokens: string[]) =>
    [SECRETS.clientSecret, SECRETS.appKey, ...tokens].filter((s) => text.includes(s));

  it('never puts the client secret, the app key or a token in an error, its details or a log line', async () => {
    // a misbehaving server that echoes the request's secrets back in every error shape
    const echo = (status: number): Reply => ({
      statusCode: status,
      data: {
        type: 'x',
        title: `Echo ${SECRETS.clientSecret} ${SECRETS.appKey} token-1-abcdef token-2-abcdef`,
        status,
        traceId: 't',
        errors: { key: [SECRETS.appKey] },
        data: {},
      },
    });
    const failures: Reply[] = [401, 403, 404, 400, 500, 503, 429].map(echo);
    for (const reply of failures) {
      const { client, logger, tokensSeen } = setup({ respond: () => reply }, { maxRetries: 1 });
      const error = await rejection(client.fetchSnapshot());
      const everything = [
        error.message,
        String(error.hint),
        JSON.stringify(error),
        logger.lines.join('\n'),
      ].join('\n');
      expect(tokensSeen.length).toBeGreaterThan(0);
      expect(secretsIn(everything, tokensSeen)).toEqual([]);
    }

    const token = setup({
      respondToken: () => ({
        statusCode: 401,
        data: { error: 'invalid_client', error_description: SECRETS.clientSecret },
      }),
    });
    const tokenError = await rejection(token.client.fetchSnapshot());
    expect(secretsIn(tokenError.message + JSON.stringify(tokenError), [])).toEqual([]);

    const write = setup({ respond: () => echo(400) });
    const writeError = await rejection(liveWriter(write.client).lock('employee', 1));
    expect(secretsIn(writeError.message + JSON.stringify(writeError), write.tokensSeen)).toEqual([]);
  });

  it('scrubs every secret from echoed text', () => {
    expect(scrubSecrets('a SECRET1 b SECRET1 c KEY22', ['SECRET1', 'KEY22', ''])).toBe('a *** b *** c ***');
  });

  it('scrubs the client id too, in every form a server may echo it, even split by JSON escapes', () => {
    const pair = {
      clientId: 'cid.Echo/+Id=&%41',
      clientSecret: 'cs1.Echo/Secret+=',
      appKey: 'ak1.Echo=Key/',
    };
    const secrets = connectionSecrets(pair, ['tok.abcdef']);
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const body = JSON.stringify({
      error: 'invalid_client',
      error_description: [
        `unknown client ${pair.clientId}`,
        `form client_id=${new URLSearchParams({ s: pair.clientId }).toString().slice(2)}`,
        `url ${encodeURIComponent(pair.clientId)}`,
        `basic ${b64(`${pair.clientId}:${pair.clientSecret}`)}`,
        `b64 ${b64(pair.clientId)} ${Buffer.from(pair.clientId).toString('base64url')}`,
        `key ${pair.appKey} token tok.abcdef`,
      ].join('; '),
      traceId: `trace-${pair.clientId}`,
    })
      // a server that escapes / and writes letters as \u escapes
      .replaceAll('/', '\\/')
      .replaceAll('cid.', '\\u0063id.');
    const problem = parseProblem(body, secrets);
    const text = `${problem.message} ${problem.traceId}`;
    expect(text).toContain('invalid_client: unknown client ***');
    for (const secret of [pair.clientId, pair.clientSecret, pair.appKey, 'tok.abcdef']) {
      for (const form of [secret, encodeURIComponent(secret), b64(secret), b64(secret).replace(/=+$/, '')]) {
        expect(text).not.toContain(form);
      }
    }
    expect(text).not.toContain(b64(`${pair.clientId}:${pair.clientSecret}`));
  });

  it('never puts the client id echoed by the token endpoint into the error', async () => {
    const echoed = setup({
      respondToken: (request) => ({
        statusCode: 400,
        data: {
          error: 'invalid_client',
          error_description: `client ${connection.clientId} rejected; you sent ${request.body}`,
        },
      }),
    });
    const error = await rejection(echoed.client.fetchSnapshot());
    expect(error.code).toBe('auth.invalid-client');
    const everything = [error.message, String(error.hint), JSON.stringify(error)].join('\n');
    expect(everything).toContain('client *** rejected');
    for (const secret of [connection.clientId, SECRETS.clientSecret]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(encodeURIComponent(secret));
    }
  });
});
