import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  BUILT_IN_RULES,
  IDENTITY_RULES
} from "./chunk-IKAUNPRK.js";
import {
  assertNever
} from "./chunk-B4MPU4M5.js";
import {
  require_dist
} from "./chunk-7Y4HBSSD.js";
import {
  USER_REF_FORMS,
  USER_REF_PATTERN,
  parseUserRef,
  referenceSite,
  sameUserRef
} from "./chunk-WA5K76RQ.js";
import {
  nearest
} from "./chunk-5PL237VK.js";
import {
  external_exports
} from "./chunk-5VFH7U4S.js";
import {
  ConfigurationError,
  PolicyError
} from "./chunk-GIX45REK.js";
import {
  __toESM
} from "./chunk-WD5L72B6.js";

// src/policy/load.ts
import { createHash as createHash2 } from "node:crypto";
import { open, realpath } from "node:fs/promises";
import { isAbsolute, relative, sep } from "node:path";

// src/policy/identity-checks.ts
var SOURCE_KINDS = ["csv", "entra", "google"];
function identityIssues(source, file) {
  const issues = [];
  const add = (path2, code, message, hint, at = "value") => issues.push({ file, ...source.locate(path2, at), code, message, ...hint ? { hint } : {} });
  const identity3 = record(source.value.identity);
  if (!identity3) return issues;
  const seen = /* @__PURE__ */ new Set();
  for (const [index, raw] of list(identity3.sources).entries()) {
    const entry = record(raw);
    if (!entry) continue;
    const at = (...rest) => ["identity", "sources", index, ...rest];
    const id = typeof entry.id === "string" ? entry.id : void 0;
    const label = id ? `Source \`${id}\`` : `Source ${index + 1}`;
    if (id !== void 0) {
      if (seen.has(id)) {
        add(
          at("id"),
          "policy.duplicate-source-id",
          `Two identity sources have the id \`${id}\`.`,
          "give each source its own id"
        );
      }
      seen.add(id);
    }
    const kinds = SOURCE_KINDS.filter((kind) => kind in entry);
    if (kinds.length === 0) {
      add(
        at(),
        "policy.source-kind",
        `${label} says neither \`csv\`, \`entra\` nor \`google\`, so it reads nobody.`,
        "add `csv: FILE`, `entra: {tenant-id: \u2026}` or `google: {customer: my_customer}`"
      );
    } else if (kinds.length > 1) {
      add(
        at(kinds[1]),
        "policy.source-kind",
        `${label} has both \`${kinds[0]}\` and \`${kinds[1]}\`; a source has exactly one kind.`,
        "split it into two sources, each with its own id",
        "key"
      );
    }
    if ("columns" in entry && !("csv" in entry)) {
      add(
        at("columns"),
        "policy.source-kind",
        `${label} has \`columns\`, which only a \`csv\` source reads.`,
        "remove `columns`, or make the source a `csv` one",
        "key"
      );
    }
    const csv = entry.csv;
    if (typeof csv === "string" && csv !== "" && leavesWorkspace(csv)) {
      add(
        at("csv"),
        "policy.roster-outside-workspace",
        `\`${csv}\` is not a path inside the repository.`,
        "give the roster\u2019s path relative to the repository root, like the policy\u2019s, for example `people/roster.csv`"
      );
    }
    const columns = record(entry.columns);
    if (columns) {
      const byHeader = /* @__PURE__ */ new Map();
      for (const [key, header] of Object.entries(columns)) {
        if (typeof header !== "string" || header === "") continue;
        const other = byHeader.get(header);
        if (other === void 0) byHeader.set(header, key);
        else
          add(
            at("columns", key),
            "policy.duplicate-column",
            `\`columns.${key}\` and \`columns.${other}\` both name the column \`${header}\`.`,
            "give each one its own column of the roster"
          );
      }
    }
  }
  const keys = /* @__PURE__ */ new Set();
  for (const [i, key] of list(identity3.match).entries()) {
    if (keys.has(key)) {
      add(
        ["identity", "match", i],
        "policy.duplicate-match-key",
        `\`${String(key)}\` is listed twice in \`identity.match\`.`,
        "list each join key once, in the order to try them"
      );
    }
    keys.add(key);
  }
  return issues;
}
function leavesWorkspace(path2) {
  const normalized = path2.replace(/\\/g, "/");
  if (normalized.startsWith("/") || /^[A-Za-z]:/.test(normalized)) return true;
  let depth = 0;
  for (const part of normalized.split("/")) {
    if (part === "..") depth -= 1;
    else if (part !== "" && part !== ".") depth += 1;
    if (depth < 0) return true;
  }
  return false;
}
function record(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : void 0;
}
function list(value) {
  return Array.isArray(value) ? value : [];
}

// src/policy/review-checks.ts
function reviewIssues(source, file) {
  const reviews3 = record2(source.value.reviews);
  const groups = Array.isArray(reviews3?.reviewers) ? reviews3.reviewers : [];
  const catchAll = groups.findIndex(
    (group) => record2(group) !== void 0 && !("applies-to" in record2(group))
  );
  if (catchAll < 0) return [];
  return groups.slice(catchAll + 1).flatMap((group, offset) => {
    if (!record2(group)) return [];
    const index = catchAll + 1 + offset;
    return [
      {
        file,
        ...source.locate(["reviews", "reviewers", index]),
        code: "policy.unreachable-reviewers",
        message: `Reviewer group ${index + 1} comes after group ${catchAll + 1}, which has no \`applies-to\` and so takes every account left: group ${index + 1} would never review anyone.`,
        hint: `move group ${catchAll + 1} to the end of \`reviews.reviewers\`, or give it an \`applies-to\``
      }
    ];
  });
}
function record2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : void 0;
}

