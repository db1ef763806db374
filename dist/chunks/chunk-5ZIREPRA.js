import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  sealStep
} from "./chunk-76T6MM7J.js";
import {
  GuardError
} from "./chunk-GIX45REK.js";

// src/apply/execute.ts
var INTERRUPTED_REASON = "not started: the run was stopped (SIGINT/SIGTERM) before this step; nothing was changed for this user";
function describe(error) {
  if (error instanceof GuardError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
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
function stateChanges(expected, now, by = "expected") {
  const changes = [];
  if (now.active !== expected.active) changes.push(`active is ${now.active} (${by} ${expected.active})`);
  if (now.locked !== expected.locked) changes.push(`locked is ${now.locked} (${by} ${expected.locked})`);
  if (!sameIds(now.roleIds, expected.roleIds)) {
    changes.push(`role ids are ${ids(now.roleIds)} (${by} ${ids(expected.roleIds)})`);
  }
  return changes;
}
function stepTookEffect(step, user) {
  switch (step.action) {
    case "lock":
      return user.locked;
    case "deactivate":
      return !user.active;
    case "set-role":
    case "restore-role":
      return user.roleIds.length === 1 && user.roleIds[0] === step.roleId;
    case "unlock":
      return !user.locked;
    case "activate":
      return user.active;
  }
}
async function write(step, writer) {
  const { kind, id } = step.user;
  switch (step.action) {
    case "lock":
      return writer.lock(kind, id);
    case "deactivate":
      return writer.deactivate(kind, id);
    case "set-role":
    case "restore-role":
      if (step.roleId === void 0) throw new Error(`${step.action} step for ${kind} #${id} has no role id`);
      return writer.setRole(kind, id, step.roleId);
    case "unlock":
      return writer.unlock(kind, id);
    case "activate":
      return writer.activate(kind, id, step.licenseType);
  }
}
function label(step) {
  return `${step.action}${step.role ? ` \u2192 ${step.role}` : ""} ${step.user.kind} #${step.user.id}`;
}
function changedSincePlan(step, current) {
  if (step.user.userId !== null && current.userId !== null && step.user.userId !== current.userId) {
    return `the ${current.kind} #${current.id} now belongs to user ${current.userId}, not ${step.user.userId}`;
  }
  if (!step.before) return null;
  const changes = stateChanges(step.before, stateOf(current), "when planned");
  return changes.length ? changes.join("; ") : null;
}
async function runStep(step, writer, reader, { logger, key }) {
  const name = label(step);
  const { kind, id } = step.user;
  let current;
  try {
    current = await reader.getUser(kind, id);
  } catch (error2) {
    const message = `could not read the user just before writing, so nothing was written: ${describe(error2)}`;
    logger.error(`${name}: ${message}`);
    return { ...step, status: "failed", error: message };
  }
  const changed = changedSincePlan(step, current);
  if (changed) {
    const reason = `changed since the plan, so nothing was written: ${changed}`;
    logger.warning(`${name}: skipped: ${reason}`);
    return { ...step, status: "skipped", reason };
  }
  const before = stateOf(current);
  let writeError = null;
  try {
    await write(step, writer);
  } catch (error2) {
    writeError = error2;
  }
  let after;
  try {
    after = await reader.getUser(kind, id);
  } catch (error2) {
    if (writeError) {
      const message2 = `outcome unknown: the write failed (${describe(writeError)}) and reading the user back failed too (${describe(error2)}); check this user in ServiceTitan`;
      logger.error(`${name}: ${message2}`);
      return { ...step, before, status: "applied", error: message2 };
    }
    const message = `applied, but reading the user back to verify it failed: ${describe(error2)}`;
    logger.error(`${name}: ${message}`);
    return { ...step, before, status: "applied", error: message };
  }
  if (stepTookEffect(step, after)) {
    if (writeError) {
      logger.warning(
        `${name}: ServiceTitan's answer was lost (${describe(writeError)}), but reading the user back shows the change took effect`
      );
    }
    logger.info(`${name}: verified`);
    const done = { ...step, before, after: stateOf(after), status: "verified" };
    return { ...done, seal: sealStep(key, done) };
  }
  if (writeError) {
    const message = describe(writeError);
    logger.error(`${name}: failed: ${message}`);
    return { ...step, before, status: "failed", error: message };
  }
  const error = `ServiceTitan accepted the change but reading the user back shows it did not take effect (active: ${after.active}, locked: ${after.locked}, role ids: ${ids(after.roleIds)}).`;
  logger.error(`${name}: ${error}`);
  return { ...step, before, after: stateOf(after), status: "failed", error };
}
async function executePlan(plan, writer, reader, options) {
  const { logger } = options;
  const journal = [];
  let done = 0;
  const todo = plan.filter((s) => s.status === "planned").length;
  for (const [index, step] of plan.entries()) {
    if (step.status !== "planned") {
      journal.push(step);
      continue;
    }
    if (options.stopRequested?.()) {
      journal.push({ ...step, status: "skipped", reason: INTERRUPTED_REASON });
      continue;
    }
    journal.push(await runStep(step, writer, reader, options));
    logger.progress?.("apply", ++done, todo);
    await options.onProgress?.([...journal, ...plan.slice(index + 1)]);
  }
  return journal;
}

export {
  stateOf,
  stateChanges,
  executePlan
};
