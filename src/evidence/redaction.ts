/**
 * Masking for the parts of a pack that do not come from the (already redacted) report: the roster
 * comes from the snapshot and the exemptions from the policy, so they are masked here, the same
 * way the report masks (`maskName`, `maskEmail`), so a person reads the same mask everywhere.
 */
import type { Snapshot } from '../engine/snapshot.js';
import type { Policy, UserRef } from '../policy/types.js';
import { PeopleMasker, replaceEmails, withoutPersonalData } from '../report/mask-text.js';
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

/**
 * Masks, in free text (exemption reasons, the policy copy), every name, email and login the run
 * knows of, then any other email address.
 */
export function peopleMasker(snapshot: Snapshot | null, policy: Policy | null): (text: string) => string {
  const masker = withoutPersonalData('evidence pack', () => knownPeople(snapshot, policy));
  const mask = (text: string) =>
    replaceEmails(masker.mask(text), (m) => (m.includes('***@') ? m : maskEmail(m)));
  return (text) => withoutPersonalData('evidence pack', () => mask(text));
}

function knownPeople(snapshot: Snapshot | null, policy: Policy | null): PeopleMasker {
  const masker = new PeopleMasker(maskName);
  for (const u of snapshot?.users ?? []) {
    masker.add(u.name, maskName);
    masker.add(u.email, maskEmail);
    masker.add(u.login, maskLogin);
  }
  if (policy) {
    const refs = [
      ...policy.organization.internalUsers,
      ...policy.organization.externalUsers,
      ...policy.safety.protectedUsers,
      ...policy.exemptions.flatMap((e) => (e.user ? [e.user] : [])),
    ];
    for (const ref of refs) {
      if (ref.type === 'email') masker.add(ref.raw, maskEmail);
      if (ref.type === 'login') masker.add(ref.raw.slice('login:'.length), maskLogin);
    }
    for (const e of policy.exemptions) masker.add(e.approvedBy, maskEmail);
  }
  return masker;
}
