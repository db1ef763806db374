import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  CHANGE_LABEL,
  comparedFindings,
  comparisonCounts,
  exemptedText
} from "./chunk-4ELQWBUJ.js";
import {
  VALIDATED_TITLE,
  describeNotice,
  validatedOnly,
  validatedOnlyText
} from "./chunk-RPQZQ367.js";
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
  recordRef,
  stepDetail,
  stepLabel
} from "./chunk-LLWHVQOH.js";
import {
  isExempt,
  isOpen,
  isRemediated
} from "./chunk-TXDFWF7U.js";
import {
  SEVERITIES
} from "./chunk-44ZEGOLS.js";
import {
  maskUserRef
} from "./chunk-O3RGELUA.js";
import {
  inlineMarkdown
} from "./chunk-Y7PV46DD.js";

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
  undo: "undo",
  review: "access review",
  "fleet-matrix": "fleet matrix",
  "fleet-report": "fleet roll-up"
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

// src/report/summary-identity.ts
var KIND = {
  csv: "HR roster",
  entra: "Microsoft Entra ID",
  google: "Google Workspace"
};
function identityLines(summary) {
  const s = summary;
  const dormant = s.dormantAfterDays === null ? "dormancy not judged (identity.dormant-after-days is not set)" : `${s.dormant} dormant (no sign-in for ${s.dormantAfterDays} days)`;
  const lines = [
    `${plural(s.accounts, "active account")}: ${s.matched} matched to a person, ${s.unmatched} unmatched, ${plural(s.leavers, "leaver")}, ${dormant}` + (s.ssoBroken > 0 ? `, ${plural(s.ssoBroken, "broken SSO link")}` : "") + "."
  ];
  if (s.dormantAfterDays !== null) {
    for (const source of s.sources) {
      if (source.dormancyUnavailable !== null)
        lines.push(`For source ${source.id}, dormancy is unavailable: ${source.dormancyUnavailable}.`);
    }
  }
  return lines;
}
function sourceTally(summary, source) {
  const dormant = summary.dormantAfterDays === null || source.dormancyUnavailable !== null ? "dormancy not judged" : `${source.dormant} dormant`;
  return `${source.id}: ${plural(source.matched, "account")} matched among ${plural(source.people, "person").replace(/persons$/, "people")}, ${plural(source.leavers, "leaver")}, ${dormant}`;
}
function identitySection(report) {
  const s = report.identity;
  if (!s) return [];
  return table(
    "### Identity",
    identityLines(s).map((line) => inlineMarkdown(line, 600)),
    ["Source", "Kind", "People", "Accounts matched", "Leavers", "Dormant"],
    s.sources.map((source) => [
      `\`${inlineMarkdown(source.id, 100)}\``,
      KIND[source.kind],
      String(source.people),
      String(source.matched),
      String(source.leavers),
      s.dormantAfterDays === null || source.dormancyUnavailable !== null ? "\u2014" : String(source.dormant)
    ]),
    plural(s.sources.length, "source")
  );
}
function unmatchedAccounts(report) {
  const accounts = report.discovery?.unmatched;
  if (!accounts) return [];
  return table(
    `### Accounts no identity source knows (${accounts.length})`,
    [
      accounts.length === 0 ? "Every active account is matched to a person." : "Active, unlocked accounts: add each person to a source, correct the account\u2019s email, or exempt the account from `identity-unmatched`."
    ],
    ["Who", "Email or login", "Record"],
    accounts.map((a) => [inlineMarkdown(a.name, 80), inlineMarkdown(a.email ?? a.login ?? "\u2014", 120), inlineMarkdown(recordRef(a))]),
    plural(accounts.length, "account")
  );
}

export {
  DETAILS_CLOSE,
  sectionContext,
  table,
  plural,
  headline,
  errors,
  findingsBySeverity,
  remediated,
  exempted,
  expiringSoon,
  plan,
  manualSteps,
  comparison,
  discovery,
  exemptionNotices,
  identityLines,
  sourceTally,
  identitySection,
  unmatchedAccounts
};
