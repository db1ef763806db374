import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  evaluateRule
} from "./chunk-RVGYP44D.js";
import {
  selectorFor
} from "./chunk-IT2UQP36.js";
import {
  changeComment,
  closingComment,
  findingChanges,
  findingsDigest,
  openFindings,
  trackedState,
  trackingBody,
  trackingMarker,
  trackingTitle
} from "./chunk-JNLQ264W.js";
import {
  assemble,
  bySeverity,
  findingTable,
  userCell
} from "./chunk-SETSU67H.js";
import {
  describeFailure,
  gitHubClient,
  gitHubContext,
  markerValue,
  pullRequestNumber,
  statusOf
} from "./chunk-ECF4TUM2.js";
import "./chunk-UBDJSMVH.js";
import {
  adminPermissionMappings,
  holdsAdminRole
} from "./chunk-PNQK3LOO.js";
import {
  holdsAnyPermission,
  holdsAnyRole,
  indexUsers,
  isHeld
} from "./chunk-F7KJDFSJ.js";
import {
  comparisonCounts
} from "./chunk-4ELQWBUJ.js";
import "./chunk-B4MPU4M5.js";
import {
  holdings
} from "./chunk-LLWHVQOH.js";
import "./chunk-TXDFWF7U.js";
import {
  severityRank
} from "./chunk-44ZEGOLS.js";
import {
  maskEmail,
  maskName,
  redactReport,
  replaceEmails
} from "./chunk-O3RGELUA.js";
import "./chunk-DBYO6JJB.js";
import {
  isAtDomain,
  matchesUserRef
} from "./chunk-EIDODBDB.js";
import "./chunk-DZQBV3A5.js";
import {
  inlineMarkdown,
  inlinePlain
} from "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";

// src/github/base-policy.ts
import path from "node:path";
function baseSha(ctx) {
  const pr = ctx.payload.pull_request;
  const sha = pr?.base?.sha;
  return typeof sha === "string" && /^[0-9a-f]{7,64}$/i.test(sha) ? sha : null;
}
function repositoryPath(policyPath) {
  const normal = path.posix.normalize(policyPath.replaceAll("\\", "/"));
  if (normal.startsWith("/") || normal === ".." || normal.startsWith("../") || normal === ".") return null;
  return normal;
}
async function fetchBasePolicy(ctx, policyPath, logger) {
  const sha = baseSha(ctx);
  if (!sha) {
    logger.debug("No pull request base commit in the event: no base policy to compare with.");
    return null;
  }
  const filePath = repositoryPath(policyPath);
  if (!filePath) {
    logger.warning(
      `Cannot read the base policy: ${inlinePlain(policyPath, 200)} is not a path inside the repository.`
    );
    return null;
  }
  try {
    const { data } = await gitHubClient(ctx, logger).rest.repos.getContent({
      owner: ctx.owner,
      repo: ctx.repo,
      path: filePath,
      ref: sha
    });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) {
      logger.warning(`Cannot read the base policy: ${inlinePlain(filePath)} at ${sha} is not a file.`);
      return null;
    }
    if (data.encoding !== "base64") {
      logger.warning(`Cannot read the base policy: ${inlinePlain(filePath)} at ${sha} is too large.`);
      return null;
    }
    return { text: Buffer.from(data.content, "base64").toString("utf8"), path: filePath, sha };
  } catch (error) {
    if (statusOf(error) === 404) {
      logger.info(`${inlinePlain(filePath)} does not exist at the base commit: the policy is new.`);
      return null;
    }
    logger.warning(
      `Cannot read the base policy ${inlinePlain(filePath)} at ${sha} (${describeFailure(error)}); the policy impact is left out. The workflow needs \`permissions: contents: read\`.`
    );
    return null;
  }
}

// src/github/impact-view.ts
function tenantView(snapshot, base, head) {
  return {
    users: snapshot.users,
    base: indexUsers(snapshot.users, base),
    head: indexUsers(snapshot.users, head)
  };
}
function affectedUser(user) {
  return { kind: user.kind, id: user.id, name: user.name, email: user.email, login: user.login };
}
function usersWhere(view, test) {
  const out = [];
  for (let i = 0; i < view.users.length; i++) if (test(i)) out.push(affectedUser(view.users[i]));
  return out;
}
function refKey(ref) {
  return `${ref.type}:${String(ref.value).toLowerCase()}`;
}
function addedRefs(before, after) {
  const had = new Set(before.map(refKey));
  return after.filter((r) => !had.has(refKey(r)));
}
function dropped(before, after) {
  const now = new Set(after.map((x) => String(x).toLowerCase()));
  return before.filter((x) => !now.has(String(x).toLowerCase()));
}

// src/github/guard-impact.ts
function flips(view, index) {
  return view.base[index].audience === "external" && view.head[index].audience === "internal";
}
function covered(domain, domains) {
  return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}
