/**
 * The policy file's shape (SPEC §4) as a zod schema: keys exactly as users write them, every object
 * strict. The descriptions and examples here are the reference documentation: they feed the JSON
 * Schema for editors and docs/policy.md. Checks that relate one part of the file to another
 * (rule ids, permission names, approvers) live in validate.ts.
 */
import { z } from 'zod';
import { USER_REF_PATTERN } from './references.js';

/** Rule ids and permission names: they appear in reports, finding ids and SARIF rule ids. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** YYYY-MM-DD; the exemption ends at 23:59:59 UTC that day. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const name = (description: string, example: string) =>
  z
    .string()
    .regex(NAME_PATTERN)
    .describe(description)
    .meta({ examples: [example] });

const userRef = z
  .string()
  .regex(USER_REF_PATTERN)
  .describe('A user: an email, login:NAME, user:ID (ServiceTitan userId), employee:ID or technician:ID.');

const userRefs = (description: string, example: string[]) =>
  z
    .array(userRef)
    .describe(description)
    .meta({ examples: [example] });

const severity = z
  .enum(['critical', 'high', 'medium', 'low'])
  .default('high')
  .describe(
    'How serious a violation of this rule is. The `fail-on` input decides which severities fail the run.',
  )
  .meta({ examples: ['critical'] });

const organization = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .optional()
      .describe('The organization name, shown in reports.')
      .meta({ examples: ['Acme HVAC'] }),
    'internal-domains': z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Email or login domains of your own people. A user whose email (else login) is at one of these domains or a subdomain is internal; `acme.com.evil.io` is not at `acme.com`. Compared case-insensitively.',
      )
      .meta({ examples: [['acme-hvac.com']] }),
    'internal-users': userRefs(
      'Users who are always internal, whatever their domain (for example a service account on a public mail domain).',
      ['ops-bot@gmail.com'],
    ).default([]),
    'external-users': userRefs(
      'Users who are always external, even at an internal domain (for example a contractor given a company address).',
      ['temp@acme-hvac.com'],
    ).default([]),
  })
  .describe('Who counts as internal. Everyone else, including users with no email and no login, is external.')
  .meta({ examples: [{ name: 'Acme HVAC', 'internal-domains': ['acme-hvac.com'] }] });

const permissionMapping = z
  .strictObject({
    id: z
      .int()
      .positive()
      .describe(
        'The ServiceTitan permission id. The API returns permission ids without names: find the id with `st-access-guard discover`.',
      )
      .meta({ examples: [10421] }),
    label: z
      .string()
      .min(1)
      .optional()
      .describe('A display name for reports, such as the name shown in ServiceTitan.')
      .meta({ examples: ['Generate API Application Key'] }),
    granted: z
      .array(z.union([z.string(), z.boolean(), z.number()]))
      .min(1)
      .default(['true'])
      .describe(
        'The permission values that mean "held". Compared case-insensitively; ServiceTitan usually sends `True`.',
      )
      .meta({ examples: [['True']] }),
  })
  .describe('One permission name used in rules, mapped to its ServiceTitan id.');

const permissions = z
  .record(z.string().regex(NAME_PATTERN), permissionMapping)
  .default({})
  .describe(
    'The names that rules use for ServiceTitan permissions, each mapped to its numeric id. Every name a rule uses must be here; two names may not share an id. A mapping named `generate-api-key` or `manage-api-access`, or labelled `Generate API Application Key` or `Manage API Application Access`, is taken to be that API permission (by name or label, never by id, because ids differ per tenant): a finding about it carries, besides its fix, the steps that revoke the credentials its holder may have made (rotate client secrets, disconnect apps), because locking an account does not.',
  )
  .meta({ examples: [{ 'generate-api-key': { id: 10421, label: 'Generate API Application Key' } }] });

const appliesTo = z
  .strictObject({
    audience: z
      .enum(['internal', 'external', 'any'])
      .default('any')
      .describe('Which users the rule covers by audience (see `organization`).')
      .meta({ examples: ['external'] }),
    kinds: z
      .array(z.enum(['employee', 'technician']))
      .min(1)
      .default(['employee', 'technician'])
      .describe('Which kinds of ServiceTitan user the rule covers.')
      .meta({ examples: [['employee']] }),
    roles: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        'Only users holding any of these roles: role names or the built-in role (`Admin`, `Owner`, …), case-insensitive.',
      )
      .meta({ examples: [['Office']] }),
    'business-units': z
      .array(z.union([z.string().min(1), z.int().positive()]))
      .min(1)
      .optional()
      .describe('Only users in one of these business units, by name (case-insensitive) or id.')
      .meta({ examples: [['Plumbing']] }),
    users: userRefs('Only these users.', ['alice@acme-hvac.com']).min(1).optional(),
    'except-users': userRefs('Users this rule never covers.', ['alice@acme-hvac.com']).default([]),
    'include-inactive': z
      .boolean()
      .default(false)
      .describe('Also check deactivated and locked accounts (skipped by default).')
      .meta({ examples: [true] }),
  })
  .describe('Which users the rule covers. Every key is optional; keys combine with AND.')
  .meta({ examples: [{ audience: 'external', kinds: ['employee'] }] });

const fix = z
  .union([
    z.enum(['none', 'lock', 'deactivate']),
    z.strictObject({
      'set-role': z
        .string()
        .min(1)
        .describe("Replace the user's roles with this one role (by name).")
        .meta({ examples: ['Technician'] }),
    }),
  ])
  .default('none')
  .describe(
    'What `apply` does to a user who breaks this rule: `lock` the account, `deactivate` it, or `{set-role: NAME}`. `none` reports the finding with the manual steps. Only on `forbid` rules.',
  )
  .meta({ examples: ['lock'] });

const forbid = z
  .strictObject({
    permissions: z
      .array(z.string().min(1))
      .optional()
      .describe('Holding any of these permissions (names from `permissions`) is a violation.')
      .meta({ examples: [['generate-api-key', 'manage-api-access']] }),
    roles: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Holding any of these roles (role names or the built-in role enum, case-insensitive) is a violation.',
      )
      .meta({ examples: [['Admin', 'Owner']] }),
    account: z
      .boolean()
      .optional()
      .describe('`true`: having an active account at all is a violation.')
      .meta({ examples: [true] }),
  })
  .describe('What a covered user must not have. Needs at least one of `permissions`, `roles`, `account`.')
  .meta({ examples: [{ permissions: ['generate-api-key'], roles: ['Admin'] }] });

const maxHolders = z
  .strictObject({
    roles: z
      .array(z.string().min(1))
      .optional()
      .describe('Count the covered users holding any of these roles.')
      .meta({ examples: [['Admin', 'Owner']] }),
    permissions: z
      .array(z.string().min(1))
      .optional()
      .describe('Count the covered users holding any of these permissions (names from `permissions`).')
      .meta({ examples: [['generate-api-key']] }),
    max: z
      .int()
      .min(0)
      .describe('The most holders allowed; more gives one tenant-level finding.')
      .meta({ examples: [3] }),
  })
  .describe('A limit on how many users may hold some roles or permissions. Needs `roles` or `permissions`.')
  .meta({ examples: [{ roles: ['Admin', 'Owner'], max: 3 }] });

const rule = z
  .strictObject({
    id: name(
      'A unique id for the rule, used in reports, finding ids and exemptions.',
      'no-external-api-access',
    ),
    disabled: z
      .boolean()
      .optional()
      .describe(
        "`true`: the rule is switched off. In a policy that `extends` another, `- {id: ID, disabled: true}` removes the base's rule of that id.",
      )
      .meta({ examples: [true] }),
    description: z
      .string()
      .min(1)
      .optional()
      .describe('Why the rule exists, in plain words; shown with its findings.')
      .meta({ examples: ['Outsiders must not create app keys or client secrets'] }),
    severity,
    'applies-to': appliesTo.optional(),
    forbid: forbid.optional(),
    'max-holders': maxHolders.optional(),
    fix: fix.optional(),
  })
  .describe('One rule. It has exactly one of `forbid` or `max-holders`.');

const exemption = z
  .strictObject({
    user: userRef
      .optional()
      .describe(
        'The exempted user. Without `user`, the exemption covers the tenant-level (`max-holders`) findings of its rules.',
      )
      .meta({ examples: ['partner@integrator.example'] }),
    rules: z
      .array(z.string().min(1))
      .min(1)
      .describe('The ids of the rules this exemption covers.')
      .meta({ examples: [['no-external-api-access']] }),
    reason: z
      .string()
      .min(1)
      .describe('Why the exception is acceptable. Required.')
      .meta({ examples: ['Integration partner, contract 2231'] }),
    expires: z
      .string()
      .regex(DATE_PATTERN)
      .describe(
        'The last day the exemption holds (YYYY-MM-DD; it ends 23:59:59 UTC that day), at most 366 days after today. Required: exceptions are reviewed, not forgotten.',
      )
      .meta({ examples: ['2027-03-31'] }),
    'approved-by': userRef
      .describe('Who approved the exception, as a user reference. Required, and not the exempted user.')
      .meta({ examples: ['security@acme-hvac.com'] }),
    ticket: z
      .string()
      .min(1)
      .optional()
      .describe('A ticket or change-request id, for the audit trail.')
      .meta({ examples: ['SEC-123'] }),
  })
  .describe('A time-limited, approved exception to some rules.');

const safety = z
  .strictObject({
    'protected-users': userRefs('Users `apply` never changes; a plan that touches one is refused whole.', [
      'owner@acme-hvac.com',
    ]).default([]),
    'min-active-admins': z
      .int()
      .min(0)
      .default(1)
      .describe(
        '`apply` refuses a plan that would leave fewer active, unlocked admins: users holding an `admin-roles` role or an `admin-permissions` permission.',
      )
      .meta({ examples: [2] }),
    'admin-roles': z
      .array(z.string().min(1))
      .min(1)
      .default(['Admin', 'Owner'])
      .describe(
        'The roles that count as admin for `min-active-admins`: role names or built-in roles. A role is only a name (a custom role may be called anything, and `Admin` is also the name of a permission section), so `admin-permissions` can name admin access by permission as well.',
      )
      .meta({ examples: [['Admin', 'Owner']] }),
    'admin-permissions': z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Permissions (names from `permissions`) whose holders also count as admin for `min-active-admins`, whatever their role is called: for example the permission behind ServiceTitan\'s "Access to Admin". Optional; without it only `admin-roles` count.',
      )
      .meta({ examples: [['admin-access']] }),
  })
  .describe('Guards on `apply`, checked before anything is changed.')
  .meta({ examples: [{ 'protected-users': ['owner@acme-hvac.com'], 'min-active-admins': 1 }] });

/** An Entra directory id: a GUID, or the directory's domain (`contoso.onmicrosoft.com`). */
export const TENANT_ID_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?$/;
/** A Google Workspace customer: `my_customer` or the account's customer id (`C01abc23d`). */
export const CUSTOMER_PATTERN = /^[A-Za-z0-9_]{1,64}$/;

