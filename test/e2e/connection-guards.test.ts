/**
 * Where a run connects and where the sandbox listens: a plain http:// API or token URL is refused
 * unless it is this machine (the client secret, the app key and the access tokens would travel
 * unencrypted), before any request is sent; a sandbox port that is taken is the user's to change,
 * not a bug. One refusal of each entry and the taken port run through the committed bundles; the
 * rest through the action's `run()` and the CLI's `runCommand` in this process.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { POLICY, sandboxRequests, starterPolicy } from './guard.support.js';
import { runAction, runCli, sandboxEnv, sandboxInputs } from './harness.js';
import { runActionInProcess, runCliInProcess } from '../helpers/in-process.js';

let sandbox: Sandbox;
let policy: string;
beforeAll(async () => {
  [sandbox, policy] = await Promise.all([startSandbox(), starterPolicy()]);
});
afterAll(() => sandbox.close());

describe('plain http:// is refused for anything but this machine', () => {
  const REFUSED: [string, Record<string, string>][] = [
    ['api-url on another host', { 'api-url': 'http://api.servicetitan.example' }],
    ['auth-url on a private address', { 'auth-url': 'http://10.1.2.3:8080/connect/token' }],
    ['api-url on a name that only starts like localhost', { 'api-url': 'http://localhost.example.com' }],
  ];
  // the first through the committed bundle, the others through the action's `run()` in-process
  for (const [index, [name, inputs]] of REFUSED.entries()) {
    it.concurrent(`the action refuses ${name} with input.insecure-url, sending nothing`, async () => {
      const before = (await sandboxRequests(sandbox)).length;
      const run = await (index === 0 ? runAction : runActionInProcess)({
        inputs: sandboxInputs(sandbox, { mode: 'audit', ...inputs }),
        files: { [POLICY]: policy },
      });
      expect(run.outputs.status).toBe('error');
      expect(run.code).not.toBe(0);
      const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
      expect(errors.join('\n')).toMatch(
        /^Input `(api|auth)-url` is a plain http:\/\/ URL for .*unencrypted/m,
      );
      expect(errors.join('\n')).toMatch(/Use an https:\/\/ URL.*\[input\.insecure-url\]/);
      expect(run.summary).toMatch(/input\.insecure-url/);
      expect((await sandboxRequests(sandbox)).length).toBe(before);
    });
  }

  it('the command line refuses ST_API_URL on another host (exit 2) before any request', async () => {
    const before = (await sandboxRequests(sandbox)).length;
    const res = await runCli(['audit', '--policy', 'examples/policies/starter.yml'], {
      env: { ...sandboxEnv(sandbox), ST_API_URL: 'http://192.0.2.10:4010' },
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/ST_API_URL is a plain http:\/\/ URL for 192\.0\.2\.10/);
    expect(res.stderr).toMatch(/\[input\.insecure-url\]/);
    expect((await sandboxRequests(sandbox)).length).toBe(before);
  });

  it('accepts plain http:// on 127.0.0.1, as the sandbox is served', async () => {
    const res = await runCliInProcess(['audit', '--policy', 'examples/policies/starter.yml', '--json'], {
      env: sandboxEnv(sandbox),
    });
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(res.stderr).not.toMatch(/insecure-url/);
    expect((JSON.parse(res.stdout) as { status: string }).status).toBe('fail');
  });
});

describe('st-access-guard sandbox on a port in use', () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('says the port is in use and how to choose another (exit 2), not that it is a bug', async () => {
    const res = await runCli(['sandbox', '--port', String(port)], { timeoutMs: 20_000 });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`port ${port} is in use: choose another with --port`);
    expect(res.stderr).toContain('[sandbox.port-in-use]');
    expect(res.stderr).not.toMatch(/bug|unexpected/i);
  });
});