// src/policy/schema.ts
var NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
var DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
var name = (description, example) => external_exports.string().regex(NAME_PATTERN).describe(description).meta({ examples: [example] });
var userRef = external_exports.string().regex(USER_REF_PATTERN).describe("A user: an email, login:NAME, user:ID (ServiceTitan userId), employee:ID or technician:ID.");
var userRefs = (description, example) => external_exports.array(userRef).describe(description).meta({ examples: [example] });
var severity = external_exports.enum(["critical", "high", "medium", "low"]).default("high").describe(
  "How serious a violation of this rule is. The `fail-on` input decides which severities fail the run."
).meta({ examples: ["critical"] });
var organization = external_exports.strictObject({
  name: external_exports.string().min(1).optional().describe("The organization name, shown in reports.").meta({ examples: ["Acme HVAC"] }),
  "internal-domains": external_exports.array(external_exports.string().min(1)).default([]).describe(
    "Email or login domains of your own people. A user whose email (else login) is at one of these domains or a subdomain is internal; `acme.com.evil.io` is not at `acme.com`. Compared case-insensitively."
  ).meta({ examples: [["acme-hvac.com"]] }),
  "internal-users": userRefs(
    "Users who are always internal, whatever their domain (for example a service account on a public mail domain).",
    ["ops-bot@gmail.com"]
  ).default([]),
  "external-users": userRefs(
    "Users who are always external, even at an internal domain (for example a contractor given a company address).",
    ["temp@acme-hvac.com"]
  ).default([])
}).describe("Who counts as internal. Everyone else, including users with no email and no login, is external.").meta({ examples: [{ name: "Acme HVAC", "internal-domains": ["acme-hvac.com"] }] });
var permissionMapping = external_exports.strictObject({
  id: external_exports.int().positive().describe(
    "The ServiceTitan permission id. The API returns permission ids without names: find the id with `st-access-guard discover`."
  ).meta({ examples: [10421] }),
  label: external_exports.string().min(1).optional().describe("A display name for reports, such as the name shown in ServiceTitan.").meta({ examples: ["Generate API Application Key"] }),
  granted: external_exports.array(external_exports.union([external_exports.string(), external_exports.boolean(), external_exports.number()])).min(1).default(["true"]).describe(
    'The permission values that mean "held". Compared case-insensitively; ServiceTitan usually sends `True`.'
  ).meta({ examples: [["True"]] })
}).describe("One permission name used in rules, mapped to its ServiceTitan id.");
var permissions = external_exports.record(external_exports.string().regex(NAME_PATTERN), permissionMapping).default({}).describe(
  "The names that rules use for ServiceTitan permissions, each mapped to its numeric id. Every name a rule uses must be here; two names may not share an id. A mapping named `generate-api-key` or `manage-api-access`, or labelled `Generate API Application Key` or `Manage API Application Access`, is taken to be that API permission (by name or label, never by id, because ids differ per tenant): a finding about it carries, besides its fix, the steps that revoke the credentials its holder may have made (rotate client secrets, disconnect apps), because locking an account does not."
).meta({ examples: [{ "generate-api-key": { id: 10421, label: "Generate API Application Key" } }] });
var appliesTo = external_exports.strictObject({
  audience: external_exports.enum(["internal", "external", "any"]).default("any").describe("Which users the rule covers by audience (see `organization`).").meta({ examples: ["external"] }),
  kinds: external_exports.array(external_exports.enum(["employee", "technician"])).min(1).default(["employee", "technician"]).describe("Which kinds of ServiceTitan user the rule covers.").meta({ examples: [["employee"]] }),
  roles: external_exports.array(external_exports.string().min(1)).min(1).optional().describe(
    "Only users holding any of these roles: role names or the built-in role (`Admin`, `Owner`, \u2026), case-insensitive."
  ).meta({ examples: [["Office"]] }),
  "business-units": external_exports.array(external_exports.union([external_exports.string().min(1), external_exports.int().positive()])).min(1).optional().describe("Only users in one of these business units, by name (case-insensitive) or id.").meta({ examples: [["Plumbing"]] }),
  users: userRefs("Only these users.", ["alice@acme-hvac.com"]).min(1).optional(),
  "except-users": userRefs("Users this rule never covers.", ["alice@acme-hvac.com"]).default([]),
  "include-inactive": external_exports.boolean().default(false).describe("Also check deactivated and locked accounts (skipped by default).").meta({ examples: [true] })
}).describe("Which users the rule covers. Every key is optional; keys combine with AND.").meta({ examples: [{ audience: "external", kinds: ["employee"] }] });
var fix = external_exports.union([
  external_exports.enum(["none", "lock", "deactivate"]),
  external_exports.strictObject({
    "set-role": external_exports.string().min(1).describe("Replace the user's roles with this one role (by name).").meta({ examples: ["Technician"] })
  })
]).default("none").describe(
  "What `apply` does to a user who breaks this rule: `lock` the account, `deactivate` it, or `{set-role: NAME}`. `none` reports the finding with the manual steps. Only on `forbid` rules."
).meta({ examples: ["lock"] });
var forbid = external_exports.strictObject({
  permissions: external_exports.array(external_exports.string().min(1)).optional().describe("Holding any of these permissions (names from `permissions`) is a violation.").meta({ examples: [["generate-api-key", "manage-api-access"]] }),
  roles: external_exports.array(external_exports.string().min(1)).optional().describe(
    "Holding any of these roles (role names or the built-in role enum, case-insensitive) is a violation."
  ).meta({ examples: [["Admin", "Owner"]] }),
  account: external_exports.boolean().optional().describe("`true`: having an active account at all is a violation.").meta({ examples: [true] })
}).describe("What a covered user must not have. Needs at least one of `permissions`, `roles`, `account`.").meta({ examples: [{ permissions: ["generate-api-key"], roles: ["Admin"] }] });
var maxHolders = external_exports.strictObject({
  roles: external_exports.array(external_exports.string().min(1)).optional().describe("Count the covered users holding any of these roles.").meta({ examples: [["Admin", "Owner"]] }),
  permissions: external_exports.array(external_exports.string().min(1)).optional().describe("Count the covered users holding any of these permissions (names from `permissions`).").meta({ examples: [["generate-api-key"]] }),
  max: external_exports.int().min(0).describe("The most holders allowed; more gives one tenant-level finding.").meta({ examples: [3] })
}).describe("A limit on how many users may hold some roles or permissions. Needs `roles` or `permissions`.").meta({ examples: [{ roles: ["Admin", "Owner"], max: 3 }] });
var rule = external_exports.strictObject({
  id: name(
    "A unique id for the rule, used in reports, finding ids and exemptions.",
    "no-external-api-access"
  ),
  disabled: external_exports.boolean().optional().describe(
    "`true`: the rule is switched off. In a policy that `extends` another, `- {id: ID, disabled: true}` removes the base's rule of that id."
  ).meta({ examples: [true] }),
  description: external_exports.string().min(1).optional().describe("Why the rule exists, in plain words; shown with its findings.").meta({ examples: ["Outsiders must not create app keys or client secrets"] }),
  severity,
  "applies-to": appliesTo.optional(),
  forbid: forbid.optional(),
  "max-holders": maxHolders.optional(),
  fix: fix.optional()
}).describe("One rule. It has exactly one of `forbid` or `max-holders`.");
var exemption = external_exports.strictObject({
  user: userRef.optional().describe(
    "The exempted user. Without `user`, the exemption covers the tenant-level (`max-holders`) findings of its rules."
  ).meta({ examples: ["partner@integrator.example"] }),
  rules: external_exports.array(external_exports.string().min(1)).min(1).describe("The ids of the rules this exemption covers.").meta({ examples: [["no-external-api-access"]] }),
  reason: external_exports.string().min(1).describe("Why the exception is acceptable. Required.").meta({ examples: ["Integration partner, contract 2231"] }),
  expires: external_exports.string().regex(DATE_PATTERN).describe(
    "The last day the exemption holds (YYYY-MM-DD; it ends 23:59:59 UTC that day), at most 366 days after today. Required: exceptions are reviewed, not forgotten."
  ).meta({ examples: ["2027-03-31"] }),
  "approved-by": userRef.describe("Who approved the exception, as a user reference. Required, and not the exempted user.").meta({ examples: ["security@acme-hvac.com"] }),
  ticket: external_exports.string().min(1).optional().describe("A ticket or change-request id, for the audit trail.").meta({ examples: ["SEC-123"] })
}).describe("A time-limited, approved exception to some rules.");
var safety = external_exports.strictObject({
  "protected-users": userRefs("Users `apply` never changes; a plan that touches one is refused whole.", [
    "owner@acme-hvac.com"
  ]).default([]),
  "min-active-admins": external_exports.int().min(0).default(1).describe(
    "`apply` refuses a plan that would leave fewer active, unlocked admins: users holding an `admin-roles` role or an `admin-permissions` permission."
  ).meta({ examples: [2] }),
  "admin-roles": external_exports.array(external_exports.string().min(1)).min(1).default(["Admin", "Owner"]).describe(
    "The roles that count as admin for `min-active-admins`: role names or built-in roles. A role is only a name (a custom role may be called anything, and `Admin` is also the name of a permission section), so `admin-permissions` can name admin access by permission as well."
  ).meta({ examples: [["Admin", "Owner"]] }),
  "admin-permissions": external_exports.array(external_exports.string().min(1)).default([]).describe(
    'Permissions (names from `permissions`) whose holders also count as admin for `min-active-admins`, whatever their role is called: for example the permission behind ServiceTitan\'s "Access to Admin". Optional; without it only `admin-roles` count.'
  ).meta({ examples: [["admin-access"]] })
}).describe("Guards on `apply`, checked before anything is changed.").meta({ examples: [{ "protected-users": ["owner@acme-hvac.com"], "min-active-admins": 1 }] });
var TENANT_ID_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?$/;
var CUSTOMER_PATTERN = /^[A-Za-z0-9_]{1,64}$/;
var csvColumn = (description, fallback) => external_exports.string().min(1).default(fallback).describe(description).meta({ examples: [fallback] });
var identitySource = external_exports.strictObject({
  id: name("A unique id for the source, named in findings and in the report (`identity.source`).", "hr"),
  csv: external_exports.string().min(1).optional().describe(
    "An HR roster: a CSV file in the repository, relative to the workspace like the policy. One row per person; the first row names the columns."
  ).meta({ examples: ["people/roster.csv"] }),
  columns: external_exports.strictObject({
    email: csvColumn("The column holding the person\u2019s email (required in the file).", "email"),
    name: csvColumn("The column holding the person\u2019s name.", "name"),
    status: csvColumn(
      "The column holding `active`, `leave` or `terminated` (case-insensitive; `leave` is judged like active). Any other value is an error at its line and column.",
      "status"
    ),
    "end-date": csvColumn(
      "The column holding the last day (YYYY-MM-DD); a past end date counts as terminated.",
      "end_date"
    ),
    type: csvColumn(
      "The column holding `employee`, `contractor` or `guest` (case-insensitive); contractors and guests are external.",
      "type"
    )
  }).optional().describe("The header names of a `csv` source, matched exactly. Every key is optional.").meta({ examples: [{ email: "Work Email", "end-date": "Termination Date" }] }),
  entra: external_exports.strictObject({
    "tenant-id": external_exports.string().regex(TENANT_ID_PATTERN).describe("The Microsoft Entra directory (tenant) id, or its domain.").meta({ examples: ["00000000-0000-0000-0000-000000000000"] })
  }).optional().describe(
    "Microsoft Entra ID, read through Microsoft Graph with the `entra-client-id` credential (see the README)."
  ).meta({ examples: [{ "tenant-id": "00000000-0000-0000-0000-000000000000" }] }),
  google: external_exports.strictObject({
    customer: external_exports.string().regex(CUSTOMER_PATTERN).default("my_customer").describe(
      "The Google Workspace customer: `my_customer` (the account of the admin impersonated) or its id."
    ).meta({ examples: ["my_customer"] })
  }).optional().describe(
    "Google Workspace, read through the Admin SDK Directory API with the `google-credentials` service account (see the README)."
  ).meta({ examples: [{ customer: "my_customer" }] })
}).describe("One identity source. It has an `id` and exactly one of `csv`, `entra` or `google`.");
var identity = external_exports.strictObject({
  sources: external_exports.array(identitySource).min(1).describe(
    "Where people are known, tried in this order: a user matched by one source is not looked up in the next."
  ).meta({
    examples: [
      [
        { id: "hr", csv: "people/roster.csv" },
        { id: "entra", entra: { "tenant-id": "00000000-0000-0000-0000-000000000000" } }
      ]
    ]
  }),
  match: external_exports.array(external_exports.enum(["aad", "email"])).min(1).default(["aad", "email"]).describe(
    "The join keys, tried in order within each source: `aad` joins ServiceTitan\u2019s `aadUserId` to the Entra object id; `email` joins the email (or a login that is an email) to any address of the person (Entra `otherMails` and `proxyAddresses`, Google aliases), case-insensitively."
  ).meta({ examples: [["aad", "email"]] }),
  "leaver-fix": external_exports.enum(["lock", "deactivate", "none"]).default("lock").describe(
    "What `apply` does to the account of a person who left (`identity-leaver`): `lock` it, `deactivate` it, or `none` (report it with the manual steps)."
  ).meta({ examples: ["lock"] }),
  "dormant-after-days": external_exports.int().min(1).max(3650).optional().describe(
    "An active account whose person has not signed in for this many days is dormant (`identity-dormant`). Only sources that report sign-ins count (Entra `signInActivity`, Google `lastLoginTime`); omit to skip."
  ).meta({ examples: [90] }),
  unmatched: external_exports.enum(["critical", "high", "medium", "low", "ignore"]).default("medium").describe("The severity of `identity-unmatched` (an active account no source knows), or `ignore`.").meta({ examples: ["medium"] })
}).describe(
  "Who should have access: join every ServiceTitan user to a person in the company\u2019s identity sources and judge the account by that person (leavers, accounts nobody knows, dormant accounts, broken SSO links). Optional; without it nothing changes."
).meta({
  examples: [
    {
      sources: [{ id: "hr", csv: "people/roster.csv" }],
      match: ["aad", "email"],
      "leaver-fix": "lock",
      "dormant-after-days": 90,
      unmatched: "medium"
    }
  ]
});
var GITHUB_LOGIN_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
var reviewerGroup = external_exports.strictObject({
  github: external_exports.array(
    external_exports.string().regex(GITHUB_LOGIN_PATTERN).describe("A GitHub login, without `@`.").meta({ examples: ["it-lead"] })
  ).min(1).describe(
    "The GitHub logins who decide for this group: only their `/keep` and `/revoke` comments count in its issue."
  ).meta({ examples: [["it-lead", "security-lead"]] }),
  "applies-to": appliesTo.optional().describe(
    "Which accounts this group reviews: the selectors of a rule's `applies-to`. Without it, every account no earlier group took."
  )
}).describe(
  "One group of reviewers and the accounts it reviews. The first group whose `applies-to` matches an account reviews it."
);
var reviews = external_exports.strictObject({
  scope: external_exports.array(external_exports.enum(["privileged", "external", "all"])).min(1).default(["privileged", "external"]).describe(
    "Which active accounts are reviewed: `privileged` (holds a mapped permission or an admin role of `safety.admin-roles`), `external`, or `all`. With an `identity` section, leavers and accounts no source knows are reviewed too."
  ).meta({ examples: [["privileged", "external"]] }),
  reviewers: external_exports.array(reviewerGroup).min(1).describe(
    "The reviewer groups, first matching group wins; each gets one issue. End with a group without `applies-to` so that every account has a reviewer."
  ).meta({
    examples: [
      [
        { github: ["plumbing-lead"], "applies-to": { "business-units": ["Plumbing"] } },
        { github: ["it-lead", "security-lead"] }
      ]
    ]
  }),
  "due-days": external_exports.int().min(1).max(366).default(14).describe(
    "Days from the start of a review to its due date. From 3 days before it, `sync` posts one reminder a day to the group while accounts are undecided."
  ).meta({ examples: [14] })
}).describe(
  "Periodic access reviews in the repository's issues (`mode: review`): reviewers attest, account by account, that access is still needed. Optional."
).meta({
  examples: [
    {
      scope: ["privileged", "external"],
      reviewers: [
        { github: ["plumbing-lead"], "applies-to": { "business-units": ["Plumbing"] } },
        { github: ["it-lead", "security-lead"] }
      ],
      "due-days": 14
    }
  ]
});
var policySchema = external_exports.strictObject({
  extends: external_exports.string().min(1).optional().describe(
    "A base policy this one builds on, relative to this file. Maps merge key by key; `rules` merge by `id` (a rule with the same id replaces the base's, `disabled: true` removes it); `exemptions`, `internal-domains`, `internal-users`, `external-users` and `protected-users` append. The base may extend another; a cycle is an error."
  ).meta({ examples: ["../servicetitan-base.yml"] }),
  version: external_exports.literal(1).describe("The policy language version. Always `1`.").meta({ examples: [1] }),
  organization: organization.default({
    "internal-domains": [],
    "internal-users": [],
    "external-users": []
  }),
  permissions,
  rules: external_exports.array(rule).min(1).describe("The rules the tenant is audited against.").meta({
    examples: [
      [
        {
          id: "no-external-api-access",
          severity: "critical",
          "applies-to": { audience: "external" },
          forbid: { permissions: ["generate-api-key"] },
          fix: "lock"
        }
      ]
    ]
  }),
  exemptions: external_exports.array(exemption).default([]).describe("Approved, time-limited exceptions. An exempted finding stays in the report, marked.").meta({
    examples: [
      [
        {
          user: "partner@integrator.example",
          rules: ["no-external-api-access"],
          reason: "Integration partner, contract 2231",
          expires: "2027-03-31",
          "approved-by": "security@acme-hvac.com"
        }
      ]
    ]
  }),
  safety: safety.default({
    "protected-users": [],
    "min-active-admins": 1,
    "admin-roles": ["Admin", "Owner"],
    "admin-permissions": []
  }),
  identity: identity.optional(),
  reviews: reviews.optional()
}).describe("An access policy for a ServiceTitan tenant (servicetitan-access-guard, version 1).");

