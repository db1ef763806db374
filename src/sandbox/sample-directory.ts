/**
 * The sample tenant's people as its identity directories know them: a Microsoft Entra ID tenant
 * and a Google Workspace over the same staff. Deterministic (ids are hashes of the user, sign-ins
 * are days before the sandbox's now).
 *
 * Deliberate findings (identity-* rules; other code and tests rely on these exact people):
 * - leaver: employee 101 Dana Whitfield, Admin holding the API-key permissions 10421/10422, is
 *   disabled in Entra (accountEnabled false) and suspended in Google; her ServiceTitan account
 *   is active. Joined by aadUserId.
 * - guest: the outsiders 160 Kevin Tran, 161 Jake Morrison, 162 Sam Ortega and technician 230 Rick
 *   Dalton are Entra guests (userType Guest), joined by email; 163 Lena Fischer is a disabled guest
 *   (her ServiceTitan account is inactive too). Google Workspace has no guests.
 * - dormant: technician 208 Jacob Oliver last signed in 200 days ago (both directories).
 * - broken SSO link: employee 145 Paige Ortiz's aadUserId names an Entra object that no longer
 *   exists (her account was re-created); her email matches the new object.
 * - unmatched: employee 164 "Front Desk Tablet" (no email, no login) is in no directory: a shared
 *   login.
 * - former staff 120 and 141 and technician 215 (inactive in ServiceTitan) are disabled in Entra;
 *   in Google 120 is archived, 141 and 215 suspended.
 * - technician 204 Frank Kerr's primary address is frank@acme-hvac.com; his ServiceTitan email
 *   frank.kerr@acme-hvac.com is an alias (Entra proxyAddresses, Google aliases).
 * Everyone else is an active member who signed in within the last 17 days. Internal employees
 * (101-159) carry their Entra object id as aadUserId; technicians and outsiders are joined by email.
 */
import { createHash } from 'node:crypto';
import type { EntraUserRecord, GoogleUserRecord, SandboxDirectory } from './directory-data.js';
import type { EmployeeRecord, TechnicianRecord } from './tenant-data.js';

export const SAMPLE_ENTRA_TENANT_ID = '6f1c2b7e-3a4d-4c8e-9f21-5b7d0e9a1c34';
export const SAMPLE_GOOGLE_CUSTOMER_ID = 'C03acm7hv';
const ONMICROSOFT = 'acmehvac.onmicrosoft.com';
const INTERNAL = /@acme-hvac\.com$/i;

export const SAMPLE_IDENTITY_PEOPLE = {
  leaver: 101,
  brokenSso: 145,
  dormantTechnician: 208,
  aliasTechnician: 204,
  unmatched: 164,
} as const;

const DISABLED = new Set(['employee:101', 'employee:120', 'employee:141', 'employee:163', 'technician:215']);
const LAST_SIGN_IN: Record<string, number> = {
  'employee:101': 40,
  'employee:120': 400,
  'employee:141': 700,
  'employee:163': 250,
  'technician:208': 200,
  'technician:215': 300,
};

type User = (EmployeeRecord | TechnicianRecord) & { kind: 'employee' | 'technician' };

function digest(text: string): string {
  return createHash('sha256').update(`acme-hvac:${text}`).digest('hex');
}

