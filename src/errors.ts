/**
 * The error taxonomy. Every error a user can cause has a stable `code` (documented in
 * docs/troubleshooting.md) and a `hint` that says what to do next.
 *
 * - ConfigurationError: the user's mistake (bad policy, bad input, wrong credentials, wrong tenant).
 *   Exit code 2, status `error`.
 * - RuntimeError: the run could not complete (ServiceTitan unreachable, apply steps that failed).
 *   Exit code 3, status `error`.
 * Anything else is a bug: it keeps its stack for debug output.
 */
import { codeFrame } from './report/text.js';

export abstract class GuardError extends Error {
  abstract readonly exitCode: 2 | 3;
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ConfigurationError extends GuardError {
  readonly exitCode = 2 as const;
}

export class RuntimeError extends GuardError {
  readonly exitCode = 3 as const;
}

/** A position in a source file, 1-based line and column. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** One problem in a policy file, located. */
export interface PolicyIssue extends SourceLocation {
  /** stable code, e.g. `policy.unknown-key`, `policy.duplicate-rule-id` */
  code: string;
  message: string;
  hint?: string;
  /** the text of the line it points at, shown with a caret (YAML syntax problems) */
  sourceLine?: string;
}

/**
 * An invalid policy: all problems of the file at once. Exit code 2. A file the policy names (an
 * HR roster) is checked the same way; `subject` then names it.
 */
export class PolicyError extends ConfigurationError {
  constructor(
    readonly issues: PolicyIssue[],
    subject = 'The policy',
  ) {
    super(
      issues[0]?.code ?? 'policy.invalid',
      `${subject} is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues
          .map(
            (i) =>
              `  ${i.file}:${i.line}:${i.column} ${i.message} [${i.code}]${i.hint ? ` (${i.hint})` : ''}` +
              (i.sourceLine === undefined
                ? ''
                : codeFrame(i.line, i.column, i.sourceLine)
                    .map((l) => `\n      ${l}`)
                    .join('')),
          )
          .join('\n'),
      'Fix the lines above; `st-access-guard validate --policy FILE` checks the file without credentials.',
    );
  }
}
