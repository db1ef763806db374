import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  apiAccessPermission,
  apiAccessSteps,
  deactivateStep,
  evaluateRule
} from "./chunk-RVGYP44D.js";
import "./chunk-IT2UQP36.js";
import {
  baselineDirectories,
  readIdentity,
  unmatchedAccounts
} from "./chunk-WA7LLQF5.js";
import {
  applyRefusals,
  confirmation,
  emptyOutcome,
  executeIfAllowed,
  referenceUnmatchedFindings
} from "./chunk-ZOFDRLIM.js";
import "./chunk-RLNXQJHY.js";
import {
  findingId
} from "./chunk-UBDJSMVH.js";
import "./chunk-5ZIREPRA.js";
import "./chunk-76T6MM7J.js";
import {
  adminRoleNames,
  holdsAdminRole,
  minAdminsRefusal,
  planRefusals,
  protectedRefusal
} from "./chunk-PNQK3LOO.js";
import {
  describeUser,
  indexUsers,
  toFindingUser,
  userKey
} from "./chunk-F7KJDFSJ.js";
import "./chunk-T3LMMHA3.js";
import {
  parsePolicy
} from "./chunk-2OMYLHX3.js";
import "./chunk-IKAUNPRK.js";
import "./chunk-B4MPU4M5.js";
import "./chunk-7Y4HBSSD.js";
import {
  applyExemptions,
  exemptionIsActive,
  exemptionKey,
  isExempt,
  selfApprovedExemptions
} from "./chunk-6NYRC7FI.js";
import {
  SEVERITIES
} from "./chunk-44ZEGOLS.js";
import {
  inWorkspace
} from "./chunk-WJCLWKAL.js";
import "./chunk-4X5BYMY3.js";
import "./chunk-WA5K76RQ.js";
import {
  tenantCounts
} from "./chunk-DBYO6JJB.js";
import {
  audienceClassifier,
  listedAudienceClassifier,
  matchesAnyUserRef,
  matchesUserRef
} from "./chunk-EIDODBDB.js";
import {
  editDistance
} from "./chunk-5PL237VK.js";
import "./chunk-7435OWNU.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import {
  ConfigurationError,
  PolicyError
} from "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";

// src/evaluate-tenant.ts
import { readFile as readFile2 } from "node:fs/promises";

// src/engine/builtins.ts
function exemptionSubject(e) {
  return `${e.user ? `for ${e.user.raw}` : "for the tenant"} from ${e.rules.join(", ")}`;
}
function exemptedUser(e, users) {
  if (!e.user) return null;
  const ref = e.user;
  const matching = users.filter((facts) => matchesUserRef(facts.user, ref));
  matching.sort((a, b) => a.user.kind.localeCompare(b.user.kind) || a.user.id - b.user.id);
  return matching[0] ?? null;
}
function exemptionExpiredFinding(e, policy, users) {
  const facts = exemptedUser(e, users);
  const who = facts ? ` (${describeUser(facts)})` : "";
  return {
    id: findingId("exemption-expired", exemptionKey(e)),
    rule: "exemption-expired",
    severity: "high",
    message: `The exemption ${exemptionSubject(e)}${who} expired on ${e.expires}; the findings it covered count again (reason was: ${e.reason})`,
    user: facts ? toFindingUser(facts) : null,
    evidence: { exemption: e.index },
    fix: {
      action: "manual",
      steps: [
        `Edit the exemption at line ${e.position.line} of ${policy.source.path}: renew it with a new expires date and approval, or remove it and fix the findings it covered.`
      ]
    },
    exemption: null,
    location: e.position
  };
}
function exemptionUnusedFinding(e, policy) {
  return {
    id: findingId("exemption-unused", exemptionKey(e)),
    rule: "exemption-unused",
    severity: "low",
    message: `The exemption ${exemptionSubject(e)} (until ${e.expires}) covers no finding; an exemption left in place could hide a future violation`,
    user: null,
    evidence: { exemption: e.index },
    fix: {
      action: "manual",
      steps: [
        `Edit the exemption at line ${e.position.line} of ${policy.source.path}: remove it, or correct its user or rules if it was meant to cover a finding.`
      ]
    },
    exemption: null,
    location: e.position
  };
}
function exemptionFindings(policy, users, used, now) {
  return policy.exemptions.flatMap((e) => {
    if (!exemptionIsActive(e, now)) return [exemptionExpiredFinding(e, policy, users)];
    return used.has(e.index) ? [] : [exemptionUnusedFinding(e, policy)];
  });
}
function permissionUnmappedFindings(policy, users) {
  const missing = new Set(policy.permissions.map((mapping) => String(mapping.id)));
  const looked = /* @__PURE__ */ new Set();
  for (const user of users) {
    if (missing.size === 0) break;
    if (looked.has(user.permissions)) continue;
    looked.add(user.permissions);
    for (const id of missing) if (Object.hasOwn(user.permissions, id)) missing.delete(id);
  }
  return policy.permissions.filter((mapping) => missing.has(String(mapping.id))).map((mapping) => ({
    id: findingId("permission-unmapped", mapping.name),
    rule: "permission-unmapped",
    severity: "high",
    message: `Permission ${mapping.name} is mapped to id ${mapping.id}, which no user in the tenant carries; the mapping is probably wrong, so rules using it cannot find anyone`,
    user: null,
    evidence: { permission: mapping.name },
    fix: {
      action: "manual",
      steps: [
        `Check the permission id at line ${mapping.position.line} of ${policy.source.path} with \`st-access-guard discover\` and correct it.`
      ]
    },
    exemption: null,
    location: mapping.position
  }));
}

