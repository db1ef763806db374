import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  GuardError
} from "./chunk-XHRDWC7O.js";

// src/apply/execute.ts
function describe(error) {
  if (error instanceof GuardError) return error.message;
  return error instanceof Error ? error.message : String(error);
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
      if (step.roleId === void 0) throw new Error(`set-role step for ${kind} #${id} has no role id`);
      return writer.setRole(kind, id, step.roleId);
    case "unlock":
      return writer.unlock(kind, id);
    case "activate":
      return writer.activate(kind, id, step.licenseType);
    case "restore-role":
      if (step.roleId === void 0) throw new Error(`restore-role step for ${kind} #${id} has no role id`);
      return writer.setRole(kind, id, step.roleId);
  }
}
async function executePlan(plan, writer, reader, logger) {
  const journal = [];
  let done = 0;
  const todo = plan.filter((s) => s.status === "planned").length;
  for (const step of plan) {
    if (step.status !== "planned") {
      journal.push(step);
      continue;
    }
    const label = `${step.action}${step.role ? ` \u2192 ${step.role}` : ""} ${step.user.kind} #${step.user.id}`;
    try {
      await write(step, writer);
    } catch (error) {
      logger.error(`${label}: failed: ${describe(error)}`);
      journal.push({ ...step, status: "failed", error: describe(error) });
      continue;
    } finally {
      logger.progress?.("apply", ++done, todo);
    }
    try {
      const after = await reader.getUser(step.user.kind, step.user.id);
      if (stepTookEffect(step, after)) {
        logger.info(`${label}: verified`);
        journal.push({ ...step, status: "verified" });
      } else {
        const error = `ServiceTitan accepted the change but reading the user back shows it did not take effect (active: ${after.active}, locked: ${after.locked}, role ids: ${after.roleIds.join(", ") || "none"}).`;
        logger.error(`${label}: ${error}`);
        journal.push({ ...step, status: "failed", error });
      }
    } catch (error) {
      const message = `applied, but reading the user back to verify it failed: ${describe(error)}`;
      logger.error(`${label}: ${message}`);
      journal.push({ ...step, status: "applied", error: message });
    }
  }
  return journal;
}

export {
  stepTookEffect,
  executePlan
};
