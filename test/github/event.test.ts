/**
 * The event rule (SPEC §6): a run writes to ServiceTitan only on an allowed event on the default
 * branch; everything that carries code not on the default branch yet is refused.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventWriteRefusal, readGitHubEvent, type GitHubEvent } from '../../src/github/event.js';
import { parseSettings, type EventContext } from '../../src/settings.js';
import { cliEvent } from '../../src/cli/run.js';

const REPO = { default_branch: 'main', full_name: 'acme/access-policy', private: true };

function codeOf(event: GitHubEvent): string | null {
  return eventWriteRefusal(event)?.code ?? null;
}

/** Events that carry a pull request's code, with the payloads GitHub sends for them. */
const PULL_REQUEST_CASES: [string, GitHubEvent][] = [
  ['pull_request', { name: 'pull_request', payload: { repository: REPO, pull_request: { number: 3 } } }],
  [
    'pull_request_target',
    { name: 'pull_request_target', payload: { repository: REPO, pull_request: { number: 3 } } },
  ],
  [
    'pull_request_review',
    { name: 'pull_request_review', payload: { repository: REPO, pull_request: { number: 3 } } },
  ],
  [
    'pull_request_review_comment',
    { name: 'pull_request_review_comment', payload: { repository: REPO, pull_request: { number: 3 } } },
  ],
  [
    'merge_group',
    {
      name: 'merge_group',
      payload: { repository: REPO, merge_group: { head_ref: 'refs/heads/gh-readonly-queue/main/pr-3-abc' } },
      ref: 'refs/heads/gh-readonly-queue/main/pr-3-abc',
    },
  ],
  [
    'issue_comment on a pull request',
    {
      name: 'issue_comment',
      payload: { repository: REPO, issue: { number: 3, pull_request: { url: 'x' } } },
      ref: 'refs/heads/main',
    },
  ],
  [
    'workflow_run of a pull request',
    {
      name: 'workflow_run',
      payload: { repository: REPO, workflow_run: { event: 'pull_request', head_branch: 'feature' } },
      ref: 'refs/heads/main',
    },
  ],
  [
    'workflow_run with pull requests',
    {
      name: 'workflow_run',
      payload: {
        repository: REPO,
        workflow_run: { event: 'push', head_branch: 'main', pull_requests: [{ number: 3 }] },
      },
      ref: 'refs/heads/main',
    },
  ],
];

/** Events that are not pull requests and still may not write. */
const OTHER_REFUSED_CASES: [string, GitHubEvent][] = [
  ['push to another branch', { name: 'push', payload: { repository: REPO, ref: 'refs/heads/feature' } }],
  ['push of a tag', { name: 'push', payload: { repository: REPO, ref: 'refs/tags/v1' } }],
  [
    'push to another branch, by GITHUB_REF',
    { name: 'push', payload: { repository: REPO }, ref: 'refs/heads/feature' },
  ],
  [
    'workflow_dispatch on another branch',
    { name: 'workflow_dispatch', payload: { repository: REPO, ref: 'refs/heads/feature' } },
  ],
  [
    'repository_dispatch on another branch',
    { name: 'repository_dispatch', payload: { repository: REPO, branch: 'feature' } },
  ],
  [
    'issue_comment on an issue',
    { name: 'issue_comment', payload: { repository: REPO, issue: { number: 4 } } },
  ],
  ['issues', { name: 'issues', payload: { repository: REPO } }],
  ['release', { name: 'release', payload: { repository: REPO } }],
  ['an event GitHub adds tomorrow', { name: 'brand_new_event', payload: { repository: REPO } }],
  ['no event name', { name: '', payload: {} }],
  [
    'workflow_run of a branch push',
    {
      name: 'workflow_run',
      payload: { repository: REPO, workflow_run: { event: 'push', head_branch: 'feature' } },
    },
  ],
  [
    'workflow_run from a fork',
    {
      name: 'workflow_run',
      payload: {
        repository: REPO,
        workflow_run: {
          event: 'push',
          head_branch: 'main',
          head_repository: { full_name: 'mallory/access-policy' },
        },
      },
    },
  ],
  [
    'workflow_run of an issue comment',
    {
      name: 'workflow_run',
      payload: { repository: REPO, workflow_run: { event: 'issue_comment', head_branch: 'main' } },
    },
  ],
  ['workflow_run without its run', { name: 'workflow_run', payload: { repository: REPO } }],
];

