import { PolicyError, type PolicyIssue } from '../../src/errors.js';
import { parsePolicy } from '../../src/policy/load.js';

/** A fixed today for every policy test: 2026-03-01, midday UTC. */
export const NOW = new Date('2026-03-01T12:00:00Z');

/** The problems parsePolicy reports for `text`; fails the test when the policy is accepted. */
export function issuesOf(text: string): PolicyIssue[] {
  try {
    parsePolicy(text, 'policy.yml', { now: NOW });
  } catch (error) {
    if (error instanceof PolicyError) return error.issues;
    throw error;
  }
  throw new Error('expected the policy to be refused, but it was accepted');
}

/** The one problem with `code`; fails when there is not exactly one. */
export function issueWith(text: string, code: string): PolicyIssue {
  const found = issuesOf(text).filter((i) => i.code === code);
  if (found.length !== 1) {
    throw new Error(`expected one ${code}, got ${JSON.stringify(issuesOf(text), null, 2)}`);
  }
  return found[0] as PolicyIssue;
}

/** A valid policy, with `extra` lines appended (indented as written). */
export function policy(extra = ''): string {
  return `version: 1
permissions:
  generate-api-key: { id: 10421 }
  manage-api-access: { id: 10422 }
rules:
  - id: no-external-api-access
    applies-to: { audience: external }
    forbid: { permissions: [generate-api-key] }
${extra}`;
}
