/**
 * Masks names and emails wherever they appear in a report (`redact`), for runs whose logs and
 * artifacts are public. Ids are kept so a maintainer can still find the user in ServiceTitan.
 */
import type { Finding, FindingUser, PlanStep } from '../engine/types.js';
import { PeopleMasker, replaceEmails, withoutPersonalData } from './mask-text.js';
import type { Report } from './model.js';

const MASK = '***';

/** Longer than any domain name (RFC 1035: 253 characters); masked, since it is not one. */
const MAX_DOMAIN = 253;

/** `jane.roe@contractor.example` -> `j***@contractor.example` */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return maskWord(email);
  const domain = email.slice(at + 1);
  return `${maskWord(email.slice(0, at))}@${domain.length > MAX_DOMAIN ? maskWord(domain) : domain}`;
}

/** Words of a name masked one by one; the initials of more would spell out a name of letters. */
const MAX_NAME_WORDS = 8;
const MORE_WORDS = '…';

/** `Jane Roe` -> `J*** R***` */
export function maskName(name: string): string {
  const words = name.split(/\s+/).filter((word) => word.length > 0);
  const masked = words.slice(0, MAX_NAME_WORDS).map(maskWord);
  if (words.length > MAX_NAME_WORDS) masked.push(MORE_WORDS);
  return masked.join(' ');
}

function maskWord(word: string): string {
  if (word === MORE_WORDS) return word;
  const first = word.codePointAt(0);
  return first === undefined ? '' : String.fromCodePoint(first) + MASK;
}

/** Replaces every known name, email and login in free text with its mask, then any other email. */
function textMasker(masker: PeopleMasker): (text: string) => string {
  return (text) =>
    replaceEmails(masker.mask(text), (match) => (match.includes(MASK + '@') ? match : maskEmail(match)));
}

/** A policy's user reference: `j***@acme.com`, `login:j***`; ids are kept, like the report's. */
export function maskUserRef(raw: string): string {
  if (raw.toLowerCase().startsWith('login:')) return `login:${maskName(raw.slice(6))}`;
  return raw.includes('@') ? maskEmail(raw) : raw;
}

/** An identity's person id: an email (a CSV row) is masked; a directory's object id is kept, like ServiceTitan's ids. */
export function maskPersonId(personId: string): string {
  return personId.includes('@') ? maskEmail(personId) : personId;
}

function maskLogin(login: string): string {
  return login.includes('@') ? maskEmail(login) : maskWord(login);
}

function collect(report: Report): (text: string) => string {
  const masker = new PeopleMasker(maskName);
  const person = (p: { name: string; email?: string | null; login?: string | null }) => {
    masker.add(p.name, maskName);
    masker.add(p.email, maskEmail);
    masker.add(p.login, maskLogin);
  };
  for (const f of report.findings) {
    if (f.user) person(f.user);
    for (const holder of f.evidence.holders ?? []) person(holder);
    if (f.exemption) masker.add(f.exemption.approvedBy, maskEmail);
    const reference = f.evidence.reference;
    if (reference?.kind === 'user') {
      if (reference.value.startsWith('login:')) masker.add(reference.value.slice(6), maskName);
      else masker.add(reference.value, maskEmail);
    }
  }
  for (const f of report.comparison?.resolvedFindings ?? []) {
    if (f.user) person(f.user);
    for (const holder of f.evidence.holders ?? []) person(holder);
  }
  for (const step of report.plan) person(step.user);
  for (const change of report.discovery?.changes ?? []) person(change.user);
  for (const account of report.discovery?.unmatched ?? []) person(account);
  return textMasker(masker);
}

/**
 * The report with every name, email and login masked. A failure names no one: it is reported as
 * a bug, without the message of the error that caused it.
 */
export function redactReport(report: Report): Report {
  return withoutPersonalData('report', () => redactUnguarded(report));
}

function redactUnguarded(report: Report): Report {
  const text = collect(report);
  const user = (u: FindingUser): FindingUser => ({
    ...u,
    name: maskName(u.name),
    email: u.email === null ? null : maskEmail(u.email),
    login: u.login === null ? null : maskLogin(u.login),
    // a CSV row's person id is its email
    ...(u.identity ? { identity: { ...u.identity, personId: maskPersonId(u.identity.personId) } } : {}),
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
      ...(f.evidence.reference?.kind === 'user'
        ? { reference: { ...f.evidence.reference, value: maskUserRef(f.evidence.reference.value) } }
        : {}),
    },
    fix: f.fix.steps ? { ...f.fix, steps: f.fix.steps.map(text) } : f.fix,
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
    comparison: report.comparison && {
      ...report.comparison,
      ...(report.comparison.resolvedFindings
        ? { resolvedFindings: report.comparison.resolvedFindings.map(finding) }
        : {}),
    },
    plan: report.plan.map(step),
    refusals: report.refusals.map((r) => ({ ...r, message: text(r.message) })),
    errors: report.errors.map((e) => ({
      ...e,
      message: text(e.message),
      ...(e.hint !== undefined ? { hint: text(e.hint) } : {}),
      ...(e.sourceLine !== undefined ? { sourceLine: text(e.sourceLine) } : {}),
    })),
    redacted: true,
  };
  if (report.discovery) {
    redacted.discovery = {
      ...report.discovery,
      changes:
        report.discovery.changes?.map((c) => ({ ...c, user: { ...c.user, name: maskName(c.user.name) } })) ??
        null,
      ...(report.discovery.unmatched
        ? {
            unmatched: report.discovery.unmatched.map((a) => ({
              ...a,
              name: maskName(a.name),
              email: a.email === null ? null : maskEmail(a.email),
              login: a.login === null ? null : maskLogin(a.login),
            })),
          }
        : {}),
    };
  }
  return redacted;
}
