import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  renderJson
} from "./chunks/chunk-BIGH7BX5.js";
import {
  HEADLINE_STATUS,
  daysUntilExpiry,
  failOnLabel,
  fixLabel,
  holdings,
  personLabel,
  recordRef,
  stepDetail,
  stepLabel
} from "./chunks/chunk-PURUKCPV.js";
import {
  inlineMarkdown,
  inlinePlain,
  neutraliseWorkflowCommands
} from "./chunks/chunk-LXH2JKLY.js";
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
import {
  undoJournalPath
} from "./chunks/chunk-QGZJSZN5.js";
import {
  SEVERITIES,
  runPipeline,
  writeFileAtomic
} from "./chunks/chunk-YN663IN2.js";
import "./chunks/chunk-WSACJKPV.js";
import {
  SECRET_INPUTS,
  parseSettings
} from "./chunks/chunk-T3P4LWFM.js";
import {
  isExempt,
  reachesFailOn,
  statusExitCode
} from "./chunks/chunk-4GBQN3HZ.js";
import "./chunks/chunk-ZHCADPYF.js";
import "./chunks/chunk-47HB3AU5.js";
import "./chunks/chunk-5VFH7U4S.js";
import {
  GuardError
} from "./chunks/chunk-XHRDWC7O.js";
import "./chunks/chunk-WD5L72B6.js";

// src/main.ts
import { readFileSync } from "node:fs";
import path from "node:path";

