import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchBasePolicy, repositoryPath } from '../../src/github/base-policy.js';
import { gitHubClient, gitHubContext } from '../../src/github/context.js';
import { recordingLogger } from '../../src/logger.js';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { context, POLICY_PATH, TOKEN } from './fixtures.js';

const BASE_SHA = 'b'.repeat(40);
const HEAD_SHA = 'c'.repeat(40);
const payload = { pull_request: { number: 7, base: { sha: BASE_SHA }, head: { sha: HEAD_SHA } } };

let gh: GitHubFake;
beforeEach(async () => {
  gh = await startGitHubFake();
});
afterEach(async () => {
  await gh.close();
});

describe('fetchBasePolicy', () => {
  it('reads the policy at the pull request’s base commit, not the head', async () => {
    gh.state.files.set(`${BASE_SHA}:${POLICY_PATH}`, 'version: 1 # base\n');
    gh.state.files.set(`${HEAD_SHA}:${POLICY_PATH}`, 'version: 1 # head\n');
    const base = await fetchBasePolicy(context(gh.url, { payload }), `./${POLICY_PATH}`, recordingLogger());
    expect(base).toEqual({ text: 'version: 1 # base\n', path: POLICY_PATH, sha: BASE_SHA });
    const call = gh.calls.find((c) => c.route === 'GET /repos/{owner}/{repo}/contents/{path+}')!;
    expect(call.path).toContain(`ref=${BASE_SHA}`);
    expect(call.path).toContain('/repos/acme/access-policies/contents/');
  });

  it('returns null without a warning when the file is new in the pull request (404)', async () => {
    const logger = recordingLogger();
    expect(await fetchBasePolicy(context(gh.url, { payload }), POLICY_PATH, logger)).toBeNull();
    expect(logger.lines.some((l) => l.startsWith('warning:'))).toBe(false);
    expect(logger.lines.join('\n')).toContain('the policy is new');
  });

  it('warns and returns null when the token may not read contents (403)', async () => {
    gh.state.files.set(`${BASE_SHA}:${POLICY_PATH}`, 'version: 1\n');
    gh.forbid(/contents/);
    const logger = recordingLogger();
    expect(await fetchBasePolicy(context(gh.url, { payload }), POLICY_PATH, logger)).toBeNull();
    const warning = logger.lines.find((l) => l.startsWith('warning:'))!;
    expect(warning).toContain('HTTP 403');
    expect(warning).toContain('contents: read');
    expect(logger.lines.join('\n')).not.toContain(TOKEN);
  });

  it('warns and returns null when GitHub cannot be reached', async () => {
    const ctx = context(gh.url, { payload });
    await gh.close();
    const logger = recordingLogger();
    expect(await fetchBasePolicy(ctx, POLICY_PATH, logger)).toBeNull();
    expect(logger.lines.some((l) => l.startsWith('warning:'))).toBe(true);
    gh = await startGitHubFake();
  });

  it('gives up on a GitHub that does not answer', async () => {
    gh.stall(/contents/);
    const client = gitHubClient(context(gh.url, { payload }), recordingLogger(), 200);
    const started = Date.now();
    await expect(
      client.rest.repos.getContent({
        owner: 'acme',
        repo: 'access-policies',
        path: POLICY_PATH,
        ref: BASE_SHA,
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('asks nothing outside a pull request', async () => {
    expect(await fetchBasePolicy(context(gh.url), POLICY_PATH, recordingLogger())).toBeNull();
    expect(gh.calls).toHaveLength(0);
  });
});

describe('repositoryPath', () => {
  it('normalises relative paths and refuses ones outside the repository', () => {
    expect(repositoryPath('./.github//x.yml')).toBe('.github/x.yml');
    expect(repositoryPath('../x.yml')).toBeNull();
    expect(repositoryPath('/etc/passwd')).toBeNull();
  });
});

describe('gitHubContext', () => {
  it('needs a token and a repository', () => {
    expect(gitHubContext({ GITHUB_REPOSITORY: 'o/r' }, null, {})).toBeNull();
    expect(gitHubContext({}, 't', {})).toBeNull();
  });

  it('defaults to github.com and links the run', () => {
    const ctx = gitHubContext(
      { GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '9', GITHUB_EVENT_NAME: 'schedule' },
      't',
      {},
    );
    expect(ctx).toMatchObject({
      apiUrl: 'https://api.github.com',
      owner: 'o',
      repo: 'r',
      eventName: 'schedule',
      runUrl: 'https://github.com/o/r/actions/runs/9',
    });
  });
});
