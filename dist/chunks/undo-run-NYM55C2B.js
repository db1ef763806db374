import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  readApplyJournal
} from "./chunk-QGZJSZN5.js";
import {
  emptyOutcome
} from "./chunk-ZBVTI7HM.js";
import {
  classifyAudience,
  matchesAnyUserRef
} from "./chunk-PDVVMBJ2.js";
import "./chunk-YN663IN2.js";
import "./chunk-WSACJKPV.js";
import {
  inWorkspace
} from "./chunk-T3P4LWFM.js";
import {
  tenantCounts
} from "./chunk-4GBQN3HZ.js";
import "./chunk-ZHCADPYF.js";
import "./chunk-47HB3AU5.js";
import "./chunk-P5BUAN5C.js";
import "./chunk-5VFH7U4S.js";
import {
  ConfigurationError
} from "./chunk-XHRDWC7O.js";
import "./chunk-WD5L72B6.js";

// src/apply/undo.ts
function stateOf(user) {
  return { active: user.active, locked: user.locked, roleIds: [...user.roleIds] };
}
function sameIds(a, b) {
  const x = [...a].sort((m, n) => m - n);
  const y = [...b].sort((m, n) => m - n);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
function ids(roleIds) {
  return roleIds.length ? roleIds.join(", ") : "none";
}
function stateLeftByApply(step) {
  const { before } = step;
  switch (step.action) {
    case "lock":
      return { ...before, locked: true };
    case "deactivate":
      return { ...before, active: false };
    case "set-role":
      return step.roleId === void 0 ? null : { ...before, roleIds: [step.roleId] };
  }
}
function changesSince(left, now) {
  const changes = [];
  if (now.active !== left.active) changes.push(`active is ${now.active} (the apply left ${left.active})`);
  if (now.locked !== left.locked) changes.push(`locked is ${now.locked} (the apply left ${left.locked})`);
  if (!sameIds(now.roleIds, left.roleIds)) {
    changes.push(`role ids are ${ids(now.roleIds)} (the apply left ${ids(left.roleIds)})`);
  }
  return changes;
}
function roleNames(snapshot, roleIds) {
  return roleIds.map((id) => snapshot.roles.find((r) => r.id === id)?.name ?? `#${id}`).join(", ");
}
function reverse(step, user, snapshot) {
  const { before } = step;
  switch (step.action) {
    case "lock":
      if (before.locked)
        return { action: "unlock", status: "skipped", reason: "was already locked before the apply" };
      return { action: "unlock", status: "planned" };
    case "deactivate": {
      if (!before.active) {
        return { action: "activate", status: "skipped", reason: "was already inactive before the apply" };
      }
      if (user.kind === "employee") return { action: "activate", status: "planned" };
      if (!user.licenseType) {
        return {
          action: "activate",
          status: "skipped",
          reason: "the technician's licence type is unknown (ServiceTitan did not say whether it is managed), and Activate needs one: activate it by hand in ServiceTitan"
        };
      }
      return { action: "activate", status: "planned", licenseType: user.licenseType };
    }
    case "set-role": {
      const [previous, ...others] = before.roleIds;
      if (previous === void 0) {
        return {
          action: "restore-role",
          status: "skipped",
          reason: "had no role before the apply, and ServiceTitan's roleId cannot remove every role: restore by hand"
        };
      }
      if (others.length > 0) {
        return {
          action: "restore-role",
          status: "skipped",
          reason: `had several roles: restore by hand: ${roleNames(snapshot, before.roleIds)} (ids ${ids(before.roleIds)})`
        };
      }
      const role = snapshot.roles.find((r) => r.id === previous);
      const name = role?.name ?? `#${previous}`;
      if (!role || !role.active) {
        return {
          action: "restore-role",
          role: name,
          roleId: previous,
          status: "skipped",
          reason: `the previous role ${name} (#${previous}) is ${role ? "inactive" : "gone"} in the tenant: restore by hand`
        };
      }
      return { action: "restore-role", role: name, roleId: previous, status: "planned" };
    }
  }
}
var REVERSE_ACTION = { lock: "unlock", deactivate: "activate", "set-role": "restore-role" };
function planUndo(applied, snapshot, protectedUsers = []) {
  const users = new Map(snapshot.users.map((u) => [`${u.kind}:${u.id}`, u]));
  return applied.map((step) => {
    const user = users.get(`${step.user.kind}:${step.user.id}`);
    const common = { rules: [...step.rules], findings: [...step.findings] };
    const skip = (reason) => ({
      action: REVERSE_ACTION[step.action],
      user: { ...step.user },
      ...common,
      status: "skipped",
      reason
    });
    if (!user) return skip("no longer in the tenant");
    if (step.user.userId !== null && user.userId !== null && step.user.userId !== user.userId) {
      return skip(`the ${user.kind} #${user.id} now belongs to user ${user.userId}, not ${step.user.userId}`);
    }
    const left = stateLeftByApply(step);
    if (!left) return skip("the apply's journal does not say which role it set");
    const now = stateOf(user);
    const changes = changesSince(left, now);
    const identity = {
      kind: user.kind,
      id: user.id,
      userId: user.userId,
      name: user.name,
      email: user.email
    };
    if (changes.length > 0 && changesSince(step.before, now).length === 0) {
      return { ...skip("already as before the apply"), user: identity, before: now };
    }
    if (changes.length > 0) {
      return { ...skip(`changed since the apply: ${changes.join("; ")}`), user: identity, before: now };
    }
    const undo = { ...reverse(step, user, snapshot), user: identity, ...common, before: now };
    if (undo.status === "planned" && matchesAnyUserRef(user, protectedUsers)) {
      undo.status = "skipped";
      undo.reason = "protected user";
    }
    return undo;
  });
}
function who(step) {
  return `${step.user.name} (${step.user.kind} #${step.user.id})`;
}
function isAdmin(user, roles, builtIn, adminRoles) {
  return user.active && !user.locked && (roles.some((r) => adminRoles.has(r.toLowerCase())) || builtIn !== null && adminRoles.has(builtIn.toLowerCase()));
}
function activeAdminsAfterUndo(policy, snapshot, plan) {
  const adminRoles = new Set(policy.safety.adminRoles.map((r) => r.toLowerCase()));
  const planned = new Map(
    plan.filter((s) => s.status === "planned").map((s) => [`${s.user.kind}:${s.user.id}`, s])
  );
  let before = 0;
  let after = 0;
  for (const user of snapshot.users) {
    if (isAdmin(user, user.roles, user.role, adminRoles)) before++;
    const step = planned.get(`${user.kind}:${user.id}`);
    const next = {
      ...user,
      active: user.active || step?.action === "activate",
      locked: user.locked && step?.action !== "unlock"
    };
    const restored = step?.action === "restore-role";
    if (isAdmin(next, restored ? [step.role ?? ""] : user.roles, restored ? null : user.role, adminRoles))
      after++;
  }
  return { before, after };
}
function undoRefusals(plan, policy, snapshot, guards) {
  const refusals = [];
  if (guards.pullRequest) {
    refusals.push({
      code: "apply.pull-request",
      message: `Undo is refused on \`${guards.pullRequest}\` events: a pull request never writes to ServiceTitan. This run shows the undo plan; run it from a workflow_dispatch run on the default branch.`
    });
  }
  const changes = plan.filter((s) => s.status === "planned").length;
  if (changes > guards.maxChanges) {
    refusals.push({
      code: "apply.max-changes",
      message: `The undo has ${changes} changes, more than max-changes (${guards.maxChanges}), so it changes nothing. Review the plan; if it is right, raise max-changes for this run.`
    });
  }
  const touched = plan.filter((s) => s.reason === "protected user");
  if (touched.length > 0) {
    refusals.push({
      code: "apply.protected-user",
      message: `The undo would change protected users (${touched.map(who).join(", ")}), which are never changed, so it changes nothing. Restore them by hand, or remove them from safety.protected-users if they should no longer be protected.`
    });
  }
  const min = policy?.safety.minActiveAdmins ?? 0;
  if (policy && min > 0 && changes > 0) {
    const { before, after } = activeAdminsAfterUndo(policy, snapshot, plan);
    if (after < min && after < before) {
      refusals.push({
        code: "apply.min-active-admins",
        message: `After the undo, ${after} active admin${after === 1 ? "" : "s"} would remain (${before} now), fewer than safety.min-active-admins (${min}), so it changes nothing. Restore those roles by hand.`
      });
    }
  }
  return refusals;
}
function undoCounts(snapshot, policy) {
  const external = policy ? snapshot.users.filter((u) => classifyAudience(u, policy.organization) === "external").length : 0;
  return tenantCounts(snapshot, external);
}

// src/apply/undo-run.ts
async function loadUndoJournal(settings) {
  if (!settings.reportPath) {
    throw new ConfigurationError(
      "undo.missing-report",
      "Undo needs the JSON report of the apply to reverse, and none was given.",
      "Run `st-access-guard undo REPORT`, or set the `report` input to the apply report with `mode: undo`."
    );
  }
  if (!settings.connection) throw new Error("loadUndoJournal needs a connection");
  return readApplyJournal(settings.reportPath, inWorkspace(settings, settings.reportPath), {
    tenant: settings.connection.tenant,
    environment: settings.connection.environment
  });
}
function count(n, what) {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}
async function runUndo(settings, deps, policy, snapshot, client, journal) {
  const { logger } = deps;
  const outcome = emptyOutcome();
  const plan = planUndo(journal.steps, snapshot, policy?.safety.protectedUsers ?? []);
  const refusals = undoRefusals(plan, policy, snapshot, {
    maxChanges: settings.maxChanges,
    pullRequest: settings.event.isPullRequest ? settings.event.name : null
  });
  const evaluation = { findings: [], plan, refusals, counts: undoCounts(snapshot, policy) };
  outcome.evaluation = evaluation;
  const planned = plan.filter((s) => s.status === "planned").length;
  const skipped = plan.filter((s) => s.status === "skipped");
  const from = `${journal.file}${journal.finishedAt ? ` (apply finished ${journal.finishedAt})` : ""}`;
  logger.info(
    `Undo of ${from}: ${count(journal.steps.length, "verified step")}, ${planned} to reverse, ${skipped.length} skipped${refusals.length ? `; refused: ${refusals.map((r) => r.code).join(", ")}` : ""}`
  );
  if (journal.steps.length === 0) {
    outcome.notes.push(`Nothing to undo: ${journal.file} has no verified changes.`);
  }
  if (journal.unverified > 0) {
    outcome.notes.push(
      `${count(journal.unverified, "change")} of the apply ${journal.unverified === 1 ? "was" : "were"} written but never verified; undo leaves ${journal.unverified === 1 ? "it" : "them"} alone: check ${journal.unverified === 1 ? "it" : "them"} in ServiceTitan.`
    );
  }
  const byHand = skipped.filter((s) => s.reason !== "protected user");
  if (byHand.length > 0) {
    outcome.notes.push(
      `${count(byHand.length, "step")} of the undo ${byHand.length === 1 ? "was" : "were"} skipped; the report's plan says why (users changed since the apply, or changes to restore by hand).`
    );
  }
  if (refusals.length > 0) {
    outcome.applyRefused = true;
    return outcome;
  }
  if (planned === 0) return outcome;
  const { executePlan } = await import("./execute-A72S3CLN.js");
  const { liveWriter } = await import("./servicetitan-WNSVUI4S.js");
  evaluation.plan = await logger.group("Undo", () => executePlan(plan, liveWriter(client), client, logger));
  const unfinished = evaluation.plan.filter((s) => s.status === "failed" || s.status === "applied");
  if (unfinished.length > 0) {
    outcome.errors.push({
      code: "apply.steps-failed",
      message: `${unfinished.length} of ${planned} undo changes were not verified; the report's plan says which and why.`,
      hint: "Fix the cause and run undo again with the same apply report: steps already reversed are skipped, so nothing is done twice."
    });
  }
  return outcome;
}
export {
  loadUndoJournal,
  runUndo
};
