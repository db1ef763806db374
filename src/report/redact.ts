/**
 * Masks names and emails wherever they appear in a report (`redact`), for runs whose logs and
 * artifacts are public. Ids are kept so a maintainer can still find the user in ServiceTitan.
 */
import type { Finding, FindingUser, PlanStep } from '../engine/types.js';
import type { Report } from './model.js';

const MASK = '***';

/** `jane.roe@contractor.example` -> `j***@contractor.example` */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return maskWord(email);
  return `${maskWord(email.slice(0, at))}@${email.slice(at + 1)}`;
}

/** `Jane Roe` -> `J*** R***` */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map(maskWord)
    .join(' ');
}

function maskWord(word: string): string {
  const first = Array.from(word)[0];
  return first === undefined ? '' : first + MASK;
}

/** Emails anywhere in free text (messages, steps, errors), including ones not tied to a user. */
const EMAIL_IN_TEXT = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+/g;

/** Replaces every known name, email and login in free text with its mask. */
class TextMasker {
  private readonly replacements = new Map<string, string>();

  add(original: string | null | undefined, masked: string): void {
    if (original && original.trim().length > 0 && original !== masked)
      this.replacements.set(original, masked);
  }

  build(): (text: string) => string {
    // longest first, so "Jane Roe" is masked whole before "Jane" could match alone
    const entries = [...this.replacements].sort((a, b) => b[0].length - a[0].length);
    if (entries.length === 0) return (text) => text.replace(EMAIL_IN_TEXT, maskEmail);
    const lookup = new Map(entries.map(([k, v]) => [k.toLowerCase(), v]));
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${entries.map(([k]) => escapeRegExp(k)).join('|')})(?![\\p{L}\\p{N}])`,
      'giu',
    );
    return (text) =>
      text
        .replace(pattern, (match) => lookup.get(match.toLowerCase()) ?? maskName(match))
        .replace(EMAIL_IN_TEXT, (match) => (match.includes(MASK + '@') ? match : maskEmail(match)));
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function maskLogin(login: string): string {
  return login.includes('@') ? maskEmail(login) : maskWord(login);
}

function collect(report: Report): (text: string) => string {
  const masker = new TextMasker();
  const person = (p: { name: string; email?: string | null; login?: string | null }) => {
    masker.add(p.name, maskName(p.name));
    if (p.email) masker.add(p.email, maskEmail(p.email));
    if (p.login) masker.add(p.login, maskLogin(p.login));
  };
  for (const f of report.findings) {
    if (f.user) person(f.user);
    for (const holder of f.evidence.holders ?? []) person(holder);
    if (f.exemption) masker.add(f.exemption.approvedBy, maskEmail(f.exemption.approvedBy));
  }
  for (const step of report.plan) person(step.user);
  for (const change of report.discovery?.changes ?? []) person(change.user);
  return masker.build();
}

export function redactReport(report: Report): Report {
  const text = collect(report);
  const user = (u: FindingUser): FindingUser => ({
    ...u,
    name: maskName(u.name),
    email: u.email === null ? null : maskEmail(u.email),
    login: u.login === null ? null : maskLogin(u.login),
  });
  const finding = (f: Finding): Finding => ({
    ...f,
    message: text(f.message),
    user: f.user ? user(f.user) : null,
    evidence: {
      ...f.evidence,
      ...(f.evidence.holders
        ? { holders: f.evidence.holders.map((h) => ({ ...h, name: maskName(h.name) })) }
        : {}),
    },
    fix: f.fix.action === 'manual' ? { action: 'manual', steps: f.fix.steps.map(text) } : f.fix,
    exemption: f.exemption
      ? { ...f.exemption, reason: text(f.exemption.reason), approvedBy: maskEmail(f.exemption.approvedBy) }
      : null,
  });
  const step = (s: PlanStep): PlanStep => ({
    ...s,
    user: {
      ...s.user,
      name: maskName(s.user.name),
      email: s.user.email === null ? null : maskEmail(s.user.email),
    },
    ...(s.error !== undefined ? { error: text(s.error) } : {}),
    ...(s.reason !== undefined ? { reason: text(s.reason) } : {}),
  });
  const redacted: Report = {
    ...report,
    findings: report.findings.map(finding),
    plan: report.plan.map(step),
    refusals: report.refusals.map((r) => ({ ...r, message: text(r.message) })),
    errors: report.errors.map((e) => ({
      ...e,
      message: text(e.message),
      ...(e.hint !== undefined ? { hint: text(e.hint) } : {}),
    })),
    redacted: true,
  };
  if (report.discovery) {
    redacted.discovery = {
      ...report.discovery,
      changes:
        report.discovery.changes?.map((c) => ({ ...c, user: { ...c.user, name: maskName(c.user.name) } })) ??
        null,
    };
  }
  return redacted;
}
