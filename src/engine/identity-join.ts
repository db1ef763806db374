/**
 * Joining ServiceTitan accounts to people (SPEC §8). For each user the sources are tried in the
 * policy's order and, within a source, the join keys in `match` order; the first match decides.
 * Every look-up is a Map hit, so the join is linear in users plus people: 100,000 of each take a
 * fraction of a second (see `npm run bench`).
 */
import type {
  AudienceFrom,
  Directory,
  IdentityPolicy,
  MatchedBy,
  Person,
  PersonState,
  UserIdentity,
} from '../domain/identity.js';
import type { Audience, Policy } from '../policy/types.js';
import { audienceClassifier, listedAudienceClassifier } from './audience.js';
import type { TenantUser } from './snapshot.js';

/** One user's place in the directories. */
export interface JoinedUser {
  /** null: no source knows the user */
  identity: UserIdentity | null;
  /** the matched person (null for nobody, and for a `deleted` Entra object) */
  person: Person | null;
  /** the directory the person came from (for `deleted`, the first Entra directory) */
  directory: Directory | null;
  /**
   * The user's `aadUserId` points at no Entra object while its email belongs to an Entra user:
   * the SSO link is broken. That Entra user, and its source.
   */
  ssoTarget: { directory: Directory; person: Person } | null;
}

interface IndexedDirectory {
  directory: Directory;
  byAad: Map<string, Person>;
  byEmail: Map<string, Person>;
}

/** Of two people sharing an address in one source (a rehire, say), the one who is still there wins. */
const STATE_RANK: Record<Exclude<PersonState, 'deleted'>, number> = {
  active: 0,
  leave: 1,
  suspended: 2,
  terminated: 3,
};

/** `text` in lower case; sources already give addresses and object ids so, and then no copy is made. */
function lower(text: string): string {
  return /[A-Z]/.test(text) ? text.toLowerCase() : text;
}

function indexDirectory(directory: Directory): IndexedDirectory {
  const byAad = new Map<string, Person>();
  const byEmail = new Map<string, Person>();
  const people = directory.people;
  for (let p = 0; p < people.length; p++) {
    const person = people[p]!;
    if (person.aadObjectId) byAad.set(lower(person.aadObjectId), person);
    const emails = person.emails;
    for (let e = 0; e < emails.length; e++) {
      const email = lower(emails[e]!);
      const other = byEmail.get(email);
      if (other === undefined || STATE_RANK[person.state] < STATE_RANK[other.state])
        byEmail.set(email, person);
    }
  }
  return { directory, byAad, byEmail };
}

/** The directories in the policy's order of sources. A source without its directory is a bug upstream. */
function orderedDirectories(identity: IdentityPolicy, directories: readonly Directory[]): IndexedDirectory[] {
  const bySource = new Map(directories.map((d) => [d.sourceId, d]));
  return identity.sources.map((source) => {
    const directory = bySource.get(source.id);
    if (!directory) throw new Error(`identity source ${source.id} was not read before evaluation`);
    return indexDirectory(directory);
  });
}

/** A user's address as the directories key it: trimmed and lower-cased; null when there is none. */
function address(raw: string | null): string | null {
  if (raw === null) return null;
  const text = lower(raw.trim());
  return text === '' ? null : text;
}

/** The person a source knows by the user's email, else by a login that is an address. */
function byEmail(indexed: IndexedDirectory, email: string | null, login: string | null): Person | undefined {
  return (
    (email !== null ? indexed.byEmail.get(email) : undefined) ??
    (login !== null ? indexed.byEmail.get(login) : undefined)
  );
}

function identityOf(directory: Directory, person: Person, matchedBy: MatchedBy): UserIdentity {
  return {
    source: directory.sourceId,
    personId: person.personId,
    state: person.state,
    matchedBy,
    lastSignIn: person.lastSignIn,
  };
}

