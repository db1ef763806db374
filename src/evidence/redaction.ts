/**
 * Masking for the parts of a pack that do not come from the (already redacted) report: the roster
 * comes from the snapshot and the exemptions from the policy, so they are masked here, the same
 * way the report masks (`maskName`, `maskEmail`), so a person reads the same mask everywhere.
 */
import type { Snapshot } from '../engine/snapshot.js';
import type { Policy, UserRef } from '../policy/types.js';
import { maskEmail, maskName } from '../report/redact.js';

export function maskLogin(login: string): string {
  return login.includes('@') ? maskEmail(login) : maskName(login);
}

/** An exemption's or the organization's user reference as the pack shows it. */
export function maskUserRef(ref: UserRef): string {
  if (ref.type === 'email') return maskEmail(ref.raw);
  if (ref.type === 'login') return `login:${maskLogin(ref.raw.slice('login:'.length))}`;
  return ref.raw; // ids identify a record without naming anyone
}

const EMAIL_IN_TEXT = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+/g;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Masks, in free text (exemption reasons, the policy copy), every name, email and login the run
 * knows of, then any other email address.
 */
export function peopleMasker(snapshot: Snapshot | null, policy: Policy | null): (text: string) => string {
  const replacements = new Map<string, string>();
  const add = (original: string | null | undefined, masked: string) => {
    const key = original?.trim();
    if (key && key !== masked) replacements.set(key.toLowerCase(), masked);
  };
  for (const u of snapshot?.users ?? []) {
    add(u.name, maskName(u.name));
    if (u.email) add(u.email, maskEmail(u.email));
    if (u.login) add(u.login, maskLogin(u.login));
  }
  if (policy) {
    const refs = [
      ...policy.organization.internalUsers,
      ...policy.organization.externalUsers,
      ...policy.safety.protectedUsers,
      ...policy.exemptions.flatMap((e) => (e.user ? [e.user] : [])),
    ];
    for (const ref of refs) {
      if (ref.type === 'email') add(ref.raw, maskEmail(ref.raw));
      if (ref.type === 'login')
        add(ref.raw.slice('login:'.length), maskLogin(ref.raw.slice('login:'.length)));
    }
    for (const e of policy.exemptions) add(e.approvedBy, maskEmail(e.approvedBy));
  }
  const keys = [...replacements.keys()].sort((a, b) => b.length - a.length);
  const known =
    keys.length === 0
      ? null
      : new RegExp(`(?<![\\p{L}\\p{N}])(?:${keys.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return (text) => {
    const named = known ? text.replace(known, (m) => replacements.get(m.toLowerCase()) ?? maskName(m)) : text;
    return named.replace(EMAIL_IN_TEXT, (m) => (m.includes('***@') ? m : maskEmail(m)));
  };
}