// src/report/summary-sections.ts
var TITLE = {
  validate: "policy validation",
  audit: "access audit",
  apply: "access remediation",
  discover: "permission discovery",
  undo: "undo"
};
function table(heading, intro, header, rows) {
  const head = `
${heading}

` + intro.map((line) => `${line}

`).join("") + `| ${header.join(" | ")} |
|${header.map(() => " --- |").join("")}
`;
  return [head, ...rows.map((cells) => `| ${cells.join(" | ")} |
`)];
}
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
function headline(report) {
  const s = HEADLINE_STATUS[report.status];
  const c = report.counts;
  const context = [
    report.tenant ? `Tenant ${inlineMarkdown(report.tenant, 40)} (${report.environment})` : report.environment,
    `mode ${report.mode}`,
    `policy ${inlineMarkdown(report.policy.path, 120)}`,
    failOnLabel(report.failOn)
  ].join(" \xB7 ");
  const pieces = [`## ${s.icon} ServiceTitan ${TITLE[report.mode]}: ${s.word}

${context}
`];
  const judged = report.mode !== "validate" && report.mode !== "discover";
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
    if (report.mode === "validate") pieces.push("\nThe policy is valid.\n");
    else if (report.mode !== "discover" && report.findings.length === 0)
      pieces.push(`
No findings. ${c.users} users audited.
`);
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
function findingsBySeverity(report) {
  const open = report.findings.filter((f) => !isExempt(f));
  return SEVERITIES.flatMap((severity) => {
    const rows = open.filter((f) => f.severity === severity);
    if (rows.length === 0) return [];
    const name = severity[0].toUpperCase() + severity.slice(1);
    return table(
      `### ${name} (${rows.length})`,
      [],
      ["Who", "Holds", "Rule", "Fix"],
      rows.map((f) => [who(f), inlineMarkdown(holdings(f), 300), inlineMarkdown(f.rule, 80), inlineMarkdown(fixLabel(f.fix))])
    );
  });
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
    })
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
      inlineMarkdown(stepDetail(s), 300)
    ])
  );
}
function manualSteps(report) {
  const manual = report.findings.filter((f) => !isExempt(f) && f.fix.action === "manual");
  if (manual.length === 0) return [];
  return [
    `
### Manual steps

ServiceTitan has no API call for these; a person makes them.

`,
    ...manual.map((f) => {
      const steps = f.fix.action === "manual" ? f.fix.steps.slice(0, 10) : [];
      const target = f.user ? `${inlineMarkdown(f.user.name, 80)} (${inlineMarkdown(recordRef(f.user))})` : "tenant";
      return `- **${inlineMarkdown(f.rule, 80)}** \xB7 ${target}: ${steps.map((step) => inlineMarkdown(step, 300)).join("; ")}
`;
    })
  ];
}
function comparison(report) {
  const cmp = report.comparison;
  if (!cmp) return [];
  const byId = new Map(report.findings.map((f) => [f.id, f]));
  const describe = (id) => {
    const f = byId.get(id);
    return f ? [inlineMarkdown(f.rule, 80), f.user ? inlineMarkdown(f.user.name, 80) : "_tenant_"] : ["\u2014", "\u2014"];
  };
  return table(
    "### Policy change impact",
    [`This policy change adds ${cmp.added.length} finding(s) and resolves ${cmp.resolved.length}.`],
    ["Change", "Finding", "Rule", "Who"],
    [
      ...cmp.added.map((id) => ["added", inlineMarkdown(id, 80), ...describe(id)]),
      ...cmp.resolved.map((id) => ["resolved", inlineMarkdown(id, 80), ...describe(id)])
    ]
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
function renderSummary(report, opts = {}) {
  const budget = opts.budgetBytes ?? DEFAULT_BUDGET;
  const pieces = [
    ...headline(report),
    ...errors(report),
    ...comparison(report),
    ...findingsBySeverity(report),
    ...plan(report),
    ...manualSteps(report),
    ...exempted(report),
    ...expiringSoon(report),
    ...discovery(report),
    ...footer(report, opts)
  ];
  const whole = pieces.join("");
  if (bytes(whole) <= budget) return whole;
  const note = truncationNote(opts);
  let room = budget - bytes(note);
  let out = "";
  for (const piece of pieces) {
    const size = bytes(piece);
    if (size > room) break;
    out += piece;
    room -= size;
  }
  return (out + note).replace(/^\n+/, "");
}

// src/report/annotations.ts
var FINDINGS_PER_ANNOTATION = 20;
var LEVEL_ORDER = { error: 0, warning: 1, notice: 2 };
function findingLine(f) {
  const who2 = f.user ? `${personLabel(f.user)} (${recordRef(f.user)}, ${f.user.audience})` : "tenant";
  const exempt = isExempt(f) ? `[exempted until ${f.exemption.expires}: ${f.exemption.reason}]` : "";
  return `- ${inlinePlain(who2, 160)}: ${inlinePlain(holdings(f), 300)}${exempt ? ` ${inlinePlain(exempt, 200)}` : ""}`;
}
function findingAnnotations(report, policyPath) {
  const groups = /* @__PURE__ */ new Map();
  for (const f of report.findings) {
    const key = JSON.stringify([f.rule, f.location.line, f.location.column]);
    groups.set(key, [...groups.get(key) ?? [], f]);
  }
  const annotations = [];
  for (const findings of groups.values()) {
    const first = findings[0];
    const open = findings.filter((f) => !isExempt(f));
    const level = open.length === 0 ? "notice" : open.some((f) => reachesFailOn(f.severity, report.failOn)) ? "error" : "warning";
    const severity = open[0]?.severity ?? first.severity;
    const counted = open.length === findings.length ? `${findings.length} finding${findings.length === 1 ? "" : "s"}` : `${open.length} finding${open.length === 1 ? "" : "s"}, ${findings.length - open.length} exempted`;
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
function readEvent(env = process.env) {
  const name = env.GITHUB_EVENT_NAME ?? "";
  let payload = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
    } catch {
      payload = {};
    }
  }
  const repository = payload.repository;
  return {
    name,
    isPullRequest: name === "pull_request" || name === "pull_request_target",
    repositoryPrivate: typeof repository?.private === "boolean" ? repository.private : null,
    payload
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
async function publish(settings, result, logger) {
  const { report } = result;
  const files = {};
  const reportPath = settings.mode === "undo" && settings.reportPath ? undoJournalPath(settings.reportPath) : settings.reportPath;
  if (reportPath) files.report = await writeOut(settings, reportPath, renderJson(report));
  if (settings.sarifPath) {
    const { renderSarif } = await import("./chunks/sarif-GMFFV7YE.js");
    const sarif = renderSarif(report, result.policy, { policyPath: settings.policyPath.replace(/\\/g, "/") });
    files.sarif = await writeOut(settings, settings.sarifPath, JSON.stringify(sarif, null, 2) + "\n");
  }
  for (const a of policyIssueAnnotations(result.policyIssues)) annotate(a);
  for (const a of findingAnnotations(report, settings.policyPath)) annotate(a);
  for (const note of result.notes) notice(note);
  let sinceLastReview = "";
  if (settings.evidencePath) {
    const { writeRunEvidence } = await import("./chunks/sink-EZ6M7WYT.js");
    const evidence = await writeRunEvidence(settings, result, runUrl());
    if (evidence) {
      files.evidence = settings.evidencePath;
      info(`Evidence pack written to ${settings.evidencePath}`);
      sinceLastReview = evidence.sinceLastReview ? `
${evidence.sinceLastReview}
` : "";
    }
  }
  let impact = "";
  let issueNumber = null;
  if (settings.issue || settings.event.isPullRequest && result.baseline) {
    const { publishToGitHub } = await import("./chunks/publish-DEKMFJNZ.js");
    const github = await publishToGitHub(settings, result, logger);
    impact = github.impactMarkdown ? `${github.impactMarkdown}

` : "";
    issueNumber = github.issueNumber;
  }
  const summary2 = renderSummary(report, {
    ...files.report ? { reportPath: files.report } : {}
  });
  if (process.env.GITHUB_STEP_SUMMARY) {
    await summary.addRaw(result.notes.map((n) => `> ${n}

`).join("") + impact + summary2 + sinceLastReview).write();
  }
  setOutputs(report, files);
  setOutput("issue-number", issueNumber ?? "");
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
    const event = readEvent();
    const settings = parseSettings(actionInputs(), event, workspace);
    const logger = actionLogger();
    const wantsBasePolicy = settings.event.isPullRequest && settings.connection !== null;
    const result = await runPipeline(settings, {
      logger,
      now: () => /* @__PURE__ */ new Date(),
      onSecret: (s) => setSecret(s),
      ...wantsBasePolicy ? {
        baselinePolicy: async () => {
          const { basePolicyReader } = await import("./chunks/publish-DEKMFJNZ.js");
          return basePolicyReader(settings, logger);
        }
      } : {}
    });
    await logger.group("Report", async () => {
      const start = performance.now();
      await publish(settings, result, logger);
      logger.info(`Report took ${Math.round(performance.now() - start)} ms`);
    });
    const { report } = result;
    const c = report.counts;
    info(
      `Result: ${report.status} \u2014 ${c.findings} findings (${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low), ${c.exempted} exempted, ${c.users} users audited.`
    );
    if (statusExitCode(report) !== 0) setFailed(neutraliseWorkflowCommands(failureMessage(report)));
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
