import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  VALIDATED_TITLE,
  describeNotice,
  describeWriteFailure,
  reportFile,
  runPipeline,
  validateNotices,
  validatedOnly,
  validatedOnlyText,
  writeFileAtomic
} from "./chunks/chunk-V3QQHQ2D.js";
import {
  SEVERITIES
} from "./chunks/chunk-XBL2J3D5.js";
import "./chunks/chunk-I3TMJHPQ.js";
import {
  renderJson
} from "./chunks/chunk-LILMC5CR.js";
import "./chunks/chunk-HEUCNJIE.js";
import {
  CHANGE_LABEL,
  comparedFindings,
  comparisonCounts,
  exemptedText
} from "./chunks/chunk-4ELQWBUJ.js";
import {
  HEADLINE_STATUS,
  appliedLabel,
  daysUntilExpiry,
  failOnLabel,
  fixLabel,
  fixSteps,
  fixingStep,
  hasManualSteps,
  holdings,
  isExempt,
  isOpen,
  isRemediated,
  personLabel,
  reachesFailOn,
  recordRef,
  statusExitCode,
  stepDetail,
  stepLabel
} from "./chunks/chunk-CIVS25GE.js";
import {
  maskUserRef
} from "./chunks/chunk-ZDCQ5PVZ.js";
import {
  debug,
  error,
  getInput,
  group,
  info,
  notice,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunks/chunk-WIEWT4EF.js";
import "./chunks/chunk-47HB3AU5.js";
import "./chunks/chunk-HKZCVUJJ.js";
import {
  SECRET_INPUTS,
  parseSettings,
  readGitHubEvent
} from "./chunks/chunk-FYJR37SA.js";
import "./chunks/chunk-D6KSKHJM.js";
import "./chunks/chunk-DBYO6JJB.js";
import "./chunks/chunk-QLH5EDU2.js";
import "./chunks/chunk-3KQCMBW2.js";
import "./chunks/chunk-MJBVRMUS.js";
import "./chunks/chunk-5VFH7U4S.js";
import {
  GuardError
} from "./chunks/chunk-RPWTNJ4G.js";
import {
  inlineMarkdown,
  inlinePlain,
  neutraliseWorkflowCommands
} from "./chunks/chunk-7KNWVG6D.js";
import "./chunks/chunk-WD5L72B6.js";

// src/main.ts
import path from "node:path";

// src/report/summary-sections.ts
var COLLAPSE_FROM = 10;
var DETAILS_CLOSE = "\n</details>\n";
function sectionContext(policy) {
  const labels = new Map(
    (policy?.permissions ?? []).filter((p) => p.label).map((p) => [p.name, p.label])
  );
  return { label: (name) => labels.get(name) ?? name };
}
var PLAIN = { label: (name) => name };
var TITLE = {
  validate: "policy validation",
  audit: "access audit",
  apply: "access remediation",
  discover: "permission discovery",
  undo: "undo"
};
function table(heading, intro, header, rows, what = `${rows.length} rows`) {
  const collapse = rows.length > COLLAPSE_FROM;
  const head = `
${heading}

` + intro.map((line) => `${line}

`).join("") + (collapse ? `<details><summary>Show all ${what}</summary>

` : "") + `| ${header.join(" | ")} |
|${header.map(() => " --- |").join("")}
`;
  return [head, ...rows.map((cells) => `| ${cells.join(" | ")} |
`), ...collapse ? [DETAILS_CLOSE] : []];
}
var plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
var capitalised = (s) => s[0].toUpperCase() + s.slice(1);
function who(f) {
  if (!f.user) return "_tenant_";
  const u = f.user;
  const contact = u.email ?? u.login;
  return [
    `**${inlineMarkdown(u.name, 80)}**`,
    contact ? inlineMarkdown(contact, 80) : null,
    `${inlineMarkdown(recordRef(u))} \xB7 ${u.audience}${u.active ? "" : " \xB7 inactive"}${u.locked ? " \xB7 locked" : ""}`
  ].filter((x) => x !== null).join("<br>");
}
function headline(report, issue) {
  const s = HEADLINE_STATUS[report.status];
  const c = report.counts;
  const context = [
    report.tenant ? `Tenant ${inlineMarkdown(report.tenant, 40)} (${report.environment})` : report.environment,
    `mode ${report.mode}`,
    `policy ${inlineMarkdown(report.policy.path, 120)}`,
    failOnLabel(report)
  ].filter((part) => part !== null).join(" \xB7 ");
  const onlyValidated = validatedOnly(report);
  const title = onlyValidated ? `${s.icon} ServiceTitan ${VALIDATED_TITLE}` : `${s.icon} ServiceTitan ${TITLE[report.mode]}: ${s.word}`;
  const pieces = [`## ${title}

${context}
`];
  if (issue) pieces.push(`
Tracking issue: [#${issue.number}](${issue.url})
`);
  const judged = !onlyValidated && report.mode !== "validate" && report.mode !== "discover";
  if (judged && (report.errors.length === 0 || c.users > 0)) {
    pieces.push(
      `
| Critical | High | Medium | Low | Exempted | Users audited | Active | External |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| ${c.critical} | ${c.high} | ${c.medium} | ${c.low} | ${c.exempted} | ${c.users} | ${c.activeUsers} | ${c.externalUsers} |
`
    );
  }
  if (report.redacted) pieces.push("\nNames and emails are masked in this run\u2019s output.\n");
  if (report.errors.length === 0) {
    const fixed = report.findings.filter(isRemediated).length;
    if (onlyValidated) pieces.push(`
${inlineMarkdown(validatedOnlyText(report), 300)}
`);
    else if (report.mode !== "discover" && report.findings.length === 0)
      pieces.push(`
No findings. ${c.users} users audited.
`);
    else if (judged && fixed > 0 && !report.findings.some(isOpen))
      pieces.push(
        `
No open findings: ${plural(fixed, "finding")} fixed by this run. ${c.users} users audited.
`
      );
  }
  return pieces;
}
function errors(report) {
  if (report.errors.length === 0) return [];
  return [
    `
### Errors (${report.errors.length})

`,
    ...report.errors.map((e) => {
      const where = e.file ? ` (${inlineMarkdown(e.file, 120)}${e.line ? `:${e.line}:${e.column ?? 1}` : ""})` : "";
      const hint = e.hint ? `<br>${inlineMarkdown(e.hint, 500)}` : "";
      return `- **${inlineMarkdown(e.code, 80)}**: ${inlineMarkdown(e.message, 1e3)}${where}${hint}
`;
    })
  ];
}
function findingsBySeverity(report, ctx = PLAIN) {
  const open = report.findings.filter(isOpen);
  return SEVERITIES.flatMap((severity) => {
    const rows = open.filter((f) => f.severity === severity);
    if (rows.length === 0) return [];
    return table(
      `### ${capitalised(severity)} (${rows.length})`,
      [],
      ["Who", "Holds", "Rule", "Fix"],
      rows.map((f) => [who(f), inlineMarkdown(holdings(f, 10, ctx.label), 300), inlineMarkdown(f.rule, 80), inlineMarkdown(fixLabel(f.fix))]),
      plural(rows.length, `${severity} finding`)
    );
  });
}
function remediated(report, ctx = PLAIN) {
  const fixed = report.findings.filter(isRemediated);
  if (fixed.length === 0) return [];
  return table(
    `### Fixed by this run (${fixed.length})`,
    ["Each change was verified by reading the user back from ServiceTitan."],
    ["Who", "Held", "Rule", "Severity", "Change"],
    fixed.map((f) => {
      const step = fixingStep(report, f);
      return [
        who(f),
        inlineMarkdown(holdings(f, 10, ctx.label), 300),
        inlineMarkdown(f.rule, 80),
        f.severity,
        inlineMarkdown(step ? appliedLabel(step) : "fixed", 80)
      ];
    }),
    plural(fixed.length, "fixed finding")
  );
}
function exempted(report) {
  const rows = report.findings.filter(isExempt);
  if (rows.length === 0) return [];
  return table(
    `### Exempted (${rows.length})`,
    [],
    ["Who", "Rule", "Reason", "Expires", "Approved by", "Ticket"],
    rows.map((f) => {
      const x = f.exemption;
      return [
        who(f),
        inlineMarkdown(f.rule, 80),
        inlineMarkdown(x.reason),
        inlineMarkdown(x.expires, 20),
        inlineMarkdown(x.approvedBy, 80),
        inlineMarkdown(x.ticket ?? "\u2014", 40)
      ];
    }),
    plural(rows.length, "exempted finding")
  );
}
function expiringSoon(report) {
  const now = new Date(report.finishedAt);
  const seen = /* @__PURE__ */ new Map();
  for (const f of report.findings.filter(isExempt)) {
    const x = f.exemption;
    const days = daysUntilExpiry(x.expires, now);
    if (days === null || days < 0 || days > 30) continue;
    const key = JSON.stringify([x.reason, x.expires, x.approvedBy, x.ticket, f.user?.kind, f.user?.id]);
    const entry = seen.get(key);
    if (entry) entry.covers += 1;
    else seen.set(key, { finding: f, days, covers: 1 });
  }
  if (seen.size === 0) return [];
  const entries = [...seen.values()].sort((a, b) => a.days - b.days);
  return table(
    `### Exemptions expiring within 30 days (${entries.length})`,
    ["Renew them in the policy (with a new approval) or let the findings come back."],
    ["Expires", "Days left", "Who", "Findings covered", "Approved by", "Ticket"],
    entries.map(({ finding: f, days, covers }) => {
      const x = f.exemption;
      return [
        inlineMarkdown(x.expires, 20),
        String(days),
        who(f),
        String(covers),
        inlineMarkdown(x.approvedBy, 80),
        inlineMarkdown(x.ticket ?? "\u2014", 40)
      ];
    })
  );
}
function plan(report) {
  if (report.plan.length === 0 && report.refusals.length === 0) return [];
  const intro = [];
  if (report.refusals.length > 0) {
    intro.push(
      (report.mode === "apply" || report.mode === "undo" ? `**${report.mode === "undo" ? "Undo" : "Apply"} refused this plan and changed nothing:**` : "**Apply would refuse this plan:**") + "\n" + report.refusals.map((r) => `- ${inlineMarkdown(r.code, 60)}: ${inlineMarkdown(r.message, 500)}`).join("\n")
    );
  } else if (report.mode !== "apply" && report.mode !== "undo" && report.plan.length > 0) {
    intro.push("Apply would go ahead with these changes (`mode: apply`).");
  }
  return table(
    `### Plan (${report.plan.length} change${report.plan.length === 1 ? "" : "s"})`,
    intro,
    ["Who", "Action", "Status", "Rules", "Detail"],
    report.plan.map((s) => [
      `**${inlineMarkdown(s.user.name, 80)}**<br>${inlineMarkdown(recordRef(s.user))}`,
      inlineMarkdown(stepLabel(s), 80),
      s.status,
      inlineMarkdown(s.rules.join(", "), 200),
      // a failed step's error ends with what to do about it: not cut where a reason is
      inlineMarkdown(stepDetail(s), s.status === "failed" || s.status === "applied" ? 800 : 300)
    ]),
    plural(report.plan.length, "change")
  );
}
function joinSteps(steps) {
  return steps.reduce(
    (text, step) => text ? `${text}${/[.!?]$/.test(text) ? " " : "; "}${step}` : step,
    ""
  );
}
function manualSteps(report) {
  const manual = report.findings.filter((f) => isOpen(f) && hasManualSteps(f));
  if (manual.length === 0) return [];
  const collapse = manual.length > COLLAPSE_FROM;
  return [
    `
### Manual steps (${manual.length})

ServiceTitan has no API call for these; a person makes them.

` + (collapse ? `<details><summary>Show all ${manual.length} findings to fix by hand</summary>

` : ""),
    ...manual.map((f) => {
      const steps = fixSteps(f.fix).slice(0, 10);
      const target = f.user ? `${inlineMarkdown(f.user.name, 80)} (${inlineMarkdown(recordRef(f.user))})` : "tenant";
      const besides = f.fix.action === "manual" ? "" : `besides _${inlineMarkdown(fixLabel(f.fix), 80)}_ (apply): `;
      return `- **${inlineMarkdown(f.rule, 80)}** \xB7 ${target}: ${besides}${joinSteps(steps.map((step) => inlineMarkdown(step, 500)))}
`;
    }),
    ...collapse ? [DETAILS_CLOSE] : []
  ];
}
function comparison(report, ctx = PLAIN) {
  const cmp = report.comparison;
  if (!cmp) return [];
  const entries = comparedFindings(report);
  return table(
    "### Policy change impact",
    [`This policy change: ${comparisonCounts(cmp)}.`],
    ["Change", "Rule", "Who", "Severity", "What"],
    entries.map(
      ({ change, id, finding: f }) => f ? [
        CHANGE_LABEL[change],
        inlineMarkdown(f.rule, 80),
        who(f),
        f.severity,
        inlineMarkdown(
          change === "exempted" && f.exemption ? exemptedText(f.exemption) : holdings(f, 10, ctx.label),
          400
        )
      ] : [CHANGE_LABEL[change], "\u2014", "\u2014", "\u2014", `finding ${inlineMarkdown(id, 40)}`]
    ),
    plural(entries.length, "finding")
  );
}
function discovery(report) {
  const d = report.discovery;
  if (!d) return [];
  const values = (v) => inlineMarkdown(
    Object.entries(v).map(([value, n]) => `${value}: ${n}`).join(", "),
    300
  );
  return [
    ...table(
      `### Permissions seen (${d.permissions.length})`,
      ["Values show how many active users hold each value."],
      ["Id", "Policy name", "Values", "Users"],
      d.permissions.map((p) => [String(p.id), inlineMarkdown(p.name ?? "\u2014", 80), values(p.values), String(p.users)])
    ),
    ...table(
      `### Roles (${d.roles.length})`,
      [],
      ["Id", "Name", "Active", "Users"],
      d.roles.map((r) => [String(r.id), inlineMarkdown(r.name, 80), r.active ? "yes" : "no", String(r.users)])
    ),
    ...d.changes ? table(
      `### Permission changes since the baseline snapshot (${d.changes.length})`,
      ["The id that changed on the user you toggled is the one to map in the policy."],
      ["Who", "Permission id", "Before", "After"],
      d.changes.map((c) => [
        `${inlineMarkdown(c.user.name, 80)} (${inlineMarkdown(recordRef(c.user))})`,
        String(c.permission),
        inlineMarkdown(String(c.before ?? "\u2014"), 40),
        inlineMarkdown(String(c.after ?? "\u2014"), 40)
      ])
    ) : []
  ];
}
function exemptionNotices(report, notices) {
  if (notices.length === 0) return [];
  const user = (raw) => report.redacted ? maskUserRef(raw) : raw;
  const expired = notices.filter((n) => n.status === "expired").length;
  return [
    `
### \u26A0\uFE0F Exemptions to renew (${notices.length})

` + (expired > 0 ? `${plural(expired, "exemption")} of this valid policy ${expired === 1 ? "has" : "have"} expired: the next audit reports ${expired === 1 ? "it" : "them"} as findings.

` : ""),
    ...notices.map(
      (n) => `- **${n.status === "expired" ? "Expired" : "Expiring"}** (${inlineMarkdown(report.policy.path, 120)}:${n.position.line}): ${inlineMarkdown(describeNotice(n, user), 600)}
`
    )
  ];
}

// src/report/summary-overview.ts
var OVERVIEW_FROM = 6;
var CHART_SLICES = 8;
var SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 };
function tallyByRule(report) {
  const tallies = /* @__PURE__ */ new Map();
  for (const f of report.findings) {
    const t = tallies.get(f.rule) ?? { rule: f.rule, severity: f.severity, open: 0, exempted: 0, fixed: 0 };
    if (SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[t.severity]) t.severity = f.severity;
    if (isExempt(f)) t.exempted++;
    else if (isRemediated(f)) t.fixed++;
    else t.open++;
    tallies.set(f.rule, t);
  }
  return [...tallies.values()].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.open - a.open || a.rule.localeCompare(b.rule)
  );
}
function chartLabel(s) {
  return Array.from(s.replace(/[^A-Za-z0-9 ._-]/g, "_")).slice(0, 60).join("");
}
function chart(tallies) {
  const open = tallies.filter((t) => t.open > 0);
  if (open.length === 0) return [];
  const shown = open.slice(0, CHART_SLICES);
  const rest = open.slice(CHART_SLICES).reduce((sum, t) => sum + t.open, 0);
  const slices = [
    ...shown.map((t) => `    "${chartLabel(t.rule)} (${t.severity})" : ${t.open}`),
    ...rest > 0 ? [`    "${open.length - CHART_SLICES} more rules" : ${rest}`] : []
  ];
  return [
    "\n```mermaid\npie showData\n    title Open findings by rule and severity\n" + slices.join("\n") + "\n```\n"
  ];
}
function overview(report) {
  if (report.findings.length < OVERVIEW_FROM) return [];
  const tallies = tallyByRule(report);
  const anyFixed = tallies.some((t) => t.fixed > 0);
  return [
    ...chart(tallies),
    ...table(
      `### Findings by rule (${tallies.length} rules)`,
      [],
      ["Rule", "Severity", "Open", "Exempted", ...anyFixed ? ["Fixed by this run"] : []],
      tallies.map((t) => [
        inlineMarkdown(t.rule, 80),
        t.severity,
        String(t.open),
        String(t.exempted),
        ...anyFixed ? [String(t.fixed)] : []
      ]),
      plural(tallies.length, "rule")
    )
  ];
}