// src/engine/nearest.ts
function nearest(word, candidates) {
  let best = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of [...candidates].sort()) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

// src/engine/role-directory.ts
function kindsOf(role) {
  const type = role.employeeType.toLowerCase();
  if (type === "employee") return ["employee"];
  if (type === "technician") return ["technician"];
  return ["employee", "technician"];
}
function roleIdsByName(roles) {
  const byName = /* @__PURE__ */ new Map();
  for (const role of [...roles].sort((a, b) => a.id - b.id)) {
    if (!role.active) continue;
    const key = role.name.toLowerCase();
    const ids = byName.get(key) ?? {};
    for (const kind of kindsOf(role)) ids[kind] ??= role.id;
    byName.set(key, ids);
  }
  return byName;
}
function resolveRoleId(directory, role, kind) {
  return directory.get(role.toLowerCase())?.[kind] ?? null;
}
function resolveFixRoles(policy, snapshot) {
  const directory = roleIdsByName(snapshot.roles);
  const activeNames = [...new Set(snapshot.roles.filter((r) => r.active).map((r) => r.name))];
  const issues = [];
  for (const rule of policy.rules) {
    if (rule.kind !== "forbid" || rule.fix.action !== "set-role") continue;
    const wanted = rule.fix.role;
    if (directory.has(wanted.toLowerCase())) continue;
    const inactive = snapshot.roles.some((r) => r.name.toLowerCase() === wanted.toLowerCase());
    const closest = nearest(wanted, activeNames);
    issues.push({
      file: policy.source.path,
      line: rule.position.line,
      column: rule.position.column,
      code: "policy.unknown-role",
      message: inactive ? `Rule ${rule.id} sets role ${wanted}, which is inactive in the tenant` : `Rule ${rule.id} sets role ${wanted}, which is not a role in the tenant`,
      hint: inactive ? `Activate ${wanted} in ServiceTitan or choose an active role${closest ? ` such as "${closest}"` : ""}.` : closest ? `Did you mean "${closest}"? Role names come from the tenant's user roles.` : "The tenant has no active roles; check the credentials and tenant."
    });
  }
  return issues;
}

// src/engine/plan.ts
var STRENGTH = { deactivate: 3, lock: 2, "set-role": 1 };
function plannable(finding) {
  return finding.user !== null && !isExempt(finding) && finding.fix.action !== "manual";
}
function isNoOp(action, user, roleId) {
  if (action === "deactivate") return !user.active;
  if (action === "lock") return user.locked;
  return roleId !== null && user.roleIds.length === 1 && user.roleIds[0] === roleId;
}
function sortedUnique(values) {
  return [...new Set(values)].sort();
}
function stepFor(wanted, roles, problems) {
  const { user, findings } = wanted;
  const action = findings.map((f) => f.fix.action).reduce((a, b) => STRENGTH[b] > STRENGTH[a] ? b : a);
  const step = {
    action,
    user: { kind: user.kind, id: user.id, userId: user.userId, name: user.name, email: user.email },
    rules: sortedUnique(findings.map((f) => f.rule)),
    findings: sortedUnique(findings.map((f) => f.id)),
    status: "planned",
    before: { active: user.active, locked: user.locked, roleIds: [...user.roleIds] }
  };
  let roleId = null;
  if (action === "set-role") {
    const targets = sortedUnique(findings.flatMap((f) => f.fix.action === "set-role" ? [f.fix.role] : []));
    const distinct = [...new Set(targets.map((t) => t.toLowerCase()))];
    step.role = targets[0] ?? "";
    if (distinct.length > 1) {
      step.status = "skipped";
      step.reason = `conflicting set-role targets: ${targets.join(", ")}`;
      problems.push({ step, problem: "conflict", roles: targets });
    } else {
      roleId = resolveRoleId(roles, step.role, user.kind);
      if (roleId === null) {
        step.status = "skipped";
        step.reason = `no active ${user.kind} role named ${step.role} in the tenant`;
        problems.push({ step, problem: "unknown-role", roles: [step.role] });
      } else {
        step.roleId = roleId;
      }
    }
  }
  if (step.status === "planned" && isNoOp(action, user, roleId)) return null;
  return step;
}
function usersWithFindings(snapshot, findings) {
  const wanted = /* @__PURE__ */ new Map();
  for (const finding of findings) {
    if (!plannable(finding) || finding.user === null) continue;
    const ids = wanted.get(finding.user.kind) ?? /* @__PURE__ */ new Set();
    ids.add(finding.user.id);
    wanted.set(finding.user.kind, ids);
  }
  const found = /* @__PURE__ */ new Map();
  if (wanted.size === 0) return found;
  for (const user of snapshot.users) {
    if (wanted.get(user.kind)?.has(user.id)) found.set(userKey(user), user);
  }
  return found;
}
function buildPlan(policy, snapshot, findings, roleIdsByName2) {
  const usersByKey = usersWithFindings(snapshot, findings);
  const wantedByUser = /* @__PURE__ */ new Map();
  for (const finding of findings) {
    if (!plannable(finding) || finding.user === null) continue;
    const key = userKey(finding.user);
    const user = usersByKey.get(key);
    if (!user) continue;
    const wanted = wantedByUser.get(key) ?? { user, findings: [] };
    wanted.findings.push(finding);
    wantedByUser.set(key, wanted);
  }
  const problems = [];
  const plan = [];
  for (const wanted of wantedByUser.values()) {
    const step = stepFor(wanted, roleIdsByName2, problems);
    if (!step) continue;
    if (matchesAnyUserRef(wanted.user, policy.safety.protectedUsers)) {
      step.status = "skipped";
      step.reason = "protected user";
    }
    plan.push(step);
  }
  plan.sort((a, b) => a.user.kind.localeCompare(b.user.kind) || a.user.id - b.user.id);
  return { plan, refusals: planRefusals(policy, snapshot, plan, findings, problems) };
}