function organizationChanges(base, head, view) {
  const changes = [];
  const becomesInternal = (test) => view ? {
    affected: {
      label: "who becomes internal",
      users: usersWhere(view, (i) => flips(view, i) && test(view.users[i]))
    }
  } : {};
  for (const ref of addedRefs(base.organization.internalUsers, head.organization.internalUsers)) {
    changes.push({
      key: "organization.internal-users",
      kind: "internal-user-added",
      detail: "adds",
      users: [ref.raw],
      ...becomesInternal((user) => matchesUserRef(user, ref))
    });
  }
  for (const domain of head.organization.internalDomains) {
    if (covered(domain, base.organization.internalDomains)) continue;
    changes.push({
      key: "organization.internal-domains",
      kind: "internal-domain-added",
      detail: `adds ${domain}: every address at it or a subdomain is internal`,
      ...becomesInternal((user) => isAtDomain(user.email ?? user.login ?? "", domain))
    });
  }
  for (const ref of addedRefs(head.organization.externalUsers, base.organization.externalUsers)) {
    const atInternalDomain = ref.type !== "email" || head.organization.internalDomains.some((d) => isAtDomain(ref.value, d));
    const reached = becomesInternal((user) => matchesUserRef(user, ref));
    if (!atInternalDomain && !(reached.affected && reached.affected.users.length > 0)) continue;
    changes.push({
      key: "organization.external-users",
      kind: "external-user-removed",
      detail: "drops",
      users: [ref.raw],
      ...reached
    });
  }
  return changes;
}
function permissionChanges(base, head, view) {
  const changes = [];
  for (const before of base.permissions) {
    const after = head.permissions.find((m) => m.name === before.name);
    if (!after) continue;
    const lost = dropped(before.granted, after.granted);
    let detail = null;
    if (after.id !== before.id) {
      detail = `${before.name} now checks permission id ${after.id} instead of ${before.id}`;
    } else if (lost.length > 0) {
      detail = `${before.name} no longer counts ${lost.map((v) => `"${v}"`).join(", ")} as held`;
    }
    if (!detail) continue;
    changes.push({
      key: "permissions",
      kind: "permission-narrowed",
      detail,
      ...view ? {
        affected: {
          label: "who no longer counts as holding it",
          users: usersWhere(
            view,
            (i) => isHeld(view.users[i], before) && !isHeld(view.users[i], after)
          )
        }
      } : {}
    });
  }
  return changes;
}
function isAdmin(user, roles) {
  return user.active && !user.locked && holdsAdminRole(user.roles, user.role, roles);
}
function safetyChanges(base, head, view) {
  const changes = [];
  for (const ref of addedRefs(base.safety.protectedUsers, head.safety.protectedUsers)) {
    changes.push({
      key: "safety.protected-users",
      kind: "protected-user-added",
      detail: "adds",
      users: [ref.raw],
      ...view ? {
        affected: {
          label: "who apply may no longer change",
          users: usersWhere(view, (i) => matchesUserRef(view.users[i], ref))
        }
      } : {}
    });
  }
  const baseAdmins = new Set(base.safety.adminRoles.map((r) => r.toLowerCase()));
  const headAdmins = new Set(head.safety.adminRoles.map((r) => r.toLowerCase()));
  const from = base.safety.minActiveAdmins;
  const to = head.safety.minActiveAdmins;
  if (to < from) {
    changes.push({
      key: "safety.min-active-admins",
      kind: "min-admins-lowered",
      detail: to === 0 ? `${from} \u2192 0: the guard is off, apply may lock out every admin` : `${from} \u2192 ${to}: apply may leave fewer active admins`,
      ...view ? {
        affected: {
          label: "active admins today",
          users: usersWhere(view, (i) => isAdmin(view.users[i], headAdmins))
        }
      } : {}
    });
  }
  const added = dropped(head.safety.adminRoles, base.safety.adminRoles);
  if (added.length > 0) {
    changes.push({
      key: "safety.admin-roles",
      kind: "admin-roles-changed",
      detail: `adds ${added.join(", ")}: their holders count as admins, so min-active-admins is met more easily`,
      ...view ? {
        affected: {
          label: "who now counts as an admin",
          users: usersWhere(
            view,
            (i) => isAdmin(view.users[i], headAdmins) && !isAdmin(view.users[i], baseAdmins)
          )
        }
      } : {}
    });
  }
  const addedPermissions = dropped(head.safety.adminPermissions ?? [], base.safety.adminPermissions ?? []);
  if (addedPermissions.length > 0) {
    const mappings = head.permissions.filter((m) => addedPermissions.includes(m.name));
    const baseMappings = adminPermissionMappings(base);
    const adminInBase = (user) => isAdmin(user, baseAdmins) || baseMappings.some((m) => isHeld(user, m));
    changes.push({
      key: "safety.admin-permissions",
      kind: "admin-roles-changed",
      detail: `adds ${addedPermissions.join(", ")}: their holders count as admins, so min-active-admins is met more easily`,
      ...view ? {
        affected: {
          label: "who now counts as an admin",
          users: usersWhere(
            view,
            (i) => mappings.some((m) => isHeld(view.users[i], m)) && !adminInBase(view.users[i])
          )
        }
      } : {}
    });
  }
  const removed = dropped(base.safety.adminRoles, head.safety.adminRoles);
  if (removed.length > 0) {
    changes.push({
      key: "safety.admin-roles",
      kind: "admin-roles-changed",
      detail: `drops ${removed.join(", ")}: their holders no longer count as admins`,
      ...view ? {
        affected: {
          label: "who no longer counts as an admin",
          users: usersWhere(
            view,
            (i) => isAdmin(view.users[i], baseAdmins) && !isAdmin(view.users[i], headAdmins)
          )
        }
      } : {}
    });
  }
  return changes;
}
function guardChanges(base, head, view) {
  return [
    ...organizationChanges(base, head, view),
    ...permissionChanges(base, head, view),
    ...safetyChanges(base, head, view)
  ];
}