// src/policy/validate.ts
var MAX_EXEMPTION_DAYS = 366;
var DAY_MS = 864e5;
function normalizeDomain(raw) {
  return raw.trim().toLowerCase().replace(/^[@.]+/, "");
}
var DOMAIN_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
function crossFieldIssues(source, file, now) {
  const issues = [];
  const add = (path2, code, message, hint, at = "value") => issues.push({ file, ...source.locate(path2, at), code, message, ...hint ? { hint } : {} });
  const doc = source.value;
  const organization2 = record3(doc.organization);
  for (const [i, domain] of list2(organization2?.["internal-domains"]).entries()) {
    if (typeof domain === "string" && domain.trim() !== "" && !DOMAIN_PATTERN.test(normalizeDomain(domain))) {
      add(
        ["organization", "internal-domains", i],
        "policy.invalid-domain",
        `\`${domain}\` is not a domain name.`,
        "write the bare domain, for example `acme-hvac.com`"
      );
    }
  }
  const permissions2 = record3(doc.permissions) ?? {};
  const permissionNames = Object.keys(permissions2);
  const nameById = /* @__PURE__ */ new Map();
  for (const [name2, mapping] of Object.entries(permissions2)) {
    const id = record3(mapping)?.id;
    if (typeof id !== "number" || !Number.isInteger(id)) continue;
    const other = nameById.get(id);
    if (other === void 0) nameById.set(id, name2);
    else
      add(
        ["permissions", name2, "id"],
        "policy.duplicate-permission-id",
        `\`${name2}\` and \`${other}\` both map to permission id ${id}, so a rule using either would be ambiguous.`,
        `keep one name for permission ${id}`
      );
  }
  const rules = list2(doc.rules);
  const ruleKinds = /* @__PURE__ */ new Map();
  for (const [index, rawRule] of rules.entries()) {
    const rule2 = record3(rawRule);
    if (!rule2) continue;
    const at = (...rest) => ["rules", index, ...rest];
    const id = typeof rule2.id === "string" ? rule2.id : void 0;
    const label = id ? `Rule \`${id}\`` : `Rule ${index + 1}`;
    const hasForbid = "forbid" in rule2;
    const hasMaxHolders = "max-holders" in rule2;
    const kind = hasForbid && !hasMaxHolders ? "forbid" : hasMaxHolders && !hasForbid ? "max-holders" : void 0;
    if (id !== void 0) {
      if ([...BUILT_IN_RULES, ...IDENTITY_RULES].includes(id)) {
        add(
          at("id"),
          "policy.reserved-rule-id",
          `\`${id}\` is the id of a built-in finding; a rule cannot use it.`,
          "choose another id"
        );
      } else if (ruleKinds.has(id)) {
        add(
          at("id"),
          "policy.duplicate-rule-id",
          `Two rules have the id \`${id}\`.`,
          "give each rule its own id"
        );
      } else ruleKinds.set(id, kind);
    }
    if (hasForbid && hasMaxHolders) {
      add(
        at("max-holders"),
        "policy.rule-kind",
        `${label} has both \`forbid\` and \`max-holders\`; a rule has exactly one.`,
        "split it into two rules",
        "key"
      );
    } else if (!hasForbid && !hasMaxHolders) {
      add(
        at(),
        "policy.rule-kind",
        `${label} has neither \`forbid\` nor \`max-holders\`, so it checks nothing.`,
        "add `forbid:` (what covered users must not hold) or `max-holders:` (how many may hold it)"
      );
    }
    if (hasMaxHolders && !hasForbid && "fix" in rule2) {
      add(
        at("fix"),
        "policy.fix-on-max-holders",
        `${label} counts holders across the tenant, so \`fix\` cannot say which user to change.`,
        "remove `fix`; the finding lists the holders for a person to decide",
        "key"
      );
    }
    const forbid2 = record3(rule2.forbid);
    if (forbid2) {
      const some = (key) => list2(forbid2?.[key]).length > 0;
      if (!some("permissions") && !some("roles") && forbid2?.account !== true) {
        add(
          at("forbid"),
          "policy.empty-forbid",
          `${label} forbids nothing: \`forbid\` needs \`permissions\`, \`roles\` or \`account: true\`.`
        );
      }
    }
    const maxHolders2 = record3(rule2["max-holders"]);
    if (maxHolders2 && list2(maxHolders2.roles).length === 0 && list2(maxHolders2.permissions).length === 0) {
      add(
        at("max-holders"),
        "policy.empty-max-holders",
        `${label} counts nothing: \`max-holders\` needs \`roles\` or \`permissions\`.`
      );
    }
    for (const section of ["forbid", "max-holders"]) {
      for (const [i, name2] of list2(record3(rule2[section])?.permissions).entries()) {
        if (typeof name2 !== "string" || name2 === "" || permissionNames.includes(name2)) continue;
        const guess = nearest(name2, permissionNames);
        add(
          at(section, "permissions", i),
          "policy.unknown-permission",
          `${label} uses the permission \`${name2}\`, which is not mapped under \`permissions:\`.`,
          guess ? `did you mean \`${guess}\`?` : `add it under \`permissions:\` with its id (find it with \`st-access-guard discover\`)`
        );
      }
    }
  }
  for (const [i, name2] of list2(record3(doc.safety)?.["admin-permissions"]).entries()) {
    if (typeof name2 !== "string" || name2 === "" || permissionNames.includes(name2)) continue;
    const guess = nearest(name2, permissionNames);
    add(
      ["safety", "admin-permissions", i],
      "policy.unknown-permission",
      `\`safety.admin-permissions\` names the permission \`${name2}\`, which is not mapped under \`permissions:\`.`,
      guess ? `did you mean \`${guess}\`?` : `add it under \`permissions:\` with its id (find it with \`st-access-guard discover\`)`
    );
  }
  for (const [index, rawExemption] of list2(doc.exemptions).entries()) {
    const exemption2 = record3(rawExemption);
    if (!exemption2) continue;
    const at = (...rest) => ["exemptions", index, ...rest];
    const user = typeof exemption2.user === "string" ? parseUserRef(exemption2.user) : null;
    for (const [i, ruleId] of list2(exemption2.rules).entries()) {
      if (typeof ruleId !== "string" || ruleId === "") continue;
      if (BUILT_IN_RULES.includes(ruleId)) {
        add(
          at("rules", i),
          "policy.unexemptible-rule",
          `\`${ruleId}\` is a built-in finding about the policy itself and cannot be exempted.`,
          "fix its cause instead: renew or remove the exemption, correct the permission mapping, or correct the name that matches nothing"
        );
      } else if (IDENTITY_RULES.includes(ruleId)) {
        if (!("identity" in doc)) {
          add(
            at("rules", i),
            "policy.unknown-rule",
            `\`${ruleId}\` is checked only when the policy has an \`identity\` section, so this exemption could never apply.`,
            "add the `identity` section, or remove the rule from the exemption"
          );
        } else if (!("user" in exemption2)) {
          add(
            at("rules", i),
            "policy.exemption-scope",
            `The exemption has no \`user\`, but each \`${ruleId}\` finding is about one user.`,
            "add `user:` to say who is exempted"
          );
        }
      } else if (!ruleKinds.has(ruleId)) {
        const guess = nearest(ruleId, [...ruleKinds.keys(), ..."identity" in doc ? IDENTITY_RULES : []]);
        add(
          at("rules", i),
          "policy.unknown-rule",
          `The exemption names the rule \`${ruleId}\`, but no rule has that id.`,
          guess ? `did you mean \`${guess}\`?` : "use the id of a rule in this file"
        );
      } else {
        const kind = ruleKinds.get(ruleId);
        if (kind === "forbid" && !("user" in exemption2)) {
          add(
            at("rules", i),
            "policy.exemption-scope",
            `The exemption has no \`user\`, but \`${ruleId}\` is a \`forbid\` rule whose findings are each about one user.`,
            "add `user:` to say who is exempted"
          );
        } else if (kind === "max-holders" && "user" in exemption2) {
          add(
            at("rules", i),
            "policy.exemption-scope",
            `\`${ruleId}\` is a \`max-holders\` rule with one finding for the whole tenant, so an exemption for one user never applies to it.`,
            "remove `user:` to exempt the tenant-level finding"
          );
        }
      }
    }
    const approver = typeof exemption2["approved-by"] === "string" ? parseUserRef(exemption2["approved-by"]) : null;
    if (user && approver && sameUserRef(user, approver)) {
      add(
        at("approved-by"),
        "policy.self-approved",
        `The exemption for \`${user.raw}\` is approved by the same user.`,
        "have someone else approve it"
      );
    }
    const expires = exemption2.expires;
    if (typeof expires === "string" && DATE_PATTERN.test(expires)) {
      const day = dayNumber(expires);
      if (day === void 0) {
        add(
          at("expires"),
          "policy.invalid-date",
          `\`${expires}\` is not a calendar date.`,
          "write the date as YYYY-MM-DD"
        );
      } else {
        const today = Math.floor(now.getTime() / DAY_MS);
        if (day - today > MAX_EXEMPTION_DAYS) {
          const latest = new Date((today + MAX_EXEMPTION_DAYS) * DAY_MS).toISOString().slice(0, 10);
          add(
            at("expires"),
            "policy.exemption-too-long",
            `The exemption expires ${expires}, ${day - today} days from today; exemptions may run at most ${MAX_EXEMPTION_DAYS} days.`,
            `choose ${latest} or earlier, and renew it at review`
          );
        }
      }
    }
  }
  issues.push(...identityIssues(source, file));
  issues.push(...reviewIssues(source, file));
  return issues;
}
function dayNumber(date) {
  const [year, month, day] = date.split("-").map(Number);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return void 0;
  }
  return ms / DAY_MS;
}
function record3(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : void 0;
}
function list2(value) {
  return Array.isArray(value) ? value : [];
}