/** A GUID-shaped Entra object id, the same for the same key every time. */
export function entraObjectId(key: string): string {
  const h = digest(`entra:${key}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A 21-digit Google user id. */
function googleUserId(key: string): string {
  return `1${BigInt(`0x${digest(`google:${key}`).slice(0, 24)}`)
    .toString()
    .padStart(20, '0')
    .slice(0, 20)}`;
}

/**
 * Sets the sample's aadUserId: internal employees carry their Entra object id (ServiceTitan's
 * Entra sign-in links them), employee 145 a stale one.
 */
export function linkSampleToEntra(employees: EmployeeRecord[]): void {
  for (const e of employees) {
    if (!e.email || !INTERNAL.test(e.email)) continue;
    e.aadUserId =
      e.id === SAMPLE_IDENTITY_PEOPLE.brokenSso
        ? entraObjectId(`employee:${e.id}:before-it-was-re-created`)
        : entraObjectId(`employee:${e.id}`);
  }
}

export function sampleDirectory(
  employees: EmployeeRecord[],
  technicians: TechnicianRecord[],
): SandboxDirectory {
  const users: User[] = [
    ...employees.map((e) => ({ ...e, kind: 'employee' as const })),
    ...technicians.map((t) => ({ ...t, kind: 'technician' as const })),
  ].filter((u) => u.email);
  return {
    entra: { tenantId: SAMPLE_ENTRA_TENANT_ID, premium: true, users: users.map(entraUser) },
    google: {
      customerId: SAMPLE_GOOGLE_CUSTOMER_ID,
      users: users.filter((u) => INTERNAL.test(u.email ?? '')).map(googleUser),
    },
  };
}

function key(user: User): string {
  return `${user.kind}:${user.id}`;
}

/** The primary address: ServiceTitan's (lower-cased), except the technician who goes by an alias. */
function primaryAddress(user: User): string {
  const email = user.email!.toLowerCase();
  if (user.kind === 'technician' && user.id === SAMPLE_IDENTITY_PEOPLE.aliasTechnician) {
    return `${email.split('.')[0]}@acme-hvac.com`;
  }
  return email;
}

function daysAgo(user: User): number {
  return LAST_SIGN_IN[key(user)] ?? (user.id % 17) + 1;
}

function entraUser(user: User): EntraUserRecord {
  const email = user.email!.toLowerCase();
  const internal = INTERNAL.test(email);
  const local = email.split('@')[0]!;
  const primary = primaryAddress(user);
  const lastSignIn = daysAgo(user);
  return {
    id: entraObjectId(key(user)),
    displayName: user.name,
    userPrincipalName: internal ? primary : `${email.replace('@', '_')}#EXT#@${ONMICROSOFT}`,
    mail: primary,
    otherMails: internal ? [] : [email],
    proxyAddresses: internal
      ? [
          `SMTP:${primary}`,
          ...(primary === email ? [] : [`smtp:${email}`]),
          `smtp:${local}@${ONMICROSOFT}`,
          `SIP:${primary}`,
        ]
      : [`SMTP:${email}`],
    accountEnabled: !DISABLED.has(key(user)),
    userType: internal ? 'Member' : 'Guest',
    employeeId: internal
      ? `${user.kind === 'employee' ? 'E' : 'T'}-${String(user.id).padStart(4, '0')}`
      : null,
    createdDateTime: user.createdOn,
    lastSignInDaysAgo: lastSignIn,
    // field staff's phones refresh their tokens without an interactive sign-in
    ...(user.kind === 'technician' && !(key(user) in LAST_SIGN_IN)
      ? { lastSuccessfulSignInDaysAgo: (user.id % 5) / 24 }
      : {}),
  };
}

function googleUser(user: User): GoogleUserRecord {
  const email = user.email!.toLowerCase();
  const primary = primaryAddress(user);
  const [givenName = '', familyName = ''] = user.name.split(' ');
  const k = key(user);
  return {
    id: googleUserId(k),
    primaryEmail: primary,
    name: { givenName, familyName, fullName: user.name },
    isAdmin: 'role' in user && (user.role === 'Admin' || user.role === 'Owner'),
    suspended: DISABLED.has(k) && k !== 'employee:120',
    archived: k === 'employee:120',
    creationTime: user.createdOn,
    emails: [{ address: primary, primary: true }, ...(primary === email ? [] : [{ address: email }])],
    ...(primary === email ? {} : { aliases: [email] }),
    nonEditableAliases: [`${primary.split('@')[0]}@acme-hvac.com.test-google-a.com`],
    lastLoginDaysAgo: daysAgo(user),
  };
}