// src/report/summary.ts
var DEFAULT_BUDGET = 9e5;
var bytes = (s) => Buffer.byteLength(s, "utf8");
function safeUrl(url) {
  if (!/^https:\/\/[^\s]+$/.test(url)) return null;
  return url.replace(
    /[()<>"'`\\[\]|]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`
  );
}
function footer(report, opts) {
  const lines = [];
  const url = opts.policyUrl ? safeUrl(opts.policyUrl) : null;
  if (url) lines.push(`Policy: [${inlineMarkdown(report.policy.path, 120)}](${url})`);
  if (opts.reportPath) lines.push(`Full report: ${inlineMarkdown(opts.reportPath, 200)}`);
  lines.push(
    `servicetitan-access-guard ${inlineMarkdown(report.tool.version, 40)} \xB7 finished ${inlineMarkdown(report.finishedAt, 40)}`
  );
  return [`
---

${lines.join("<br>\n")}
`];
}
function truncationNote(opts) {
  const where = opts.reportPath ? `the JSON report (${inlineMarkdown(opts.reportPath, 200)})` : "the JSON report";
  return `
---

> **This summary was cut short** to stay under GitHub\u2019s size limit. Everything is in ${where}.
`;
}
function sinceLastReview(markdown) {
  if (!markdown?.trim()) return [];
  const lines = markdown.trim().split("\n");
  return lines.map((line, i) => i === 0 ? `
${line}
` : `${line}
`);
}
var opened = (s) => s.split("<details>").length - s.split("</details>").length;
function renderSummary(report, opts = {}) {
  const budget = opts.budgetBytes ?? DEFAULT_BUDGET;
  const ctx = sectionContext(opts.policy);
  const issueUrl = opts.issue ? safeUrl(opts.issue.url) : null;
  const pieces = [
    ...headline(report, opts.issue && issueUrl ? { number: opts.issue.number, url: issueUrl } : null),
    ...exemptionNotices(report, validateNotices(report, opts.policy)),
    ...errors(report),
    ...comparison(report, ctx),
    ...overview(report),
    ...findingsBySeverity(report, ctx),
    ...remediated(report, ctx),
    ...plan(report),
    ...manualSteps(report),
    ...exempted(report),
    ...expiringSoon(report),
    ...discovery(report),
    ...sinceLastReview(opts.sinceLastReview),
    ...footer(report, opts)
  ];
  const whole = pieces.join("");
  if (bytes(whole) <= budget) return whole;
  const note = truncationNote(opts);
  let room = budget - bytes(note) - bytes(DETAILS_CLOSE);
  let out = "";
  for (const piece of pieces) {
    const size = bytes(piece);
    if (size > room) break;
    out += piece;
    room -= size;
  }
  const close = opened(out) > 0 ? DETAILS_CLOSE : "";
  return (out + close + note).replace(/^\n+/, "");
}

// src/report/annotations.ts
var FINDINGS_PER_ANNOTATION = 20;
var LEVEL_ORDER = { error: 0, warning: 1, notice: 2 };
function findingLine(f) {
  const who2 = f.user ? `${personLabel(f.user)} (${recordRef(f.user)}, ${f.user.audience})` : "tenant";
  const state = isExempt(f) ? `[exempted until ${f.exemption.expires}: ${f.exemption.reason}]` : isRemediated(f) ? "[fixed by this run]" : "";
  return `- ${inlinePlain(who2, 160)}: ${inlinePlain(holdings(f), 300)}${state ? ` ${inlinePlain(state, 200)}` : ""}`;
}
function findingAnnotations(report, policyPath) {
  const groups = /* @__PURE__ */ new Map();
  for (const f of report.findings) {
    const key = JSON.stringify([f.rule, f.location.line, f.location.column]);
    const group2 = groups.get(key);
    if (group2) group2.push(f);
    else groups.set(key, [f]);
  }
  const annotations = [];
  for (const findings of groups.values()) {
    const first = findings[0];
    const open = findings.filter(isOpen);
    const exempted2 = findings.filter(isExempt).length;
    const fixed = findings.filter(isRemediated).length;
    const level = open.length === 0 ? "notice" : open.some((f) => reachesFailOn(f.severity, report.failOn)) ? "error" : "warning";
    const severity = open[0]?.severity ?? first.severity;
    const counted = [
      `${open.length} finding${open.length === 1 ? "" : "s"}`,
      ...fixed > 0 ? [`${fixed} fixed by this run`] : [],
      ...exempted2 > 0 ? [`${exempted2} exempted`] : []
    ].join(", ");
    const lines = findings.slice(0, FINDINGS_PER_ANNOTATION).map(findingLine);
    if (findings.length > FINDINGS_PER_ANNOTATION)
      lines.push(`and ${findings.length - FINDINGS_PER_ANNOTATION} more`);
    annotations.push({
      level,
      title: inlinePlain(`${first.rule} (${severity}): ${counted}`, 200),
      message: lines.join("\n"),
      file: policyPath,
      startLine: Math.max(1, first.location.line),
      startColumn: Math.max(1, first.location.column)
    });
  }
  return annotations.sort(
    (a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || (a.startLine ?? 0) - (b.startLine ?? 0)
  );
}
function policyIssueAnnotations(issues) {
  return issues.map((issue) => ({
    level: "error",
    title: inlinePlain(issue.code, 100),
    message: inlinePlain(issue.hint ? `${issue.message} (${issue.hint})` : issue.message, 1e3),
    file: issue.file,
    startLine: Math.max(1, issue.line),
    startColumn: Math.max(1, issue.column)
  }));
}
function exemptionNoticeAnnotations(report, policy, policyPath) {
  const user = (raw) => report.redacted ? maskUserRef(raw) : raw;
  return validateNotices(report, policy).map((n) => ({
    level: "warning",
    title: n.status === "expired" ? "Exemption expired" : "Exemption expiring",
    message: inlinePlain(describeNotice(n, user), 1e3),
    file: policyPath,
    startLine: Math.max(1, n.position.line),
    startColumn: Math.max(1, n.position.column)
  }));
}

// src/main.ts
function actionLogger() {
  let lastProgress = 0;
  return {
    debug: (m) => debug(neutraliseWorkflowCommands(m)),
    info: (m) => info(neutraliseWorkflowCommands(m)),
    warning: (m) => warning(neutraliseWorkflowCommands(m)),
    error: (m) => error(neutraliseWorkflowCommands(m)),
    group: (name, fn) => group(name, fn),
    progress: (what, done, total) => {
      const now = Date.now();
      if (done !== total && now - lastProgress < 2e3) return;
      lastProgress = now;
      info(total ? `${what}: ${done} of ${total}` : `${what}: ${done}`);
    }
  };
}
function actionInputs() {
  return {
    get: (name) => {
      const value = getInput(name);
      if (value && SECRET_INPUTS.includes(name)) setSecret(value);
      return value;
    },
    label: (name) => `Input \`${name}\``
  };
}
function annotate(a) {
  const props = {
    title: a.title,
    ...a.file ? { file: a.file } : {},
    ...a.startLine ? { startLine: a.startLine } : {},
    ...a.startColumn ? { startColumn: a.startColumn } : {}
  };
  const message = neutraliseWorkflowCommands(a.message);
  if (a.level === "error") error(message, props);
  else if (a.level === "warning") warning(message, props);
  else notice(message, props);
}
async function writeOut(settings, file, content) {
  await writeFileAtomic(path.resolve(settings.workspace, file), content);
  return file;
}
function runUrl(env = process.env) {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return void 0;
  return `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}
function setOutputs(report, files) {
  const c = report.counts;
  setOutput("status", report.status);
  setOutput("findings", c.findings);
  setOutput("exempted", c.exempted);
  setOutput("critical", c.critical);
  setOutput("high", c.high);
  setOutput("medium", c.medium);
  setOutput("low", c.low);
  setOutput("planned-changes", report.plan.filter((s) => s.status !== "skipped").length);
  setOutput("applied-changes", report.plan.filter((s) => s.status === "verified").length);
  setOutput("report", files.report ?? "");
  setOutput("sarif", files.sarif ?? "");
  setOutput("evidence", files.evidence ?? "");
}
function channelFailure(channel, error2, redacted) {
  if (error2 instanceof GuardError) {
    return `${channel} was not written: ${error2.message}${error2.hint ? ` ${error2.hint}` : ""} [${error2.code}]`;
  }
  if (!redacted && error2 instanceof Error) debug(error2.stack ?? error2.message);
  return `${channel} was not written: ${describeWriteFailure(error2, redacted)}.`;
}
async function publish(settings, result, logger) {
  const { report } = result;
  const files = {};
  const failures = [];
  const attempt = async (channel, fn) => {
    try {
      await fn();
    } catch (error2) {
      const message = channelFailure(channel, error2, result.redacted);
      failures.push(message);
      logger.error(message);
    }
  };
  const reportPath = reportFile(settings);
  if (reportPath && result.writeReport) {
    await attempt(`The report ${reportPath}`, async () => {
      files.report = await writeOut(settings, reportPath, renderJson(report));
    });
  }
  if (settings.sarifPath) {
    const sarifPath = settings.sarifPath;
    await attempt(`The SARIF file ${sarifPath}`, async () => {
      const { renderSarif } = await import("./chunks/sarif-2JFYEXI3.js");
      const sarif = renderSarif(report, result.policy, {
        policyPath: settings.policyPath.replace(/\\/g, "/")
      });
      files.sarif = await writeOut(settings, sarifPath, JSON.stringify(sarif, null, 2) + "\n");
    });
  }
  for (const a of policyIssueAnnotations(result.policyIssues)) annotate(a);
  for (const a of findingAnnotations(report, settings.policyPath)) annotate(a);
  for (const a of exemptionNoticeAnnotations(report, result.policy, settings.policyPath)) annotate(a);
  for (const note of result.notes) notice(note);
  let sinceLastReview2 = null;
  if (settings.evidencePath) {
    const evidencePath = settings.evidencePath;
    await attempt(`The evidence pack ${evidencePath}`, async () => {
      const { writeRunEvidence } = await import("./chunks/sink-6AYL5ASO.js");
      const evidence = await writeRunEvidence(settings, result, runUrl());
      if (evidence) {
        files.evidence = evidencePath;
        info(
          `Evidence pack written to ${evidencePath}${evidence.replacedEarlier ? ", replacing the earlier pack there" : ""}`
        );
        if (evidence.signature) {
          info(
            `Evidence pack signed: ${evidence.signature.file}, key ${evidence.signature.publicKeyFingerprint}`
          );
        }
        sinceLastReview2 = evidence.sinceLastReview ?? null;
      }
    });
  }
  let impact = "";
  let issueNumber = null;
  let issueUrl = null;
  if (settings.issue || settings.event.isPullRequest && result.baseline) {
    await attempt("The GitHub issue or pull-request comment", async () => {
      const { publishToGitHub } = await import("./chunks/publish-2RPYT54T.js");
      const github = await publishToGitHub(settings, result, logger);
      impact = github.impactMarkdown ? `${github.impactMarkdown}

` : "";
      issueNumber = github.issueNumber;
      issueUrl = github.issueUrl;
    });
  }
  const summary2 = renderSummary(report, {
    ...files.report ? { reportPath: files.report } : {},
    policy: result.policy,
    sinceLastReview: sinceLastReview2,
    issue: issueNumber !== null && issueUrl ? { number: issueNumber, url: issueUrl } : null
  });
  const warnings = failures.map((f) => `> \u26A0\uFE0F ${inlineMarkdown(f, 2e3)}

`).join("");
  if (process.env.GITHUB_STEP_SUMMARY) {
    await summary.addRaw(warnings + result.notes.map((n) => `> ${n}

`).join("") + impact + summary2).write();
  }
  setOutputs(report, files);
  setOutput("issue-number", issueNumber ?? "");
  return failures;
}
function failureMessage(report) {
  if (report.status === "error") {
    const first = report.errors[0];
    const more = report.errors.length > 1 ? ` (and ${report.errors.length - 1} more; see the job summary)` : "";
    return first ? `${first.message}${first.hint ? ` ${first.hint}` : ""} [${first.code}]${more}` : "The run could not complete.";
  }
  if (report.refusals.length > 0 && (report.mode === "apply" || report.mode === "undo")) {
    const what = report.mode === "apply" ? "Apply" : "Undo";
    return `${what} refused, nothing was changed: ${report.refusals.map((r) => r.message).join(" ")}`;
  }
  const c = report.counts;
  return `${c.findings} findings (${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low) at or above fail-on \`${report.failOn}\`; see the job summary.`;
}
async function run() {
  try {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const event = readGitHubEvent(process.env);
    const settings = parseSettings(actionInputs(), event, workspace);
    const logger = actionLogger();
    const wantsBasePolicy = settings.event.isPullRequest && settings.connection !== null;
    const result = await runPipeline(settings, {
      logger,
      now: () => /* @__PURE__ */ new Date(),
      onSecret: (s) => setSecret(s),
      ...wantsBasePolicy ? {
        baselinePolicy: async () => {
          const { basePolicyReader } = await import("./chunks/publish-2RPYT54T.js");
          return basePolicyReader(settings, logger);
        }
      } : {}
    });
    const failures = await logger.group("Report", async () => {
      const start = performance.now();
      try {
        return await publish(settings, result, logger);
      } finally {
        logger.info(`Report took ${Math.round(performance.now() - start)} ms`);
      }
    });
    const { report } = result;
    const c = report.counts;
    info(
      `Result: ${report.status} \u2014 ${c.findings} findings (${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low), ${c.exempted} exempted, ${c.users} users audited.`
    );
    if (statusExitCode(report) !== 0) setFailed(neutraliseWorkflowCommands(failureMessage(report)));
    else if (failures.length > 0) setFailed(neutraliseWorkflowCommands(failures.join(" ")));
  } catch (error2) {
    if (error2 instanceof GuardError) {
      setOutput("status", "error");
      const message = `${error2.message}${error2.hint ? ` ${error2.hint}` : ""} [${error2.code}]`;
      setFailed(message);
      if (process.env.GITHUB_STEP_SUMMARY) {
        await summary.addRaw(`## \u26A0\uFE0F ServiceTitan access guard: error

${inlineMarkdown(message, 2e3)}
`).write().catch(() => void 0);
      }
    } else {
      debug(error2 instanceof Error ? error2.stack ?? "" : String(error2));
      setOutput("status", "error");
      setFailed(
        `Unexpected error: ${error2 instanceof Error ? error2.message : String(error2)}. This is a bug; rerun with debug logging and report it.`
      );
    }
  }
}

// src/index.ts
await run();
