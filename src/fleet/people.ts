/**
 * Cross-tenant people (SPEC §10): the same person (email, case-insensitive, or aadUserId) across
 * the fleet's tenants. Who holds a forbidden permission in several tenants, and who is locked or
 * deactivated in one tenant and still active in another (`fleet-leaver-elsewhere`).
 *
 * Built for hundreds of tenants of thousands of users: accounts are added one at a time and kept
 * as small numbers; only people seen in two tenants or more come out.
 */
import { findingId } from '../engine/fingerprint.js';
import { KeyTable } from './key-table.js';

export type AccountState = 'active' | 'locked' | 'deactivated';

export interface FleetAccount {
  email: string | null;
  aadUserId: string | null;
  name: string | null;
  active: boolean;
  locked: boolean;
}

/** One person seen in two tenants or more. */
export interface CrossTenantPerson {
  /** a stable key: `email:…` or `aad:…` */
  key: string;
  email: string | null;
  aadUserId: string | null;
  name: string | null;
  /** tenant names, each with the person's state there (the best of their accounts) */
  tenants: { tenant: string; state: AccountState }[];
  /** forbidden permissions the person holds in two tenants or more, with those tenants */
  holds: { permission: string; tenants: string[] }[];
}

export interface LeaverElsewhere {
  id: string;
  rule: 'fleet-leaver-elsewhere';
  severity: 'critical';
  message: string;
  person: { email: string | null; aadUserId: string | null; name: string | null };
  /** where the account is locked or deactivated */
  inactiveIn: { tenant: string; state: 'locked' | 'deactivated' }[];
  /** where the account is still active */
  activeIn: string[];
}

const STATE_CODE: Record<AccountState, number> = { active: 0, locked: 1, deactivated: 2 };
const STATES: AccountState[] = ['active', 'locked', 'deactivated'];
const EMPTY_BYTES = Buffer.alloc(0);

export class PeopleIndex {
  /** every email seen (key-table.ts: bytes, not strings), and the person of each */
  private readonly emailKeys = new KeyTable();
  private readonly emailPerson: number[] = [];
  /** aadUserId (lower-case) → person: few accounts have one */
  private readonly byAad = new Map<string, number>();
  private readonly parent: number[] = [];
  /** per person: the first account, as tenant index * 4 + state code (most people have one) */
  private readonly first: number[] = [];
  /** per person with more than one account: the others */
  private readonly more = new Map<number, number[]>();
  /** per person: the email (its id in emailKeys, -1 none) and aadUserId shown */
  private readonly emailIds: number[] = [];
  private readonly aads: (string | null)[] = [];
  /** names are kept only once a person is seen in a second tenant (memory: most people are in one) */
  private readonly names = new Map<number, string>();
  private readonly holdings = new Map<number, Map<string, Set<number>>>();
  /** whether the last account added was the person's first in another tenant than before */
  private lastCrossed = false;

  constructor(private readonly tenantNames: string[]) {}

  /** Adds one account of the tenant at `tenant` (an index into the names given). */
  addAccount(tenant: number, account: FleetAccount): void {
    const person = this.add(tenant, account.email, account.aadUserId, account.active, account.locked);
    if (person !== null && account.name && this.wantsName(person)) this.names.set(person, account.name);
  }

  /**
   * Adds one account; the person it belongs to, or null for an account with neither an email nor
   * an aadUserId (nothing to match it by).
   */
  add(
    tenant: number,
    email: string | null,
    aadUserId: string | null,
    active: boolean,
    locked: boolean,
  ): number | null {
    const bytes = email === null ? EMPTY_BYTES : Buffer.from(email, 'utf8');
    return this.addBytes(tenant, bytes, 0, bytes.length, aadUserId, active, locked);
  }

  /** `add`, with the email as bytes `src[start, end)` (empty: none), as a roster row holds it. */
  addBytes(
    tenant: number,
    src: Uint8Array,
    start: number,
    end: number,
    aadUserId: string | null,
    active: boolean,
    locked: boolean,
  ): number | null {
    const person = this.personOf(src, start, end, aadUserId);
    if (person === null) return null;
    const code = tenant * 4 + STATE_CODE[!active ? 'deactivated' : locked ? 'locked' : 'active'];
    const first = this.first[person] as number;
    if (first < 0) {
      this.first[person] = code;
      this.lastCrossed = false;
      return person;
    }
    let list = this.more.get(person);
    if (first !== code) {
      if (!list) this.more.set(person, (list = []));
      if (!list.includes(code)) list.push(code);
    }
    this.lastCrossed = first >> 2 !== tenant || (list?.some((c) => c >> 2 !== tenant) ?? false);
    return person;
  }

