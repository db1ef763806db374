import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  BUILT_IN_RULES
} from "./chunk-JZPENHOI.js";
import {
  inWorkspace,
  renderJson,
  shouldRedact
} from "./chunk-YGEFOKDE.js";
import {
  USER_REF_FORMS,
  USER_REF_PATTERN,
  parseUserRef,
  referenceSite,
  require_dist,
  sameUserRef
} from "./chunk-JOKD7V7O.js";
import {
  buildReport,
  emptyCounts
} from "./chunk-RWQ7FRYK.js";
import {
  redactReport
} from "./chunk-3NGF3HLR.js";
import {
  nearest
} from "./chunk-3KQCMBW2.js";
import {
  TOOL_VERSION
} from "./chunk-47HB3AU5.js";
import {
  external_exports
} from "./chunk-5VFH7U4S.js";
import {
  ConfigurationError,
  GuardError,
  PolicyError
} from "./chunk-RPWTNJ4G.js";
import {
  __toESM
} from "./chunk-WD5L72B6.js";

// src/files.ts
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
async function writeFileAtomic(target, content) {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  await writeFile(tmp, content);
  await rename(tmp, target);
}
function describeWriteFailure(error, redacted) {
  const code = error?.code;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) {
    return `the file system refused it (${code}): check that the path names a file in a folder this run can write to`;
  }
  const detail = error instanceof Error ? redacted ? error.name : error.message : String(error);
  return `unexpected error (${detail}). This is a bug; rerun with debug logging and report it`;
}