const csvColumn = (description: string, fallback: string) =>
  z
    .string()
    .min(1)
    .default(fallback)
    .describe(description)
    .meta({ examples: [fallback] });

const identitySource = z
  .strictObject({
    id: name('A unique id for the source, named in findings and in the report (`identity.source`).', 'hr'),
    csv: z
      .string()
      .min(1)
      .optional()
      .describe(
        'An HR roster: a CSV file in the repository, relative to the workspace like the policy. One row per person; the first row names the columns.',
      )
      .meta({ examples: ['people/roster.csv'] }),
    columns: z
      .strictObject({
        email: csvColumn('The column holding the person’s email (required in the file).', 'email'),
        name: csvColumn('The column holding the person’s name.', 'name'),
        status: csvColumn(
          'The column holding `active`, `leave` or `terminated` (case-insensitive; `leave` is judged like active). Any other value is an error at its line and column.',
          'status',
        ),
        'end-date': csvColumn(
          'The column holding the last day (YYYY-MM-DD); a past end date counts as terminated.',
          'end_date',
        ),
        type: csvColumn(
          'The column holding `employee`, `contractor` or `guest` (case-insensitive); contractors and guests are external.',
          'type',
        ),
      })
      .optional()
      .describe('The header names of a `csv` source, matched exactly. Every key is optional.')
      .meta({ examples: [{ email: 'Work Email', 'end-date': 'Termination Date' }] }),
    entra: z
      .strictObject({
        'tenant-id': z
          .string()
          .regex(TENANT_ID_PATTERN)
          .describe('The Microsoft Entra directory (tenant) id, or its domain.')
          .meta({ examples: ['00000000-0000-0000-0000-000000000000'] }),
      })
      .optional()
      .describe(
        'Microsoft Entra ID, read through Microsoft Graph with the `entra-client-id` credential (see the README).',
      )
      .meta({ examples: [{ 'tenant-id': '00000000-0000-0000-0000-000000000000' }] }),
    google: z
      .strictObject({
        customer: z
          .string()
          .regex(CUSTOMER_PATTERN)
          .default('my_customer')
          .describe(
            'The Google Workspace customer: `my_customer` (the account of the admin impersonated) or its id.',
          )
          .meta({ examples: ['my_customer'] }),
      })
      .optional()
      .describe(
        'Google Workspace, read through the Admin SDK Directory API with the `google-credentials` service account (see the README).',
      )
      .meta({ examples: [{ customer: 'my_customer' }] }),
  })
  .describe('One identity source. It has an `id` and exactly one of `csv`, `entra` or `google`.');

