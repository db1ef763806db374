/**
 * What "the last run" had open, and what changed since: the tracking issue's remembered finding
 * ids when `issue: true`, else the findings of the `baseline-evidence` pack. Findings are compared
 * by id, so a finding is announced once, the run it appears, however often it is seen again.
 */
import { isOpen } from '../report/build.js';
import type { Finding } from '../engine/types.js';
import type { Report } from '../report/model.js';
import { findingsDigest, type TrackedState } from '../github/tracking-body.js';
import { loadReviewState } from '../evidence/state.js';
import type { NotifyOn } from './targets.js';

export type LastRunSource = 'tracking-issue' | 'baseline-evidence';

export interface LastRun {
  source: LastRunSource;
  /** the ids open then; null when only their digest is known (a list too long to remember) */
  ids: ReadonlySet<string> | null;
  /** sha256 of the sorted ids (tracking-body's `findingsDigest`) */
  digest: string;
}

export function lastRunFromIds(source: LastRunSource, ids: Iterable<string>): LastRun {
  const set = new Set(ids);
  return { source, ids: set, digest: findingsDigest([...set]) };
}

/** What the tracking issue remembered before this run updated it. */
export function lastRunFromTracking(state: TrackedState): LastRun {
  if (state.findings === null) return { source: 'tracking-issue', ids: null, digest: state.digest };
  return lastRunFromIds(
    'tracking-issue',
    state.findings.map((t) => t.id),
  );
}

/** The open findings of an earlier evidence pack (exempt ones were not open), and its tenant. */
export async function lastRunFromEvidence(
  dir: string,
): Promise<{ lastRun: LastRun; tenant: string | null } | { unusable: string }> {
  const state = await loadReviewState(dir);
  if (state.findings === null) return { unusable: 'has no findings to compare with' };
  const ids = state.findings.filter((f) => !f.exempt).map((f) => f.id);
  return { lastRun: lastRunFromIds('baseline-evidence', ids), tenant: state.tenant };
}

export interface AlertChanges {
  /** every finding open now */
  open: Finding[];
  /** open now, not open in the last run (every open finding when there is no last run) */
  added: Finding[];
  /** ids open in the last run and not now */
  resolved: string[];
  /** what the comparison was made against; null: nothing to compare with */
  since: LastRunSource | null;
  /** the last run's list was too long to remember: only whether the set changed is known */
  countsOnly: boolean;
}

export function alertChanges(report: Report, last: LastRun | null): AlertChanges {
  const open = report.findings.filter(isOpen);
  if (!last) return { open, added: open, resolved: [], since: null, countsOnly: false };
  const now = new Set(open.map((f) => f.id));
  if (last.ids === null) {
    const same = last.digest === findingsDigest([...now]);
    return { open, added: same ? [] : open, resolved: [], since: last.source, countsOnly: !same };
  }
  const before = last.ids;
  return {
    open,
    added: open.filter((f) => !before.has(f.id)),
    resolved: [...before].filter((id) => !now.has(id)).sort(),
    since: last.source,
    countsOnly: false,
  };
}

/** `new`: a finding appeared; `change`: one appeared or went away; `always`: every run. */
export function wantsAlert(notifyOn: NotifyOn, changes: Pick<AlertChanges, 'added' | 'resolved'>): boolean {
  if (notifyOn === 'always') return true;
  if (notifyOn === 'change') return changes.added.length > 0 || changes.resolved.length > 0;
  return changes.added.length > 0;
}