const ALLOWED_CASES: [string, GitHubEvent][] = [
  [
    'workflow_dispatch on the default branch',
    { name: 'workflow_dispatch', payload: { repository: REPO, ref: 'refs/heads/main' } },
  ],
  ['schedule', { name: 'schedule', payload: { schedule: '0 6 * * 1' } }],
  ['schedule, by GITHUB_REF', { name: 'schedule', payload: { repository: REPO }, ref: 'refs/heads/main' }],
  ['push to the default branch', { name: 'push', payload: { repository: REPO, ref: 'refs/heads/main' } }],
  ['repository_dispatch', { name: 'repository_dispatch', payload: { repository: REPO, branch: 'main' } }],
  [
    'workflow_run of a push to the default branch',
    {
      name: 'workflow_run',
      payload: {
        repository: REPO,
        workflow_run: {
          event: 'push',
          head_branch: 'main',
          pull_requests: [],
          head_repository: { full_name: 'Acme/access-policy' },
        },
      },
    },
  ],
  [
    'workflow_dispatch whose payload names no default branch',
    { name: 'workflow_dispatch', payload: { repository: { private: true } } },
  ],
  ['the CLI outside Actions', { name: 'cli', payload: {} }],
];

describe('eventWriteRefusal', () => {
  it.each(PULL_REQUEST_CASES)('refuses %s as a pull request', (_, event) => {
    expect(codeOf(event)).toBe('apply.pull-request');
  });

  it.each(OTHER_REFUSED_CASES)('refuses %s', (_, event) => {
    expect(codeOf(event)).toBe('apply.event');
  });

  it.each(ALLOWED_CASES)('allows %s', (_, event) => {
    expect(codeOf(event)).toBeNull();
  });

  it('names the event and the branch in its message, with nothing a branch name could smuggle in', () => {
    const message = eventWriteRefusal({
      name: 'push',
      payload: { repository: REPO, ref: 'refs/heads/x`<img src=y>@everyone' },
    })?.message;
    expect(message).toContain('`push`');
    expect(message).toContain('not the default branch `main`');
    expect(message).not.toMatch(/[<>@]|`<|x`</);
  });
});

describe('settings.event', () => {
  const inputs = { get: () => '', label: (n: string) => n };
  const settingsFor = (event: EventContext) => parseSettings(inputs, event, '/work');

  it('recomputes isPullRequest from the event, whatever the caller said', () => {
    for (const [, event] of PULL_REQUEST_CASES) {
      const settings = settingsFor({ ...event, isPullRequest: false, repositoryPrivate: true });
      expect(settings.event.isPullRequest, event.name).toBe(true);
      expect(settings.event.writeRefusal?.code).toBe('apply.pull-request');
    }
  });

  it('carries the refusal for other events, and none for the CLI outside Actions', () => {
    const push = settingsFor({
      name: 'push',
      isPullRequest: false,
      repositoryPrivate: true,
      payload: { repository: REPO, ref: 'refs/heads/feature' },
    });
    expect(push.event.isPullRequest).toBe(false);
    expect(push.event.writeRefusal?.code).toBe('apply.event');
    const cli = settingsFor({ name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} });
    expect(cli.event.writeRefusal).toBeNull();
  });
});

describe('the CLI inside Actions', () => {
  function eventFile(payload: unknown): string {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'event-')), 'event.json');
    writeFileSync(file, JSON.stringify(payload));
    return file;
  }

  it('reads GITHUB_EVENT_NAME, GITHUB_EVENT_PATH and GITHUB_REF when GITHUB_ACTIONS is true', () => {
    const event = cliEvent({
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request_target',
      GITHUB_EVENT_PATH: eventFile({ repository: REPO, pull_request: { number: 3 } }),
      GITHUB_REF: 'refs/heads/main',
    });
    expect(event).toMatchObject({
      name: 'pull_request_target',
      isPullRequest: true,
      repositoryPrivate: true,
    });
    expect(eventWriteRefusal(event)?.code).toBe('apply.pull-request');
  });

  it('takes GITHUB_REF over the payload', () => {
    const event = readGitHubEvent({
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: eventFile({ repository: REPO, ref: 'refs/heads/main' }),
      GITHUB_REF: 'refs/heads/feature',
    });
    expect(eventWriteRefusal(event)?.code).toBe('apply.event');
  });

  it('refuses writes when the event cannot be read', () => {
    const event = cliEvent({ GITHUB_ACTIONS: 'true' });
    expect(eventWriteRefusal(event)?.code).toBe('apply.event');
  });

  it('is `cli`, with no event rule, outside Actions', () => {
    expect(cliEvent({ GITHUB_EVENT_NAME: 'pull_request' }).name).toBe('cli');
  });
});