// src/policy/rule-kinds.ts
var RULE_KINDS = ["forbid", "max-holders"];
function ruleKindOf(rule2) {
  const present = RULE_KINDS.filter((kind) => rule2[kind] !== void 0);
  return present.length === 1 ? present[0] : null;
}

// src/policy/normalize.ts
function normalizePolicy(doc, source, locate) {
  return {
    version: 1,
    source,
    organization: {
      ...doc.organization.name !== void 0 ? { name: doc.organization.name } : {},
      internalDomains: unique(doc.organization["internal-domains"].map(normalizeDomain)),
      internalUsers: refs(doc.organization["internal-users"]),
      externalUsers: refs(doc.organization["external-users"])
    },
    permissions: Object.entries(doc.permissions).map(([name2, mapping]) => ({
      name: name2,
      id: mapping.id,
      ...mapping.label !== void 0 ? { label: mapping.label } : {},
      granted: unique(mapping.granted.map((value) => String(value).toLowerCase())),
      position: locate(["permissions", name2], "key")
    })),
    rules: doc.rules.map((rule2, index) => {
      const common = {
        id: rule2.id,
        ...rule2.description !== void 0 ? { description: rule2.description } : {},
        severity: rule2.severity,
        appliesTo: appliesTo2(rule2["applies-to"]),
        position: locate(["rules", index])
      };
      const kind = ruleKindOf(rule2);
      switch (kind) {
        case "forbid":
          return {
            kind,
            ...common,
            forbid: {
              permissions: unique(rule2.forbid?.permissions ?? []),
              roles: unique(rule2.forbid?.roles ?? []),
              account: rule2.forbid?.account ?? false
            },
            fix: ruleFix(rule2.fix)
          };
        case "max-holders": {
          const maxHolders2 = rule2["max-holders"];
          return {
            kind,
            ...common,
            maxHolders: {
              roles: unique(maxHolders2.roles ?? []),
              permissions: unique(maxHolders2.permissions ?? []),
              max: maxHolders2.max
            }
          };
        }
        case null:
          throw new Error(`rule ${rule2.id} reached normalization without exactly one kind`);
        default:
          return assertNever(kind, "rule kind");
      }
    }),
    exemptions: doc.exemptions.map((exemption2, index) => ({
      ...exemption2.user !== void 0 ? { user: ref(exemption2.user) } : {},
      rules: unique(exemption2.rules),
      reason: exemption2.reason,
      expires: exemption2.expires,
      approvedBy: exemption2["approved-by"],
      approvedByPosition: locate(["exemptions", index, "approved-by"]),
      ...exemption2.ticket !== void 0 ? { ticket: exemption2.ticket } : {},
      index,
      position: locate(["exemptions", index])
    })),
    safety: {
      protectedUsers: refs(doc.safety["protected-users"]),
      minActiveAdmins: doc.safety["min-active-admins"],
      adminRoles: unique(doc.safety["admin-roles"]),
      adminPermissions: unique(doc.safety["admin-permissions"])
    },
    referencePositions: referencePositions(doc, locate),
    identity: identity2(doc.identity, locate),
    reviews: reviews2(doc.reviews, locate)
  };
}
function reviews2(raw, locate) {
  if (raw === void 0) return null;
  return {
    scope: unique(raw.scope),
    reviewers: raw.reviewers.map((group, index) => ({
      github: unique(group.github),
      appliesTo: group["applies-to"] ? appliesTo2(group["applies-to"]) : null,
      position: locate(["reviews", "reviewers", index])
    })),
    dueDays: raw["due-days"],
    position: locate(["reviews"], "key")
  };
}
function identity2(raw, locate) {
  if (raw === void 0) return null;
  const sourcePositions = {};
  const sources = raw.sources.map((source, index) => {
    sourcePositions[source.id] ??= locate(["identity", "sources", index]);
    if (source.entra) return { id: source.id, kind: "entra", tenantId: source.entra["tenant-id"] };
    if (source.google) return { id: source.id, kind: "google", customer: source.google.customer };
    const columns = source.columns;
    return {
      id: source.id,
      kind: "csv",
      path: source.csv ?? "",
      columns: {
        email: columns?.email ?? "email",
        name: columns?.name ?? "name",
        status: columns?.status ?? "status",
        endDate: columns?.["end-date"] ?? "end_date",
        type: columns?.type ?? "type"
      }
    };
  });
  return {
    sources,
    match: unique(raw.match),
    leaverFix: raw["leaver-fix"],
    dormantAfterDays: raw["dormant-after-days"] ?? null,
    unmatched: raw.unmatched,
    position: locate(["identity"], "key"),
    sourcePositions
  };
}
function referencePositions(doc, locate) {
  const positions = {};
  const note = (path2, values, users = false) => {
    values?.forEach((value, i) => {
      const named = users && typeof value === "string" ? parseUserRef(value) : value;
      if (named === null) return;
      positions[referenceSite(path2.join("."), named)] ??= locate([...path2, i]);
    });
  };
  doc.rules.forEach((rule2, index) => {
    const at = (...rest) => ["rules", index, ...rest];
    const scope = rule2["applies-to"];
    note(at("applies-to", "roles"), scope?.roles);
    note(at("applies-to", "business-units"), scope?.["business-units"]);
    note(at("applies-to", "users"), scope?.users, true);
    note(at("applies-to", "except-users"), scope?.["except-users"], true);
    note(at("forbid", "roles"), rule2.forbid?.roles);
    note(at("max-holders", "roles"), rule2["max-holders"]?.roles);
  });
  note(["safety", "protected-users"], doc.safety["protected-users"], true);
  note(["safety", "admin-roles"], doc.safety["admin-roles"]);
  return positions;
}
function appliesTo2(raw) {
  return {
    audience: raw?.audience ?? "any",
    kinds: unique(raw?.kinds ?? ["employee", "technician"]),
    ...raw?.roles ? { roles: unique(raw.roles) } : {},
    ...raw?.["business-units"] ? { businessUnits: unique(raw["business-units"]) } : {},
    ...raw?.users ? { users: refs(raw.users) } : {},
    exceptUsers: refs(raw?.["except-users"] ?? []),
    includeInactive: raw?.["include-inactive"] ?? false
  };
}
function ruleFix(raw) {
  if (raw === void 0 || raw === "none") return { action: "none" };
  if (raw === "lock" || raw === "deactivate") return { action: raw };
  return { action: "set-role", role: raw["set-role"] };
}
function ref(raw) {
  const parsed = parseUserRef(raw);
  if (!parsed) throw new Error(`unchecked user reference reached normalization: ${raw}`);
  return parsed;
}
function refs(raw) {
  const seen = /* @__PURE__ */ new Set();
  return raw.map(ref).filter((r) => {
    const key = `${r.type}:${r.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function unique(values) {
  return [...new Set(values)];
}

// src/policy/source.ts
var import_yaml2 = __toESM(require_dist(), 1);

// src/policy/yaml-syntax.ts
var import_yaml = __toESM(require_dist(), 1);
var MAX_SYNTAX_ISSUES = 10;
var MAX_REPARSES = 40;
var MAX_REPARSED_CHARS = 2e6;
var MAX_CANDIDATES = 4;
var Lines = class {
  lines;
  starts = [];
  constructor(text) {
    this.lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
    let offset = 0;
    for (const line of text.split("\n")) {
      this.starts.push(offset);
      offset += line.length + 1;
    }
  }
  /** 1-based line and column of an offset */
  pos(offset) {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
  text(line) {
    return this.lines[line - 1] ?? "";
  }
  isContent(line) {
    const trimmed = this.text(line).trim();
    return trimmed !== "" && !trimmed.startsWith("#");
  }
  /** the first content line at or after `line` (or `line` itself when there is none) */
  contentFrom(line) {
    for (let l = line; l <= this.lines.length; l++) if (this.isContent(l)) return l;
    return line;
  }
  nextContent(line) {
    for (let l = line + 1; l <= this.lines.length; l++) if (this.isContent(l)) return l;
    return null;
  }
  previousContent(line) {
    for (let l = line - 1; l >= 1; l--) if (this.isContent(l)) return l;
    return null;
  }
};
var leading = (line) => /^[ \t]*/.exec(line)?.[0] ?? "";
var spaces = (line) => /^ */.exec(line)?.[0].length ?? 0;
var opensBlock = (line) => /:[ \t]*([|>][-+0-9]*)?[ \t]*(#.*)?$/.test(line) || /^[ \t]*-[ \t]*$/.test(line);
var itemContent = (line) => {
  const match = /^( *)((?:- +)+)\S/.exec(line);
  return match ? (match[1] ?? "").length + (match[2] ?? "").length : null;
};
function candidateIndents(lines, line) {
  const current = lines.text(line);
  const own = spaces(current);
  const hasTab = leading(current).includes("	");
  const found = [];
  const add = (indent, like) => {
    if (indent === null || indent < 0) return;
    if (!hasTab && indent === own) return;
    if (!found.some((c) => c.indent === indent)) found.push({ indent, like });
  };
  const above = lines.previousContent(line);
  if (above !== null) {
    const text = lines.text(above);
    if (opensBlock(text) && hasTab) add(spaces(text) + 2, above);
    add(itemContent(text), above);
    add(spaces(text), above);
    if (opensBlock(text) && !hasTab) add(spaces(text) + 2, above);
  }
  const open2 = [];
  let ceiling = Infinity;
  for (let l = line - 1; l >= 1 && ceiling > 0; l--) {
    if (!lines.isContent(l)) continue;
    const text = lines.text(l);
    if (leading(text).includes("	")) continue;
    const indent = spaces(text);
    if (indent >= ceiling) continue;
    open2.push({ indent, like: l });
    const item = itemContent(text);
    if (item !== null && item < ceiling) open2.push({ indent: item, like: l });
    ceiling = indent;
  }
  open2.sort((a, b) => Math.abs(a.indent - own) - Math.abs(b.indent - own) || b.indent - a.indent);
  for (const level of open2) add(level.indent, level.like);
  return found.slice(0, MAX_CANDIDATES);
}
function reindent(lines, line, indent) {
  const copy = [...lines.lines];
  const text = copy[line - 1] ?? "";
  copy[line - 1] = " ".repeat(indent) + text.slice(leading(text).length);
  return copy.join("\n");
}
function unclosedQuote(text) {
  let found = null;
  const walk = (node) => {
    if (found || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(walk);
    const token = node;
    if (typeof token.type === "string" && token.type.endsWith("quoted-scalar") && typeof token.source === "string" && typeof token.offset === "number") {
      const quote = token.source[0] ?? '"';
      const closed = token.source.length > 1 && new RegExp(`${quote}\\s*$`).test(token.source);
      if (!closed) found = { offset: token.offset, quote };
      return;
    }
    for (const [key, value] of Object.entries(node)) if (key !== "source") walk(value);
  };
  for (const token of new import_yaml.Parser().parse(text)) walk(token);
  return found;
}
function plainYamlMessage(message) {
  const firstLine = message.split("\n")[0] ?? message;
  return `YAML syntax error: ${firstLine.replace(/ at line \d+, column \d+:?$/, "")}`;
}
function indentationProblem(lines, line, fix2) {
  const text = lines.text(line);
  const whitespace = leading(text);
  const tab = whitespace.indexOf("	");
  const hint = fix2.indent === 0 ? `Start it at the beginning of the line, like line ${fix2.like}.` : `Indent it by ${fix2.indent} space${fix2.indent === 1 ? "" : "s"}, like line ${fix2.like}.`;
  if (tab >= 0) {
    return {
      line,
      column: tab + 1,
      code: "policy.yaml-syntax",
      message: "YAML syntax error: this line is indented with a tab; YAML indents with spaces only.",
      hint
    };
  }
  const own = whitespace.length;
  const above = lines.previousContent(line);
  const aboveText = above === null ? "" : lines.text(above);
  const message = above !== null && own > spaces(aboveText) && !opensBlock(aboveText) && itemContent(aboveText) !== own ? `YAML syntax error: this line is indented further than line ${above}, which already has a value.` : `YAML syntax error: this line's indentation (${own} space${own === 1 ? "" : "s"}) lines up with no key or list item above it.`;
  return { line, column: own + 1, code: "policy.yaml-syntax", message, hint };
}
function syntaxProblems(text, errors, reparse) {
  const problems = [];
  let lines = new Lines(text);
  let current = errors;
  let handled = 0;
  let reparses = 0;
  const maxReparses = Math.min(MAX_REPARSES, Math.floor(MAX_REPARSED_CHARS / Math.max(1, text.length)));
  const lineOf = (error) => lines.pos(error.pos[0]).line;
  while (problems.length < MAX_SYNTAX_ISSUES) {
    const pending = [...current].filter((e) => lineOf(e) > handled).sort((a, b) => a.pos[0] - b.pos[0]);
    const error = pending[0];
    if (!error) break;
    const at = lines.pos(error.pos[0]);
    if (error.code === "RESOURCE_EXHAUSTION") {
      problems.push({ ...at, code: "policy.too-deep", message: "" });
      break;
    }
    if (error.code === "DUPLICATE_KEY") {
      problems.push({
        ...at,
        code: "policy.duplicate-key",
        message: "This key appears twice in the same mapping.",
        hint: "Keep one of them."
      });
      handled = at.line;
      continue;
    }
    if (error.code === "MISSING_CHAR" && /closing ["']?quote/i.test(error.message)) {
      const open2 = unclosedQuote(lines.lines.join("\n"));
      const quote = open2?.quote ?? '"';
      problems.push({
        ...open2 ? lines.pos(open2.offset) : at,
        code: "policy.yaml-syntax",
        message: `YAML syntax error: this quoted value has no closing ${quote}, so YAML reads the rest of the file into it.`,
        hint: `Add the closing ${quote} where the value ends.`
      });
      break;
    }
    const start = lines.contentFrom(at.line);
    const next = lines.nextContent(start);
    const suspects = error.code === "BLOCK_AS_IMPLICIT_KEY" || error.code === "MULTILINE_IMPLICIT_KEY" ? [next, start] : [start, next];
    let repaired = null;
    for (const line of suspects) {
      if (line === null || repaired) continue;
      for (const fix2 of candidateIndents(lines, line)) {
        if (reparses >= maxReparses) break;
        reparses++;
        const candidate = reindent(lines, line, fix2.indent);
        const after = reparse(candidate);
        if (after === null) continue;
        const candidateLines = new Lines(candidate);
        const stillBroken = after.some(
          (e) => e.code !== "DUPLICATE_KEY" && candidateLines.pos(e.pos[0]).line <= line
        );
        if (!stillBroken) {
          repaired = { line, fix: fix2, text: candidate, errors: after };
          break;
        }
      }
    }
    if (!repaired) {
      problems.push({ ...at, code: "policy.yaml-syntax", message: plainYamlMessage(error.message) });
      break;
    }
    problems.push(indentationProblem(lines, repaired.line, repaired.fix));
    handled = repaired.line;
    lines = new Lines(repaired.text);
    current = repaired.errors;
  }
  return problems;
}

// src/policy/source.ts
var MAX_SOURCE_LINE = 500;
var MAX_ALIAS_COUNT = 100;
var CORE_TAGS = new Set(
  ["str", "int", "float", "bool", "null", "map", "seq", "timestamp"].map((t) => `tag:yaml.org,2002:${t}`)
);
function readPolicyYaml(text, file) {
  const lineCounter = new import_yaml2.LineCounter();
  const issue = (offset, code, message, hint) => {
    const { line, col } = lineCounter.linePos(offset);
    return {
      file,
      line: Math.max(1, line),
      column: Math.max(1, col),
      code,
      message,
      ...hint ? { hint } : {}
    };
  };
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/.exec(text);
  if (control) {
    const before = text.slice(0, control.index);
    const line = before.split("\n").length;
    const column = control.index - before.lastIndexOf("\n");
    return {
      ok: false,
      issues: [
        {
          file,
          line,
          column,
          code: "policy.not-text",
          message: "The file contains binary data or control characters, so it is not a YAML policy.",
          hint: "Check that the path points at the policy file, saved as UTF-8 text."
        }
      ]
    };
  }
  const parse = (source) => (0, import_yaml2.parseAllDocuments)(source, {
    lineCounter: source === text ? lineCounter : new import_yaml2.LineCounter(),
    schema: "core",
    uniqueKeys: true,
    prettyErrors: false,
    strict: true
  });
  let documents;
  try {
    documents = Array.from(parse(text));
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, issues: [tooDeep(issue, 0)] };
    throw error;
  }
  const first = documents[0];
  if (!first || documents.length === 1 && first.contents === null && first.errors.length === 0) {
    return {
      ok: false,
      issues: [
        issue(0, "policy.empty", "The policy file is empty.", "Start from examples/policies/starter.yml.")
      ]
    };
  }
  const second = documents[1];
  if (second) {
    return {
      ok: false,
      issues: [
        issue(
          second.range[0],
          "policy.multiple-documents",
          `The file holds ${documents.length} YAML documents; a policy file holds one.`,
          "Remove the `---` separator and the documents after the first."
        )
      ]
    };
  }
  if (first.errors.length > 0) {
    const reparse = (source) => {
      try {
        return Array.from(parse(source))[0]?.errors ?? [];
      } catch {
        return null;
      }
    };
    const lines = text.split("\n");
    const issues = syntaxProblems(text, first.errors, reparse).map((p) => {
      if (p.code === "policy.too-deep") return { ...tooDeep(issue, 0), line: p.line, column: p.column };
      const sourceLine = lines[p.line - 1]?.replace(/\r$/, "");
      return {
        file,
        line: p.line,
        column: p.column,
        code: p.code,
        message: p.message,
        ...p.hint ? { hint: p.hint } : {},
        ...sourceLine !== void 0 && sourceLine.length <= MAX_SOURCE_LINE ? { sourceLine } : {}
      };
    });
    return { ok: false, issues };
  }
  const tags = [];
  (0, import_yaml2.visit)(first, (_key, node) => {
    if (!(0, import_yaml2.isNode)(node) || !node.tag || CORE_TAGS.has(node.tag)) return;
    const written = node.tag.replace("tag:yaml.org,2002:", "!!");
    const start = node.range?.[0] ?? 0;
    const tagOffset = text.lastIndexOf(written, start);
    tags.push(
      issue(
        tagOffset >= 0 && text.slice(tagOffset, start).trim() === written ? tagOffset : start,
        "policy.custom-tag",
        `The YAML tag \`${written}\` is not allowed in a policy.`,
        "Remove the tag: a policy uses only plain strings, numbers, booleans, lists and mappings."
      )
    );
  });
  if (tags.length > 0) return { ok: false, issues: tags };
  (0, import_yaml2.visit)(first, {
    Scalar(_key, node) {
      if (node.value instanceof Date) node.value = node.value.toISOString().replace("T00:00:00.000Z", "");
    }
  });
  let value;
  try {
    value = first.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, issues: [tooDeep(issue, 0)] };
    if (error instanceof ReferenceError) {
      return {
        ok: false,
        issues: [
          issue(
            firstAliasOffset(first),
            "policy.alias-limit",
            `The file expands YAML aliases more than ${MAX_ALIAS_COUNT} times, as an alias bomb would.`,
            "Write the lists out instead of nesting aliases (`*name`)."
          )
        ]
      };
    }
    throw error;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      ok: false,
      issues: [
        issue(
          (0, import_yaml2.isNode)(first.contents) && first.contents.range?.[0] || 0,
          "policy.not-a-mapping",
          `The policy must be a mapping of keys (\`version:\`, \`rules:\` \u2026), not ${describeValue(value)}.`,
          "Start from examples/policies/starter.yml."
        )
      ]
    };
  }
  const locate = (path2, at = "value") => {
    let node = first.contents;
    let offset = (0, import_yaml2.isNode)(node) && node.range?.[0] || 0;
    for (const [index, segment] of path2.entries()) {
      const last = index === path2.length - 1;
      if ((0, import_yaml2.isMap)(node)) {
        const pair = node.items.find((p) => (0, import_yaml2.isPair)(p) && keyText(p.key) === String(segment));
        if (!pair) break;
        const keyOffset = (0, import_yaml2.isNode)(pair.key) ? pair.key.range?.[0] : void 0;
        if (last && at === "key" && keyOffset !== void 0) {
          offset = keyOffset;
          break;
        }
        const empty = !(0, import_yaml2.isNode)(pair.value) || (0, import_yaml2.isScalar)(pair.value) && pair.value.value === null;
        if (empty && keyOffset !== void 0) {
          offset = keyOffset;
          break;
        }
        node = pair.value;
      } else if ((0, import_yaml2.isSeq)(node) && typeof segment === "number") {
        const item = node.items[segment];
        if (!(0, import_yaml2.isNode)(item)) break;
        node = item;
      } else {
        break;
      }
      offset = (0, import_yaml2.isNode)(node) && node.range?.[0] || offset;
    }
    const { line, col } = lineCounter.linePos(offset);
    return { line: Math.max(1, line), column: Math.max(1, col) };
  };
  return { ok: true, source: { value, locate } };
}
function keyText(key) {
  if ((0, import_yaml2.isScalar)(key)) return String(key.value);
  return void 0;
}
function firstAliasOffset(document) {
  let offset = 0;
  (0, import_yaml2.visit)(document, {
    Alias(_key, node) {
      if ((0, import_yaml2.isAlias)(node)) offset = node.range?.[0] ?? 0;
      return import_yaml2.visit.BREAK;
    }
  });
  return offset;
}
function tooDeep(issue, at) {
  return issue(
    at,
    "policy.too-deep",
    "The YAML nests too deeply to be a policy.",
    "A policy nests a few levels at most."
  );
}
function describeValue(value) {
  if (value === null || value === void 0) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return value.length <= 40 ? `the text \`${value}\`` : "text";
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return `\`${value}\``;
  if (typeof value === "object") return "a mapping";
  return typeof value;
}