// src/engine/identity-join.ts
var STATE_RANK = {
  active: 0,
  leave: 1,
  suspended: 2,
  terminated: 3
};
function lower(text) {
  return /[A-Z]/.test(text) ? text.toLowerCase() : text;
}
function indexDirectory(directory) {
  const byAad = /* @__PURE__ */ new Map();
  const byEmail2 = /* @__PURE__ */ new Map();
  const people = directory.people;
  for (let p = 0; p < people.length; p++) {
    const person = people[p];
    if (person.aadObjectId) byAad.set(lower(person.aadObjectId), person);
    const emails = person.emails;
    for (let e = 0; e < emails.length; e++) {
      const email = lower(emails[e]);
      const other = byEmail2.get(email);
      if (other === void 0 || STATE_RANK[person.state] < STATE_RANK[other.state])
        byEmail2.set(email, person);
    }
  }
  return { directory, byAad, byEmail: byEmail2 };
}
function orderedDirectories(identity, directories) {
  const bySource = new Map(directories.map((d) => [d.sourceId, d]));
  return identity.sources.map((source) => {
    const directory = bySource.get(source.id);
    if (!directory) throw new Error(`identity source ${source.id} was not read before evaluation`);
    return indexDirectory(directory);
  });
}
function address(raw) {
  if (raw === null) return null;
  const text = lower(raw.trim());
  return text === "" ? null : text;
}
function byEmail(indexed, email, login) {
  return (email !== null ? indexed.byEmail.get(email) : void 0) ?? (login !== null ? indexed.byEmail.get(login) : void 0);
}
function identityOf(directory, person, matchedBy) {
  return {
    source: directory.sourceId,
    personId: person.personId,
    state: person.state,
    matchedBy,
    lastSignIn: person.lastSignIn
  };
}
function joinIdentities(identity, users, directories) {
  const ordered = orderedDirectories(identity, directories);
  const entra = ordered.filter((d) => d.directory.kind === "entra");
  const aadJoins = identity.match.includes("aad");
  const match = identity.match;
  const joined = new Array(users.length);
  for (let u = 0; u < users.length; u++) {
    const user = users[u];
    const aad = address(user.aadUserId);
    const email = address(user.email);
    const loginText = address(user.login);
    const login = loginText !== null && loginText !== email && loginText.includes("@") ? loginText : null;
    let person;
    let from;
    let key = "aad";
    for (let s = 0; s < ordered.length && person === void 0; s++) {
      from = ordered[s];
      for (let k = 0; k < match.length && person === void 0; k++) {
        key = match[k];
        person = key === "aad" ? aad !== null ? from.byAad.get(aad) : void 0 : byEmail(from, email, login);
      }
    }
    let dangling = aad !== null && entra.length > 0;
    for (let d = 0; dangling && d < entra.length; d++) if (entra[d].byAad.has(aad)) dangling = false;
    let ssoTarget = null;
    for (let d = 0; dangling && ssoTarget === null && d < entra.length; d++) {
      const other = byEmail(entra[d], email, login);
      if (other) ssoTarget = { directory: entra[d].directory, person: other };
    }
    if (person !== void 0 && from !== void 0) {
      joined[u] = {
        identity: identityOf(from.directory, person, key),
        person,
        directory: from.directory,
        ssoTarget
      };
    } else if (dangling && aadJoins) {
      const directory = entra[0].directory;
      joined[u] = {
        identity: {
          source: directory.sourceId,
          personId: aad,
          state: "deleted",
          matchedBy: "aad",
          lastSignIn: null
        },
        person: null,
        directory,
        ssoTarget
      };
    } else {
      joined[u] = { identity: null, person: null, directory: null, ssoTarget };
    }
  }
  return joined;
}
function directoryAudience(person) {
  switch (person?.type) {
    case "contractor":
    case "guest":
      return "external";
    case "employee":
    case "member":
      return "internal";
    default:
      return null;
  }
}
function identityAudiences(org, users, joined) {
  const listed = listedAudienceClassifier(org);
  const byDomain = audienceClassifier(org);
  const audience = new Array(users.length);
  const audienceFrom = new Array(users.length);
  for (let i = 0; i < users.length; i++) {
    const user = users[i];
    const fromList = listed(user);
    const fromDirectory = fromList === null ? directoryAudience(joined[i].person) : null;
    if (fromList !== null) {
      audience[i] = fromList;
      audienceFrom[i] = "list";
    } else if (fromDirectory !== null) {
      audience[i] = fromDirectory;
      audienceFrom[i] = "directory";
    } else {
      audience[i] = byDomain(user);
      audienceFrom[i] = "domain";
    }
  }
  return { audience, audienceFrom };
}

