/**
 * Who a user is to the organization (SPEC §4): internal or external, and whether a policy's user
 * reference points at them.
 */
import type { Audience, Policy, UserRef } from '../policy/types.js';
import type { TenantUser } from './snapshot.js';

/** What a user reference can point at: a tenant user or the user of a finding. */
export type UserIdentity = Pick<TenantUser, 'kind' | 'id' | 'userId' | 'email' | 'login'>;

/**
 * Whether `ref` names `user`. Emails compare case-insensitively with the user's email, and also
 * with a login that is itself an address (many tenants log in with the email).
 */
export function matchesUserRef(user: UserIdentity, ref: UserRef): boolean {
  switch (ref.type) {
    case 'email': {
      const address = ref.value.toLowerCase();
      return user.email?.toLowerCase() === address || user.login?.toLowerCase() === address;
    }
    case 'login':
      return user.login !== null && user.login.toLowerCase() === ref.value.toLowerCase();
    case 'user':
      return user.userId !== null && user.userId === ref.value;
    case 'employee':
    case 'technician':
      return user.kind === ref.type && user.id === ref.value;
  }
}

export function matchesAnyUserRef(user: UserIdentity, refs: readonly UserRef[]): boolean {
  // an indexed loop: asked for every user and rule, it should allocate nothing (no closure, no iterator)
  for (let i = 0; i < refs.length; i++) if (matchesUserRef(user, refs[i]!)) return true;
  return false;
}

function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
}

/**
 * Whether an address is at `domain` or one of its subdomains. Compared on whole labels, so
 * `acme.com.evil.io` and `notacme.com` are not at `acme.com`.
 */
export function isAtDomain(address: string, domain: string): boolean {
  const at = address.lastIndexOf('@');
  if (at < 0) return false;
  const host = normalizeDomain(address.slice(at + 1));
  const wanted = normalizeDomain(domain);
  if (host === '' || wanted === '') return false;
  return host === wanted || host.endsWith(`.${wanted}`);
}

/** The address that decides the domain test: the email, else a login that is an address. */
function addressOf(user: TenantUser): string | null {
  const email = user.email?.trim();
  if (email) return email;
  const login = user.login?.trim();
  return login && login.includes('@') ? login : null;
}

/**
 * internal-users wins over everything, external-users over the domain test; a user with no
 * email and no address-like login is external.
 */
export function classifyAudience(user: TenantUser, org: Policy['organization']): Audience {
  return audienceClassifier(org)(user);
}

/**
 * `classifyAudience` with the organization's domains normalized once, for classifying every user
 * of a tenant (the same rules, without re-normalizing each domain for each user).
 */
export function audienceClassifier(org: Policy['organization']): (user: TenantUser) => Audience {
  const domains = org.internalDomains.map(normalizeDomain).filter((domain) => domain !== '');
  const suffixes = domains.map((domain) => `.${domain}`);
  // a tenant's users share a handful of hosts: each is normalized once
  const hosts = new Map<string, string>();
  return (user) => {
    if (matchesAnyUserRef(user, org.internalUsers)) return 'internal';
    if (matchesAnyUserRef(user, org.externalUsers)) return 'external';
    const address = addressOf(user);
    if (address === null) return 'external';
    const at = address.lastIndexOf('@');
    if (at < 0) return 'external';
    const raw = address.slice(at + 1);
    let host = hosts.get(raw);
    if (host === undefined) hosts.set(raw, (host = normalizeDomain(raw)));
    if (host === '') return 'external';
    for (let i = 0; i < domains.length; i++) {
      if (host === domains[i] || host.endsWith(suffixes[i]!)) return 'internal';
    }
    return 'external';
  };
}
