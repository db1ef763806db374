/**
 * Secrets and personal data: every mode runs with distinctive credentials, and nothing the run
 * publishes (logs, summary, outputs, report, SARIF, evidence, what it sends to GitHub, error
 * messages) may carry a secret in any form. With redaction on, no tenant user's name or email
 * reaches a public channel. One suite, run in-process in full (test/integration/secrets.test.ts)
 * and through the committed bundles for a few cases (test/e2e/secrets.test.ts).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sampleTenant,
  startSandbox,
  type Sandbox,
  type SandboxCredentials,
} from '../../src/sandbox/index.js';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { POLICY, readReport, resetSandbox, sandboxInputs, starterPolicy } from './guard.support.js';
import { ROOT, type ActionOptions, type ActionRun, type ProcessResult } from './harness.js';
import {
  actionChannels,
  basicForms,
  filesUnder,
  githubChannels,
  leakForms,
  leaks,
  startTokenRecorder,
  type Channels,
  type TokenRecorder,
} from './leaks.support.js';

export interface SecretsRunners {
  /** the action: the bundle (`runAction`) or in-process (`runActionInProcess`) */
  action: (options: ActionOptions) => Promise<ActionRun>;
  /** the command line, `st-access-guard ARGS` in the folder `cwd` */
  cli: (args: string[], opts: { cwd?: string; env: Record<string, string> }) => Promise<ProcessResult>;
  /** which cases run, by name; all when absent */
  only?: readonly string[];
}