// src/github/exemption-impact.ts
function userKey(ref) {
  return ref ? refKey(ref) : "tenant";
}
function coverage(exemptions) {
  const map = /* @__PURE__ */ new Map();
  for (const e of exemptions) {
    for (const rule of e.rules) {
      const key = `${userKey(e.user)}\0${rule}`;
      const current = map.get(key);
      if (current === void 0 || e.expires > current) map.set(key, e.expires);
    }
  }
  return map;
}
function exemptionChanges(base, head, view) {
  const before = coverage(base.exemptions);
  const changes = [];
  for (const e of head.exemptions) {
    const added = [];
    const extended = [];
    let previousExpires;
    for (const rule of e.rules) {
      const prior = before.get(`${userKey(e.user)}\0${rule}`);
      if (prior === void 0) added.push(rule);
      else if (e.expires > prior) {
        extended.push(rule);
        previousExpires = previousExpires === void 0 || prior < previousExpires ? prior : previousExpires;
      }
    }
    const user = e.user;
    const common = {
      user: user?.raw ?? null,
      expires: e.expires,
      approvedBy: e.approvedBy,
      reason: e.reason,
      ...e.ticket ? { ticket: e.ticket } : {},
      ...view && user ? { affected: { label: "who", users: usersWhere(view, (i) => matchesUserRef(view.users[i], user)) } } : {}
    };
    if (added.length > 0) changes.push({ ...common, rules: added, kind: "added" });
    if (extended.length > 0) changes.push({ ...common, rules: extended, kind: "extended", previousExpires });
  }
  return changes;
}

