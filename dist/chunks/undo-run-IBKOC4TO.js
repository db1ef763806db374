import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  confirmation,
  emptyOutcome,
  executeIfAllowed,
  undoRefusals
} from "./chunk-ZOFDRLIM.js";
import "./chunk-RLNXQJHY.js";
import "./chunk-UBDJSMVH.js";
import {
  stateChanges,
  stateOf
} from "./chunk-5ZIREPRA.js";
import {
  journalKey,
  sealIsValid
} from "./chunk-76T6MM7J.js";
import {
  adminRoleNames
} from "./chunk-PNQK3LOO.js";
import "./chunk-F7KJDFSJ.js";
import {
  inWorkspace
} from "./chunk-WJCLWKAL.js";
import "./chunk-4X5BYMY3.js";
import "./chunk-WA5K76RQ.js";
import {
  tenantCounts
} from "./chunk-DBYO6JJB.js";
import {
  readApplyJournal
} from "./chunk-P6FZTVWF.js";
import {
  classifyAudience,
  matchesAnyUserRef
} from "./chunk-EIDODBDB.js";
import "./chunk-5PL237VK.js";
import "./chunk-7435OWNU.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import {
  ConfigurationError
} from "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";

// src/apply/undo.ts
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
  return stateChanges(left, now, "the apply left");
}
function roleNames(snapshot, roleIds) {
  return roleIds.map((id) => snapshot.roles.find((r) => r.id === id)?.name ?? `#${id}`).join(", ");
}
function reverse(step, user, snapshot, adminRoles) {
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
      if (user.licenseType !== "NonManagedTechnician") {
        return {
          action: "activate",
          status: "skipped",
          reason: "the technician is managed, and ServiceTitan does not say whether its licence was Managed Technician or Managed Installer: reactivate it by hand in ServiceTitan (Settings \u2192 Technicians), choosing the licence it had"
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
      if (adminRoles.has(role.name.toLowerCase())) {
        return {
          action: "restore-role",
          role: name,
          roleId: previous,
          status: "skipped",
          reason: `the previous role ${name} counts as admin (safety.admin-roles), and undo never grants admin access: if it is right, give the role back by hand in ServiceTitan`
        };
      }
      return { action: "restore-role", role: name, roleId: previous, status: "planned" };
    }
  }
}
var REVERSE_ACTION = { lock: "unlock", deactivate: "activate", "set-role": "restore-role" };
function planUndo(applied, snapshot, protectedUsers = [], adminRoles = ["Admin"]) {
  const admin = new Set(adminRoles.map((r) => r.toLowerCase()));
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
    const left = step.after ?? stateLeftByApply(step);
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
    const undo = {
      ...reverse(step, user, snapshot, admin),
      user: identity,
      ...common,
      before: now
    };
    if (undo.status === "planned" && matchesAnyUserRef(user, protectedUsers)) {
      undo.status = "skipped";
      undo.reason = "protected user";
    }
    return undo;
  });
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
  const journal = await readApplyJournal(settings.reportPath, inWorkspace(settings, settings.reportPath), {
    tenant: settings.connection.tenant,
    environment: settings.connection.environment
  });
  const key = journalKey(settings.connection);
  const unsealed = journal.steps.filter((s) => !s.after || !s.seal).length;
  const forged = journal.steps.filter((s) => s.after && s.seal && !sealIsValid(key, s)).length;
  if (unsealed + forged > 0) {
    const parts = [
      unsealed ? `${count(unsealed, "step")} without the read-back and seal this tool records` : "",
      forged ? `${count(forged, "step")} whose seal does not match (the file was edited, or the apply ran with other ServiceTitan credentials)` : ""
    ].filter(Boolean);
    throw new ConfigurationError(
      "undo.untrusted-journal",
      `${settings.reportPath} has verified changes that undo cannot trust: ${parts.join("; ")}. Undo changes nothing.`,
      "Undo reverses only what this tool wrote and verified: give the apply's report unedited, and run undo with the same client secret and app key as the apply. Reports written by version 1.0.0 carry no seal: reverse their changes by hand from each step's `before`."
    );
  }
  return journal;
}
function count(n, what) {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}
async function runUndo(settings, deps, policy, snapshot, client, journal, execute) {
  const { logger } = deps;
  const outcome = emptyOutcome();
  const plan = planUndo(journal.steps, snapshot, policy?.safety.protectedUsers ?? [], adminRoleNames(policy));
  const refusals = undoRefusals(plan, policy, snapshot, {
    maxChanges: settings.maxChanges,
    eventRefusal: settings.event.writeRefusal
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
  const declined = await confirmation(plan, refusals, execute);
  if (declined) refusals.push(declined);
  if (refusals.length > 0) {
    outcome.applyRefused = true;
    return outcome;
  }
  if (planned === 0) return outcome;
  const { liveWriter } = await import("./servicetitan-AGKMKWVU.js");
  const journalOut = await logger.group(
    "Undo",
    () => executeIfAllowed(plan, refusals, liveWriter(client), client, execute)
  );
  if (journalOut) evaluation.plan = journalOut;
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