const identity = z
  .strictObject({
    sources: z
      .array(identitySource)
      .min(1)
      .describe(
        'Where people are known, tried in this order: a user matched by one source is not looked up in the next.',
      )
      .meta({
        examples: [
          [
            { id: 'hr', csv: 'people/roster.csv' },
            { id: 'entra', entra: { 'tenant-id': '00000000-0000-0000-0000-000000000000' } },
          ],
        ],
      }),
    match: z
      .array(z.enum(['aad', 'email']))
      .min(1)
      .default(['aad', 'email'])
      .describe(
        'The join keys, tried in order within each source: `aad` joins ServiceTitan’s `aadUserId` to the Entra object id; `email` joins the email (or a login that is an email) to any address of the person (Entra `otherMails` and `proxyAddresses`, Google aliases), case-insensitively.',
      )
      .meta({ examples: [['aad', 'email']] }),
    'leaver-fix': z
      .enum(['lock', 'deactivate', 'none'])
      .default('lock')
      .describe(
        'What `apply` does to the account of a person who left (`identity-leaver`): `lock` it, `deactivate` it, or `none` (report it with the manual steps).',
      )
      .meta({ examples: ['lock'] }),
    'dormant-after-days': z
      .int()
      .min(1)
      .max(3650)
      .optional()
      .describe(
        'An active account whose person has not signed in for this many days is dormant (`identity-dormant`). Only sources that report sign-ins count (Entra `signInActivity`, Google `lastLoginTime`); omit to skip.',
      )
      .meta({ examples: [90] }),
    unmatched: z
      .enum(['critical', 'high', 'medium', 'low', 'ignore'])
      .default('medium')
      .describe('The severity of `identity-unmatched` (an active account no source knows), or `ignore`.')
      .meta({ examples: ['medium'] }),
  })
  .describe(
    'Who should have access: join every ServiceTitan user to a person in the company’s identity sources and judge the account by that person (leavers, accounts nobody knows, dormant accounts, broken SSO links). Optional; without it nothing changes.',
  )
  .meta({
    examples: [
      {
        sources: [{ id: 'hr', csv: 'people/roster.csv' }],
        match: ['aad', 'email'],
        'leaver-fix': 'lock',
        'dormant-after-days': 90,
        unmatched: 'medium',
      },
    ],
  });

