/**
 * The JSON report (SPEC §5): the report model with its keys in the documented order, so files
 * diff cleanly between runs and nothing outside the contract slips in.
 */
import type { Finding, PlanStep } from '../engine/types.js';
import type { Report } from './model.js';
import type { Renderer } from './renderer.js';

/** One finding as the JSON report writes it (also the shape of an alert's new findings). */
export function finding(f: Finding): Record<string, unknown> {
  return {
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    user: f.user && {
      kind: f.user.kind,
      id: f.user.id,
      userId: f.user.userId,
      name: f.user.name,
      email: f.user.email,
      login: f.user.login,
      audience: f.user.audience,
      active: f.user.active,
      locked: f.user.locked,
      ...(f.user.identity !== undefined ? { identity: f.user.identity && { ...f.user.identity } } : {}),
      ...(f.user.audienceFrom !== undefined ? { audienceFrom: f.user.audienceFrom } : {}),
    },
    evidence: f.evidence,
    fix: f.fix,
    exemption: f.exemption && {
      reason: f.exemption.reason,
      expires: f.exemption.expires,
      approvedBy: f.exemption.approvedBy,
      ticket: f.exemption.ticket,
      status: f.exemption.status,
    },
    location: {
      line: f.location.line,
      column: f.location.column,
      ...(f.location.file !== undefined ? { file: f.location.file } : {}),
    },
    ...(f.remediated ? { remediated: true } : {}),
  };
}

function planStep(s: PlanStep): Record<string, unknown> {
  return {
    action: s.action,
    role: s.role,
    roleId: s.roleId,
    user: { kind: s.user.kind, id: s.user.id, userId: s.user.userId, name: s.user.name, email: s.user.email },
    rules: s.rules,
    findings: s.findings,
    status: s.status,
    error: s.error,
    reason: s.reason,
    before: s.before,
    after: s.after,
    seal: s.seal,
    licenseType: s.licenseType,
  };
}

export function reportToJson(report: Report): Record<string, unknown> {
  const c = report.counts;
  return {
    version: report.version,
    tool: { name: report.tool.name, version: report.tool.version },
    mode: report.mode,
    tenant: report.tenant,
    environment: report.environment,
    policy: {
      path: report.policy.path,
      sha256: report.policy.sha256,
      ...(report.policy.extends ? { extends: report.policy.extends } : {}),
    },
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    status: report.status,
    failOn: report.failOn,
    counts: {
      users: c.users,
      activeUsers: c.activeUsers,
      externalUsers: c.externalUsers,
      findings: c.findings,
      exempted: c.exempted,
      critical: c.critical,
      high: c.high,
      medium: c.medium,
      low: c.low,
    },
    findings: report.findings.map(finding),
    plan: report.plan.map(planStep),
    refusals: report.refusals.map((r) => ({ code: r.code, message: r.message })),
    comparison: report.comparison && {
      added: report.comparison.added,
      resolved: report.comparison.resolved,
      exempted: report.comparison.exempted,
    },
    discovery: report.discovery,
    identity: report.identity,
    errors: report.errors.map((e) => ({
      code: e.code,
      message: e.message,
      hint: e.hint,
      file: e.file,
      line: e.line,
      column: e.column,
    })),
    redacted: report.redacted,
    review: report.review,
  };
}

/** Two-space indented, with a trailing newline; absent optional keys are left out. */
export function renderJson(report: Report): string {
  return JSON.stringify(reportToJson(report), null, 2) + '\n';
}

/** The JSON report file, behind the common renderer signature. */
export const jsonFile: Renderer = (report) => renderJson(report);