  /**
   * Whether the person is in two tenants or more and has no name yet: the caller then gives one.
   * Cheap for the account just added, which is asked about on every row of a roster.
   */
  wantsName(person: number): boolean {
    return this.lastCrossed && !this.names.has(person);
  }

  setName(person: number, name: string): void {
    this.names.set(person, name);
  }

  /** Records that the account holds `permission`, which a rule of its tenant forbids. */
  addHolding(tenant: number, account: FleetAccount, permission: string): void {
    const bytes = account.email === null ? EMPTY_BYTES : Buffer.from(account.email, 'utf8');
    const person = this.personOf(bytes, 0, bytes.length, account.aadUserId);
    if (person === null) return;
    let byPermission = this.holdings.get(person);
    if (!byPermission) this.holdings.set(person, (byPermission = new Map()));
    let tenants = byPermission.get(permission);
    if (!tenants) byPermission.set(permission, (tenants = new Set()));
    tenants.add(tenant);
  }

  private personOf(src: Uint8Array, start: number, end: number, rawAad: string | null): number | null {
    const emailId = start < end ? this.emailKeys.intern(src, start, end) : -1;
    const newEmail = this.emailKeys.inserted;
    const aad = rawAad === null ? null : lower(rawAad);
    if (emailId < 0 && !aad) return null;
    const byEmail = emailId >= 0 && !newEmail ? this.emailPerson[emailId] : undefined;
    const byAad = aad ? this.byAad.get(aad) : undefined;
    let person: number;
    if (byEmail === undefined && byAad === undefined) {
      person = this.parent.length;
      this.parent.push(person);
      this.first.push(-1);
      this.emailIds.push(emailId);
      this.aads.push(aad || null);
    } else if (byEmail !== undefined && byAad !== undefined) {
      person = this.union(this.find(byEmail), this.find(byAad));
    } else {
      person = this.find((byEmail ?? byAad) as number);
      if (emailId >= 0 && this.emailIds[person] === -1) this.emailIds[person] = emailId;
      if (aad && this.aads[person] === null) this.aads[person] = aad;
    }
    if (newEmail) this.emailPerson[emailId] = person;
    if (aad && byAad === undefined) this.byAad.set(aad, person);
    return person;
  }

  private emailOf(person: number): string | null {
    const id = this.emailIds[person] as number;
    return id < 0 ? null : this.emailKeys.text(id);
  }

  private codes(person: number): number[] {
    const first = this.first[person] as number;
    return first < 0 ? [] : [first, ...(this.more.get(person) ?? [])];
  }

  private find(person: number): number {
    let root = person;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    // path compression keeps later look-ups short
    let node = person;
    while (this.parent[node] !== root) {
      const next = this.parent[node] as number;
      this.parent[node] = root;
      node = next;
    }
    return root;
  }

  /** The same person under two keys (an email in one tenant, an aadUserId in another): one person. */
  private union(a: number, b: number): number {
    if (a === b) return a;
    this.parent[b] = a;
    const merged = [...this.codes(a)];
    for (const code of this.codes(b)) if (!merged.includes(code)) merged.push(code);
    this.first[a] = merged[0] ?? -1;
    if (merged.length > 1) this.more.set(a, merged.slice(1));
    this.first[b] = -1;
    this.more.delete(b);
    if (this.emailIds[a] === -1) this.emailIds[a] = this.emailIds[b] as number;
    this.aads[a] ??= this.aads[b] ?? null;
    const name = this.names.get(b);
    if (name !== undefined && !this.names.has(a)) this.names.set(a, name);
    this.names.delete(b);
    const held = this.holdings.get(b);
    if (held) {
      const target = this.holdings.get(a) ?? new Map<string, Set<number>>();
      for (const [permission, tenants] of held) {
        const set = target.get(permission) ?? new Set<number>();
        for (const t of tenants) set.add(t);
        target.set(permission, set);
      }
      this.holdings.set(a, target);
      this.holdings.delete(b);
    }
    return a;
  }