// src/github/policy-impact.ts
var FIX_RANK = { deactivate: 3, lock: 2, "set-role": 1, none: 0 };
function fixText(fix) {
  return fix.action === "set-role" ? `set-role ${fix.role}` : fix.action;
}
function fixWeakened(base, head) {
  if (FIX_RANK[head.action] < FIX_RANK[base.action]) return true;
  return base.action === "set-role" && head.action === "set-role" && base.role.toLowerCase() !== head.role.toLowerCase();
}
function droppedPermissions(before, basePolicy, after, headPolicy) {
  const idOf = (policy, name) => policy.permissions.find((m) => m.name === name)?.id;
  const names = new Set(after.map((n) => n.toLowerCase()));
  const ids = new Set(after.map((n) => idOf(headPolicy, n)).filter((id) => id !== void 0));
  return before.filter((n) => {
    const id = idOf(basePolicy, n);
    return !names.has(n.toLowerCase()) && (id === void 0 || !ids.has(id));
  });
}
function flagged(rule, policy, facts) {
  if (!facts || rule.kind !== "forbid") return null;
  const mappings = new Map(policy.permissions.map((m) => [m.name, m]));
  return evaluateRule(rule, facts, mappings).flatMap((f) => f.user ? [affectedUser(f.user)] : []);
}
function withAffected(label, users) {
  return users ? { affected: { label, users } } : {};
}
function scopeNarrowings(base, head) {
  const out = [];
  if (base.audience !== head.audience && head.audience !== "any") {
    out.push({
      detail: `applies-to audience ${base.audience} \u2192 ${head.audience}`,
      narrowed: { ...base, audience: head.audience }
    });
  }
  const kinds = dropped(base.kinds, head.kinds);
  if (kinds.length > 0) {
    out.push({
      detail: `applies-to kinds no longer include ${kinds.join(", ")}`,
      narrowed: { ...base, kinds: head.kinds }
    });
  }
  const list = (key, b, h) => {
    if (h === void 0) return null;
    if (b === void 0) return `applies-to ${key} now limited to ${h.join(", ")}`;
    const lost = dropped(b, h);
    return lost.length > 0 ? `applies-to ${key} drops ${lost.join(", ")}` : null;
  };
  const roles = list("roles", base.roles, head.roles);
  if (roles) out.push({ detail: roles, narrowed: { ...base, ...head.roles ? { roles: head.roles } : {} } });
  const units = list("business-units", base.businessUnits, head.businessUnits);
  if (units) {
    out.push({
      detail: units,
      narrowed: { ...base, ...head.businessUnits ? { businessUnits: head.businessUnits } : {} }
    });
  }
  if (head.users) {
    const narrowed = { ...base, users: head.users };
    if (!base.users)
      out.push({ detail: "applies-to users now limited to", users: head.users.map((u) => u.raw), narrowed });
    else {
      const lost = addedRefs(head.users, base.users);
      if (lost.length > 0)
        out.push({ detail: "applies-to users drops", users: lost.map((u) => u.raw), narrowed });
    }
  }
  const excepted = addedRefs(base.exceptUsers, head.exceptUsers);
  if (excepted.length > 0) {
    out.push({
      detail: "applies-to except-users adds",
      users: excepted.map((u) => u.raw),
      narrowed: { ...base, exceptUsers: head.exceptUsers }
    });
  }
  if (base.includeInactive && !head.includeInactive) {
    out.push({
      detail: "applies-to no longer includes inactive and locked accounts",
      narrowed: { ...base, includeInactive: false }
    });
  }
  return out;
}
function weakenings(pair) {
  const { base, head, basePolicy, headPolicy, view } = pair;
  const changes = [];
  const rule = head.id;
  const headFlags = () => flagged(head, headPolicy, view?.head);
  if (severityRank(head.severity) > severityRank(base.severity)) {
    changes.push({
      rule,
      kind: "severity-lowered",
      detail: `severity ${base.severity} \u2192 ${head.severity}`,
      ...withAffected("flagged today", headFlags())
    });
  }
  if (base.kind === "forbid" && head.kind === "max-holders") {
    changes.push({
      rule,
      kind: "kind-changed",
      detail: `was forbid, now max-holders (up to ${head.maxHolders.max} allowed)`,
      ...withAffected("flagged under the base rule", flagged(base, basePolicy, view?.base))
    });
  }
  if (base.kind === "forbid" && head.kind === "forbid") {
    if (fixWeakened(base.fix, head.fix)) {
      changes.push({
        rule,
        kind: "fix-weakened",
        detail: `fix ${fixText(base.fix)} \u2192 ${fixText(head.fix)}`,
        ...withAffected("flagged today", headFlags())
      });
    }
    const permissions = droppedPermissions(
      base.forbid.permissions,
      basePolicy,
      head.forbid.permissions,
      headPolicy
    );
    const roles = dropped(base.forbid.roles, head.forbid.roles);
    const account = base.forbid.account && !head.forbid.account;
    const lost = [
      ...permissions.map((p) => `permission ${p}`),
      ...roles.map((r) => `role ${r}`),
      ...account ? ["account"] : []
    ];
    if (lost.length > 0) {
      const lowerRoles = roles.map((r) => r.toLowerCase());
      const select = view ? selectorFor(base.appliesTo) : null;
      changes.push({
        rule,
        kind: "forbids-less",
        detail: `no longer forbids ${lost.join(", ")}`,
        ...view && select ? withAffected(
          "who holds it today",
          usersWhere(view, (i) => {
            const facts = view.base[i];
            return select(facts) && (holdsAnyPermission(facts, permissions) || holdsAnyRole(facts, lowerRoles) || account && facts.activeAccount);
          })
        ) : {}
      });
    }
  }
  if (base.kind === "max-holders" && head.kind === "max-holders") {
    if (head.maxHolders.max > base.maxHolders.max) {
      changes.push({
        rule,
        kind: "max-raised",
        detail: `max ${base.maxHolders.max} \u2192 ${head.maxHolders.max}`
      });
    }
    const permissions = droppedPermissions(
      base.maxHolders.permissions,
      basePolicy,
      head.maxHolders.permissions,
      headPolicy
    );
    const roles = dropped(base.maxHolders.roles, head.maxHolders.roles);
    if (permissions.length + roles.length > 0) {
      const lowerRoles = roles.map((r) => r.toLowerCase());
      const select = view ? selectorFor(base.appliesTo) : null;
      changes.push({
        rule,
        kind: "counts-less",
        detail: `no longer counts ${[...permissions.map((p) => `permission ${p}`), ...roles.map((r) => `role ${r}`)].join(", ")}`,
        ...view && select ? withAffected(
          "who holds it today",
          usersWhere(view, (i) => {
            const facts = view.base[i];
            return select(facts) && (holdsAnyPermission(facts, permissions) || holdsAnyRole(facts, lowerRoles));
          })
        ) : {}
      });
    }
  }
  for (const narrowing of scopeNarrowings(base.appliesTo, head.appliesTo)) {
    const before = view ? selectorFor(base.appliesTo) : null;
    const after = view ? selectorFor(narrowing.narrowed) : null;
    changes.push({
      rule,
      kind: "scope-narrowed",
      detail: narrowing.detail,
      ...narrowing.users ? { users: narrowing.users } : {},
      ...view && before && after ? withAffected(
        "who leaves its scope",
        // the head's facts on both sides: only the selector differs
        usersWhere(view, (i) => before(view.head[i]) && !after(view.head[i]))
      ) : {}
    });
  }
  return changes;
}
function ruleChanges(base, head, view) {
  const heads = new Map(head.rules.map((r) => [r.id, r]));
  const changes = [];
  for (const b of base.rules) {
    const h = heads.get(b.id);
    if (!h) {
      changes.push({
        rule: b.id,
        kind: "removed",
        detail: `removed (was ${b.severity})`,
        ...withAffected("flagged today", flagged(b, base, view?.base))
      });
    } else changes.push(...weakenings({ base: b, head: h, basePolicy: base, headPolicy: head, view }));
  }
  return changes;
}