/** A GitHub login: letters, digits and single hyphens, at most 39, not starting or ending with `-`. */
export const GITHUB_LOGIN_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

const reviewerGroup = z
  .strictObject({
    github: z
      .array(
        z
          .string()
          .regex(GITHUB_LOGIN_PATTERN)
          .describe('A GitHub login, without `@`.')
          .meta({ examples: ['it-lead'] }),
      )
      .min(1)
      .describe(
        'The GitHub logins who decide for this group: only their `/keep` and `/revoke` comments count in its issue.',
      )
      .meta({ examples: [['it-lead', 'security-lead']] }),
    'applies-to': appliesTo
      .optional()
      .describe(
        "Which accounts this group reviews: the selectors of a rule's `applies-to`. Without it, every account no earlier group took.",
      ),
  })
  .describe(
    'One group of reviewers and the accounts it reviews. The first group whose `applies-to` matches an account reviews it.',
  );

const reviews = z
  .strictObject({
    scope: z
      .array(z.enum(['privileged', 'external', 'all']))
      .min(1)
      .default(['privileged', 'external'])
      .describe(
        'Which active accounts are reviewed: `privileged` (holds a mapped permission or an admin role of `safety.admin-roles`), `external`, or `all`. With an `identity` section, leavers and accounts no source knows are reviewed too.',
      )
      .meta({ examples: [['privileged', 'external']] }),
    reviewers: z
      .array(reviewerGroup)
      .min(1)
      .describe(
        'The reviewer groups, first matching group wins; each gets one issue. End with a group without `applies-to` so that every account has a reviewer.',
      )
      .meta({
        examples: [
          [
            { github: ['plumbing-lead'], 'applies-to': { 'business-units': ['Plumbing'] } },
            { github: ['it-lead', 'security-lead'] },
          ],
        ],
      }),
    'due-days': z
      .int()
      .min(1)
      .max(366)
      .default(14)
      .describe(
        'Days from the start of a review to its due date. From 3 days before it, `sync` posts one reminder a day to the group while accounts are undecided.',
      )
      .meta({ examples: [14] }),
  })
  .describe(
    "Periodic access reviews in the repository's issues (`mode: review`): reviewers attest, account by account, that access is still needed. Optional.",
  )
  .meta({
    examples: [
      {
        scope: ['privileged', 'external'],
        reviewers: [
          { github: ['plumbing-lead'], 'applies-to': { 'business-units': ['Plumbing'] } },
          { github: ['it-lead', 'security-lead'] },
        ],
        'due-days': 14,
      },
    ],
  });