// src/engine/identity.ts
var DAY_MS = 864e5;
function joinForPolicy(identity, org, users, directories) {
  const joined = joinIdentities(identity, users, directories);
  const { audience, audienceFrom } = identityAudiences(org, users, joined);
  return { joined, facts: { identity: joined.map((j) => j.identity), audience, audienceFrom } };
}
function locationOf(identity, sourceId) {
  return (sourceId !== null ? identity.sourcePositions?.[sourceId] : void 0) ?? identity.position ?? { line: 1, column: 1 };
}
function sourceLabel(config, id) {
  const kind = config?.kind === "entra" ? "Microsoft Entra ID" : config?.kind === "google" ? "Google Workspace" : "HR roster";
  return `${id} (${kind})`;
}
function inactiveSince(joined) {
  const person = joined.person;
  if (!person) return null;
  const signIn = person.lastSignIn !== null && Date.parse(person.lastSignIn) > 0 ? person.lastSignIn : null;
  const since = signIn ?? person.createdAt;
  return since !== null && Number.isFinite(Date.parse(since)) ? since : null;
}
function dormantDays(identity, joined, now) {
  const after = identity.dormantAfterDays;
  if (after === null || !joined.directory?.signInReported) return null;
  const state = joined.identity?.state;
  if (state !== "active" && state !== "leave") return null;
  const since = inactiveSince(joined);
  if (since === null) return null;
  const days = Math.floor((now.getTime() - Date.parse(since)) / DAY_MS);
  return days >= after ? days : null;
}
function isLeaver(joined) {
  const state = joined.identity?.state;
  return state === "suspended" || state === "terminated" || state === "deleted";
}
function leaverFinding(judge, facts, joined) {
  const { identity } = judge;
  const who = joined.identity;
  const source = sourceLabel(judge.sources.get(who.source), who.source);
  const permissions = [...facts.heldPermissions];
  const admin = holdsAdminRole(facts.user.roles, facts.user.role, judge.adminRoles);
  const privileged = permissions.length > 0 || admin;
  const state = who.state === "deleted" ? `links to an Entra user (${who.personId}) that ${source} no longer has` : who.state === "suspended" ? `belongs to a person ${source} shows as suspended` : `belongs to a person ${source} shows as gone (terminated)`;
  const holds = [
    ...permissions,
    ...admin ? judge.policy.safety.adminRoles.filter((r) => facts.roles.has(r.toLowerCase())) : []
  ];
  const held = /* @__PURE__ */ new Set();
  for (const name of permissions) {
    const kind = judge.apiPermissions.get(name);
    if (kind) held.add(kind);
  }
  const more = apiAccessSteps(held, facts.user.name);
  const steps = more.length > 0 ? { steps: more } : {};
  const fix = identity.leaverFix === "none" ? { action: "manual", steps: [deactivateStep(facts.user.kind, facts.user.name), ...more] } : { action: identity.leaverFix, ...steps };
  const evidence = {};
  if (permissions.length > 0) evidence.permissions = permissions;
  const roles = holds.slice(permissions.length);
  if (roles.length > 0) evidence.roles = roles;
  return {
    id: findingId("identity-leaver", userKey(facts.user)),
    rule: "identity-leaver",
    severity: privileged ? "critical" : "high",
    message: `${describeUser(facts)} is an active account that ${state}` + (privileged ? `, and it still holds ${holds.join(", ")}` : ""),
    user: toFindingUser(facts),
    evidence,
    fix,
    exemption: null,
    location: locationOf(identity, who.source)
  };
}
function unmatchedFinding(judge, facts, severity) {
  const { identity } = judge;
  const sources = identity.sources.map((s) => s.id).join(", ");
  return {
    id: findingId("identity-unmatched", userKey(facts.user)),
    rule: "identity-unmatched",
    severity,
    message: `${describeUser(facts)} is an active account that no identity source knows (${sources})`,
    user: toFindingUser(facts),
    evidence: {},
    fix: {
      action: "manual",
      steps: [
        `Find out who uses the account. If it is a person, add them to an identity source (${sources}), or correct the account's email in ServiceTitan so it matches theirs.`,
        `If it is a shared or service account that must stay, exempt it from identity-unmatched in the policy with the reason and an owner.`,
        `If nobody needs it: ${deactivateStep(facts.user.kind, facts.user.name)}`
      ]
    },
    exemption: null,
    location: locationOf(identity, null)
  };
}
function dormantFinding(judge, facts, joined, days) {
  const { identity } = judge;
  const who = joined.identity;
  const since = inactiveSince(joined);
  const source = sourceLabel(judge.sources.get(who.source), who.source);
  const what = who.lastSignIn === null || Date.parse(who.lastSignIn) <= 0 ? `has never signed in to ${source} since the person was created there on ${since.slice(0, 10)}` : `has not signed in to ${source} since ${since.slice(0, 10)}`;
  return {
    id: findingId("identity-dormant", userKey(facts.user)),
    rule: "identity-dormant",
    severity: "low",
    message: `${describeUser(facts)} ${what}: ${days} days, more than the ${identity.dormantAfterDays} days identity.dormant-after-days allows`,
    user: toFindingUser(facts),
    evidence: { inactiveSince: since },
    fix: {
      action: "manual",
      steps: [
        `Ask the person (or their manager) whether they still need ServiceTitan. If not: ${deactivateStep(facts.user.kind, facts.user.name)}`
      ]
    },
    exemption: null,
    location: locationOf(identity, who.source)
  };
}
function ssoBrokenFinding(judge, facts, joined) {
  const target = joined.ssoTarget;
  const source = sourceLabel(judge.sources.get(target.directory.sourceId), target.directory.sourceId);
  const screen = `Settings > People > ${facts.user.kind === "employee" ? "Employees" : "Technicians"} > ${facts.user.name}`;
  return {
    id: findingId("identity-sso-broken", userKey(facts.user)),
    rule: "identity-sso-broken",
    severity: "medium",
    message: `${describeUser(facts)} is linked to Entra user ${facts.user.aadUserId}, which ${source} does not have, while its email belongs to Entra user ${target.person.personId}: its single sign-on link is broken`,
    user: toFindingUser(facts),
    evidence: { entraUser: { source: target.directory.sourceId, personId: target.person.personId } },
    fix: {
      action: "manual",
      steps: [
        `In ServiceTitan, open ${screen} and connect the account to Microsoft again, so it is linked to Entra user ${target.person.personId}; if the email belongs to someone else, correct the email instead.`
      ]
    },
    exemption: null,
    location: locationOf(judge.identity, target.directory.sourceId)
  };
}
function dormancyUnavailable(directory) {
  if (directory.signInReported) return null;
  if (directory.signInUnavailable) return directory.signInUnavailable;
  return directory.kind === "csv" ? "an HR roster does not record sign-ins" : "the directory reported no sign-in times";
}
function rosterOf(users, facts) {
  let byKey = null;
  return (user) => {
    if (byKey === null) {
      byKey = /* @__PURE__ */ new Map();
      for (let i2 = 0; i2 < users.length; i2++) byKey.set(userKey(users[i2]), i2);
    }
    const i = byKey.get(userKey(user));
    if (i === void 0) return void 0;
    return {
      identity: facts.identity[i] ?? null,
      audience: facts.audience[i],
      audienceFrom: facts.audienceFrom[i]
    };
  };
}
function judgeIdentity(policy, identity, users, joined, directories, now) {
  const judge = {
    policy,
    identity,
    sources: new Map(identity.sources.map((s) => [s.id, s])),
    adminRoles: new Set(adminRoleNames(policy).map((r) => r.toLowerCase())),
    apiPermissions: new Map(
      policy.permissions.flatMap((m) => {
        const kind = apiAccessPermission(m);
        return kind ? [[m.name, kind]] : [];
      })
    ),
    now
  };
  const directoryOf = new Map(directories.map((d) => [d.sourceId, d]));
  const sources = identity.sources.map((s) => {
    const directory = directoryOf.get(s.id);
    return {
      id: s.id,
      kind: s.kind,
      people: directory?.people.length ?? 0,
      matched: 0,
      leavers: 0,
      dormant: 0,
      dormancyUnavailable: directory ? dormancyUnavailable(directory) : null
    };
  });
  const bySource = new Map(sources.map((s) => [s.id, s]));
  const summary = {
    accounts: 0,
    matched: 0,
    unmatched: 0,
    leavers: 0,
    dormant: 0,
    ssoBroken: 0,
    dormantAfterDays: identity.dormantAfterDays,
    sources
  };
  const findings = [];
  const unmatched = [];
  for (let i = 0; i < users.length; i++) {
    const facts = users[i];
    const join = joined.joined[i];
    if (join.ssoTarget) {
      summary.ssoBroken += 1;
      findings.push(ssoBrokenFinding(judge, facts, join));
    }
    if (!facts.activeAccount) continue;
    summary.accounts += 1;
    if (join.identity === null) {
      summary.unmatched += 1;
      const finding = identity.unmatched !== "ignore" ? unmatchedFinding(judge, facts, identity.unmatched) : null;
      if (finding) findings.push(finding);
      unmatched.push(finding?.user ?? toFindingUser(facts));
      continue;
    }
    summary.matched += 1;
    const source = bySource.get(join.identity.source);
    if (source) source.matched += 1;
    if (isLeaver(join)) {
      summary.leavers += 1;
      if (source) source.leavers += 1;
      findings.push(leaverFinding(judge, facts, join));
      continue;
    }
    const days = dormantDays(identity, join, now);
    if (days !== null) {
      summary.dormant += 1;
      if (source) source.dormant += 1;
      findings.push(dormantFinding(judge, facts, join, days));
    }
  }
  const roster = rosterOf(
    users.map((f) => f.user),
    joined.facts
  );
  return { findings, evaluation: { summary, roster, unmatched } };
}

