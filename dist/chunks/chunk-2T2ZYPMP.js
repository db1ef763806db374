import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  ansi,
  renderTable
} from "./chunk-T52YJYTF.js";
import {
  daysUntilExpiry,
  failOnLabel,
  fixLabel,
  headlineCounts,
  holdings,
  personLabel,
  recordRef,
  stepDetail,
  stepLabel
} from "./chunk-PURUKCPV.js";
import {
  inlinePlain
} from "./chunk-LXH2JKLY.js";
import {
  SEVERITIES
} from "./chunk-YN663IN2.js";
import {
  isExempt
} from "./chunk-4GBQN3HZ.js";

// src/cli/console-logger.ts
function consoleLogger(opts) {
  const err = (line) => process.stderr.write(line + "\n");
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) {
      process.stderr.write("\r\x1B[2K");
      progressShown = false;
    }
  };
  return {
    debug: (m) => {
      if (opts.debug) {
        clearProgress();
        err(`debug: ${m}`);
      }
    },
    info: (m) => {
      if (!opts.quiet && opts.debug) {
        clearProgress();
        err(m);
      }
    },
    warning: (m) => {
      clearProgress();
      err(`warning: ${m}`);
    },
    error: (m) => {
      clearProgress();
      err(`error: ${m}`);
    },
    group: async (name, fn) => {
      if (!opts.quiet && opts.debug) err(`== ${name}`);
      return fn();
    },
    progress: (what, done, total) => {
      if (opts.quiet || !opts.tty) return;
      process.stderr.write(`\r\x1B[2K${what}: ${done}${total ? ` of ${total}` : ""}`);
      progressShown = true;
      if (total !== void 0 && done >= total) clearProgress();
    }
  };
}