// src/apply/undo-journal.ts
import { readFile } from "node:fs/promises";
var UserState = external_exports.object({
  active: external_exports.boolean(),
  locked: external_exports.boolean(),
  roleIds: external_exports.array(external_exports.number().int())
});
var JournalStep = external_exports.looseObject({
  action: external_exports.string(),
  role: external_exports.string().optional(),
  roleId: external_exports.number().int().optional(),
  user: external_exports.looseObject({
    kind: external_exports.enum(["employee", "technician"]),
    id: external_exports.number().int(),
    userId: external_exports.number().int().nullish(),
    name: external_exports.string().nullish(),
    email: external_exports.string().nullish()
  }),
  rules: external_exports.array(external_exports.string()).optional(),
  findings: external_exports.array(external_exports.string()).optional(),
  status: external_exports.string(),
  before: UserState.optional(),
  after: UserState.optional(),
  seal: external_exports.string().optional()
});
var ApplyReport = external_exports.looseObject({
  version: external_exports.literal(1),
  mode: external_exports.string(),
  tenant: external_exports.string().nullable(),
  environment: external_exports.string(),
  finishedAt: external_exports.string().optional(),
  plan: external_exports.array(JournalStep)
});
var REVERSIBLE = /* @__PURE__ */ new Set(["lock", "deactivate", "set-role"]);
function notAnApplyReport(file, why) {
  return new ConfigurationError(
    "undo.not-an-apply-report",
    `${file} is not the report of an apply: ${why}`,
    "Give the JSON report an earlier `apply` wrote (the `report` input or --report of that run, e.g. downloaded from its artifact)."
  );
}
function parseApplyJournal(text, file, connected) {
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw notAnApplyReport(file, `it is not JSON (${error.message}).`);
  }
  const parsed = ApplyReport.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "the report";
    throw notAnApplyReport(file, `${where}: ${issue?.message ?? "unreadable"}.`);
  }
  const report = parsed.data;
  if (report.mode !== "apply") {
    throw notAnApplyReport(
      file,
      `it was written by a \`${report.mode}\` run${report.mode === "undo" ? " (undo reverses an apply, not another undo)" : ""}.`
    );
  }
  if (report.tenant !== connected.tenant || report.environment !== connected.environment) {
    throw new ConfigurationError(
      "undo.wrong-tenant",
      `${file} is the report of tenant ${report.tenant ?? "(none)"} (${report.environment}), but this run is connected to tenant ${connected.tenant} (${connected.environment}).`,
      "Run undo with the credentials and environment of the tenant the apply changed."
    );
  }
  const steps = [];
  let unverified = 0;
  for (const step of report.plan) {
    if (step.status === "applied") unverified++;
    if (step.status !== "verified" || !step.before || !REVERSIBLE.has(step.action)) continue;
    steps.push({
      action: step.action,
      ...step.role !== void 0 ? { role: step.role } : {},
      ...step.roleId !== void 0 ? { roleId: step.roleId } : {},
      user: {
        kind: step.user.kind,
        id: step.user.id,
        userId: step.user.userId ?? null,
        name: step.user.name ?? "",
        email: step.user.email ?? null
      },
      rules: step.rules ?? [],
      findings: step.findings ?? [],
      status: "verified",
      before: { active: step.before.active, locked: step.before.locked, roleIds: [...step.before.roleIds] },
      ...step.after ? {
        after: { active: step.after.active, locked: step.after.locked, roleIds: [...step.after.roleIds] }
      } : {},
      ...step.seal !== void 0 ? { seal: step.seal } : {}
    });
  }
  return {
    file,
    tenant: report.tenant ?? "",
    environment: report.environment,
    finishedAt: report.finishedAt ?? null,
    steps,
    unverified
  };
}
async function readApplyJournal(file, resolved, connected) {
  let text;
  try {
    text = await readFile(resolved, "utf8");
  } catch (error) {
    const code = error.code;
    throw new ConfigurationError(
      "undo.report-not-found",
      `Cannot read the apply report ${file}: ${code === "ENOENT" ? "no such file" : error.message}.`,
      "Give the path of the JSON report the apply wrote: `st-access-guard undo REPORT`, or the `report` input with `mode: undo`."
    );
  }
  return parseApplyJournal(text, file, connected);
}
function undoJournalPath(applyReportPath) {
  return `${applyReportPath}.undo.json`;
}

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
  const add = (path3, code, message, hint, at = "value") => issues.push({ file, ...source.locate(path3, at), code, message, ...hint ? { hint } : {} });
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
  const note = (path3, values, users = false) => {
    values?.forEach((value, i) => {
      const named = users && typeof value === "string" ? parseUserRef(value) : value;
      if (named === null) return;
      positions[referenceSite(path3.join("."), named)] ??= locate([...path3, i]);
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
  const locate = (path3, at = "value") => {
    let node = first.contents;
    let offset = (0, import_yaml2.isNode)(node) && node.range?.[0] || 0;
    for (const [index, segment] of path3.entries()) {
      const last = index === path3.length - 1;
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
  const path3 = [...prefix, ...issue.path];
  const at = (p, code, message, hint, where = "value") => ({
    file,
    ...source.locate(p, where),
    code,
    message,
    ...hint ? { hint } : {}
  });
  const value = valueAt(source.value, path3);
  const name2 = `\`${formatPath(path3)}\``;
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => {
        const allowed = keysAt(path3);
        const guess = nearest(key, allowed);
        const hint = guess ? `did you mean \`${guess}\`?` : allowed.length > 0 ? `the keys allowed here are ${allowed.map((k) => `\`${k}\``).join(", ")}` : void 0;
        const where = path3.length === 0 ? "the policy" : `\`${formatPath(path3)}\``;
        return at([...path3, key], "policy.unknown-key", `\`${key}\` is not a key of ${where}.`, hint, "key");
      });
    case "invalid_type": {
      if (value === void 0 && path3.length > 0) {
        const parent = path3.slice(0, -1);
        const key = String(path3[path3.length - 1]);
        const owner = parent.length === 0 ? "The policy" : `\`${formatPath(parent)}\``;
        const description = descriptionOf(schemaAt(path3));
        return [
          at(parent, "policy.missing-key", `${owner} is missing the required key \`${key}\`.`, description)
        ];
      }
      if (path3.length === 1 && path3[0] === "version") return [unsupportedVersion(at, value)];
      return [
        at(
          path3,
          "policy.invalid-type",
          `${name2} must be ${expectedWords(issue.expected)}, not ${describeValue(value)}.`
        )
      ];
    }
    case "invalid_value": {
      if (path3.length === 1 && path3[0] === "version") return [unsupportedVersion(at, value)];
      const options = issue.values.map(String);
      const guess = typeof value === "string" ? nearest(value, options) : void 0;
      return [
        at(
          path3,
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
            path3,
            "policy.invalid-user-ref",
            `\`${String(value)}\` is not a user reference.`,
            `write ${USER_REF_FORMS}`
          )
        ];
      }
      if (pattern === String(DATE_PATTERN)) {
        return [
          at(
            path3,
            "policy.invalid-date",
            `${name2} must be a date written YYYY-MM-DD, not \`${String(value)}\`.`
          )
        ];
      }
      if (pattern === String(NAME_PATTERN)) return [invalidName(at, path3, String(value))];
      return [at(path3, "policy.invalid-value", `${name2} has the wrong format.`)];
    }
    case "invalid_key": {
      const key = String(path3[path3.length - 1]);
      return [invalidName(at, path3, key, "key")];
    }
    case "too_small": {
      if (issue.origin === "array")
        return [at(path3, "policy.invalid-value", `${name2} must not be an empty list.`)];
      if (issue.origin === "string") return [at(path3, "policy.invalid-value", `${name2} must not be empty.`)];
      const minimum = Number(issue.minimum);
      const words = issue.inclusive ? `at least ${minimum}` : `more than ${minimum}`;
      return [at(path3, "policy.invalid-value", `${name2} must be ${words}, not ${String(value)}.`)];
    }
    case "too_big":
      return [at(path3, "policy.invalid-value", `${name2} is too large (${String(value)}).`)];
    case "invalid_union":
      return unionIssues(issue, path3, source, file, at, name2, value);
    default:
      return [at(path3, "policy.invalid-value", `${name2}: ${issue.message}`)];
  }
}
function unionIssues(issue, path3, source, file, at, name2, value) {
  const branches = issue.errors ?? [];
  const matching = branches.find(
    (b) => b.length > 0 && !b.some((i) => i.path.length === 0 && (i.code === "invalid_type" || i.code === "invalid_value"))
  );
  if (matching) return matching.flatMap((i) => convert(i, path3, source, file));
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
      path3,
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
function invalidName(at, path3, value, where = "value") {
  return at(
    path3,
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
function formatPath(path3) {
  return path3.reduce(
    (text, segment) => typeof segment === "number" ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment,
    ""
  );
}
function valueAt(root, path3) {
  let value = root;
  for (const segment of path3) {
    if (typeof value !== "object" || value === null) return void 0;
    value = value[segment];
  }
  return value;
}
function schemaAt(path3) {
  let schema = policySchema;
  for (const segment of path3) {
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
function keysAt(path3) {
  const schema = unwrap(schemaAt(path3));
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
  const path3 = relative(root, target);
  if (path3 === "" || path3 === ".." || path3.startsWith(`..${sep}`) || isAbsolute(path3)) {
    throw new ConfigurationError(
      "policy.outside-workspace",
      `The policy path ${shown} leads outside the repository.`,
      "Keep the policy file inside the repository, so what is audited is what was reviewed."
    );
  }
}

// src/pipeline.ts
import { mkdir as mkdir2, readFile as readFile2, unlink, writeFile as writeFile2 } from "node:fs/promises";
import path2 from "node:path";

// src/report/redact-fallback.ts
var WITHHELD = "[withheld]";
function withholdPersonalData(report) {
  const finding = (f) => ({
    ...f,
    message: `${f.rule}: ${WITHHELD}`,
    user: f.user ? { ...f.user, name: WITHHELD, email: null, login: null } : null,
    evidence: {
      ...f.evidence,
      ...f.evidence.holders ? { holders: f.evidence.holders.map((h) => ({ ...h, name: WITHHELD })) } : {},
      ...f.evidence.reference?.kind === "user" ? { reference: { ...f.evidence.reference, value: WITHHELD } } : {}
    },
    fix: f.fix.steps ? { ...f.fix, steps: [WITHHELD] } : f.fix,
    exemption: f.exemption ? { ...f.exemption, reason: WITHHELD, approvedBy: WITHHELD } : null
  });
  const step = (s) => ({
    ...s,
    user: { ...s.user, name: WITHHELD, email: null },
    ...s.error !== void 0 ? { error: WITHHELD } : {},
    ...s.reason !== void 0 ? { reason: WITHHELD } : {}
  });
  const withheld = {
    ...report,
    findings: report.findings.map(finding),
    comparison: report.comparison && {
      ...report.comparison,
      ...report.comparison.resolvedFindings ? { resolvedFindings: report.comparison.resolvedFindings.map(finding) } : {}
    },
    plan: report.plan.map(step),
    refusals: report.refusals.map((r) => ({ ...r, message: `${r.code}: ${WITHHELD}` })),
    errors: [
      ...report.errors.map((e) => ({ code: e.code, message: `${e.code}: ${WITHHELD}` })),
      {
        code: "report.redaction-failed",
        message: "Masking names and emails failed, so this report withholds every name, email and message; ids, states and the journal are kept.",
        hint: "This is a bug: report it. Rerun with redact: false only where the output is private."
      }
    ],
    redacted: true
  };
  if (report.discovery) {
    withheld.discovery = {
      ...report.discovery,
      changes: report.discovery.changes?.map((c) => ({ ...c, user: { ...c.user, name: WITHHELD } })) ?? null
    };
  }
  return withheld;
}

// src/pipeline.ts
var NEEDS_TENANT = /* @__PURE__ */ new Set(["audit", "apply", "discover", "undo"]);
function toReportErrors(error, logger, redacted) {
  if (error instanceof PolicyError) {
    return error.issues.map((i) => ({
      code: i.code,
      message: i.message,
      ...i.hint ? { hint: i.hint } : {},
      file: i.file,
      line: i.line,
      column: i.column,
      ...i.sourceLine !== void 0 ? { sourceLine: i.sourceLine } : {}
    }));
  }
  if (error instanceof GuardError) {
    return [{ code: error.code, message: error.message, ...error.hint ? { hint: error.hint } : {} }];
  }
  return [unexpectedError(error, logger, redacted)];
}
function unexpectedError(error, logger, redacted) {
  const kind = error instanceof Error ? error.name : typeof error;
  const text = error instanceof Error ? error.message : String(error);
  if (redacted) {
    const frames = error instanceof Error ? (error.stack ?? "").split("\n").slice(1).join("\n") : "";
    logger.debug(`${kind} (message withheld: redaction is on)
${frames}`);
  } else {
    logger.debug(error instanceof Error ? error.stack ?? text : text);
  }
  return {
    code: "internal.unexpected",
    message: redacted ? `Unexpected error (${kind}); its text is withheld because redaction is on.` : `Unexpected error: ${text}`,
    hint: "This is a bug. Rerun with debug logging (ACTIONS_STEP_DEBUG or --debug) and report it with the output."
  };
}
function reportFile(settings) {
  if (settings.mode === "undo" && settings.reportPath) return undoJournalPath(settings.reportPath);
  return settings.reportPath;
}
async function journalChanges(file) {
  let parsed;
  try {
    parsed = JSON.parse(await readFile2(file, "utf8"));
  } catch {
    return null;
  }
  const report = parsed;
  if (!report || report.mode !== "apply" && report.mode !== "undo" || !Array.isArray(report.plan))
    return null;
  const changed = report.plan.filter(
    (step) => step?.status === "verified" || step?.status === "applied"
  ).length;
  return changed > 0 ? { mode: report.mode, changed } : null;
}
function journalExists(settings, file, found) {
  return new ConfigurationError(
    "input.journal-exists",
    `${file} is the journal of an earlier ${found.mode} that changed ${found.changed} user${found.changed === 1 ? "" : "s"}; this run would replace it, and its undo with it, so it changed nothing.`,
    settings.event.name === "cli" ? "Give another --report path (a dated name, say), or move that journal somewhere safe; --force replaces it." : "Give another `report` path, or keep that journal elsewhere; the input `force: true` replaces it."
  );
}
async function checkJournalWritable(settings, file) {
  const target = inWorkspace(settings, file);
  const probe = path2.join(path2.dirname(target), `.st-access-guard-probe-${process.pid}`);
  try {
    await mkdir2(path2.dirname(target), { recursive: true });
    await writeFile2(probe, "");
    await unlink(probe);
  } catch (error) {
    const code = error.code ?? "error";
    throw new ConfigurationError(
      "input.report-not-writable",
      `The report ${file} cannot be written (${code}), so ${settings.mode} would have no journal; nothing was changed.`,
      "Give a report path in a folder this run can write to (the `report` input, or --report on the command line)."
    );
  }
}
var STOP_SIGNALS = ["SIGINT", "SIGTERM"];
async function timed(logger, name2, fn) {
  return logger.group(name2, async () => {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      logger.info(`${name2} took ${Math.round(performance.now() - start)} ms`);
    }
  });
}
async function runPipeline(settings, deps) {
  const { logger } = deps;
  const startedAt = deps.now();
  const redacted = shouldRedact(settings);
  const notes = [];
  let policy = null;
  let policyIssues = [];
  let snapshot = null;
  let evaluation;
  let comparison = null;
  let discovery;
  let applyRefused = false;
  let errors = [];
  let baseline = null;
  let journal = null;
  const reportTarget = reportFile(settings);
  const existingJournal = reportTarget ? await journalChanges(inWorkspace(settings, reportTarget)) : null;
  try {
    if (existingJournal && reportTarget && !settings.force) {
      throw journalExists(settings, reportTarget, existingJournal);
    }
    policy = await timed(logger, "Policy", async () => {
      try {
        const loaded = await loadPolicyFile(inWorkspace(settings, settings.policyPath), {
          now: startedAt,
          // In Actions the policy must stay inside the checkout (a symlink could point at anything
          // on the runner); on the command line the user names the file they mean.
          ...settings.event.name === "cli" ? {} : { workspace: settings.workspace },
          displayPath: settings.policyPath
        });
        logger.info(
          `${settings.policyPath}: valid, ${loaded.rules.length} rules, ${loaded.permissions.length} mapped permissions, ${loaded.exemptions.length} exemptions`
        );
        return loaded;
      } catch (error) {
        if (settings.mode === "discover" && error instanceof ConfigurationError && error.code === "policy.not-found") {
          notes.push(
            `No policy at ${settings.policyPath}: discover lists every permission id without names.`
          );
          return null;
        }
        throw error;
      }
    });
    const wantsTenant = NEEDS_TENANT.has(settings.mode);
    if (wantsTenant && !settings.connection) {
      if (settings.event.isPullRequest) {
        notes.push(
          "Validated the policy only: this pull request run has no ServiceTitan credentials (pull requests from forks never get secrets). The policy impact needs them."
        );
      } else {
        throw new ConfigurationError(
          "input.missing-credentials",
          `Mode \`${settings.mode}\` needs ServiceTitan credentials; missing: ${settings.missingCredentials.join(", ")}.`,
          settings.event.name === "cli" ? "Export ST_TENANT, ST_CLIENT_ID, ST_CLIENT_SECRET and ST_APP_KEY (see `st-access-guard audit --help`), or run `st-access-guard demo` to try it on the sandbox." : 'Store the tenant id, client id, client secret and app key as repository secrets and pass them to the action (see the README, "First real audit").'
        );
      }
    }
    const writes = (settings.mode === "apply" || settings.mode === "undo") && settings.connection !== null;
    if (writes && reportTarget) await checkJournalWritable(settings, reportTarget);
    const undoJournal = settings.mode === "undo" && settings.connection ? await (await import("./undo-run-WNIPJIKU.js")).loadUndoJournal(settings) : null;
    if (wantsTenant && settings.connection) {
      const { createClient, fetchSnapshot } = await import("./fetch-NKFBFQUD.js");
      const client = createClient(settings, deps);
      try {
        const fetched = await timed(logger, "Fetch", () => fetchSnapshot(client, deps));
        snapshot = fetched;
        if (settings.snapshotPath) {
          await writeFileAtomic(settings.snapshotPath, JSON.stringify(fetched, null, 2) + "\n");
          logger.info(`Snapshot written to ${settings.snapshotPath}`);
        }
        journal = writes ? await journalWriter(settings, deps, startedAt, redacted) : null;
        const writer = journal;
        const outcome = await whileStoppable(
          writer,
          async () => undoJournal ? await timed(
            logger,
            "Plan and undo",
            async () => (await import("./undo-run-WNIPJIKU.js")).runUndo(
              settings,
              deps,
              policy,
              fetched,
              client,
              undoJournal,
              writer.options
            )
          ) : await timed(
            logger,
            settings.mode === "apply" ? "Evaluate, plan and apply" : "Evaluate and plan",
            async () => (await import("./evaluate-tenant-7MQWXXOT.js")).evaluateTenant(
              settings,
              deps,
              policy,
              fetched,
              startedAt,
              client,
              writer?.options
            )
          )
        );
        if (writer?.stoppedBy()) {
          outcome.errors.push({
            code: "apply.interrupted",
            message: `The run was stopped (${writer.stoppedBy()}) during ${settings.mode}: the change in progress was finished and no other was started. The report's plan is the journal: it says what was changed.`,
            hint: `Run ${settings.mode} again to finish: it rechecks every user, so nothing is done twice.`
          });
        }
        const failure = writer?.failure();
        if (failure) outcome.errors.push(failure);
        evaluation = outcome.evaluation;
        comparison = outcome.comparison;
        discovery = outcome.discovery;
        notes.push(...outcome.notes);
        applyRefused = outcome.applyRefused;
        errors = outcome.errors;
        baseline = outcome.baseline;
      } finally {
        await client.close();
      }
    }
  } catch (error) {
    if (error instanceof PolicyError) policyIssues = error.issues;
    errors = toReportErrors(error, logger, redacted);
    const known = journal?.latest();
    if (!evaluation && known) {
      evaluation = { findings: [], plan: known, refusals: [], counts: emptyCounts() };
    }
  }
  const report = buildReport(
    {
      mode: settings.mode,
      tenant: settings.tenant,
      environment: settings.environment,
      policy: { path: settings.policyPath, sha256: policy?.source.sha256 ?? null },
      startedAt,
      finishedAt: deps.now(),
      failOn: settings.failOn,
      toolVersion: TOOL_VERSION
    },
    {
      ...evaluation ? { evaluation } : {},
      comparison,
      ...discovery ? { discovery } : {},
      errors,
      applyRefused
    }
  );
  const changed = report.plan.some((s) => s.status === "verified" || s.status === "applied");
  const failedUnchanged = !changed && errors.length > 0;
  const writeReport = !(existingJournal && !settings.force) && !(failedUnchanged && (existingJournal !== null || settings.mode === "undo"));
  return {
    writeReport,
    report: redacted ? redactSafely(report, logger) : report,
    policy,
    policyIssues,
    snapshot,
    redacted,
    notes,
    baseline
  };
}
function redactSafely(report, logger) {
  try {
    return redactReport(report);
  } catch (error) {
    logger.error(
      `Masking names and emails failed (${error instanceof Error ? error.name : typeof error}); the report withholds every name, email and message instead.`
    );
    return withholdPersonalData(report);
  }
}
async function journalWriter(settings, deps, startedAt, redacted) {
  const { journalKey } = await import("./seal-RKUDH47O.js");
  const file = reportFile(settings);
  let stoppedBy = null;
  let failure = null;
  let latest = null;
  const options = {
    logger: deps.logger,
    key: journalKey(settings.connection),
    stopRequested: () => stoppedBy !== null || failure !== null,
    ...deps.confirm ? { confirm: deps.confirm } : {},
    onProgress: async (journal) => {
      latest = journal;
      if (!file) return;
      const partial = buildReport(
        {
          mode: settings.mode,
          tenant: settings.tenant,
          environment: settings.environment,
          policy: { path: settings.policyPath, sha256: null },
          startedAt,
          finishedAt: deps.now(),
          failOn: settings.failOn,
          toolVersion: TOOL_VERSION
        },
        {
          evaluation: { findings: [], plan: journal, refusals: [], counts: emptyCounts() },
          errors: [
            {
              code: "apply.incomplete",
              message: `The ${settings.mode} had not finished when this journal was written: it is rewritten after each change, and replaced by the full report at the end. The plan says what was changed so far.`,
              hint: `Run ${settings.mode} again to finish: it rechecks every user, so nothing is done twice.`
            }
          ]
        }
      );
      try {
        await writeFileAtomic(
          inWorkspace(settings, file),
          renderJson(redacted ? redactSafely(partial, deps.logger) : partial)
        );
      } catch (error) {
        failure = {
          code: "apply.journal-not-written",
          message: `The journal ${file} could not be written after a change (${error.code ?? "error"}), so no further change was started.`,
          hint: "Check the disk and the report path, then run again: it rechecks every user, so nothing is done twice."
        };
        deps.logger.error(failure.message);
      }
    }
  };
  return {
    options,
    stoppedBy: () => stoppedBy,
    stop: (signal) => {
      if (!stoppedBy) {
        deps.logger.warning(
          `${signal}: finishing the change in progress and writing the journal; no further change starts.`
        );
      }
      stoppedBy ??= signal;
    },
    latest: () => latest,
    failure: () => failure
  };
}
async function whileStoppable(journal, fn) {
  if (!journal) return fn();
  const handler = (signal) => journal.stop(signal);
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  try {
    return await fn();
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, handler);
  }
}
async function readSnapshotFile(file) {
  let parsed;
  try {
    parsed = JSON.parse(await readFile2(file, "utf8"));
  } catch (error) {
    throw new ConfigurationError(
      "input.invalid-snapshot",
      `Cannot read the snapshot ${file}: ${error.message}`,
      "Give a file written by `st-access-guard discover --snapshot FILE` or `audit --snapshot FILE`."
    );
  }
  const s = parsed;
  if (!s || typeof s !== "object" || !Array.isArray(s.users) || !Array.isArray(s.roles)) {
    throw new ConfigurationError(
      "input.invalid-snapshot",
      `${file} is not a snapshot (no users and roles).`,
      "Give a file written by `st-access-guard discover --snapshot FILE`."
    );
  }
  return s;
}

// src/policy/types.ts
var SEVERITIES = ["critical", "high", "medium", "low"];

export {
  writeFileAtomic,
  describeWriteFailure,
  readApplyJournal,
  parsePolicy,
  SEVERITIES,
  reportFile,
  runPipeline,
  readSnapshotFile
};