  /**
   * Everyone seen in two tenants or more (the `limit` with the widest reach, and how many in all),
   * and every leaver among them.
   */
  result(limit = Number.MAX_SAFE_INTEGER): {
    people: CrossTenantPerson[];
    total: number;
    leavers: LeaverElsewhere[];
  } {
    const leavers: LeaverElsewhere[] = [];
    // people are ranked on small numbers first; only those shown are built in full
    const ranked: { person: number; reach: number; tenants: number; key: string }[] = [];
    for (const person of [...this.more.keys()].sort((a, b) => a - b)) {
      if (this.parent[person] !== person) continue;
      const states = this.statesByTenant(person);
      if (states.length < 2) continue;
      const email = this.emailOf(person);
      const aadUserId = this.aads[person] ?? null;
      const key = email !== null ? `email:${email}` : `aad:${aadUserId}`;
      let reach = 0;
      for (const set of this.holdings.get(person)?.values() ?? [])
        if (set.size >= 2) reach = Math.max(reach, set.size);
      ranked.push({ person, reach, tenants: states.length, key });
      const activeIn = states.filter(([, s]) => s === 0).map(([t]) => this.tenantNames[t] as string);
      if (activeIn.length === 0 || activeIn.length === states.length) continue;
      const inactiveIn = states
        .filter(([, s]) => s !== 0)
        .map(([t, s]) => ({
          tenant: this.tenantNames[t] as string,
          state: STATES[s] as 'locked' | 'deactivated',
        }));
      leavers.push({
        id: findingId('fleet-leaver-elsewhere', key),
        rule: 'fleet-leaver-elsewhere',
        severity: 'critical',
        message: `${email ?? `aadUserId ${aadUserId}`} is ${describeInactive(inactiveIn)} and still active in ${listTenants(activeIn)}.`,
        person: { email, aadUserId, name: this.names.get(person) ?? null },
        inactiveIn,
        activeIn,
      });
    }
    // the widest reach first: who holds a forbidden permission in most tenants, then who is in most
    ranked.sort(
      (a, b) => b.reach - a.reach || b.tenants - a.tenants || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
    const people = ranked.slice(0, limit).map(({ person, key }) => this.crossTenantPerson(person, key));
    leavers.sort((a, b) => b.activeIn.length - a.activeIn.length || (a.id < b.id ? -1 : 1));
    return { people, total: ranked.length, leavers };
  }

  /** [tenant, state code] per tenant of the person, tenant order: the best state of their accounts there. */
  private statesByTenant(person: number): [number, number][] {
    const best = new Map<number, number>();
    for (const code of this.codes(person)) {
      const tenant = code >> 2;
      best.set(tenant, Math.min(best.get(tenant) ?? 3, code & 3));
    }
    return [...best.entries()].sort((a, b) => a[0] - b[0]);
  }

  private crossTenantPerson(person: number, key: string): CrossTenantPerson {
    const holds = [...(this.holdings.get(person) ?? new Map<string, Set<number>>())]
      .filter(([, set]) => set.size >= 2)
      .map(([permission, set]) => ({
        permission,
        tenants: [...set].sort((a, b) => a - b).map((t) => this.tenantNames[t] as string),
      }))
      .sort((a, b) => b.tenants.length - a.tenants.length || a.permission.localeCompare(b.permission));
    return {
      key,
      email: this.emailOf(person),
      aadUserId: this.aads[person] ?? null,
      name: this.names.get(person) ?? null,
      tenants: this.statesByTenant(person).map(([t, s]) => ({
        tenant: this.tenantNames[t] as string,
        state: STATES[s] as AccountState,
      })),
      holds,
    };
  }
}

/** Trimmed and lower-case, without a new string when it already is (most emails are). */
function lower(text: string): string {
  const trimmed = text.trim();
  return /[A-Z]|[^\x00-\x7f]/.test(trimmed) ? trimmed.toLowerCase() : trimmed;
}

function describeInactive(list: { tenant: string; state: 'locked' | 'deactivated' }[]): string {
  const locked = list.filter((t) => t.state === 'locked').map((t) => t.tenant);
  const deactivated = list.filter((t) => t.state === 'deactivated').map((t) => t.tenant);
  return [
    ...(deactivated.length > 0 ? [`deactivated in ${listTenants(deactivated)}`] : []),
    ...(locked.length > 0 ? [`locked in ${listTenants(locked)}`] : []),
  ].join(', ');
}

function listTenants(names: string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}