export function secretsSuite(runners: SecretsRunners): void {
  const runs = (name: string) => !runners.only || runners.only.includes(name);

  // Characters that URL encoding, form encoding and base64 all change, so every form differs.
  const CREDENTIALS: SandboxCredentials = {
    clientId: 'cid.e2e-Distinct-Client-7c1f',
    clientSecret: 'cs1.Zq/8+Kx=Secret&Value%Ohm~9d2',
    appKey: 'ak1.Vm+3/App=Key&Value%Tau~41e',
  };
  const GITHUB_TOKEN = 'ghs_E2eDistinctGitHubToken4fA9c7Q';
  const WRONG_SECRET = 'cs1.Wrong/+Secret=Value&Rho%77';

  let sandbox: Sandbox;
  let github: GitHubFake;
  let recorder: TokenRecorder;
  let policy: string;

  beforeAll(async () => {
    [sandbox, github, policy] = await Promise.all([
      startSandbox({ credentials: CREDENTIALS }),
      startGitHubFake(),
      starterPolicy(),
    ]);
    recorder = await startTokenRecorder(sandbox.authUrl);
    // the pull request the PR runs comment on, and its base branch's policy
    github.state.files.set(`bA5e9e2e0001:${POLICY}`, policy);
    github.addIssue({ number: 9, body: 'Policy change', labels: [], pull_request: { url: 'pulls/9' } });
    github.addIssue({ number: 11, body: 'Policy change', labels: [], pull_request: { url: 'pulls/11' } });
  });
  afterAll(async () => {
    await Promise.all([sandbox.close(), github.close(), recorder.close()]);
  });

  const githubEnv = () => ({
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: 'acme/access-policy',
    GITHUB_RUN_ID: '77',
  });

  function secretValues(extra: Record<string, string> = {}): Record<string, string[]> {
    const values: Record<string, string[]> = {
      'client secret': leakForms(CREDENTIALS.clientSecret),
      'app key': leakForms(CREDENTIALS.appKey),
      'github token': leakForms(GITHUB_TOKEN),
      'client credentials as HTTP Basic': basicForms(CREDENTIALS.clientId, CREDENTIALS.clientSecret),
    };
    for (const [name, value] of Object.entries(extra)) values[name] = leakForms(value);
    return values;
  }

  /** The values registered with ::add-mask::, as the runner reads them (command data is %-escaped). */
  function masked(run: ActionRun): string[] {
    return run.masks.map((m) => m.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'));
  }

  /** The access tokens issued since the recorder held `before` of them, named for the leak list. */
  function tokensSince(before: number): Record<string, string> {
    return Object.fromEntries(recorder.tokens.slice(before).map((t, i) => [`access token ${i + 1}`, t]));
  }

  function pullRequest(number: number, isPrivate: boolean) {
    return {
      name: 'pull_request',
      payload: {
        repository: { private: isPrivate },
        number,
        pull_request: { number, base: { sha: 'bA5e9e2e0001', ref: 'main' }, head: { sha: 'bead9e2e0002' } },
      },
    };
  }
  const PULL_REQUEST = pullRequest(9, true);

  interface ModeCase {
    name: string;
    options: () => ActionOptions;
    /** whether the run talks to ServiceTitan (and so must have been issued a token) */
    connects: boolean;
    /** files the run must have written, so that they were among the channels checked */
    writes?: string[];
  }

  const inputs = (extra: Record<string, string>) =>
    sandboxInputs(sandbox, {
      'auth-url': recorder.authUrl,
      'github-token': GITHUB_TOKEN,
      sarif: 'out/guard.sarif',
      ...extra,
    });

  const MODE_CASES: ModeCase[] = [
    { name: 'validate', connects: false, options: () => ({ inputs: inputs({ mode: 'validate' }) }) },
    {
      name: 'audit on a schedule with the tracking issue and an evidence pack',
      connects: true,
      writes: ['servicetitan-access-report.json', 'out/guard.sarif', 'evidence/manifest.json'],
      options: () => ({
        inputs: inputs({ mode: 'audit', issue: 'true', evidence: 'evidence' }),
        event: { name: 'schedule', payload: { repository: { private: true } } },
      }),
    },
    {
      name: 'apply on workflow_dispatch with the tracking issue',
      connects: true,
      options: () => ({ inputs: inputs({ mode: 'apply', issue: 'true' }) }),
    },
    { name: 'discover', connects: true, options: () => ({ inputs: inputs({ mode: 'discover' }) }) },
    {
      name: 'audit on a pull request, with the impact comment',
      connects: true,
      options: () => ({ inputs: inputs({ mode: 'audit' }), event: PULL_REQUEST }),
    },
    {
      name: 'apply on a pull request (refused)',
      connects: true,
      options: () => ({ inputs: inputs({ mode: 'apply' }), event: PULL_REQUEST }),
    },
    {
      name: 'audit with a wrong client secret (the error message)',
      connects: false,
      options: () => ({ inputs: inputs({ mode: 'audit', 'client-secret': WRONG_SECRET }) }),
    },
  ];

  describe('no secret leaks from the action, in any form', () => {
    for (const mode of MODE_CASES.filter((c) => runs(c.name))) {
      it(`${mode.name}: masks every secret and publishes none`, async () => {
        await resetSandbox(sandbox);
        const callsBefore = github.calls.length;
        const tokensBefore = recorder.tokens.length;
        const options = mode.options();
        const run = await runners.action({ ...options, env: githubEnv(), files: { [POLICY]: policy } });
        const given = options.inputs?.['client-secret'] ?? CREDENTIALS.clientSecret;

        // Each secret is registered with the runner before anything else could print it.
        const tokens = tokensSince(tokensBefore);
        if (mode.connects) expect(Object.keys(tokens).length).toBeGreaterThan(0);
        for (const secret of [given, CREDENTIALS.appKey, GITHUB_TOKEN, ...Object.values(tokens)]) {
          expect(masked(run)).toContain(secret);
        }

        const channels = {
          ...(await actionChannels(run, [POLICY])),
          ...githubChannels(github.calls.slice(callsBefore)),
        };
        for (const file of mode.writes ?? []) expect(Object.keys(channels)).toContain(`file ${file}`);
        const values = secretValues({ ...tokens, 'the wrong client secret': WRONG_SECRET });
        expect(leaks(channels, values)).toEqual([]);
        // the run did publish: a clean result is not an empty one
        expect(run.summary.length).toBeGreaterThan(100);
      });
    }

    const all = MODE_CASES.every((c) => runs(c.name));
    (all ? it : it.skip)('sent the tracking issue and the PR comment that were checked above', () => {
      expect(github.state.issues.filter((i) => !i.pull_request).length).toBeGreaterThan(0);
      expect(github.state.comments.filter((c) => c.issue_number === 9).length).toBeGreaterThan(0);
    });
  });

  describe('no secret leaks from the command line, even with --debug', () => {
    const CLI_CASES: [string, string[]][] = [
      ['validate', ['validate']],
      ['audit', ['audit', '--sarif', 'out.sarif', '--evidence', 'evidence', '--snapshot', 'snapshot.json']],
      ['apply', ['apply']],
      ['discover', ['discover']],
    ];
    for (const [name, args] of CLI_CASES.filter(([n]) => runs(`st-access-guard ${n}`))) {
      it(`st-access-guard ${name} prints and writes no secret`, async () => {
        await resetSandbox(sandbox);
        const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-cli-secrets-'));
        await writeFile(path.join(dir, 'policy.yml'), policy);
        const tokensBefore = recorder.tokens.length;
        const res = await runners.cli(
          [...args, '--policy', 'policy.yml', '--report', 'report.json', '--debug'],
          {
            cwd: dir,
            env: {
              ST_TENANT: sandbox.tenant,
              ST_CLIENT_ID: CREDENTIALS.clientId,
              ST_CLIENT_SECRET: CREDENTIALS.clientSecret,
              ST_APP_KEY: CREDENTIALS.appKey,
              ST_API_URL: sandbox.url,
              ST_AUTH_URL: recorder.authUrl,
            },
          },
        );
        const tokens = tokensSince(tokensBefore);
        if (name !== 'validate') expect(Object.keys(tokens).length).toBeGreaterThan(0);
        const files = await filesUnder(dir);
        expect(Object.keys(files)).toContain('report.json');
        if (name === 'audit') {
          expect(Object.keys(files)).toEqual(
            expect.arrayContaining(['out.sarif', 'snapshot.json', path.join('evidence', 'manifest.json')]),
          );
        }
        const channels: Channels = { stdout: res.stdout, stderr: res.stderr };
        for (const [file, text] of Object.entries(files)) {
          if (file !== 'policy.yml') channels[`file ${file}`] = text;
        }
        expect(leaks(channels, secretValues(tokens))).toEqual([]);
      });
    }

    (runs('st-access-guard with a wrong secret') ? it : it.skip)(
      'names the credential problem without echoing the wrong secret',
      async () => {
        const res = await runners.cli(['audit', '--policy', 'examples/policies/starter.yml', '--debug'], {
          cwd: ROOT,
          env: {
            ST_TENANT: sandbox.tenant,
            ST_CLIENT_ID: CREDENTIALS.clientId,
            ST_CLIENT_SECRET: WRONG_SECRET,
            ST_APP_KEY: CREDENTIALS.appKey,
            ST_API_URL: sandbox.url,
            ST_AUTH_URL: sandbox.authUrl,
          },
        });
        expect(res.code).toBe(2);
        expect(res.stdout + res.stderr).toMatch(/auth\.invalid-client/);
        expect(leaks({ stdout: res.stdout, stderr: res.stderr }, { wrong: leakForms(WRONG_SECRET) })).toEqual(
          [],
        );
      },
    );
  });

  const REDACTION_CASES = [
    'redact: true on a private repository',
    'redact: auto on a public repository (schedule, with the tracking issue)',
    'redact: auto on a public repository (pull request, with the impact comment)',
  ];
  (REDACTION_CASES.some(runs) ? describe : describe.skip)(
    'redaction keeps the tenant’s people out of public channels',
    () => {
      const people = sampleTenant();
      const personal: Record<string, string[]> = {};
      for (const user of [...people.employees, ...people.technicians]) {
        personal[`user ${user.id}`] = [user.name, user.email ?? '', user.loginName ?? ''].filter(
          (v) => v.length >= 3,
        );
      }

      const CASES: [string, Record<string, string>, ActionOptions['event']][] = [
        ['redact: true on a private repository', { redact: 'true' }, undefined],
        [
          'redact: auto on a public repository (schedule, with the tracking issue)',
          { issue: 'true' },
          { name: 'schedule', payload: { repository: { private: false } } },
        ],
        [
          'redact: auto on a public repository (pull request, with the impact comment)',
          {},
          // its own pull request, so the comment is a new one whatever ran before
          pullRequest(11, false),
        ],
      ];
      for (const [name, extra, event] of CASES.filter(([n]) => runs(n))) {
        it(`${name}: no name, email or login of a tenant user is published`, async () => {
          await resetSandbox(sandbox);
          const callsBefore = github.calls.length;
          const run = await runners.action({
            inputs: inputs({ mode: 'audit', ...extra }),
            env: githubEnv(),
            files: { [POLICY]: policy },
            ...(event ? { event } : {}),
          });
          const report = await readReport(run);
          // there was something to redact: the audit found the sample tenant's outsiders
          expect(report?.findings.length).toBeGreaterThanOrEqual(3);
          const sent = githubChannels(github.calls.slice(callsBefore));
          if (event) expect(Object.keys(sent).some((k) => /POST|PATCH/.test(k))).toBe(true);
          const channels = { ...(await actionChannels(run, [POLICY])), ...sent };
          expect(leaks(channels, personal, true)).toEqual([]);
          expect(report?.redacted).toBe(true);
        });
      }
    },
  );
}