// src/engine/evaluate.ts
var severityRank = new Map(SEVERITIES.map((severity, rank) => [severity, rank]));
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function compareFindingOrder(a, b) {
  return (severityRank.get(a.severity) ?? 0) - (severityRank.get(b.severity) ?? 0) || compareText(a.rule, b.rule) || compareText(a.user?.kind ?? "", b.user?.kind ?? "") || (a.user?.id ?? -1) - (b.user?.id ?? -1) || compareText(a.id, b.id);
}
function countFindings(snapshot, findings, audiences) {
  const counts = tenantCounts(snapshot, audiences.filter((audience) => audience === "external").length);
  for (const finding of findings) {
    if (isExempt(finding)) {
      counts.exempted += 1;
    } else {
      counts.findings += 1;
      counts[finding.severity] += 1;
    }
  }
  return counts;
}
function evaluate(policy, snapshot, now, directories = []) {
  const identity = policy.identity ? joinForPolicy(policy.identity, policy.organization, snapshot.users, directories) : null;
  const users = indexUsers(snapshot.users, policy, identity?.facts);
  const mappings = new Map(policy.permissions.map((mapping) => [mapping.name, mapping]));
  const ruleFindings = policy.rules.flatMap((rule) => evaluateRule(rule, users, mappings));
  const judged = policy.identity && identity ? judgeIdentity(policy, policy.identity, users, identity, directories, now) : null;
  if (judged) ruleFindings.push(...judged.findings);
  const exempted = applyExemptions(ruleFindings, policy.exemptions, now);
  const findings = [
    ...exempted.findings,
    ...exemptionFindings(policy, users, exempted.used, now),
    ...permissionUnmappedFindings(policy, snapshot.users),
    ...referenceUnmatchedFindings(policy, snapshot)
  ].sort(compareFindingOrder);
  const { plan, refusals } = buildPlan(policy, snapshot, findings, roleIdsByName(snapshot.roles));
  return {
    findings,
    plan,
    refusals,
    ...judged ? { identity: judged.evaluation } : {},
    counts: countFindings(
      snapshot,
      findings,
      users.map((facts) => facts.audience)
    )
  };
}

