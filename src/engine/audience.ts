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

// A plain addr-spec in ASCII: a dot-atom local part, one `@`, and a host of LDH labels with no
// trailing dot. Written out in A-Z/a-z rather than with the `i` flag, and never trimmed, so no
// whitespace, control or invisible character, no case folding of a non-ASCII letter (the Kelvin
// sign lower-cases to `k`) and no second `@` can make an address look like it is at a domain.
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const PLAIN_ADDRESS = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${LABEL}(?:\\.${LABEL})*$`);

/**
 * The address lower-cased when it is a plain addr-spec, else null. Anything else (`x@evil.io
 * .acme.com`, a tab, a zero-width space, `a@b@acme.com`, `x@acme.com.`) is not an address the
 * domain test can trust, so it never makes a user internal.
 */
export function plainAddress(raw: string | null): string | null {
  if (raw === null || raw.length > 320 || !PLAIN_ADDRESS.test(raw)) return null;
  return raw.toLowerCase();
}

/**
 * Whether an address is at `domain` or one of its subdomains. Compared on whole labels, so
 * `acme.com.evil.io` and `notacme.com` are not at `acme.com`; an address that is not a plain
 * addr-spec is at no domain.
 */
export function isAtDomain(address: string, domain: string): boolean {
  const plain = plainAddress(address);
  if (plain === null) return false;
  const host = plain.slice(plain.lastIndexOf('@') + 1);
  const wanted = normalizeDomain(domain);
  if (wanted === '') return false;
  return host === wanted || host.endsWith(`.${wanted}`);
}

/**
 * An `internal-users` entry names the user. Emails compare only with a plain address (the email,
 * or a login that is one), so a look-alike of a listed address is not internal; other reference
 * forms compare as everywhere else. `email` is the user's email as `plainAddress` gives it.
 */
function listedAsInternal(user: TenantUser, email: string | null, refs: readonly UserRef[]): boolean {
  let login: string | null | undefined;
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i]!;
    if (ref.type !== 'email') {
      if (matchesUserRef(user, ref)) return true;
      continue;
    }
    if (email === ref.value) return true;
    if (login === undefined) login = plainAddress(user.login);
    if (login === ref.value) return true;
  }
  return false;
}

/**
 * internal-users wins over everything, external-users over the domain test; a user with no
 * email and no address-like login is external.
 */
export function classifyAudience(user: TenantUser, org: Policy['organization']): Audience {
  return audienceClassifier(org)(user);
}

/**
 * What `internal-users` and `external-users` alone say about a user (internal-users wins), or
 * null when neither lists them: the lists win over an identity source's word too (SPEC §8).
 */
export function listedAudienceClassifier(org: Policy['organization']): (user: TenantUser) => Audience | null {
  return (user) => {
    if (org.internalUsers.length > 0) {
      const email = user.email !== null && user.email !== '' ? plainAddress(user.email) : null;
      if (listedAsInternal(user, email, org.internalUsers)) return 'internal';
    }
    return matchesAnyUserRef(user, org.externalUsers) ? 'external' : null;
  };
}

/**
 * `classifyAudience` with the organization's domains normalized once, for classifying every user
 * of a tenant (the same rules, without re-normalizing each domain for each user).
 */
export function audienceClassifier(org: Policy['organization']): (user: TenantUser) => Audience {
  const domains = org.internalDomains.map(normalizeDomain).filter((domain) => domain !== '');
  const suffixes = domains.map((domain) => `.${domain}`);
  return (user) => {
    const hasEmail = user.email !== null && user.email !== '';
    const email = hasEmail ? plainAddress(user.email) : null;
    if (listedAsInternal(user, email, org.internalUsers)) return 'internal';
    if (matchesAnyUserRef(user, org.externalUsers)) return 'external';
    // The email decides, else a login that looks like an address. An email that is present but
    // not plain is not skipped in favour of the login: it decides, and it decides external.
    const address = hasEmail ? email : user.login?.includes('@') ? plainAddress(user.login) : null;
    if (address === null) return 'external';
    const host = address.slice(address.lastIndexOf('@') + 1);
    for (let i = 0; i < domains.length; i++) {
      if (host === domains[i] || host.endsWith(suffixes[i]!)) return 'internal';
    }
    return 'external';
  };
}
