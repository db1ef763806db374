/**
 * Decisions, re-derived from every comment of an issue on every run (SPEC §9): nothing about them
 * is stored, so a run that failed half-way loses nothing and the next one converges. Pure.
 *
 * A comment line `/keep KEY reason` or `/revoke KEY reason` decides one account; `all` as KEY
 * decides every account of the issue not decided before it. Only the group's reviewers decide;
 * a later decision on an account replaces an earlier one; an edited comment counts for nothing
 * (GitHub keeps no edit history, so what was attested could no longer be shown); a revoke needs
 * a reason. Lines quoted (`> …`) or inside a code block are someone's text being cited, not a
 * decision.
 */
import { parseCommentMarker } from './blocks.js';
import type { Attestation, Decision, FrozenAccount, ReviewComment } from './types.js';

/** GitHub stamps whole seconds; a comment whose `updated_at` is later than this was edited. */
const EDIT_TOLERANCE_MS = 1000;

export interface DecisionLine {
  decision: Decision;
  /** lower-case, `all`, or '' when missing */
  key: string;
  reason: string;
}

const LINE = /^\s*\/(keep|revoke)(?=\s|$)\s*(\S*)\s*(.*)$/i;

/** The decision lines of a comment, in order. */
export function decisionLines(body: string): DecisionLine[] {
  const lines: DecisionLine[] = [];
  let fence: string | null = null;
  for (const line of body.split(/\r?\n/)) {
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark) {
      if (fence === null) fence = fenceMark[0]!;
      else if (fenceMark[0] === fence) fence = null;
      continue;
    }
    if (fence !== null || /^\s*>/.test(line)) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    lines.push({
      decision: match[1]!.toLowerCase() as Decision,
      key: match[2]!.replace(/^`+|`+$/g, '').toLowerCase(),
      reason: match[3]!.trim().slice(0, 500),
    });
  }
  return lines;
}

export function isEdited(comment: ReviewComment): boolean {
  return Date.parse(comment.updatedAt) - Date.parse(comment.createdAt) > EDIT_TOLERANCE_MS;
}

/** What a comment needs answered: the reply names it once, whatever the number of runs. */
export type Problem =
  | { kind: 'not-a-reviewer' }
  | { kind: 'edited' }
  | { kind: 'revoke-without-reason'; keys: string[] }
  | { kind: 'unknown-key'; keys: string[] }
  | { kind: 'missing-key' };

export interface IssueDecisions {
  /** the decision standing for each key of the issue */
  decisions: Map<string, Attestation>;
  /** comments whose decisions (or some of them) did not count, and why */
  problems: Map<number, { comment: ReviewComment; problems: Problem[] }>;
}

/**
 * Whether a comment is one the tool wrote: its marker, by the login that opened the issue or by
 * an app (a workflow's token may be another app's than the one that started the review).
 */
export function isToolComment(comment: ReviewComment, toolLogin: string): boolean {
  const byTool = comment.author.toLowerCase() === toolLogin.toLowerCase() || comment.authorType === 'Bot';
  return byTool && parseCommentMarker(comment.body) !== null;
}

export function deriveDecisions(
  accounts: readonly FrozenAccount[],
  comments: readonly ReviewComment[],
  reviewers: readonly string[],
  toolLogin: string,
): IssueDecisions {
  const keys = new Set(accounts.map((a) => a.key));
  const allowed = new Set(reviewers.map((r) => r.toLowerCase()));
  const decisions = new Map<string, Attestation>();
  const problems: IssueDecisions['problems'] = new Map();
  const note = (comment: ReviewComment, problem: Problem) => {
    const entry = problems.get(comment.id) ?? { comment, problems: [] };
    entry.problems.push(problem);
    problems.set(comment.id, entry);
  };
  const ordered = [...comments].sort(
    (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id,
  );
  for (const comment of ordered) {
    if (isToolComment(comment, toolLogin)) continue;
    const lines = decisionLines(comment.body);
    if (lines.length === 0) continue;
    if (!allowed.has(comment.author.toLowerCase())) {
      note(comment, { kind: 'not-a-reviewer' });
      continue;
    }
    if (isEdited(comment)) {
      note(comment, { kind: 'edited' });
      continue;
    }
    const withoutReason: string[] = [];
    const unknown: string[] = [];
    let missingKey = false;
    for (const line of lines) {
      if (line.key === '') {
        missingKey = true;
        continue;
      }
      if (line.decision === 'revoke' && line.reason === '') {
        withoutReason.push(line.key);
        continue;
      }
      if (line.key !== 'all' && !keys.has(line.key)) {
        unknown.push(line.key);
        continue;
      }
      const attestation = (key: string): Attestation => ({
        key,
        decision: line.decision,
        reason: line.reason,
        reviewer: comment.author,
        at: comment.createdAt,
        commentUrl: comment.url,
        commentId: comment.id,
      });
      if (line.key === 'all') {
        for (const key of keys) if (!decisions.has(key)) decisions.set(key, attestation(key));
      } else {
        decisions.set(line.key, attestation(line.key));
      }
    }
    if (missingKey) note(comment, { kind: 'missing-key' });
    if (withoutReason.length > 0) note(comment, { kind: 'revoke-without-reason', keys: withoutReason });
    if (unknown.length > 0) note(comment, { kind: 'unknown-key', keys: unknown });
  }
  return { decisions, problems };
}