// src/engine/compare.ts
function countedIds(findings) {
  return new Set(findings.filter((finding) => !isExempt(finding)).map((finding) => finding.id));
}
function compareFindings(base, head) {
  const before = countedIds(base);
  const after = countedIds(head);
  const exemptedNow = new Set(head.filter(isExempt).map((finding) => finding.id));
  const gone = [...before].filter((id) => !after.has(id));
  return {
    added: [...after].filter((id) => !before.has(id)).sort(),
    resolved: gone.filter((id) => !exemptedNow.has(id)).sort(),
    exempted: gone.filter((id) => exemptedNow.has(id)).sort()
  };
}

// src/engine/discover.ts
var NULL_VALUE = "null";
function discoverPermissions(snapshot, policy) {
  const names = new Map((policy?.permissions ?? []).map((mapping) => [mapping.id, mapping.name]));
  const byId = /* @__PURE__ */ new Map();
  for (const user of snapshot.users) {
    const activeAccount = user.active && !user.locked;
    for (const [rawId, value] of Object.entries(user.permissions)) {
      const id = Number(rawId);
      let entry = byId.get(id);
      if (!entry) {
        entry = { id, name: names.get(id) ?? null, values: {}, users: 0 };
        byId.set(id, entry);
      }
      entry.users += 1;
      const shown = value ?? NULL_VALUE;
      entry.values[shown] = (entry.values[shown] ?? 0) + (activeAccount ? 1 : 0);
    }
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
function discoverRoles(snapshot) {
  const holders = /* @__PURE__ */ new Map();
  for (const user of snapshot.users) {
    for (const id of new Set(user.roleIds)) holders.set(id, (holders.get(id) ?? 0) + 1);
  }
  const roles = snapshot.roles.map((role) => ({
    id: role.id,
    name: role.name,
    active: role.active,
    users: holders.get(role.id) ?? 0
  }));
  const listed = new Set(snapshot.roles.map((role) => role.id));
  for (const [id, users] of holders)
    if (!listed.has(id)) roles.push({ id, name: `#${id}`, active: false, users });
  return roles.sort((a, b) => a.id - b.id);
}
function permissionChanges(snapshot, baseline) {
  const before = new Map(baseline.users.map((user) => [userKey(user), user]));
  const changes = [];
  for (const user of snapshot.users) {
    const old = before.get(userKey(user));
    if (!old) continue;
    const ids = /* @__PURE__ */ new Set([...Object.keys(old.permissions), ...Object.keys(user.permissions)]);
    for (const id of ids) {
      const was = Object.hasOwn(old.permissions, id) ? old.permissions[id] : void 0;
      const now = Object.hasOwn(user.permissions, id) ? user.permissions[id] : void 0;
      if (was === now) continue;
      changes.push({
        user: { kind: user.kind, id: user.id, name: user.name },
        permission: Number(id),
        before: was,
        after: now
      });
    }
  }
  return changes.sort(
    (a, b) => a.user.kind.localeCompare(b.user.kind) || a.user.id - b.user.id || a.permission - b.permission
  );
}
function discover(snapshot, policy, baseline) {
  return {
    permissions: discoverPermissions(snapshot, policy),
    roles: discoverRoles(snapshot),
    changes: baseline ? permissionChanges(snapshot, baseline) : null
  };
}

// src/snapshot-file.ts
import { readFile } from "node:fs/promises";
async function readSnapshotFile(file) {
  let parsed;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
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

// src/evaluate-tenant.ts
async function baselinePolicy(settings, deps, now) {
  let source = null;
  if (settings.baselinePolicyPath) {
    try {
      source = {
        text: await readFile2(settings.baselinePolicyPath, "utf8"),
        path: settings.baselinePolicyPath
      };
    } catch (error) {
      throw new ConfigurationError(
        "input.invalid-baseline-policy",
        `Cannot read the baseline policy ${settings.baselinePolicyPath}: ${error.message}`,
        "Give the path of the policy to compare against, e.g. the file as it is on the main branch."
      );
    }
  } else if (deps.baselinePolicy) {
    source = await deps.baselinePolicy();
  }
  if (!source) return null;
  try {
    return parsePolicy(source.text, source.path, { now });
  } catch (error) {
    if (error instanceof PolicyError) {
      deps.logger.warning(
        `The baseline policy ${source.path} is not valid (${error.issues.length} problems); the policy impact is not shown.`
      );
      return null;
    }
    throw error;
  }
}
function markRemediated(evaluation) {
  const fixed = new Set(evaluation.plan.filter((s) => s.status === "verified").flatMap((s) => s.findings));
  for (const finding of evaluation.findings) {
    if (!fixed.has(finding.id) || finding.exemption?.status === "active") continue;
    finding.remediated = true;
    evaluation.counts.findings--;
    evaluation.counts[finding.severity]--;
  }
}
async function pinToReviewedPlan(settings, policy, snapshot, evaluation, deps) {
  const { readReviewedPlan, pinPlan } = await import("./pinned-plan-JYPXBWPD.js");
  const connected = settings.connection;
  const reviewed = await readReviewedPlan(settings.planPath, inWorkspace(settings, settings.planPath), {
    tenant: connected.tenant,
    environment: connected.environment
  });
  evaluation.plan = pinPlan(reviewed, evaluation.plan, snapshot);
  const recomputed = /* @__PURE__ */ new Set(["apply.protected-user", "apply.min-active-admins"]);
  evaluation.refusals = [
    ...evaluation.refusals.filter((r) => !recomputed.has(r.code)),
    protectedRefusal(evaluation.plan),
    minAdminsRefusal(policy, snapshot, evaluation.plan)
  ].filter((r) => r !== null);
  const planned = evaluation.plan.filter((s) => s.status === "planned").length;
  deps.logger.info(
    `Reviewed plan ${reviewed.file}${reviewed.finishedAt ? ` (audit finished ${reviewed.finishedAt})` : ""}: ${reviewed.steps.length} steps reviewed, ${planned} still planned and unchanged.`
  );
}
async function pinToReviewRevocations(settings, policy, snapshot, evaluation, deps) {
  const { readReviewReport, revocationPlan } = await import("./revocations-FNDARRPH.js");
  const connected = settings.connection;
  const file = settings.reviewReportPath;
  const review = await readReviewReport(file, inWorkspace(settings, file), {
    tenant: connected.tenant,
    environment: connected.environment
  });
  evaluation.plan = revocationPlan(review.revocations, policy, snapshot);
  const recomputed = /* @__PURE__ */ new Set(["apply.protected-user", "apply.min-active-admins", "apply.invalid-policy"]);
  evaluation.refusals = [
    ...evaluation.refusals.filter((r) => !recomputed.has(r.code)),
    protectedRefusal(evaluation.plan),
    minAdminsRefusal(policy, snapshot, evaluation.plan)
  ].filter((r) => r !== null);
  const planned = evaluation.plan.filter((s) => s.status === "planned").length;
  deps.logger.info(
    `Review ${file}${review.finishedAt ? ` (closed ${review.finishedAt})` : ""}: ${review.revocations.length} revocations, ${planned} still planned and unchanged since the freeze.`
  );
}
async function evaluateTenant(settings, deps, policy, snapshot, now, client, execute) {
  const outcome = emptyOutcome();
  const identity = policy?.identity ? { identity: policy.identity, directories: await readIdentity(settings, deps, policy.identity, now) } : void 0;
  if (settings.mode === "discover") {
    const baseline = settings.baselineSnapshotPath ? await readSnapshotFile(settings.baselineSnapshotPath) : null;
    outcome.discovery = discover(snapshot, policy, baseline);
    if (policy && identity)
      outcome.discovery.unmatched = unmatchedAccounts(evaluate(policy, snapshot, now, identity.directories));
    return outcome;
  }
  if (!policy) return outcome;
  const tenantIssues = [...resolveFixRoles(policy, snapshot), ...selfApprovedExemptions(policy, snapshot)];
  if (tenantIssues.length > 0) {
    outcome.policyIssues = tenantIssues;
    throw new PolicyError(tenantIssues);
  }
  const evaluation = evaluate(policy, snapshot, now, identity?.directories);
  if (settings.planPath && settings.mode === "apply" && settings.connection) {
    await pinToReviewedPlan(settings, policy, snapshot, evaluation, deps);
  } else if (settings.reviewReportPath && settings.mode === "apply" && settings.connection) {
    await pinToReviewRevocations(settings, policy, snapshot, evaluation, deps);
  } else if (settings.reviewReportPath) {
    outcome.notes.push(
      `The \`review-report\` input is used by apply only; this ${settings.mode} run ignored it.`
    );
  } else if (settings.planPath) {
    outcome.notes.push(`The \`plan\` input is used by apply only; this ${settings.mode} run ignored it.`);
  }
  const refusals = applyRefusals(evaluation, {
    maxChanges: settings.maxChanges,
    eventRefusal: settings.mode === "apply" ? settings.event.writeRefusal : null
  });
  evaluation.refusals = refusals;
  deps.logger.info(
    `${evaluation.counts.findings} findings (${evaluation.counts.critical} critical, ${evaluation.counts.high} high, ${evaluation.counts.medium} medium, ${evaluation.counts.low} low), ${evaluation.counts.exempted} exempted; plan: ${evaluation.plan.length} changes${refusals.length ? `; apply would be refused: ${refusals.map((r) => r.code).join(", ")}` : ""}`
  );
  const base = await baselinePolicy(settings, deps, now);
  const baseDirectories = base && await baselineDirectories(settings, deps, base.identity, now, identity);
  if (base && baseDirectories) {
    const baseFindings = evaluate(base, snapshot, now, baseDirectories).findings;
    const compared = compareFindings(baseFindings, evaluation.findings);
    const resolved = new Set(compared.resolved);
    outcome.comparison = { ...compared, resolvedFindings: baseFindings.filter((f) => resolved.has(f.id)) };
    outcome.baseline = { policy: base, findings: baseFindings };
  }
  if (settings.mode === "apply") {
    if (!execute) throw new Error("apply needs execute options");
    const declined = await confirmation(evaluation.plan, evaluation.refusals, execute);
    if (declined) evaluation.refusals = [...evaluation.refusals, declined];
    const { liveWriter } = await import("./servicetitan-AGKMKWVU.js");
    const journal = await deps.logger.group(
      "Apply",
      () => executeIfAllowed(evaluation.plan, evaluation.refusals, liveWriter(client), client, execute)
    );
    outcome.applyRefused = journal === null;
    if (journal) {
      evaluation.plan = journal;
      markRemediated(evaluation);
      const unfinished = evaluation.plan.filter((s) => s.status === "failed" || s.status === "applied");
      if (unfinished.length > 0) {
        outcome.errors.push({
          code: "apply.steps-failed",
          message: `${unfinished.length} of ${evaluation.plan.length} changes were not verified; the report's plan says which and why.`,
          hint: "Fix the cause and run apply again: it recomputes the plan from live state, so nothing is done twice."
        });
      }
    }
  }
  outcome.evaluation = evaluation;
  return outcome;
}
export {
  evaluateTenant
};
