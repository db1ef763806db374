/**
 * The sandbox's identity directories, kept in the providers' own shapes: Microsoft Graph `user`
 * records and Admin SDK Directory API `User` records (the fields the audit reads, and a few
 * more). Sign-in times are kept as "days before now" so the sample stays right on any day; the
 * server answers them as times on its clock.
 */
import { z } from 'zod';

/** As Microsoft Graph's `user` (v1.0). */
export interface EntraUserRecord {
  id: string;
  displayName: string | null;
  userPrincipalName: string;
  mail: string | null;
  otherMails: string[];
  proxyAddresses: string[];
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  employeeId: string | null;
  createdDateTime: string | null;
  /** internal: the last interactive sign-in, in days before the sandbox's now; null: never */
  lastSignInDaysAgo: number | null;
  /** internal: the last successful sign-in of any kind (token refreshes too); default lastSignInDaysAgo */
  lastSuccessfulSignInDaysAgo?: number | null;
}

/** As the Admin SDK Directory API's `User` (projection basic). */
export interface GoogleUserRecord {
  id: string;
  primaryEmail: string;
  name: { givenName: string; familyName: string; fullName: string };
  isAdmin: boolean;
  suspended: boolean;
  archived: boolean;
  creationTime: string;
  emails: { address: string; primary?: boolean }[];
  aliases?: string[];
  nonEditableAliases?: string[];
  /** internal: the last login, in days before the sandbox's now; null: never (answered as 1970-01-01) */
  lastLoginDaysAgo: number | null;
}

export interface SandboxDirectory {
  entra: {
    /** the Directory (tenant) ID a token request names */
    tenantId: string;
    /** false: no Entra ID P1, so Graph answers 403 when signInActivity is selected */
    premium: boolean;
    users: EntraUserRecord[];
  };
  google: {
    /** the customer ID; `my_customer` means it too */
    customerId: string;
    users: GoogleUserRecord[];
  };
}

const days = z.number().nonnegative().nullable();
const isoDateTime = z.iso.datetime({ offset: true });

export const sandboxDirectorySchema = z.strictObject({
  entra: z.strictObject({
    tenantId: z.string().min(1),
    premium: z.boolean(),
    users: z.array(
      z.strictObject({
        id: z.string().min(1),
        displayName: z.string().nullable(),
        userPrincipalName: z.string().min(1),
        mail: z.string().nullable(),
        otherMails: z.array(z.string()),
        proxyAddresses: z.array(z.string()),
        accountEnabled: z.boolean(),
        userType: z.enum(['Member', 'Guest']),
        employeeId: z.string().nullable(),
        createdDateTime: isoDateTime.nullable(),
        lastSignInDaysAgo: days,
        lastSuccessfulSignInDaysAgo: days.optional(),
      }),
    ),
  }),
  google: z.strictObject({
    customerId: z.string().min(1),
    users: z.array(
      z.strictObject({
        id: z.string().min(1),
        primaryEmail: z.string().min(1),
        name: z.strictObject({ givenName: z.string(), familyName: z.string(), fullName: z.string() }),
        isAdmin: z.boolean(),
        suspended: z.boolean(),
        archived: z.boolean(),
        creationTime: isoDateTime,
        emails: z.array(z.strictObject({ address: z.string(), primary: z.boolean().optional() })),
        aliases: z.array(z.string()).optional(),
        nonEditableAliases: z.array(z.string()).optional(),
        lastLoginDaysAgo: days,
      }),
    ),
  }),
});

/** Ids unique within each directory (a directory addresses people by id). */
export function duplicateDirectoryIds(directory: SandboxDirectory): string[] {
  const problems: string[] = [];
  for (const [name, users] of [
    ['directory.entra.users', directory.entra.users],
    ['directory.google.users', directory.google.users],
  ] as const) {
    const seen = new Set<string>();
    for (const user of users) {
      if (seen.has(user.id)) problems.push(`${name}: id ${user.id} appears more than once`);
      seen.add(user.id);
    }
  }
  return problems;
}
