/** GitHub events for the event rule's tests: which refuse apply and undo, and why. */

export const REPOSITORY = { private: true, default_branch: 'main', full_name: 'acme/access-policy' };

export interface EventCase {
  name: string;
  payload: Record<string, unknown>;
  /** GITHUB_REF, for the CLI (the action reads the ref from the payload) */
  ref: string;
}

/** Events that carry a pull request's code: refused with `apply.pull-request`. */
export const PULL_REQUEST_EVENTS: Record<string, EventCase> = {
  pull_request_target: {
    name: 'pull_request_target',
    payload: { repository: REPOSITORY, pull_request: { number: 3 } },
    ref: 'refs/heads/main',
  },
  pull_request_review: {
    name: 'pull_request_review',
    payload: { repository: REPOSITORY, pull_request: { number: 3 } },
    ref: 'refs/pull/3/merge',
  },
  pull_request_review_comment: {
    name: 'pull_request_review_comment',
    payload: { repository: REPOSITORY, pull_request: { number: 3 } },
    ref: 'refs/pull/3/merge',
  },
  merge_group: {
    name: 'merge_group',
    payload: { repository: REPOSITORY, merge_group: { head_ref: 'refs/heads/gh-readonly-queue/main/pr-3' } },
    ref: 'refs/heads/gh-readonly-queue/main/pr-3',
  },
  'issue_comment on a pull request': {
    name: 'issue_comment',
    payload: { repository: REPOSITORY, issue: { number: 3, pull_request: { url: 'pulls/3' } } },
    ref: 'refs/heads/main',
  },
  'workflow_run of a pull request': {
    name: 'workflow_run',
    payload: {
      repository: REPOSITORY,
      workflow_run: { event: 'pull_request', head_branch: 'feature', pull_requests: [{ number: 3 }] },
    },
    ref: 'refs/heads/main',
  },
};

/** Events that are not pull requests and still run code not on the default branch: `apply.event`. */
export const OTHER_REFUSED_EVENTS: Record<string, EventCase> = {
  'push to a branch': {
    name: 'push',
    payload: { repository: REPOSITORY, ref: 'refs/heads/feature' },
    ref: 'refs/heads/feature',
  },
  'workflow_dispatch on a branch': {
    name: 'workflow_dispatch',
    payload: { repository: REPOSITORY, ref: 'refs/heads/feature' },
    ref: 'refs/heads/feature',
  },
  issues: { name: 'issues', payload: { repository: REPOSITORY }, ref: 'refs/heads/main' },
};