// src/github/pr-comment.ts
var TABLE_LIMIT = 50;
var AFFECTED_LIMIT = 10;
function impactMarker(policyPath) {
  return `<!-- servicetitan-access-guard:impact policy=${markerValue(policyPath)} -->`;
}
function renderImpactComment(report, opts) {
  return assemble([`${impactMarker(opts.policyPath)}
`, ...impactPieces(report, opts)]);
}
function renderImpactMarkdown(report, opts) {
  return assemble(impactPieces(report, opts));
}
function userRef(raw, redacted) {
  if (!redacted) return raw;
  if (raw.includes("@")) return maskEmail(raw);
  if (raw.toLowerCase().startsWith("login:")) return `login:${maskName(raw.slice(6))}`;
  return raw;
}
function plural(n) {
  return n === 1 ? "" : "s";
}
function accountLabel(u, redacted) {
  const name = redacted ? maskName(u.name) : u.name;
  const contact = u.email ?? u.login;
  const shown = contact && redacted ? contact.includes("@") ? maskEmail(contact) : maskName(contact) : contact;
  return `${inlineMarkdown(name, 80)} (${shown ? `${inlineMarkdown(shown, 80)}, ` : ""}${u.kind} ${u.id})`;
}
function accounts(affected, redacted) {
  if (affected.users.length === 0) return "no account today";
  const shown = affected.users.slice(0, AFFECTED_LIMIT).map((u) => accountLabel(u, redacted));
  const more = affected.users.length - AFFECTED_LIMIT;
  return shown.join(", ") + (more > 0 ? `, and ${more} more` : "");
}
function affectedText(affected, redacted) {
  return affected ? ` \u2014 ${inlineMarkdown(affected.label, 80)}: ${accounts(affected, redacted)}` : "";
}
function refsText(users, redacted) {
  return users?.length ? ` ${users.map((u) => inlineMarkdown(userRef(u, redacted), 120)).join(", ")}` : "";
}
function maskEmailsIn(text, redacted) {
  return redacted ? replaceEmails(text, maskEmail) : text;
}
function impactPieces(report, opts) {
  const redacted = report.redacted;
  const head = inlineMarkdown(opts.policyPath, 160);
  const base = inlineMarkdown(opts.basePath ?? `base:${opts.policyPath}`, 160);
  const tenant = report.tenant ? `tenant ${inlineMarkdown(report.tenant, 40)} (${report.environment})` : report.environment;
  const run = opts.runUrl ? ` \xB7 [run](${opts.runUrl})` : "";
  const pieces = [
    `## ServiceTitan policy impact

${base} \u2192 ${head}, against ${tenant}, ${report.counts.users} users${run}
`
  ];
  const comparison = report.comparison;
  if (!comparison) {
    pieces.push("\nThe base policy could not be evaluated, so there is no comparison; see the run log.\n");
  }
  const headById = new Map(report.findings.map((f) => [f.id, f]));
  const baseFindings = opts.baseFindings ? redacted ? redactFindings(report, opts.baseFindings) : opts.baseFindings : comparison?.resolvedFindings;
  const baseById = new Map((baseFindings ?? []).map((f) => [f.id, f]));
  const added = (comparison?.added ?? []).map((id) => headById.get(id)).filter((f) => f !== void 0);
  const resolvedIds = comparison?.resolved ?? [];
  const resolved = resolvedIds.map((id) => baseById.get(id)).filter((f) => f !== void 0);
  const unknownResolved = resolvedIds.filter((id) => !baseById.has(id));
  const exempted = (comparison?.exempted ?? []).map((id) => headById.get(id)).filter((f) => f !== void 0);
  const { basePolicy, headPolicy } = opts;
  const compared = basePolicy !== void 0 && headPolicy !== void 0;
  const view = compared && opts.snapshot ? tenantView(opts.snapshot, basePolicy, headPolicy) : void 0;
  const exemptions = compared ? exemptionChanges(basePolicy, headPolicy, view) : [];
  const rules = compared ? ruleChanges(basePolicy, headPolicy, view) : [];
  const guards = compared ? guardChanges(basePolicy, headPolicy, view) : [];
  const loosenings = exemptions.length + rules.length + guards.length;
  if (comparison) {
    const findings = `**${comparisonCounts(comparison)}**`;
    const parts = [
      [exemptions.length, "exemption change"],
      [rules.length, "rule change"],
      [guards.length, "trust or safety change"]
    ];
    const loosened = loosenings > 0 ? ` \xB7 **${loosenings} loosening${plural(loosenings)}**: ` + parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}${plural(n)}`).join(", ") : compared ? " \xB7 loosens nothing" : "";
    pieces.push(`
${findings}${loosened}
`);
  }
  if (added.length > 0) {
    pieces.push(`
### Findings this change adds (${added.length})

`, ...findingTable(added, TABLE_LIMIT));
  }
  if (resolvedIds.length > 0) {
    pieces.push(
      `
### Findings this change resolves (${resolvedIds.length})

`,
      ...findingTable(resolved, TABLE_LIMIT)
    );
    if (unknownResolved.length > 0) {
      const ids = unknownResolved.slice(0, TABLE_LIMIT).map((id) => inlineMarkdown(id, 40));
      pieces.push(
        `
Also resolved (ids): ${ids.join(", ")}${unknownResolved.length > TABLE_LIMIT ? ", \u2026" : ""}
`
      );
    }
  }
  if (exempted.length > 0) pieces.push(...exemptedTable(exempted));
  if (exemptions.length > 0) pieces.push(...exemptionTable(exemptions, redacted));
  if (rules.length > 0) pieces.push(...ruleList(rules, redacted));
  if (guards.length > 0) pieces.push(...guardList(guards, redacted));
  if (comparison && loosenings === 0) {
    const unchanged = added.length + resolvedIds.length + exempted.length === 0;
    if (!compared) {
      if (unchanged) pieces.push("\nThis change neither adds nor resolves findings.\n");
    } else if (unchanged) {
      pieces.push("\nThis change neither adds nor resolves findings, and loosens nothing.\n");
    } else {
      pieces.push(
        "\nThis change loosens nothing: no exemption, rule, audience, permission mapping or safety guard is weaker.\n"
      );
    }
  }
  if (redacted) pieces.push("\nNames and emails are masked.\n");
  return pieces;
}
function redactFindings(report, findings) {
  return redactReport({ ...report, findings, plan: [], refusals: [], errors: [], discovery: void 0 }).findings;
}
function exemptedTable(findings) {
  const rows = [...findings].sort(bySeverity).slice(0, TABLE_LIMIT).map((f) => {
    const x = f.exemption;
    const reason = inlineMarkdown(x.reason, 200) + (x.ticket ? ` \xB7 ${inlineMarkdown(x.ticket, 40)}` : "");
    return `| ${f.severity} | ${inlineMarkdown(f.rule, 80)} | ${userCell(f)} | ${inlineMarkdown(holdings(f), 300)} | ${inlineMarkdown(x.expires, 20)} | ${inlineMarkdown(x.approvedBy, 120)} | ${reason} |
`;
  });
  const more = findings.length > TABLE_LIMIT ? [`
_and ${findings.length - TABLE_LIMIT} more_
`] : [];
  return [
    `
### Findings this change exempts (${findings.length})

`,
    "Still there: an exemption this change adds or extends now accepts them.\n\n",
    "| Severity | Rule | User | Holds | Until | Approved by | Reason |\n| --- | --- | --- | --- | --- | --- | --- |\n",
    ...rows,
    ...more
  ];
}
function exemptionTable(changes, redacted) {
  const rows = changes.slice(0, TABLE_LIMIT).map((c) => {
    const ref = c.user === null ? "_tenant-level_" : inlineMarkdown(userRef(c.user, redacted), 120);
    const who = c.affected ? `${ref}<br>${accounts(c.affected, redacted)}` : ref;
    const until = c.kind === "extended" ? `${inlineMarkdown(c.expires)} (extended from ${inlineMarkdown(c.previousExpires ?? "?")})` : `${inlineMarkdown(c.expires)} (new)`;
    const reason = inlineMarkdown(maskEmailsIn(c.reason, redacted), 200) + (c.ticket ? ` \xB7 ${inlineMarkdown(c.ticket, 40)}` : "");
    const approver = inlineMarkdown(redacted ? maskEmail(c.approvedBy) : c.approvedBy, 120);
    return `| ${who} | ${c.rules.map((r) => inlineMarkdown(r, 80)).join(", ")} | ${until} | ${approver} | ${reason} |
`;
  });
  const more = changes.length > TABLE_LIMIT ? [`
_and ${changes.length - TABLE_LIMIT} more_
`] : [];
  return [
    `
### Exemptions this change adds or extends (${changes.length})

`,
    "| User | Rules | Until | Approved by | Reason |\n| --- | --- | --- | --- | --- |\n",
    ...rows,
    ...more
  ];
}
function ruleList(changes, redacted) {
  const lines = changes.slice(0, TABLE_LIMIT).map(
    (c) => `- ${inlineMarkdown(c.rule, 80)}: ${inlineMarkdown(c.detail, 200)}${refsText(c.users, redacted)}${affectedText(c.affected, redacted)}
`
  );
  if (changes.length > TABLE_LIMIT) lines.push(`- and ${changes.length - TABLE_LIMIT} more
`);
  return [`
### Rules this change removes or weakens (${changes.length})

`, ...lines];
}
function guardList(changes, redacted) {
  const lines = changes.slice(0, TABLE_LIMIT).map(
    (c) => `- ${inlineMarkdown(c.key, 80)}: ${inlineMarkdown(c.detail, 200)}${refsText(c.users, redacted)}${affectedText(c.affected, redacted)}
`
  );
  if (changes.length > TABLE_LIMIT) lines.push(`- and ${changes.length - TABLE_LIMIT} more
`);
  return [`
### Trust and safety this change loosens (${changes.length})

`, ...lines];
}
async function upsertImpactComment(ctx, body, opts) {
  const { logger } = opts;
  const number = pullRequestNumber(ctx);
  if (number === null) {
    logger.debug("Not a pull request: no impact comment.");
    return { id: null, action: "none" };
  }
  const marker = impactMarker(opts.policyPath);
  const text = body.includes(marker) ? body : `${marker}
${body}`;
  const octokit = gitHubClient(ctx, logger);
  const issue = { owner: ctx.owner, repo: ctx.repo, issue_number: number };
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: 100 });
    const existing = comments.find((c) => (c.body ?? "").includes(marker));
    if (!existing) {
      const { data } = await octokit.rest.issues.createComment({ ...issue, body: text });
      return { id: data.id, action: "created" };
    }
    if (existing.body === text) return { id: existing.id, action: "unchanged" };
    await octokit.rest.issues.updateComment({
      owner: ctx.owner,
      repo: ctx.repo,
      comment_id: existing.id,
      body: text
    });
    return { id: existing.id, action: "updated" };
  } catch (error) {
    const status = statusOf(error);
    const hint = status === 403 || status === 404 ? " The token cannot comment here (a pull request from a fork gets a read-only token); add `permissions: pull-requests: write` to the job for same-repository pull requests." : " The run goes on.";
    logger.warning(
      `Could not write the policy impact comment on #${number} (${describeFailure(error)}).${hint}`
    );
    return { id: null, action: "none" };
  }
}