// src/policy/schema-issues.ts
function schemaIssues(issues, source, file) {
  const out = [];
  for (const issue of issues) out.push(...convert(issue, [], source, file));
  const suggested = new Set(
    out.filter((i) => i.code === "policy.unknown-key" && i.hint?.startsWith("did you mean")).map((i) => i.hint)
  );
  return out.filter(
    (i) => !(i.code === "policy.missing-key" && suggested.has(`did you mean \`${i.message.match(/`([^`]+)`\.$/)?.[1]}\`?`))
  );
}
function convert(issue, prefix, source, file) {
  const path2 = [...prefix, ...issue.path];
  const at = (p, code, message, hint, where = "value") => ({
    file,
    ...source.locate(p, where),
    code,
    message,
    ...hint ? { hint } : {}
  });
  const value = valueAt(source.value, path2);
  const name2 = `\`${formatPath(path2)}\``;
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => {
        const allowed = keysAt(path2);
        const guess = nearest(key, allowed);
        const hint = guess ? `did you mean \`${guess}\`?` : allowed.length > 0 ? `the keys allowed here are ${allowed.map((k) => `\`${k}\``).join(", ")}` : void 0;
        const where = path2.length === 0 ? "the policy" : `\`${formatPath(path2)}\``;
        return at([...path2, key], "policy.unknown-key", `\`${key}\` is not a key of ${where}.`, hint, "key");
      });
    case "invalid_type": {
      if (value === void 0 && path2.length > 0) {
        const parent = path2.slice(0, -1);
        const key = String(path2[path2.length - 1]);
        const owner = parent.length === 0 ? "The policy" : `\`${formatPath(parent)}\``;
        const description = descriptionOf(schemaAt(path2));
        return [
          at(parent, "policy.missing-key", `${owner} is missing the required key \`${key}\`.`, description)
        ];
      }
      if (path2.length === 1 && path2[0] === "version") return [unsupportedVersion(at, value)];
      return [
        at(
          path2,
          "policy.invalid-type",
          `${name2} must be ${expectedWords(issue.expected)}, not ${describeValue(value)}.`
        )
      ];
    }
    case "invalid_value": {
      if (path2.length === 1 && path2[0] === "version") return [unsupportedVersion(at, value)];
      const options = issue.values.map(String);
      const guess = typeof value === "string" ? nearest(value, options) : void 0;
      return [
        at(
          path2,
          "policy.invalid-value",
          `${name2} must be one of ${options.join(", ")}; \`${String(value)}\` is not.`,
          guess ? `did you mean \`${guess}\`?` : void 0
        )
      ];
    }
    case "invalid_format": {
      const pattern = "pattern" in issue ? String(issue.pattern) : "";
      if (pattern === String(USER_REF_PATTERN)) {
        return [
          at(
            path2,
            "policy.invalid-user-ref",
            `\`${String(value)}\` is not a user reference.`,
            `write ${USER_REF_FORMS}`
          )
        ];
      }
      if (pattern === String(DATE_PATTERN)) {
        return [
          at(
            path2,
            "policy.invalid-date",
            `${name2} must be a date written YYYY-MM-DD, not \`${String(value)}\`.`
          )
        ];
      }
      if (pattern === String(NAME_PATTERN)) return [invalidName(at, path2, String(value))];
      if (pattern === String(GITHUB_LOGIN_PATTERN)) {
        return [
          at(
            path2,
            "policy.invalid-github-login",
            `\`${String(value)}\` is not a GitHub login.`,
            String(value).startsWith("@") ? "write the login without `@`" : "write the GitHub login: letters, digits and single hyphens, at most 39 characters"
          )
        ];
      }
      if (pattern === String(TENANT_ID_PATTERN) || pattern === String(CUSTOMER_PATTERN)) {
        const tenant = pattern === String(TENANT_ID_PATTERN);
        return [
          at(
            path2,
            "policy.invalid-value",
            `\`${String(value)}\` is not ${tenant ? "an Entra directory id" : "a Google Workspace customer"}.`,
            tenant ? "write the directory (tenant) id, a GUID shown on the Entra overview page, or its domain" : "write `my_customer`, or the customer id shown in the Admin console (letters, digits and `_`)"
          )
        ];
      }
      return [at(path2, "policy.invalid-value", `${name2} has the wrong format.`)];
    }
    case "invalid_key": {
      const key = String(path2[path2.length - 1]);
      return [invalidName(at, path2, key, "key")];
    }
    case "too_small": {
      if (issue.origin === "array")
        return [at(path2, "policy.invalid-value", `${name2} must not be an empty list.`)];
      if (issue.origin === "string") return [at(path2, "policy.invalid-value", `${name2} must not be empty.`)];
      const minimum = Number(issue.minimum);
      const words = issue.inclusive ? `at least ${minimum}` : `more than ${minimum}`;
      return [at(path2, "policy.invalid-value", `${name2} must be ${words}, not ${String(value)}.`)];
    }
    case "too_big":
      return [at(path2, "policy.invalid-value", `${name2} is too large (${String(value)}).`)];
    case "invalid_union":
      return unionIssues(issue, path2, source, file, at, name2, value);
    default:
      return [at(path2, "policy.invalid-value", `${name2}: ${issue.message}`)];
  }
}
function unionIssues(issue, path2, source, file, at, name2, value) {
  const branches = issue.errors ?? [];
  const matching = branches.find(
    (b) => b.length > 0 && !b.some((i) => i.path.length === 0 && (i.code === "invalid_type" || i.code === "invalid_value"))
  );
  if (matching) return matching.flatMap((i) => convert(i, path2, source, file));
  const expected = [];
  for (const branch of branches) {
    for (const i of branch) {
      if (i.path.length !== 0) continue;
      if (i.code === "invalid_value") expected.push(...i.values.map(String));
      else if (i.code === "invalid_type") expected.push(expectedWords(i.expected));
    }
  }
  const options = [...new Set(expected)];
  const guess = typeof value === "string" ? nearest(value, options) : void 0;
  const shown = typeof value === "string" ? `\`${value}\`` : describeValue(value);
  return [
    at(
      path2,
      typeof value === "string" ? "policy.invalid-value" : "policy.invalid-type",
      `${name2} must be ${options.join(" or ")}, not ${shown}.`,
      guess ? `did you mean \`${guess}\`?` : void 0
    )
  ];
}
function unsupportedVersion(at, value) {
  return at(
    ["version"],
    "policy.unsupported-version",
    `This policy says \`version: ${String(value)}\`; only version 1 is supported.`,
    "write `version: 1`"
  );
}
function invalidName(at, path2, value, where = "value") {
  return at(
    path2,
    "policy.invalid-name",
    `\`${value}\` is not a valid name: use letters, digits, \`-\`, \`_\` and \`.\` (at most 100).`,
    "for example `no-external-api-access`",
    where
  );
}
function expectedWords(expected) {
  switch (expected) {
    case "string":
      return "text";
    case "array":
      return "a list";
    case "object":
    case "record":
      return "a mapping";
    case "int":
      return "a whole number";
    case "number":
      return "a number";
    case "boolean":
      return "true or false";
    default:
      return expected;
  }
}
function formatPath(path2) {
  return path2.reduce(
    (text, segment) => typeof segment === "number" ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment,
    ""
  );
}
function valueAt(root, path2) {
  let value = root;
  for (const segment of path2) {
    if (typeof value !== "object" || value === null) return void 0;
    value = value[segment];
  }
  return value;
}
function schemaAt(path2) {
  let schema = policySchema;
  for (const segment of path2) {
    schema = unwrap(schema);
    if (!schema) return void 0;
    const def = schema._zod.def;
    if (def.type === "object") schema = def.shape[String(segment)];
    else if (def.type === "array") schema = def.element;
    else if (def.type === "record") schema = def.valueType;
    else return void 0;
  }
  return schema;
}
function unwrap(schema) {
  let current = schema;
  for (let depth = 0; current && depth < 10; depth++) {
    const def = current._zod.def;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable") {
      current = def.innerType;
    } else if (def.type === "union") {
      const options = def.options;
      current = options.find((o) => o._zod.def.type === "object") ?? current;
      break;
    } else break;
  }
  return current;
}
function keysAt(path2) {
  const schema = unwrap(schemaAt(path2));
  const def = schema?._zod.def;
  return def?.type === "object" ? Object.keys(def.shape) : [];
}
function descriptionOf(schema) {
  let current = schema;
  for (let depth = 0; current && depth < 10; depth++) {
    const description = external_exports.globalRegistry.get(current)?.description;
    if (description) return description;
    const def = current._zod.def;
    current = def.innerType;
  }
  return void 0;
}

