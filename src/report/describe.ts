/**
 * Plain-language descriptions of findings and steps, shared by every renderer. They return raw
 * text; each renderer makes it safe for its channel (Markdown, terminal, SARIF).
 */
import type { Finding, FindingFix, PlanStep } from '../engine/types.js';
import { isRemediated } from './build.js';
import type { Report } from './model.js';

export const HEADLINE_STATUS = {
  pass: { icon: '✅', word: 'pass' },
  fail: { icon: '❌', word: 'fail' },
  error: { icon: '⚠️', word: 'error' },
} as const;

/** `employee 21` */
export function recordRef(u: { kind: string; id: number }): string {
  return `${u.kind} ${u.id}`;
}

/** The name, then the email (else the login) a person recognises the user by. */
export function personLabel(u: { name: string; email?: string | null; login?: string | null }): string {
  const contact = u.email ?? u.login ?? null;
  return contact ? `${u.name} <${contact}>` : u.name;
}

/**
 * What the finding is about: the permissions, roles or account held, or its message. `label`
 * names a permission for people (the policy's `label`, where it has one).
 */
export function holdings(
  f: Finding,
  holderLimit = 10,
  label: (permission: string) => string = (p) => p,
): string {
  const parts: string[] = [];
  const e = f.evidence;
  const person = identityState(f);
  if (person) parts.push(person);
  if (e.permissions?.length) parts.push(`permissions: ${e.permissions.map(label).join(', ')}`);
  if (e.roles?.length) parts.push(`roles: ${e.roles.join(', ')}`);
  if (e.account) parts.push('an active account');
  if (e.holders) {
    const names = e.holders.slice(0, holderLimit).map((h) => h.name);
    if (e.holders.length > holderLimit) names.push(`and ${e.holders.length - holderLimit} more`);
    parts.push(
      `${e.holders.length} holders${e.max !== undefined ? ` (max ${e.max})` : ''}: ${names.join(', ')}`,
    );
  }
  if (parts.length === 0) return f.message;
  if (f.exemption?.status === 'expired') parts.push(`exemption expired ${f.exemption.expires}`);
  return parts.join('; ');
}

/** What an identity finding says about the person behind the account, in a few words; null for other findings. */
function identityState(f: Finding): string | null {
  const who = f.user?.identity;
  switch (f.rule) {
    case 'identity-leaver':
      return who
        ? `person ${who.state === 'terminated' ? 'gone (terminated)' : who.state} in ${who.source}`
        : null;
    case 'identity-unmatched':
      return 'no identity source knows the account';
    case 'identity-dormant':
      return f.evidence.inactiveSince ? `no sign-in since ${f.evidence.inactiveSince.slice(0, 10)}` : null;
    case 'identity-sso-broken':
      return f.evidence.entraUser
        ? `Entra link broken; the email belongs to Entra user ${f.evidence.entraUser.personId}`
        : null;
    default:
      return null;
  }
}

export function fixLabel(fix: FindingFix): string {
  switch (fix.action) {
    case 'lock':
      return 'lock the account';
    case 'deactivate':
      return 'deactivate the account';
    case 'set-role':
      return `set role ${fix.role}`;
    case 'manual':
      return 'manual (see steps)';
  }
}

/**
 * What a person does by hand for a finding: a manual fix's steps, or the steps that accompany
 * lock, deactivate or set-role (rotating a client secret, say).
 */
export function fixSteps(fix: FindingFix): readonly string[] {
  return fix.steps ?? [];
}

/** Findings that list steps for a person: every manual fix, and other fixes that carry steps. */
export function hasManualSteps(f: Finding): boolean {
  return f.fix.action === 'manual' || fixSteps(f.fix).length > 0;
}

export function stepLabel(step: PlanStep): string {
  return step.action === 'set-role' ? `set role ${step.role ?? step.roleId ?? '?'}` : step.action;
}

/** What a verified step did, for a finding it fixed: `locked`, `deactivated`, `role set to Technician`. */
export function appliedLabel(step: PlanStep): string {
  switch (step.action) {
    case 'lock':
      return 'locked';
    case 'deactivate':
      return 'deactivated';
    case 'set-role':
      return `role set to ${step.role ?? step.roleId ?? '?'}`;
    default:
      return step.action;
  }
}

/** The verified step of this run that fixed a finding, if any. */
export function fixingStep(report: Report, f: Finding): PlanStep | undefined {
  return report.plan.find((s) => s.status === 'verified' && s.findings.includes(f.id));
}

export function stepDetail(step: PlanStep): string {
  return step.error ?? step.reason ?? '';
}

export function headlineCounts(report: Report): string {
  const c = report.counts;
  const fixed = report.findings.filter(isRemediated).length;
  return (
    `${c.findings} finding${c.findings === 1 ? '' : 's'} (${c.critical} critical, ${c.high} high, ` +
    `${c.medium} medium, ${c.low} low), ${c.exempted} exempted; ${c.users} users audited ` +
    `(${c.activeUsers} active, ${c.externalUsers} external)` +
    (fixed > 0 ? `; ${fixed} fixed by this run` : '')
  );
}

/**
 * `fails on high or above`, for the modes that judge findings (audit, apply); null for validate,
 * discover and undo, which fail-on does not apply to.
 */
export function failOnLabel(report: Pick<Report, 'failOn' | 'mode'>): string | null {
  if (report.mode !== 'audit' && report.mode !== 'apply') return null;
  return report.failOn === 'never' ? 'never fails on findings' : `fails on ${report.failOn} or above`;
}

/** Whole days from `now` until the end (23:59:59 UTC) of an exemption's expiry date. */
export function daysUntilExpiry(expires: string, now: Date): number | null {
  const end = Date.parse(`${expires}T23:59:59Z`);
  if (Number.isNaN(end)) return null;
  return Math.floor((end - now.getTime()) / 86_400_000);
}
