/**
 * The one publish path, in-process, through both entries: the action's `run()` (inputs from
 * `INPUT_*`, outputs, summary and annotations from the files and stdout GitHub's runner reads) and
 * the CLI's `runCommand` (stdout, stderr, exit status), each auditing an in-process sandbox.
 * Each channel is broken on its own, for real (a file where its folder should be, a GitHub that
 * refuses): it is reported as what it is, never as a bug, and every other channel, the outputs,
 * the summary and the console still say what the run did.
 */
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { run as runAction } from '../../src/main.js';
import { runCommand } from '../../src/cli/run.js';
import { describeGitHubFailure } from '../../src/publish/channels.js';
import { ROOT, parseAnnotations, parseOutputFile, sandboxEnv, sandboxInputs } from '../e2e/harness.js';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';

const POLICY = '.github/servicetitan-access.yml';
let sandbox: Sandbox;
let github: GitHubFake;
let policy: string;
const actionDefaults: Record<string, string> = {};
/**
 * The job summary file. @actions/core reads GITHUB_STEP_SUMMARY once per process (the runner
 * starts one per step), so every in-process run here writes one file, emptied before each run.
 */
let summaryFile: string;

beforeAll(async () => {
  [sandbox, github] = await Promise.all([startSandbox(), startGitHubFake()]);
  policy = await readFile(path.join(ROOT, 'examples/policies/starter.yml'), 'utf8');
  summaryFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'st-guard-summary-')), 'summary.md');
  const yml = parse(await readFile(path.join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  for (const [name, spec] of Object.entries(yml.inputs)) {
    actionDefaults[name] = spec.default?.includes('${{') ? '' : (spec.default ?? '');
  }
});
afterAll(async () => {
  await Promise.all([sandbox?.close(), github?.close()]);
});

/** A checkout with the starter policy and `blocked`, a file where a folder would have to be. */
async function workspace(): Promise<{ dir: string; workspace: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-publish-'));
  const ws = path.join(dir, 'workspace');
  await mkdir(path.join(ws, '.github'), { recursive: true });
  await writeFile(path.join(ws, POLICY), policy);
  await writeFile(path.join(ws, 'blocked'), 'a file, not a folder\n');
  return { dir, workspace: ws };
}

/** Runs `fn` with these variables set and stdout and stderr collected, then puts everything back. */
async function captured(
  vars: Record<string, string>,
  fn: () => Promise<unknown>,
): Promise<{ value: unknown; stdout: string; stderr: string; exitCode: typeof process.exitCode }> {
  const saved = { ...process.env };
  const savedExit = process.exitCode;
  Object.assign(process.env, vars);
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const value = await fn();
    return { value, stdout, stderr, exitCode: process.exitCode };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    process.exitCode = savedExit;
  }
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** The action in-process, on a schedule, with every file channel and the tracking issue. */
async function action(inputs: Record<string, string>) {
  const { dir, workspace: ws } = await workspace();
  const outputFile = path.join(dir, 'output');
  const eventFile = path.join(dir, 'event.json');
  await Promise.all([writeFile(outputFile, ''), writeFile(summaryFile, ''), writeFile(eventFile, '{}')]);
  const given: Record<string, string> = {
    ...actionDefaults,
    ...sandboxInputs(sandbox, {
      policy: POLICY,
      'fail-on': 'never',
      report: 'out/report.json',
      sarif: 'out/results.sarif',
      evidence: 'pack',
      issue: 'true',
      'github-token': 'ghs_test-token',
    }),
    ...inputs,
  };
  const vars: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_WORKSPACE: ws,
    GITHUB_REPOSITORY: 'acme/access-policy',
    GITHUB_API_URL: github.url,
    GITHUB_RUN_ID: '77',
  };
  for (const [name, value] of Object.entries(given)) vars[`INPUT_${name.toUpperCase()}`] = value;
  const run = await captured(vars, () => runAction());
  return {
    ...run,
    workspace: ws,
    failed: run.exitCode === 1,
    outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
    annotations: parseAnnotations(run.stdout),
  };
}

/**
 * The CLI in-process. Worker threads cannot change directory, so every path is given absolute,
 * inside a fresh folder; the channels resolve them the same way either way.
 */
async function cli(values: Record<string, string | boolean>) {
  const { workspace: ws } = await workspace();
  const inside = (file: string) => path.join(ws, file);
  const given: Record<string, string | boolean> = {
    'fail-on': 'never',
    policy: POLICY,
    report: 'out/report.json',
    sarif: 'out/results.sarif',
    evidence: 'pack',
    ...values,
  };
  for (const name of ['policy', 'report', 'sarif', 'evidence'] as const) {
    given[name] = inside(given[name] as string);
  }
  const run = await captured({ ...sandboxEnv(sandbox), NO_COLOR: '1' }, () => runCommand('audit', [], given));
  return { ...run, code: run.value as number, workspace: ws, inside };
}

const BROKEN = [
  {
    channel: 'report',
    input: { report: 'blocked/report.json' },
    headline: 'The report blocked/report.json was not written',
    says: /The report \S*blocked\/report\.json was not written: the file system refused it \(E[A-Z]+\)/,
  },
  {
    channel: 'sarif',
    input: { sarif: 'blocked/results.sarif' },
    headline: 'The SARIF file blocked/results.sarif was not written',
    says: /The SARIF file \S*blocked\/results\.sarif was not written: the file system refused it \(E[A-Z]+\)/,
  },
  {
    channel: 'evidence',
    input: { evidence: 'blocked' },
    headline: 'The evidence pack blocked was not written',
    says: /The evidence pack \S*blocked was not written: .*\[evidence\.not-a-folder\]/,
  },
] as const;

