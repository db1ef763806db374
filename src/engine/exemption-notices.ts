/**
 * Exemptions that have expired or expire soon, decided against `now` (SPEC §4: an exemption ends
 * 23:59:59 UTC on its `expires` day). An audit reports the expired ones as `exemption-expired`
 * findings; a run that only validates the policy (`validate`, a fork's pull request) has no
 * findings, so it warns with these instead of calling the policy simply valid.
 */
import { exemptionEndsAt, exemptionIsActive } from './exemptions.js';
import type { Exemption, Policy, Position } from '../policy/types.js';

/** An exemption this close to its end (in days) is worth renewing now. */
export const EXPIRING_WITHIN_DAYS = 30;

const DAY_MS = 86_400_000;

export interface ExemptionNotice {
  status: 'expired' | 'expiring';
  /** expired: whole days since it ended; expiring: whole days left */
  days: number;
  /** the user reference as written, or null for a tenant-level exemption */
  user: string | null;
  rules: string[];
  expires: string;
  approvedBy: string;
  position: Position;
}

function notice(e: Exemption, now: Date): ExemptionNotice | null {
  const end = exemptionEndsAt(e);
  if (!Number.isFinite(end)) return null;
  const common = {
    user: e.user?.raw ?? null,
    rules: [...e.rules],
    expires: e.expires,
    approvedBy: e.approvedBy,
    position: e.position,
  };
  if (!exemptionIsActive(e, now)) {
    return { status: 'expired', days: Math.floor((now.getTime() - end) / DAY_MS), ...common };
  }
  const days = Math.floor((end - now.getTime()) / DAY_MS);
  return days <= EXPIRING_WITHIN_DAYS ? { status: 'expiring', days, ...common } : null;
}

/** Expired exemptions first (longest gone first), then those expiring soonest. */
export function exemptionNotices(policy: Pick<Policy, 'exemptions'>, now: Date): ExemptionNotice[] {
  return policy.exemptions
    .map((e) => notice(e, now))
    .filter((n): n is ExemptionNotice => n !== null)
    .sort((a, b) =>
      a.status !== b.status
        ? a.status === 'expired'
          ? -1
          : 1
        : a.status === 'expired'
          ? b.days - a.days
          : a.days - b.days,
    );
}

/**
 * The notice in words, with the user reference as the caller shows it (masked when the run
 * redacts): what happens at the next audit, and what to do.
 */
export function describeNotice(n: ExemptionNotice, user: (raw: string) => string = (raw) => raw): string {
  const subject = `The exemption ${n.user === null ? 'for the tenant' : `for ${user(n.user)}`} from ${n.rules.join(', ')}`;
  if (n.status === 'expired') {
    const ago = n.days === 0 ? 'today' : `${n.days} day${n.days === 1 ? '' : 's'} ago`;
    return (
      `${subject} expired on ${n.expires} (${ago}): it no longer applies, so the next audit counts the findings it ` +
      'covered again, plus an exemption-expired finding (high). Renew it with a new expiry and approval, or remove it.'
    );
  }
  const left = n.days === 0 ? 'ends today' : `has ${n.days} day${n.days === 1 ? '' : 's'} left`;
  return `${subject} expires on ${n.expires} and ${left}: renew it (with a new approval) before then, or the findings it covers count again.`;
}