// src/policy/extends.ts
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync, realpathSync } from "node:fs";
import path from "node:path";
var MAX_EXTENDS_DEPTH = 10;
var APPENDED = /* @__PURE__ */ new Set([
  "exemptions",
  "organization.internal-domains",
  "organization.internal-users",
  "organization.external-users",
  "safety.protected-users"
]);
function readChain(top, options) {
  const layers = [];
  const seen = /* @__PURE__ */ new Map();
  let current = top;
  seen.set(realOrResolved(top.diskPath), top.display);
  for (; ; ) {
    const read = readPolicyYaml(current.text, current.display);
    if (!read.ok) return { ok: false, issues: read.issues };
    const { source } = read;
    layers.push({ display: current.display, sha256: current.sha256, source });
    const target = source.value.extends;
    if (target === void 0) return { ok: true, layers };
    const at = (code, message, hint) => ({
      ok: false,
      issues: [{ file: current.display, ...source.locate(["extends"]), code, message, hint }]
    });
    if (typeof target !== "string" || target.trim() === "") {
      return at(
        "policy.invalid-extends",
        "`extends` must name a base policy file, relative to this one.",
        "Write the path of the base policy, e.g. `extends: ../servicetitan-base.yml`, or remove the key."
      );
    }
    if (layers.length > MAX_EXTENDS_DEPTH) {
      return at(
        "policy.extends-too-deep",
        `The chain of \`extends\` is more than ${MAX_EXTENDS_DEPTH} files deep.`,
        "Flatten the chain: a fleet usually needs one shared base and one file per tenant."
      );
    }
    const diskPath = path.resolve(path.dirname(current.diskPath), target);
    const display = path.isAbsolute(target) ? target : path.posix.normalize(
      path.posix.join(path.posix.dirname(current.display.replace(/\\/g, "/")), target)
    );
    let real;
    try {
      real = realpathSync(diskPath);
    } catch {
      return at(
        "policy.extends-not-found",
        `The base policy \`${target}\` (${display}) does not exist.`,
        "The path is relative to the file that says `extends`; check its spelling and that the base is committed."
      );
    }
    if (options.workspace !== void 0 && !insideFolder(real, options.workspace)) {
      return at(
        "policy.outside-workspace",
        `The base policy \`${target}\` leads outside the repository.`,
        "Keep base policies inside the repository, so what is audited is what was reviewed."
      );
    }
    const earlier = seen.get(real);
    if (earlier !== void 0) {
      return at(
        "policy.extends-cycle",
        earlier === current.display ? `${current.display} extends itself: the chain never ends.` : `${current.display} extends ${earlier}, which already extends ${current.display} (directly or through other files): the chain never ends.`,
        `Remove the \`extends\` of one of the two files: a base policy must not extend the files built on it.`
      );
    }
    seen.set(real, display);
    const base = options.readBase(diskPath, display);
    if (!base.ok) return { ok: false, issues: base.issues };
    current = { text: base.text, display, diskPath, sha256: base.sha256 };
  }
}
function readBaseFile(maxBytes) {
  return (diskPath, display) => {
    const problem = (code, message, hint) => ({
      ok: false,
      issues: [{ file: display, line: 1, column: 1, code, message, hint }]
    });
    let fd;
    try {
      fd = openSync(diskPath, "r");
    } catch (error) {
      return problem(
        "policy.not-readable",
        `The base policy ${display} cannot be read (${error.code ?? "unknown error"}).`,
        "Check that the base policy is a readable file in the repository."
      );
    }
    try {
      if (!fstatSync(fd).isFile()) {
        return problem(
          "policy.not-readable",
          `The base policy path ${display} is not a file.`,
          "Point `extends` at a policy file."
        );
      }
      const buffer = Buffer.alloc(maxBytes + 1);
      let length = 0;
      for (; ; ) {
        const read = readSync(fd, buffer, length, buffer.length - length, length);
        if (read === 0) break;
        length += read;
        if (length > maxBytes) {
          return problem(
            "policy.too-large",
            `The base policy is larger than ${maxBytes} bytes (1 MB).`,
            "A policy is a short text file: check that `extends` points at the right file."
          );
        }
      }
      const bytes = buffer.subarray(0, length);
      let text;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        return problem(
          "policy.not-text",
          "The file is not UTF-8 text, so it is not a YAML policy.",
          "Save the base policy as UTF-8, and check that `extends` points at the policy file."
        );
      }
      return { ok: true, text, sha256: sha256Hex(bytes) };
    } finally {
      closeSync(fd);
    }
  };
}
function sha256Hex(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}
function realOrResolved(file) {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
function insideFolder(target, folder) {
  let root;
  try {
    root = realpathSync(folder);
  } catch {
    return false;
  }
  const relative2 = path.relative(root, target);
  return relative2 !== "" && relative2 !== ".." && !relative2.startsWith(`..${path.sep}`) && !path.isAbsolute(relative2);
}
function child(tree, segment) {
  const known = typeof segment === "number" ? tree.items?.[segment] : tree.keys?.get(segment);
  return known ?? { origin: { ...tree.origin, path: [...tree.origin.path, segment] } };
}
var isMapping = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
function mergeLayers(layers) {
  const issues = [];
  const top = layers[0];
  if (!top) throw new Error("mergeLayers needs at least one layer");
  const hasDisabled = layers.some(
    (l) => Array.isArray(l.source.value.rules) && l.source.value.rules.some(isDisabled)
  );
  if (layers.length === 1 && !hasDisabled) {
    const { extends: _unused, ...value2 } = top.source.value;
    return { source: { value: value2, locate: top.source.locate }, issues };
  }
  let value = {};
  let tree = { origin: { file: void 0, source: top.source, path: [] }, keys: /* @__PURE__ */ new Map() };
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    const layerTree = {
      origin: { file: i === 0 ? void 0 : layer.display, source: layer.source, path: [] }
    };
    const extendsSomething = i < layers.length - 1;
    [value, tree] = mergeMapping(value, tree, layer.source.value, layerTree, [], {
      extendsSomething,
      layer,
      issues
    });
  }
  delete value.extends;
  tree.keys?.delete("extends");
  const finalTree = tree;
  const locate = (at, where = "value") => {
    let node = finalTree;
    let i = 0;
    for (; i < at.length; i++) {
      const segment = at[i];
      const next = typeof segment === "number" ? node.items?.[segment] : node.keys?.get(segment);
      if (!next) break;
      node = next;
    }
    const { file, source, path: base } = node.origin;
    const position = source.locate([...base, ...at.slice(i)], where);
    return file === void 0 ? position : { ...position, file };
  };
  return { source: { value, locate }, issues };
}
function mergeMapping(base, baseTree, near, nearTree, at, context) {
  const entries = [];
  const keys = /* @__PURE__ */ new Map();
  const keep = (key, value, tree) => {
    entries.push([key, value]);
    keys.set(key, tree);
  };
  for (const [key, value] of Object.entries(base)) {
    if (Object.hasOwn(near, key)) continue;
    keep(key, value, child(baseTree, key));
  }
  for (const [key, value] of Object.entries(near)) {
    const path2 = [...at, key];
    const nearChild = child(nearTree, key);
    const baseChild = child(baseTree, key);
    const inBase = Object.hasOwn(base, key);
    if (path2.length === 1 && key === "rules" && Array.isArray(value)) {
      const baseRules = inBase && Array.isArray(base[key]) ? base[key] : [];
      const [rules, tree] = mergeRules(baseRules, baseChild, value, nearChild, context);
      keep(key, rules, tree);
    } else if (!inBase) {
      keep(key, value, nearChild);
    } else if (APPENDED.has(path2.join(".")) && Array.isArray(base[key]) && Array.isArray(value)) {
      const before = base[key];
      keep(key, [...before, ...value], {
        origin: nearChild.origin,
        items: [...before.map((_, i) => child(baseChild, i)), ...value.map((_, i) => child(nearChild, i))]
      });
    } else if (isMapping(base[key]) && isMapping(value)) {
      const [merged, tree] = mergeMapping(base[key], baseChild, value, nearChild, path2, context);
      keep(key, merged, tree);
    } else {
      keep(key, value, nearChild);
    }
  }
  const order = new Map(Object.keys(base).map((k, i) => [k, i]));
  const rank = (k) => order.get(k) ?? Number.MAX_SAFE_INTEGER;
  entries.sort((a, b) => rank(a[0]) - rank(b[0]));
  return [Object.fromEntries(entries), { origin: nearTree.origin, keys }];
}
function isDisabled(rule2) {
  return isMapping(rule2) && rule2.disabled === true;
}
function mergeRules(base, baseTree, near, nearTree, context) {
  const ruleId = (rule2) => isMapping(rule2) && typeof rule2.id === "string" ? rule2.id : void 0;
  const merged = base.map((value, i) => ({
    value,
    tree: child(baseTree, i),
    id: ruleId(value),
    near: false
  }));
  for (const [i, value] of near.entries()) {
    const id = ruleId(value);
    const tree = child(nearTree, i);
    const index = id === void 0 ? -1 : merged.findIndex((r) => !r.near && r.id === id);
    if (isDisabled(value)) {
      if (index >= 0) merged.splice(index, 1);
      else if (context.extendsSomething && id !== void 0) {
        const guess = nearest(
          id,
          merged.filter((r) => !r.near && r.id !== void 0).map((r) => r.id)
        );
        context.issues.push({
          file: context.layer.display,
          ...context.layer.source.locate(["rules", i, "id"]),
          code: "policy.disabled-unknown-rule",
          message: `The rule \`${id}\` is disabled, but no base policy has a rule with that id.`,
          hint: guess ? `did you mean \`${guess}\`?` : "Use the id of a rule of the base policy, or remove the entry."
        });
      }
      continue;
    }
    const entry = { value, tree, id, near: true };
    if (index >= 0) merged[index] = entry;
    else merged.push(entry);
  }
  return [merged.map((r) => r.value), { origin: nearTree.origin, items: merged.map((r) => r.tree) }];
}

