import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  BUILT_IN_RULES
} from "./chunk-I3TMJHPQ.js";
import {
  require_dist
} from "./chunk-HEUCNJIE.js";
import {
  USER_REF_FORMS,
  USER_REF_PATTERN,
  parseUserRef,
  referenceSite,
  sameUserRef
} from "./chunk-D6KSKHJM.js";
import {
  nearest
} from "./chunk-3KQCMBW2.js";
import {
  external_exports
} from "./chunk-5VFH7U4S.js";
import {
  ConfigurationError,
  PolicyError
} from "./chunk-RPWTNJ4G.js";
import {
  __toESM
} from "./chunk-WD5L72B6.js";

// src/policy/load.ts
import { createHash } from "node:crypto";
import { open, realpath } from "node:fs/promises";
import { isAbsolute, relative, sep } from "node:path";

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
var policySchema = external_exports.strictObject({
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
  })
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
  const add = (path, code, message, hint, at = "value") => issues.push({ file, ...source.locate(path, at), code, message, ...hint ? { hint } : {} });
  const doc = source.value;
  const organization2 = record(doc.organization);
  for (const [i, domain] of list(organization2?.["internal-domains"]).entries()) {
    if (typeof domain === "string" && domain.trim() !== "" && !DOMAIN_PATTERN.test(normalizeDomain(domain))) {
      add(
        ["organization", "internal-domains", i],
        "policy.invalid-domain",
        `\`${domain}\` is not a domain name.`,
        "write the bare domain, for example `acme-hvac.com`"
      );
    }
  }
  const permissions2 = record(doc.permissions) ?? {};
  const permissionNames = Object.keys(permissions2);
  const nameById = /* @__PURE__ */ new Map();
  for (const [name2, mapping] of Object.entries(permissions2)) {
    const id = record(mapping)?.id;
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
  const rules = list(doc.rules);
  const ruleKinds = /* @__PURE__ */ new Map();
  for (const [index, rawRule] of rules.entries()) {
    const rule2 = record(rawRule);
    if (!rule2) continue;
    const at = (...rest) => ["rules", index, ...rest];
    const id = typeof rule2.id === "string" ? rule2.id : void 0;
    const label = id ? `Rule \`${id}\`` : `Rule ${index + 1}`;
    const hasForbid = "forbid" in rule2;
    const hasMaxHolders = "max-holders" in rule2;
    const kind = hasForbid && !hasMaxHolders ? "forbid" : hasMaxHolders && !hasForbid ? "max-holders" : void 0;
    if (id !== void 0) {
      if (BUILT_IN_RULES.includes(id)) {
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
    const forbid2 = record(rule2.forbid);
    if (forbid2) {
      const some = (key) => list(forbid2?.[key]).length > 0;
      if (!some("permissions") && !some("roles") && forbid2?.account !== true) {
        add(
          at("forbid"),
          "policy.empty-forbid",
          `${label} forbids nothing: \`forbid\` needs \`permissions\`, \`roles\` or \`account: true\`.`
        );
      }
    }
    const maxHolders2 = record(rule2["max-holders"]);
    if (maxHolders2 && list(maxHolders2.roles).length === 0 && list(maxHolders2.permissions).length === 0) {
      add(
        at("max-holders"),
        "policy.empty-max-holders",
        `${label} counts nothing: \`max-holders\` needs \`roles\` or \`permissions\`.`
      );
    }
    for (const section of ["forbid", "max-holders"]) {
      for (const [i, name2] of list(record(rule2[section])?.permissions).entries()) {
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
  for (const [i, name2] of list(record(doc.safety)?.["admin-permissions"]).entries()) {
    if (typeof name2 !== "string" || name2 === "" || permissionNames.includes(name2)) continue;
    const guess = nearest(name2, permissionNames);
    add(
      ["safety", "admin-permissions", i],
      "policy.unknown-permission",
      `\`safety.admin-permissions\` names the permission \`${name2}\`, which is not mapped under \`permissions:\`.`,
      guess ? `did you mean \`${guess}\`?` : `add it under \`permissions:\` with its id (find it with \`st-access-guard discover\`)`
    );
  }
  for (const [index, rawExemption] of list(doc.exemptions).entries()) {
    const exemption2 = record(rawExemption);
    if (!exemption2) continue;
    const at = (...rest) => ["exemptions", index, ...rest];
    const user = typeof exemption2.user === "string" ? parseUserRef(exemption2.user) : null;
    for (const [i, ruleId] of list(exemption2.rules).entries()) {
      if (typeof ruleId !== "string" || ruleId === "") continue;
      if (BUILT_IN_RULES.includes(ruleId)) {
        add(
          at("rules", i),
          "policy.unexemptible-rule",
          `\`${ruleId}\` is a built-in finding about the policy itself and cannot be exempted.`,
          "fix its cause instead: renew or remove the exemption, correct the permission mapping, or correct the name that matches nothing"
        );
      } else if (!ruleKinds.has(ruleId)) {
        const guess = nearest(ruleId, ruleKinds.keys());
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
function record(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : void 0;
}
function list(value) {
  return Array.isArray(value) ? value : [];
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
      const maxHolders2 = rule2["max-holders"];
      if (maxHolders2) {
        return {
          kind: "max-holders",
          ...common,
          maxHolders: {
            roles: unique(maxHolders2.roles ?? []),
            permissions: unique(maxHolders2.permissions ?? []),
            max: maxHolders2.max
          }
        };
      }
      return {
        kind: "forbid",
        ...common,
        forbid: {
          permissions: unique(rule2.forbid?.permissions ?? []),
          roles: unique(rule2.forbid?.roles ?? []),
          account: rule2.forbid?.account ?? false
        },
        fix: ruleFix(rule2.fix)
      };
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
    referencePositions: referencePositions(doc, locate)
  };
}
function referencePositions(doc, locate) {
  const positions = {};
  const note = (path, values, users = false) => {
    values?.forEach((value, i) => {
      const named = users && typeof value === "string" ? parseUserRef(value) : value;
      if (named === null) return;
      positions[referenceSite(path.join("."), named)] ??= locate([...path, i]);
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
  const locate = (path, at = "value") => {
    let node = first.contents;
    let offset = (0, import_yaml2.isNode)(node) && node.range?.[0] || 0;
    for (const [index, segment] of path.entries()) {
      const last = index === path.length - 1;
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
  const path = [...prefix, ...issue.path];
  const at = (p, code, message, hint, where = "value") => ({
    file,
    ...source.locate(p, where),
    code,
    message,
    ...hint ? { hint } : {}
  });
  const value = valueAt(source.value, path);
  const name2 = `\`${formatPath(path)}\``;
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => {
        const allowed = keysAt(path);
        const guess = nearest(key, allowed);
        const hint = guess ? `did you mean \`${guess}\`?` : allowed.length > 0 ? `the keys allowed here are ${allowed.map((k) => `\`${k}\``).join(", ")}` : void 0;
        const where = path.length === 0 ? "the policy" : `\`${formatPath(path)}\``;
        return at([...path, key], "policy.unknown-key", `\`${key}\` is not a key of ${where}.`, hint, "key");
      });
    case "invalid_type": {
      if (value === void 0 && path.length > 0) {
        const parent = path.slice(0, -1);
        const key = String(path[path.length - 1]);
        const owner = parent.length === 0 ? "The policy" : `\`${formatPath(parent)}\``;
        const description = descriptionOf(schemaAt(path));
        return [
          at(parent, "policy.missing-key", `${owner} is missing the required key \`${key}\`.`, description)
        ];
      }
      if (path.length === 1 && path[0] === "version") return [unsupportedVersion(at, value)];
      return [
        at(
          path,
          "policy.invalid-type",
          `${name2} must be ${expectedWords(issue.expected)}, not ${describeValue(value)}.`
        )
      ];
    }
    case "invalid_value": {
      if (path.length === 1 && path[0] === "version") return [unsupportedVersion(at, value)];
      const options = issue.values.map(String);
      const guess = typeof value === "string" ? nearest(value, options) : void 0;
      return [
        at(
          path,
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
            path,
            "policy.invalid-user-ref",
            `\`${String(value)}\` is not a user reference.`,
            `write ${USER_REF_FORMS}`
          )
        ];
      }
      if (pattern === String(DATE_PATTERN)) {
        return [
          at(
            path,
            "policy.invalid-date",
            `${name2} must be a date written YYYY-MM-DD, not \`${String(value)}\`.`
          )
        ];
      }
      if (pattern === String(NAME_PATTERN)) return [invalidName(at, path, String(value))];
      return [at(path, "policy.invalid-value", `${name2} has the wrong format.`)];
    }
    case "invalid_key": {
      const key = String(path[path.length - 1]);
      return [invalidName(at, path, key, "key")];
    }
    case "too_small": {
      if (issue.origin === "array")
        return [at(path, "policy.invalid-value", `${name2} must not be an empty list.`)];
      if (issue.origin === "string") return [at(path, "policy.invalid-value", `${name2} must not be empty.`)];
      const minimum = Number(issue.minimum);
      const words = issue.inclusive ? `at least ${minimum}` : `more than ${minimum}`;
      return [at(path, "policy.invalid-value", `${name2} must be ${words}, not ${String(value)}.`)];
    }
    case "too_big":
      return [at(path, "policy.invalid-value", `${name2} is too large (${String(value)}).`)];
    case "invalid_union":
      return unionIssues(issue, path, source, file, at, name2, value);
    default:
      return [at(path, "policy.invalid-value", `${name2}: ${issue.message}`)];
  }
}
function unionIssues(issue, path, source, file, at, name2, value) {
  const branches = issue.errors ?? [];
  const matching = branches.find(
    (b) => b.length > 0 && !b.some((i) => i.path.length === 0 && (i.code === "invalid_type" || i.code === "invalid_value"))
  );
  if (matching) return matching.flatMap((i) => convert(i, path, source, file));
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
      path,
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
function invalidName(at, path, value, where = "value") {
  return at(
    path,
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
function formatPath(path) {
  return path.reduce(
    (text, segment) => typeof segment === "number" ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment,
    ""
  );
}
function valueAt(root, path) {
  let value = root;
  for (const segment of path) {
    if (typeof value !== "object" || value === null) return void 0;
    value = value[segment];
  }
  return value;
}
function schemaAt(path) {
  let schema = policySchema;
  for (const segment of path) {
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
function keysAt(path) {
  const schema = unwrap(schemaAt(path));
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

// src/policy/load.ts
var MAX_POLICY_BYTES = 1048576;
var DEFAULT_POLICY_PATH = ".github/servicetitan-access.yml";
function parsePolicy(text, file, options) {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_POLICY_BYTES) throw tooLarge(file, bytes);
  return parseChecked(text, file, options, sha256(Buffer.from(text, "utf8")));
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
    return parseChecked(text, shown, options, sha256(bytes));
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    throw fileError(shown, error);
  } finally {
    await handle.close();
  }
}
function parseChecked(text, file, options, hash) {
  const read = readPolicyYaml(text, file);
  if (!read.ok) throw new PolicyError(sortIssues(read.issues));
  const { source } = read;
  const parsed = policySchema.safeParse(source.value);
  const issues = [
    ...parsed.success ? [] : schemaIssues(parsed.error.issues, source, file),
    ...crossFieldIssues(source, file, options.now)
  ];
  if (issues.length > 0 || !parsed.success) throw new PolicyError(sortIssues(issues));
  return normalizePolicy(parsed.data, { path: file, sha256: hash }, source.locate);
}
function sortIssues(issues) {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}
function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
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
  const path = relative(root, target);
  if (path === "" || path === ".." || path.startsWith(`..${sep}`) || isAbsolute(path)) {
    throw new ConfigurationError(
      "policy.outside-workspace",
      `The policy path ${shown} leads outside the repository.`,
      "Keep the policy file inside the repository, so what is audited is what was reviewed."
    );
  }
}

// src/policy/types.ts
var SEVERITIES = ["critical", "high", "medium", "low"];

export {
  parsePolicy,
  loadPolicyFile,
  SEVERITIES
};