/** Every user's place in the directories, in the order of `users`. */
export function joinIdentities(
  identity: IdentityPolicy,
  users: readonly TenantUser[],
  directories: readonly Directory[],
): JoinedUser[] {
  const ordered = orderedDirectories(identity, directories);
  const entra = ordered.filter((d) => d.directory.kind === 'entra');
  const aadJoins = identity.match.includes('aad');
  const match = identity.match;
  const joined = new Array<JoinedUser>(users.length);
  for (let u = 0; u < users.length; u++) {
    const user = users[u]!;
    const aad = address(user.aadUserId);
    const email = address(user.email);
    const loginText = address(user.login);
    const login = loginText !== null && loginText !== email && loginText.includes('@') ? loginText : null;
    let person: Person | undefined;
    let from: IndexedDirectory | undefined;
    let key: MatchedBy = 'aad';
    for (let s = 0; s < ordered.length && person === undefined; s++) {
      from = ordered[s]!;
      for (let k = 0; k < match.length && person === undefined; k++) {
        key = match[k]!;
        person =
          key === 'aad' ? (aad !== null ? from.byAad.get(aad) : undefined) : byEmail(from, email, login);
      }
    }
    // An Entra object id no Entra directory has: the SSO link points at nothing.
    let dangling = aad !== null && entra.length > 0;
    for (let d = 0; dangling && d < entra.length; d++) if (entra[d]!.byAad.has(aad!)) dangling = false;
    let ssoTarget: JoinedUser['ssoTarget'] = null;
    for (let d = 0; dangling && ssoTarget === null && d < entra.length; d++) {
      const other = byEmail(entra[d]!, email, login);
      if (other) ssoTarget = { directory: entra[d]!.directory, person: other };
    }
    if (person !== undefined && from !== undefined) {
      joined[u] = {
        identity: identityOf(from.directory, person, key),
        person,
        directory: from.directory,
        ssoTarget,
      };
    } else if (dangling && aadJoins) {
      // no key matched anywhere, and the object the account is linked to is gone: deleted
      const directory = entra[0]!.directory;
      joined[u] = {
        identity: {
          source: directory.sourceId,
          personId: aad!,
          state: 'deleted',
          matchedBy: 'aad',
          lastSignIn: null,
        },
        person: null,
        directory,
        ssoTarget,
      };
    } else {
      joined[u] = { identity: null, person: null, directory: null, ssoTarget };
    }
  }
  return joined;
}

/** A person's type as an audience: contractors and guests are external, employees and members internal. */
export function directoryAudience(person: Person | null): Audience | null {
  switch (person?.type) {
    case 'contractor':
    case 'guest':
      return 'external';
    case 'employee':
    case 'member':
      return 'internal';
    default:
      return null;
  }
}

/**
 * Each user's audience and what decided it: `internal-users`/`external-users` first, then the
 * matched person's type, then the domain rule.
 */
export function identityAudiences(
  org: Policy['organization'],
  users: readonly TenantUser[],
  joined: readonly JoinedUser[],
): { audience: Audience[]; audienceFrom: AudienceFrom[] } {
  const listed = listedAudienceClassifier(org);
  const byDomain = audienceClassifier(org);
  const audience: Audience[] = new Array<Audience>(users.length);
  const audienceFrom: AudienceFrom[] = new Array<AudienceFrom>(users.length);
  for (let i = 0; i < users.length; i++) {
    const user = users[i]!;
    const fromList = listed(user);
    const fromDirectory = fromList === null ? directoryAudience(joined[i]!.person) : null;
    if (fromList !== null) {
      audience[i] = fromList;
      audienceFrom[i] = 'list';
    } else if (fromDirectory !== null) {
      audience[i] = fromDirectory;
      audienceFrom[i] = 'directory';
    } else {
      audience[i] = byDomain(user);
      audienceFrom[i] = 'domain';
    }
  }
  return { audience, audienceFrom };
}