// src/policy/load.ts
var MAX_POLICY_BYTES = 1048576;
var DEFAULT_POLICY_PATH = ".github/servicetitan-access.yml";
function parsePolicy(text, file, options) {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_POLICY_BYTES) throw tooLarge(file, bytes);
  return parseChecked(text, file, options, sha256(Buffer.from(text, "utf8")), file);
}
async function loadPolicyFile(file, options) {
  const shown = options.displayPath ?? file;
  if (options.workspace !== void 0) await assertInsideWorkspace(file, options.workspace, shown);
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw fileError(shown, error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new ConfigurationError(
        "policy.not-readable",
        `The policy path ${shown} is not a file.`,
        readHint()
      );
    }
    if (stat.size > MAX_POLICY_BYTES) throw tooLarge(shown, stat.size);
    const buffer = Buffer.alloc(MAX_POLICY_BYTES + 1);
    let length = 0;
    for (; ; ) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_POLICY_BYTES) throw tooLarge(shown, length);
    }
    const bytes = buffer.subarray(0, length);
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new PolicyError([
        {
          file: shown,
          line: 1,
          column: 1,
          code: "policy.not-text",
          message: "The file is not UTF-8 text, so it is not a YAML policy.",
          hint: "Save the policy as UTF-8, and check that the path points at the policy file."
        }
      ]);
    }
    return parseChecked(text, shown, options, sha256(bytes), file);
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    throw fileError(shown, error);
  } finally {
    await handle.close();
  }
}
function parseChecked(text, file, options, hash, diskPath) {
  const chain = readChain(
    { text, display: file, diskPath, sha256: hash },
    {
      readBase: readBaseFile(MAX_POLICY_BYTES),
      ...options.workspace !== void 0 ? { workspace: options.workspace } : {}
    }
  );
  if (!chain.ok) throw new PolicyError(sortIssues(chain.issues, file));
  const merged = mergeLayers(chain.layers);
  const { source } = merged;
  const parsed = policySchema.safeParse(source.value);
  const issues = [
    ...merged.issues,
    ...parsed.success ? [] : schemaIssues(parsed.error.issues, source, file),
    ...crossFieldIssues(source, file, options.now)
  ];
  if (issues.length > 0 || !parsed.success) throw new PolicyError(sortIssues(issues, file));
  const bases = chain.layers.slice(1).map((l) => ({ path: l.display, sha256: l.sha256 }));
  return normalizePolicy(
    parsed.data,
    { path: file, sha256: hash, ...bases.length > 0 ? { extends: bases } : {} },
    source.locate
  );
}
function sortIssues(issues, first) {
  const rank = (i) => first === void 0 || i.file === first ? "" : i.file;
  return [...issues].sort(
    (a, b) => rank(a).localeCompare(rank(b)) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code)
  );
}
function sha256(bytes) {
  return createHash2("sha256").update(bytes).digest("hex");
}
function tooLarge(file, bytes) {
  return new PolicyError([
    {
      file,
      line: 1,
      column: 1,
      code: "policy.too-large",
      message: `The policy file is ${bytes} bytes; the limit is ${MAX_POLICY_BYTES} bytes (1 MB).`,
      hint: "A policy is a short text file: check that the path points at the right file."
    }
  ]);
}
function readHint() {
  return `Create \`${DEFAULT_POLICY_PATH}\` (the default path), or set the \`policy\` input (\`--policy FILE\` on the command line) to your policy file; examples/policies/starter.yml is a good start.`;
}
function fileError(file, error) {
  const code = error?.code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new ConfigurationError("policy.not-found", `The policy file ${file} does not exist.`, readHint());
  }
  const reason = code === "EISDIR" ? "is a folder, not a file" : `cannot be read (${code ?? "unknown error"})`;
  return new ConfigurationError("policy.not-readable", `The policy path ${file} ${reason}.`, readHint());
}
async function assertInsideWorkspace(file, workspace, shown = file) {
  let target;
  let root;
  try {
    [target, root] = await Promise.all([realpath(file), realpath(workspace)]);
  } catch (error) {
    throw fileError(shown, error);
  }
  const path2 = relative(root, target);
  if (path2 === "" || path2 === ".." || path2.startsWith(`..${sep}`) || isAbsolute(path2)) {
    throw new ConfigurationError(
      "policy.outside-workspace",
      `The policy path ${shown} leads outside the repository.`,
      "Keep the policy file inside the repository, so what is audited is what was reviewed."
    );
  }
}

export {
  readPolicyYaml,
  describeValue,
  parsePolicy,
  loadPolicyFile
};
