/**
 * A token endpoint and an API that echo what they were sent into their error answers: the client
 * id, the form body with the client secret, the app key, the access token. None of it may reach
 * anything the run publishes (stdout, stderr, the report, the job summary, annotations, outputs),
 * in any form; the error still says what went wrong. The first case and the CLI run through the
 * committed bundles, the other cases through the action's `run()` in this process.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY, readReport, starterPolicy } from './guard.support.js';
import { runAction, runCli, sandboxEnv, sandboxInputs } from './harness.js';
import { runActionInProcess } from '../helpers/in-process.js';
import { actionChannels, basicForms, filesUnder, leakForms, leaks, type Channels } from './leaks.support.js';

// characters that URL encoding, form encoding, JSON and base64 all change
const CREDENTIALS = {
  clientId: 'cid.Echo/Client+Id=7&f%3e',
  clientSecret: 'cs1.Echo/Secret+Value=&%9q',
  appKey: 'ak1.Echo/App+Key=&%4k',
};
const TENANT = '7001';

type Behaviour = 'token-400' | 'token-404' | 'token-500' | 'api-403';

/** Everything a request carried, as an echoing server would paste it into its error text. */
function echo(req: IncomingMessage, body: string): string {
  const b64 = Buffer.from(CREDENTIALS.clientId).toString('base64');
  return [
    `unknown client ${CREDENTIALS.clientId} (${b64})`,
    `request body: ${body}`,
    `authorization: ${req.headers.authorization ?? ''}`,
    `app key: ${String(req.headers['st-app-key'] ?? '')}`,
  ].join('; ');
}

interface EchoServer {
  url: string;
  requests: number;
  close(): Promise<void>;
}

async function startEchoServer(behaviour: Behaviour): Promise<EchoServer> {
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      const body = Buffer.concat(chunks).toString('utf8');
      const json = (status: number, value: unknown) => {
        // a server that escapes slashes, as some JSON writers do
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value).replaceAll('/', '\\/'));
      };
      const isToken = req.url === '/connect/token';
      if (isToken && behaviour === 'token-400') {
        return json(400, { error: 'invalid_client', error_description: echo(req, body) });
      }
      if (isToken && behaviour === 'token-404') {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end(`No token endpoint here. ${echo(req, body)}`);
      }
      if (isToken && behaviour === 'token-500') {
        return json(500, { statusCode: 500, message: echo(req, body) });
      }
      if (isToken) return json(200, { access_token: 'tok.Echo-Access-Token-91x', expires_in: 900 });
      return json(403, {
        type: 'https://tools.ietf.org/html/rfc7231#section-6.5.3',
        title: `Forbidden: ${echo(req, body)}`,
        status: 403,
        traceId: `trace-${CREDENTIALS.clientId}`,
        errors: { [CREDENTIALS.clientId]: [CREDENTIALS.appKey] },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const target = (server: EchoServer) => ({
  tenant: TENANT,
  url: server.url,
  authUrl: `${server.url}/connect/token`,
  credentials: CREDENTIALS,
});

const SECRETS: Record<string, string[]> = {
  'client id': leakForms(CREDENTIALS.clientId),
  'client secret': leakForms(CREDENTIALS.clientSecret),
  'app key': leakForms(CREDENTIALS.appKey),
  'access token': leakForms('tok.Echo-Access-Token-91x'),
  'client credentials as HTTP Basic': basicForms(CREDENTIALS.clientId, CREDENTIALS.clientSecret),
  // as the echoing server wrote them: slashes escaped
  'client id, JSON-escaped': [CREDENTIALS.clientId.replaceAll('/', '\\/')],
};

const CASES: { behaviour: Behaviour; code: RegExp }[] = [
  { behaviour: 'token-400', code: /auth\.invalid-client/ },
  { behaviour: 'token-404', code: /auth\.token-request-failed/ },
  { behaviour: 'token-500', code: /servicetitan\.unavailable/ },
  { behaviour: 'api-403', code: /auth\.forbidden/ },
];

const servers: EchoServer[] = [];
let policy: string;
beforeAll(async () => {
  policy = await starterPolicy();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function echoServer(behaviour: Behaviour): Promise<EchoServer> {
  const server = await startEchoServer(behaviour);
  servers.push(server);
  return server;
}

describe('secrets echoed back by ServiceTitan never reach what a run publishes', () => {
  // the first through the committed bundle, the others through the action's `run()` in-process
  for (const [index, { behaviour, code }] of CASES.entries()) {
    it.concurrent(`the action, ${behaviour}: the error names ${code.source}, with no secret`, async () => {
      const server = await echoServer(behaviour);
      const run = await (index === 0 ? runAction : runActionInProcess)({
        inputs: sandboxInputs(target(server), { mode: 'audit' }),
        files: { [POLICY]: policy },
      });
      expect(server.requests).toBeGreaterThan(0);
      const report = await readReport(run);
      expect(report?.status).toBe('error');
      expect(run.outputs.status).toBe('error');
      const errors = (report?.errors ?? []).map((e) => `${e.code}: ${e.message}`).join('\n');
      expect(errors).toMatch(code);
      // the echoed text did reach the message, scrubbed
      expect(errors).toContain('***');
      expect(run.annotations.some((a) => code.test(a.message))).toBe(true);
      expect(run.summary).toMatch(code);

      const channels = await actionChannels(run, [POLICY]);
      for (const channel of ['stdout', 'stderr', 'summary', 'outputs', 'annotations']) {
        expect(Object.keys(channels)).toContain(channel);
      }
      expect(Object.keys(channels)).toContain('file servicetitan-access-report.json');
      expect(leaks(channels, SECRETS)).toEqual([]);
    });
  }

  it.concurrent(
    'the command line with --debug, token-400: no secret on the terminal or in the report',
    async () => {
      const server = await echoServer('token-400');
      const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-echo-'));
      await writeFile(path.join(dir, 'policy.yml'), policy);
      const res = await runCli(['audit', '--policy', 'policy.yml', '--report', 'report.json', '--debug'], {
        cwd: dir,
        env: sandboxEnv(target(server)),
      });
      expect(res.code).toBe(2);
      expect(res.stderr + res.stdout).toMatch(/auth\.invalid-client/);
      const channels: Channels = { stdout: res.stdout, stderr: res.stderr };
      for (const [file, text] of Object.entries(await filesUnder(dir))) {
        if (file !== 'policy.yml') channels[`file ${file}`] = text;
      }
      expect(Object.keys(channels)).toContain('file report.json');
      expect(leaks(channels, SECRETS)).toEqual([]);
    },
  );
});
