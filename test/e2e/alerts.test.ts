/**
 * The committed action bundle alerting the way a self-hosted runner behind a TLS-inspecting proxy
 * would: an https webhook whose certificate only NODE_EXTRA_CA_CERTS trusts, reached through the
 * HTTPS_PROXY, beside a webhook that keeps failing. Masks, logs, summary, outputs and report are
 * read as the runner would show them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ROOT, runAction, sandboxInputs } from './harness.js';
import { startProxy, startReceiver, type Proxy, type Receiver } from '../notify/receiver.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../notify/fixtures');
const CERT = path.join(FIXTURES, 'loopback-cert.pem');

let sandbox: Sandbox;
let tlsReceiver: Receiver;
let plainReceiver: Receiver;
let proxy: Proxy;

beforeAll(async () => {
  sandbox = await startSandbox();
  tlsReceiver = await startReceiver({
    key: await readFile(path.join(FIXTURES, 'loopback-key.pem'), 'utf8'),
    cert: await readFile(CERT, 'utf8'),
  });
  plainReceiver = await startReceiver();
  proxy = await startProxy();
});
afterAll(async () => {
  await Promise.all([sandbox.close(), tlsReceiver.close(), plainReceiver.close(), proxy.close()]);
});

it('alerts through the proxy with the extra CA, warns about a failing webhook, and shows no URL anywhere', async () => {
  plainReceiver.answer('/down-B0t7kq', { status: 503 });
  const slackUrl = `${tlsReceiver.url}/services/T0/B0/hUnTeR2secret`;
  const downUrl = `${plainReceiver.url}/down-B0t7kq`;
  const starter = await readFile(path.join(ROOT, 'examples/policies/starter.yml'), 'utf8');
  const run = await runAction({
    inputs: {
      mode: 'audit',
      ...sandboxInputs(sandbox),
      notify: `slack:${slackUrl}\njson:${downUrl}`,
    },
    env: {
      HTTPS_PROXY: proxy.url,
      NO_PROXY: '',
      NODE_EXTRA_CA_CERTS: CERT,
      GITHUB_RUN_ID: '77',
    },
    event: { name: 'schedule', payload: { repository: { private: true } } },
    files: { '.github/servicetitan-access.yml': starter },
  });

  // the audit's own outcome: findings at fail-on, nothing else
  expect(run.outputs.status).toBe('fail');
  expect(run.code).toBe(1);

  // the Slack message came through the proxy, over TLS the extra CA vouches for
  const [message] = tlsReceiver.bodies('/services/T0/B0/hUnTeR2secret') as { text: string }[];
  expect(message?.text).toMatch(/new ServiceTitan access findings in tenant/);
  expect(proxy.seen).toContain(`CONNECT ${new URL(tlsReceiver.url).host}`);

  // the other webhook is a warning naming it by kind and position
  const warnings = run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
  expect(warnings).toContainEqual(
    expect.stringMatching(/^The alert was not delivered to JSON webhook 2 of 2: HTTP 503 after 4 attempts\./),
  );

  // every webhook masked as soon as it was read; none shown anywhere else
  expect(run.masks).toEqual(expect.arrayContaining([slackUrl, downUrl, `slack:${slackUrl}`]));
  const shown = [
    run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
    run.stderr,
    run.summary,
    JSON.stringify(run.outputs),
    await readFile(path.join(run.workspace, run.outputs.report!), 'utf8'),
  ].join('\n');
  for (const secret of ['hUnTeR2secret', 'B0t7kq', tlsReceiver.url, plainReceiver.url]) {
    expect(shown).not.toContain(secret);
  }
});
