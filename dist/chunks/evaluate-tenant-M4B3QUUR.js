import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  evaluateRule
} from "./chunk-RJOL2F4Q.js";
import {
  SEVERITIES,
  parsePolicy
} from "./chunk-XBL2J3D5.js";
import "./chunk-I3TMJHPQ.js";
import {
  applyExemptions,
  exemptionIsActive,
  exemptionKey,
  isExempt,
  selfApprovedExemptions
} from "./chunk-HEUCNJIE.js";
import {
  applyRefusals,
  confirmation,
  emptyOutcome,
  executeIfAllowed,
  referenceUnmatchedFindings
} from "./chunk-Q7O7RJDM.js";
import "./chunk-TWXWRCPR.js";
import {
  findingId,
  minAdminsRefusal,
  planRefusals,
  protectedRefusal
} from "./chunk-GQWKKZFZ.js";
import {
  describeUser,
  indexUsers,
  toFindingUser,
  userKey
} from "./chunk-WWFQ72M6.js";
import "./chunk-RLNXQJHY.js";
import {
  inWorkspace
} from "./chunk-FYJR37SA.js";
import "./chunk-D6KSKHJM.js";
import {
  tenantCounts
} from "./chunk-DBYO6JJB.js";
import {
  matchesAnyUserRef,
  matchesUserRef
} from "./chunk-QLH5EDU2.js";
import {
  editDistance
} from "./chunk-3KQCMBW2.js";
import "./chunk-76T6MM7J.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import {
  ConfigurationError,
  PolicyError
} from "./chunk-RPWTNJ4G.js";
import "./chunk-7KNWVG6D.js";
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
function evaluate(policy, snapshot, now) {
  const users = indexUsers(snapshot.users, policy);
  const mappings = new Map(policy.permissions.map((mapping) => [mapping.name, mapping]));
  const ruleFindings = policy.rules.flatMap((rule) => evaluateRule(rule, users, mappings));
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
  const { readReviewedPlan, pinPlan } = await import("./pinned-plan-6ZNETEDE.js");
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
async function evaluateTenant(settings, deps, policy, snapshot, now, client, execute) {
  const outcome = emptyOutcome();
  if (settings.mode === "discover") {
    const baseline = settings.baselineSnapshotPath ? await readSnapshotFile(settings.baselineSnapshotPath) : null;
    outcome.discovery = discover(snapshot, policy, baseline);
    return outcome;
  }
  if (!policy) return outcome;
  const tenantIssues = [...resolveFixRoles(policy, snapshot), ...selfApprovedExemptions(policy, snapshot)];
  if (tenantIssues.length > 0) {
    outcome.policyIssues = tenantIssues;
    throw new PolicyError(tenantIssues);
  }
  const evaluation = evaluate(policy, snapshot, now);
  if (settings.planPath && settings.mode === "apply" && settings.connection) {
    await pinToReviewedPlan(settings, policy, snapshot, evaluation, deps);
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
  if (base) {
    const baseFindings = evaluate(base, snapshot, now).findings;
    const compared = compareFindings(baseFindings, evaluation.findings);
    const resolved = new Set(compared.resolved);
    outcome.comparison = { ...compared, resolvedFindings: baseFindings.filter((f) => resolved.has(f.id)) };
    outcome.baseline = { policy: base, findings: baseFindings };
  }
  if (settings.mode === "apply") {
    if (!execute) throw new Error("apply needs execute options");
    const declined = await confirmation(evaluation.plan, evaluation.refusals, execute);
    if (declined) evaluation.refusals = [...evaluation.refusals, declined];
    const { liveWriter } = await import("./servicetitan-CRORDJG5.js");
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
