import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  exemptionEndsAt,
  exemptionIsActive
} from "./chunk-6NYRC7FI.js";

// src/engine/exemption-notices.ts
var EXPIRING_WITHIN_DAYS = 30;
var DAY_MS = 864e5;
function notice(e, now) {
  const end = exemptionEndsAt(e);
  if (!Number.isFinite(end)) return null;
  const common = {
    user: e.user?.raw ?? null,
    rules: [...e.rules],
    expires: e.expires,
    approvedBy: e.approvedBy,
    position: e.position
  };
  if (!exemptionIsActive(e, now)) {
    return { status: "expired", days: Math.floor((now.getTime() - end) / DAY_MS), ...common };
  }
  const days = Math.floor((end - now.getTime()) / DAY_MS);
  return days <= EXPIRING_WITHIN_DAYS ? { status: "expiring", days, ...common } : null;
}
function exemptionNotices(policy, now) {
  return policy.exemptions.map((e) => notice(e, now)).filter((n) => n !== null).sort(
    (a, b) => a.status !== b.status ? a.status === "expired" ? -1 : 1 : a.status === "expired" ? b.days - a.days : a.days - b.days
  );
}
function describeNotice(n, user = (raw) => raw) {
  const subject = `The exemption ${n.user === null ? "for the tenant" : `for ${user(n.user)}`} from ${n.rules.join(", ")}`;
  if (n.status === "expired") {
    const ago = n.days === 0 ? "today" : `${n.days} day${n.days === 1 ? "" : "s"} ago`;
    return `${subject} expired on ${n.expires} (${ago}): it no longer applies, so the next audit counts the findings it covered again, plus an exemption-expired finding (high). Renew it with a new expiry and approval, or remove it.`;
  }
  const left = n.days === 0 ? "ends today" : `has ${n.days} day${n.days === 1 ? "" : "s"} left`;
  return `${subject} expires on ${n.expires} and ${left}: renew it (with a new approval) before then, or the findings it covers count again.`;
}

// src/report/validated-only.ts
var VALIDATED_TITLE = "policy valid (not audited)";
function validatedOnly(report) {
  if (report.errors.length > 0 || report.status !== "pass") return false;
  if (report.mode === "validate") return true;
  return report.counts.users === 0 && report.findings.length === 0 && report.plan.length === 0 && report.discovery === void 0;
}
function validatedOnlyText(report) {
  return report.mode === "validate" ? "The policy is valid. `validate` reads no tenant, so nothing was audited." : "The policy is valid. No tenant was read (no ServiceTitan credentials), so nothing was audited and there are no findings yet.";
}
function validateNotices(report, policy) {
  if (!policy?.exemptions || !validatedOnly(report)) return [];
  return exemptionNotices({ exemptions: policy.exemptions }, new Date(report.finishedAt));
}

export {
  describeNotice,
  VALIDATED_TITLE,
  validatedOnly,
  validatedOnlyText,
  validateNotices
};