// src/github/tracking-issue.ts
var DEFAULT_TRACKING_LABELS = ["servicetitan-access"];
async function syncTrackingIssue(ctx, report, opts) {
  const { logger } = opts;
  if (report.status === "error" || report.mode !== "audit" && report.mode !== "apply") {
    logger.info("Tracking issue left as it is: this run did not complete an audit.");
    return { number: null, action: "none" };
  }
  const labels = opts.labels?.length ? opts.labels : DEFAULT_TRACKING_LABELS;
  const octokit = gitHubClient(ctx, logger);
  try {
    const result = await sync(octokit, ctx, report, { ...opts, labels });
    logger.info(
      result.number === null ? "No tracking issue: no open findings." : `Tracking issue #${result.number}: ${result.action}.`
    );
    return result;
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404) {
      logger.warning(
        `Could not update the tracking issue (${describeFailure(error)}): the token cannot write issues in ${ctx.owner}/${ctx.repo}. Add \`permissions: issues: write\` to the job (or set \`issue: false\`).`
      );
    } else if (status === 410) {
      logger.warning("Could not update the tracking issue: issues are disabled in this repository.");
    } else {
      logger.warning(`Could not update the tracking issue: ${describeFailure(error)}. The run goes on.`);
    }
    return { number: null, action: "none" };
  }
}
async function sync(octokit, ctx, report, opts) {
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const open = openFindings(report);
  const body = trackingBody(report, opts.policyPath, ctx.runUrl);
  const existing = await findTrackingIssue(octokit, ctx, report.tenant, opts);
  const nothingOpen = { count: 0, digest: findingsDigest([]), findings: [] };
  if (!existing) {
    opts.onPrevious?.(nothingOpen);
    if (open.length === 0) return { number: null, action: "none" };
    await ensureLabels(octokit, ctx, opts.labels);
    const { data } = await octokit.rest.issues.create({
      ...repo,
      title: trackingTitle(report),
      body,
      labels: opts.labels
    });
    return { number: data.number, action: "created" };
  }
  const issue = { ...repo, issue_number: existing.number };
  const wasOpen = existing.state === "open";
  const before = wasOpen ? trackedState(existing.body) : nothingOpen;
  opts.onPrevious?.(before);
  const result = (action) => ({ number: existing.number, action });
  if (open.length === 0) {
    if (!wasOpen) return result("unchanged");
    await octokit.rest.issues.update({ ...issue, body });
    await octokit.rest.issues.createComment({ ...issue, body: closingComment(report, ctx.runUrl) });
    await octokit.rest.issues.update({ ...issue, state: "closed", state_reason: "completed" });
    return result("closed");
  }
  if (!wasOpen) {
    await octokit.rest.issues.update({ ...issue, body, state: "open" });
    const comment = changeComment({ added: open, resolved: [] }, true, ctx.runUrl);
    await octokit.rest.issues.createComment({ ...issue, body: comment });
    return result("reopened");
  }
  if (existing.body === body) return result("unchanged");
  const changes = before ? findingChanges(open, before) : null;
  await octokit.rest.issues.update({ ...issue, body });
  if (changes) {
    await octokit.rest.issues.createComment({ ...issue, body: changeComment(changes, false, ctx.runUrl) });
  }
  return result("updated");
}
async function findTrackingIssue(octokit, ctx, tenant, opts) {
  const marker = trackingMarker(tenant, opts.policyPath);
  const creator = opts.creator ?? await tokenLogin(octokit, opts.logger);
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
    owner: ctx.owner,
    repo: ctx.repo,
    // the first label only: an issue someone later gave more labels to is still ours
    labels: opts.labels[0],
    state: "all",
    per_page: 100,
    ...creator ? { creator } : {}
  });
  const ours = issues.filter((i) => !i.pull_request && (i.body ?? "").includes(marker)).sort((a, b) => a.number - b.number);
  const chosen = ours.find((i) => i.state === "open") ?? ours[0];
  return chosen ? { number: chosen.number, state: chosen.state, body: chosen.body ?? "" } : null;
}
async function tokenLogin(octokit, logger) {
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return data.login;
  } catch (error) {
    logger.debug(`Token user unknown (${describeFailure(error)}); listing tracking issues by label only.`);
    return void 0;
  }
}
async function ensureLabels(octokit, ctx, labels) {
  for (const name of labels) {
    try {
      await octokit.rest.issues.createLabel({
        owner: ctx.owner,
        repo: ctx.repo,
        name,
        color: "b60205",
        description: "ServiceTitan access findings"
      });
    } catch (error) {
      if (statusOf(error) !== 422) throw error;
    }
  }
}