export const policySchema = z
  .strictObject({
    extends: z
      .string()
      .min(1)
      .optional()
      .describe(
        "A base policy this one builds on, relative to this file. Maps merge key by key; `rules` merge by `id` (a rule with the same id replaces the base's, `disabled: true` removes it); `exemptions`, `internal-domains`, `internal-users`, `external-users` and `protected-users` append. The base may extend another; a cycle is an error.",
      )
      .meta({ examples: ['../servicetitan-base.yml'] }),
    version: z
      .literal(1)
      .describe('The policy language version. Always `1`.')
      .meta({ examples: [1] }),
    organization: organization.default({
      'internal-domains': [],
      'internal-users': [],
      'external-users': [],
    }),
    permissions,
    rules: z
      .array(rule)
      .min(1)
      .describe('The rules the tenant is audited against.')
      .meta({
        examples: [
          [
            {
              id: 'no-external-api-access',
              severity: 'critical',
              'applies-to': { audience: 'external' },
              forbid: { permissions: ['generate-api-key'] },
              fix: 'lock',
            },
          ],
        ],
      }),
    exemptions: z
      .array(exemption)
      .default([])
      .describe('Approved, time-limited exceptions. An exempted finding stays in the report, marked.')
      .meta({
        examples: [
          [
            {
              user: 'partner@integrator.example',
              rules: ['no-external-api-access'],
              reason: 'Integration partner, contract 2231',
              expires: '2027-03-31',
              'approved-by': 'security@acme-hvac.com',
            },
          ],
        ],
      }),
    safety: safety.default({
      'protected-users': [],
      'min-active-admins': 1,
      'admin-roles': ['Admin', 'Owner'],
      'admin-permissions': [],
    }),
    identity: identity.optional(),
    reviews: reviews.optional(),
  })
  .describe('An access policy for a ServiceTitan tenant (servicetitan-access-guard, version 1).');

export type PolicyDocument = z.output<typeof policySchema>;