// src/report/console.ts
var CONSOLE_ROWS = 50;
var SEVERITY_COLOR = { critical: "1;31", high: "31", medium: "33", low: "36" };
var STATUS_BADGE = {
  pass: { text: "\u2714 PASS", color: "1;32" },
  fail: { text: "\u2716 FAIL", color: "1;31" },
  error: { text: "\u26A0 ERROR", color: "1;33" }
};
var plain = (s, max = 200) => inlinePlain(s, max);
function who(f) {
  return f.user ? personLabel(f.user) : "tenant";
}
function more(total, shown, paint) {
  return total > shown ? [paint(`  \u2026 and ${total - shown} more (see the JSON report)`, "2")] : [];
}
function renderConsole(report, opts) {
  const width = Math.max(60, Math.min(opts.width ?? 100, 200));
  const paint = ansi(opts.color);
  const out = [];
  const heading = (text) => out.push("", paint(text, "1"));
  const badge = STATUS_BADGE[report.status];
  const context = [
    `ServiceTitan ${report.mode}`,
    report.tenant ? `tenant ${plain(report.tenant, 40)} (${report.environment})` : report.environment,
    `policy ${plain(report.policy.path, 80)}`,
    failOnLabel(report.failOn)
  ].join(" \xB7 ");
  out.push(`${paint(badge.text, badge.color)}  ${context}`);
  const judged = report.mode !== "validate" && report.mode !== "discover";
  if (judged && (report.errors.length === 0 || report.counts.users > 0)) {
    out.push(`  ${headlineCounts(report)}`);
  }
  if (report.redacted) out.push(paint("  Names and emails are masked.", "2"));
  if (report.errors.length > 0) {
    heading(`ERRORS  ${report.errors.length}`);
    for (const e of report.errors.slice(0, CONSOLE_ROWS)) {
      const where = e.file ? ` (${plain(e.file, 80)}${e.line ? `:${e.line}:${e.column ?? 1}` : ""})` : "";
      out.push(`  ${paint(plain(e.code, 60), "31")}${where}`);
      for (const line of e.message.split("\n").slice(0, 30)) out.push(`    ${plain(line, 1e3)}`);
      if (e.hint) out.push(paint(`    ${plain(e.hint, 2 * width)}`, "2"));
    }
  }
  const open = report.findings.filter((f) => !isExempt(f));
  for (const severity of SEVERITIES) {
    const rows = open.filter((f) => f.severity === severity);
    if (rows.length === 0) continue;
    heading(`${paint(severity.toUpperCase(), SEVERITY_COLOR[severity])}  ${rows.length}`);
    out.push(
      ...renderTable(
        [
          { header: "WHO", min: 12, max: 44 },
          { header: "RECORD", min: 8, max: 16, keep: true },
          { header: "RULE", min: 10, max: 30, keep: true },
          { header: "HOLDS", min: 12, max: 60 },
          { header: "FIX", min: 8, max: 22 }
        ],
        rows.slice(0, CONSOLE_ROWS).map((f) => [
          plain(who(f)),
          f.user ? recordRef(f.user) : "\u2014",
          plain(f.rule, 80),
          plain(holdings(f)),
          plain(fixLabel(f.fix))
        ]),
        { width, paint }
      ),
      ...more(rows.length, CONSOLE_ROWS, paint)
    );
  }
  if (report.errors.length === 0 && report.mode !== "validate" && report.mode !== "discover" && open.length === 0) {
    out.push("", paint(`No findings. ${report.counts.users} users audited.`, "32"));
  }
  if (report.errors.length === 0 && report.mode === "validate")
    out.push("", paint("The policy is valid.", "32"));
  const exempted = report.findings.filter(isExempt);
  if (exempted.length > 0) {
    heading(`EXEMPTED  ${exempted.length}`);
    const now = new Date(report.finishedAt);
    out.push(
      ...renderTable(
        [
          { header: "WHO", min: 12, max: 44 },
          { header: "RULE", min: 10, max: 30, keep: true },
          { header: "EXPIRES", min: 10, max: 24 },
          { header: "REASON", min: 12, max: 60 }
        ],
        exempted.slice(0, CONSOLE_ROWS).map((f) => {
          const x = f.exemption;
          const days = daysUntilExpiry(x.expires, now);
          const soon = days !== null && days >= 0 && days <= 30 ? ` (${days} days)` : "";
          return [plain(who(f)), plain(f.rule, 80), plain(x.expires, 12) + soon, plain(x.reason)];
        }),
        {
          width,
          paint,
          paintCell: (_r, c, text) => c === 2 && text.includes("days)") ? paint(text, "33") : text
        }
      ),
      ...more(exempted.length, CONSOLE_ROWS, paint)
    );
  }
  if (report.plan.length > 0 || report.refusals.length > 0) {
    heading(`PLAN  ${report.plan.length} change${report.plan.length === 1 ? "" : "s"}`);
    if (report.refusals.length > 0) {
      out.push(
        paint(
          report.mode === "apply" || report.mode === "undo" ? `  ${report.mode === "undo" ? "Undo" : "Apply"} refused this plan and changed nothing:` : "  Apply would refuse this plan:",
          "31"
        ),
        ...report.refusals.map((r) => `    - ${plain(r.code, 40)}: ${plain(r.message, 2 * width)}`)
      );
    } else if (report.mode !== "apply" && report.mode !== "undo") {
      out.push("  Apply would go ahead with these changes.");
    }
    if (report.plan.length > 0) {
      out.push(
        ...renderTable(
          [
            { header: "WHO", min: 12, max: 40 },
            { header: "RECORD", min: 8, max: 16, keep: true },
            { header: "ACTION", min: 6, max: 24 },
            { header: "STATUS", min: 8, max: 8, keep: true },
            { header: "DETAIL", min: 10, max: 60 }
          ],
          report.plan.slice(0, CONSOLE_ROWS).map((s) => [
            plain(personLabel(s.user)),
            recordRef(s.user),
            plain(stepLabel(s), 60),
            s.status,
            plain(stepDetail(s))
          ]),
          {
            width,
            paint,
            paintCell: (_r, c, text) => c !== 3 ? text : paint(text, text.startsWith("failed") ? "31" : text.startsWith("skipped") ? "33" : "32")
          }
        ),
        ...more(report.plan.length, CONSOLE_ROWS, paint)
      );
    }
  }
  const manual = open.filter((f) => f.fix.action === "manual");
  if (manual.length > 0) {
    heading("MANUAL STEPS");
    for (const f of manual.slice(0, CONSOLE_ROWS)) {
      const steps = f.fix.action === "manual" ? f.fix.steps.slice(0, 5) : [];
      out.push(
        `  - ${plain(f.rule, 60)} \xB7 ${plain(who(f), 60)}: ${steps.map((s) => plain(s, width)).join("; ")}`
      );
    }
    out.push(...more(manual.length, CONSOLE_ROWS, paint));
  }
  if (report.comparison) {
    const { added, resolved } = report.comparison;
    heading(`POLICY CHANGE  +${added.length} added  -${resolved.length} resolved`);
    for (const id of added.slice(0, CONSOLE_ROWS)) out.push(`  + ${plain(id, 80)}`);
    for (const id of resolved.slice(0, CONSOLE_ROWS)) out.push(`  - ${plain(id, 80)}`);
  }
  if (report.discovery) renderDiscovery(report.discovery, out, width, paint, heading);
  out.push("");
  if (opts.reportPath) out.push(`JSON report: ${plain(opts.reportPath, 300)}`);
  if (opts.sarifPath) out.push(`SARIF:       ${plain(opts.sarifPath, 300)}`);
  return out.join("\n").replace(/\n*$/, "\n");
}
function renderDiscovery(d, out, width, paint, heading) {
  heading(`PERMISSIONS SEEN  ${d.permissions.length}`);
  const values = (v) => Object.entries(v).map(([value, n]) => `${value}: ${n}`).join(", ");
  out.push(
    ...renderTable(
      [
        { header: "ID", min: 4, max: 12, keep: true },
        { header: "POLICY NAME", min: 8, max: 30 },
        { header: "VALUES (ACTIVE USERS)", min: 12, max: 50 },
        { header: "USERS", min: 5, max: 8 }
      ],
      d.permissions.map((p) => [
        String(p.id),
        plain(p.name ?? "\u2014", 60),
        plain(values(p.values), 120),
        String(p.users)
      ]),
      { width, paint }
    )
  );
  heading(`ROLES  ${d.roles.length}`);
  out.push(
    ...renderTable(
      [
        { header: "ID", min: 4, max: 12, keep: true },
        { header: "NAME", min: 8, max: 40 },
        { header: "ACTIVE", min: 6, max: 6 },
        { header: "USERS", min: 5, max: 8 }
      ],
      d.roles.map((r) => [String(r.id), plain(r.name, 80), r.active ? "yes" : "no", String(r.users)]),
      { width, paint }
    )
  );
  if (d.changes) {
    heading(`CHANGED SINCE THE BASELINE SNAPSHOT  ${d.changes.length}`);
    out.push(
      ...renderTable(
        [
          { header: "WHO", min: 12, max: 40 },
          { header: "RECORD", min: 8, max: 16, keep: true },
          { header: "PERMISSION", min: 10, max: 12 },
          { header: "BEFORE", min: 6, max: 16 },
          { header: "AFTER", min: 6, max: 16 }
        ],
        d.changes.slice(0, CONSOLE_ROWS).map((c) => [
          plain(c.user.name, 80),
          recordRef(c.user),
          String(c.permission),
          plain(String(c.before ?? "\u2014"), 30),
          plain(String(c.after ?? "\u2014"), 30)
        ]),
        { width, paint }
      ),
      ...more(d.changes.length, CONSOLE_ROWS, paint)
    );
  }
}

export {
  consoleLogger,
  renderConsole
};