// src/github/publish.ts
function contextFor(settings, env = process.env) {
  return gitHubContext(env, settings.githubToken, settings.event.payload);
}
async function basePolicyReader(settings, logger) {
  const ctx = contextFor(settings);
  if (!ctx) {
    logger.warning(
      "No github-token: the base branch policy cannot be read, so the policy impact is not shown."
    );
    return null;
  }
  const base = await fetchBasePolicy(ctx, settings.policyPath, logger);
  return base ? { text: base.text, path: base.path } : null;
}
async function publishToGitHub(settings, result, logger) {
  const outcome = { issueNumber: null, issueUrl: null, impactMarkdown: null };
  const ctx = contextFor(settings);
  const { report } = result;
  if (settings.event.isPullRequest && result.baseline && report.comparison) {
    const options = {
      policyPath: settings.policyPath,
      basePath: `base:${settings.policyPath}`,
      baseFindings: result.baseline.findings,
      basePolicy: result.baseline.policy,
      ...result.policy ? { headPolicy: result.policy } : {},
      snapshot: result.snapshot,
      ...ctx?.runUrl ? { runUrl: ctx.runUrl } : {}
    };
    outcome.impactMarkdown = renderImpactMarkdown(report, options);
    if (ctx) {
      await upsertImpactComment(ctx, renderImpactComment(report, options), {
        policyPath: settings.policyPath,
        logger
      });
    }
  }
  if (settings.issue) {
    if (!ctx) {
      logger.warning(
        "`issue: true` needs a github-token and GITHUB_REPOSITORY; the tracking issue was not updated."
      );
    } else if (settings.event.isPullRequest) {
      logger.info("The tracking issue follows scheduled and manual runs, not pull requests; left as it is.");
    } else {
      const tracked = await syncTrackingIssue(ctx, report, {
        policyPath: settings.policyPath,
        labels: settings.issueLabels,
        logger,
        onPrevious: (state) => void (outcome.trackedBefore = state)
      });
      outcome.issueNumber = tracked.number;
      if (tracked.number !== null) {
        outcome.issueUrl = `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/issues/${tracked.number}`;
      }
      if (tracked.number !== null) logger.info(`Tracking issue #${tracked.number}: ${tracked.action}`);
    }
  }
  return outcome;
}
export {
  basePolicyReader,
  contextFor,
  publishToGitHub
};