const FILES = {
  report: 'out/report.json',
  sarif: 'out/results.sarif',
  evidence: 'pack/manifest.json',
} as const;

describe('the action publishes every channel through the one path', () => {
  it('writes each file, the tracking issue, the summary and every output', async () => {
    const run = await action({});
    expect(run.failed).toBe(false);
    expect(run.outputs).toMatchObject({
      status: 'pass',
      report: 'out/report.json',
      sarif: 'out/results.sarif',
      evidence: 'pack',
      'issue-number': '1',
    });
    for (const file of Object.values(FILES))
      expect(await exists(path.join(run.workspace, file)), file).toBe(true);
    expect(run.summary).toContain('Full report: out/report.json');
    expect(run.summary).not.toContain('⚠️');
    expect(run.annotations.some((a) => a.props.file === POLICY)).toBe(true);
    expect(run.stdout).toContain('Evidence pack written to pack');
  });

  it.each(BROKEN)(
    'a $channel channel that fails alone leaves the others, the summary and the outputs intact',
    async ({ channel, input, says, headline }) => {
      const run = await action(input);
      // the step fails, naming what failed as what it is
      expect(run.failed).toBe(true);
      expect(run.stdout).toMatch(says);
      expect(run.stdout).not.toMatch(/This is a bug/);
      expect(run.summary).toContain(`> ⚠️ ${headline}`);
      // every other channel and output still says what the run did
      expect(run.outputs.status).toBe('pass');
      expect(run.outputs.findings).toMatch(/^\d+$/);
      expect(run.outputs['issue-number']).toBe('1');
      expect(run.outputs[channel]).toBe('');
      for (const [other, file] of Object.entries(FILES)) {
        if (other === channel) continue;
        expect(await exists(path.join(run.workspace, file)), file).toBe(true);
        expect(run.outputs[other], other).not.toBe('');
      }
      expect(run.summary).toContain('ServiceTitan access');
    },
  );

  it('a GitHub that refuses the tracking issue is a warning; the files, summary and outputs are intact', async () => {
    github.forbid(/ \/repos\/[^/]+\/[^/]+\/(issues|labels)/, 403);
    try {
      const run = await action({});
      expect(run.stdout).toMatch(/::warning::Could not update the tracking issue \(HTTP 403/);
      expect(run.stdout).not.toMatch(/This is a bug/);
      expect(run.failed).toBe(false);
      expect(run.outputs).toMatchObject({
        status: 'pass',
        report: 'out/report.json',
        sarif: 'out/results.sarif',
        evidence: 'pack',
        'issue-number': '',
      });
      expect(run.summary).toContain('Full report: out/report.json');
    } finally {
      await github.close();
      github = await startGitHubFake();
    }
  });
});

describe('the CLI publishes the same channels through the same path', () => {
  it('writes each file and shows the report; exit status is the run’s', async () => {
    const run = await cli({});
    expect(run.code).toBe(0);
    for (const file of Object.values(FILES))
      expect(await exists(path.join(run.workspace, file)), file).toBe(true);
    expect(run.stdout).toMatch(/PASS/);
    expect(run.stderr).toContain('Evidence pack: ');
    expect(run.stderr).not.toMatch(/was not written/);
  });

  it.each(BROKEN)(
    'a $channel channel that fails alone leaves the others and the report intact, and exits 3',
    async ({ channel, input, says }) => {
      const run = await cli(input);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(says);
      expect(run.stderr).not.toMatch(/This is a bug/);
      // the report is still shown, and every other file is written
      expect(run.stdout).toMatch(/PASS/);
      for (const [other, file] of Object.entries(FILES)) {
        if (other === channel) continue;
        expect(await exists(path.join(run.workspace, file)), file).toBe(true);
      }
    },
  );

  it('with --json, the JSON report on stdout is the one the report channel wrote', async () => {
    const run = await cli({ json: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(await readFile(path.join(run.workspace, FILES.report), 'utf8'));
  });
});

describe('a GitHub failure that escapes its channel', () => {
  it('is named as GitHub’s answer or an unreachable GitHub, not as a file or a bug', async () => {
    github.forbid('GET /repos/{owner}/{repo}/issues', 500);
    const octokit = getOctokit('ghs_test-token', { baseUrl: github.url });
    const error = await octokit.rest.issues.listForRepo({ owner: 'acme', repo: 'access-policy' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(describeGitHubFailure(error, false)).toMatch(/^GitHub answered HTTP 500/);
    // redacted: GitHub's own words are left out, its status is kept
    expect(describeGitHubFailure(error, true)).toBe('GitHub answered HTTP 500');
    // a port nothing listens on: Octokit says 500 too, but GitHub never answered
    const closed = await startGitHubFake();
    const closedUrl = closed.url;
    await closed.close();
    const unreachable = await getOctokit('ghs_test-token', { baseUrl: closedUrl })
      .rest.issues.listForRepo({ owner: 'acme', repo: 'access-policy' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(describeGitHubFailure(unreachable, false)).toBe(
      'GitHub could not be reached (ECONNREFUSED); the run goes on without it',
    );
    // what GitHub's errors are not: a file-system refusal, or a bug
    expect(describeGitHubFailure(new TypeError('x is undefined'), false)).toBeNull();
  });
});
