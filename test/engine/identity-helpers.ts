/** Builders for identity engine tests: people, directories and a policy with an `identity` section. */
import type { Directory, Person } from '../../src/domain/identity.js';
import type { Policy, PolicyIdentity } from '../../src/policy/types.js';
import { policy, type PolicyInit } from './builders.js';

export function person(p: Partial<Person> & { emails: string[] }): Person {
  return {
    personId: p.personId ?? p.emails[0]!,
    aadObjectId: null,
    name: null,
    state: 'active',
    type: null,
    lastSignIn: null,
    createdAt: null,
    ...p,
  };
}

export function csvDirectory(sourceId: string, people: Person[]): Directory {
  return { sourceId, kind: 'csv', people, signInReported: false, signInUnavailable: null };
}

export function entraDirectory(sourceId: string, people: Person[], signInReported = true): Directory {
  return {
    sourceId,
    kind: 'entra',
    people,
    signInReported,
    signInUnavailable: signInReported
      ? null
      : 'Microsoft Graph refused signInActivity (it needs Entra ID P1)',
  };
}

/** An Entra person: its object id is both personId and aadObjectId. */
export function entraPerson(id: string, p: Partial<Person> & { emails: string[] }): Person {
  return person({ personId: id, aadObjectId: id, type: 'member', ...p });
}

export function identityPolicy(
  identity: Partial<PolicyIdentity> = {},
  init: PolicyInit = {},
): Policy & { identity: PolicyIdentity } {
  return {
    ...policy(init),
    identity: {
      sources: [
        {
          id: 'hr',
          kind: 'csv',
          path: 'people/roster.csv',
          columns: { email: 'email', name: 'name', status: 'status', endDate: 'end_date', type: 'type' },
        },
        { id: 'entra', kind: 'entra', tenantId: 'contoso.onmicrosoft.com' },
      ],
      match: ['aad', 'email'],
      leaverFix: 'lock',
      dormantAfterDays: 90,
      unmatched: 'medium',
      position: { line: 60, column: 1 },
      sourcePositions: { hr: { line: 62, column: 7 }, entra: { line: 64, column: 7 } },
      ...identity,
    },
  };
}
