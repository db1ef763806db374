import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  ansi,
  renderTable,
  wrap
} from "./chunk-IUN4THX5.js";
import {
  identityLines,
  sourceTally
} from "./chunk-DUAFDT7Q.js";
import {
  CHANGE_LABEL,
  comparedFindings,
  comparisonCounts,
  exemptedText
} from "./chunk-4ELQWBUJ.js";
import {
  describeNotice,
  validateNotices,
  validatedOnly,
  validatedOnlyText
} from "./chunk-RPQZQ367.js";
import {
  appliedLabel,
  daysUntilExpiry,
  failOnLabel,
  fixLabel,
  fixSteps,
  fixingStep,
  hasManualSteps,
  headlineCounts,
  holdings,
  personLabel,
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
  codeFrame,
  inlinePlain
} from "./chunk-Y7PV46DD.js";

// src/cli/console-logger.ts
function consoleLogger(opts) {
  const write = opts.write ?? ((text) => void process.stderr.write(text));
  const err = (line) => write(line + "\n");
  let progressShown = null;
  const clearProgress = () => {
    if (progressShown !== null) {
      write("\r\x1B[2K");
      progressShown = null;
    }
  };
  const drawProgress = (text) => {
    write(`\r\x1B[2K${text}`);
    progressShown = text;
  };
  return {
    debug: (m) => {
      if (opts.debug) {
        clearProgress();
        err(`debug: ${m}`);
      }
    },
    info: (m, options) => {
      if (opts.quiet || !(opts.debug || options?.prominent)) return;
      const progress = progressShown;
      clearProgress();
      err(m);
      if (options?.prominent && progress !== null) drawProgress(progress);
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
      drawProgress(`${what}: ${done}${total ? ` of ${total}` : ""}`);
      if (total !== void 0 && done >= total) clearProgress();
    }
  };
}

// src/report/console.ts
var CONSOLE_ROWS = 50;
var DEFAULT_WIDTH = 100;
var MIN_WIDTH = 20;
var MAX_WIDTH = 1e3;
function consoleWidth(terminalColumns, env) {
  const fromEnv = Number.parseInt(env.COLUMNS ?? "", 10);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return terminalColumns && terminalColumns > 0 ? terminalColumns : DEFAULT_WIDTH;
}
var SEVERITY_COLOR = { critical: "1;31", high: "31", medium: "33", low: "36" };
var STATUS_BADGE = {
  pass: { text: "\u2714 PASS", color: "1;32" },
  fail: { text: "\u2716 FAIL", color: "1;31" },
  error: { text: "\u26A0 ERROR", color: "1;33" }
};
var plain = (s, max = 200) => inlinePlain(s, max);
var CHANGE_MARK = { added: "+", resolved: "-", exempted: "~" };
function who(f) {
  return f.user ? person(f.user) : "tenant";
}
function person(u) {
  const contact = u.email ?? u.login ?? null;
  return personLabel({ name: plain(u.name, 80), email: contact === null ? null : plain(contact, 254) });
}
function more(total, shown, paint) {
  return total > shown ? [paint(`  \u2026 and ${total - shown} more (see the JSON report)`, "2")] : [];
}
function renderConsole(report, opts) {
  const width = Math.max(MIN_WIDTH, Math.min(opts.width ?? DEFAULT_WIDTH, MAX_WIDTH));
  const paint = ansi(opts.color);
  const out = [];
  const heading = (text) => out.push("", paint(text, "1"));
  const badge = STATUS_BADGE[report.status];
  const context = [
    `ServiceTitan ${report.mode}`,
    report.tenant ? `tenant ${plain(report.tenant, 40)} (${report.environment})` : report.environment,
    `policy ${plain(report.policy.path, 80)}`,
    failOnLabel(report)
  ].filter((part) => part !== null).join(" \xB7 ");
  const onlyValidated = validatedOnly(report);
  const title = onlyValidated ? `\u2714 POLICY VALID (not audited)` : badge.text;
  out.push(`${paint(title, badge.color)}  ${context}`);
  const judged = !onlyValidated && report.mode !== "validate" && report.mode !== "discover";
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
      if (e.sourceLine !== void 0 && e.line) {
        for (const line of codeFrame(e.line, e.column ?? 1, e.sourceLine)) out.push(`      ${line}`);
      }
      if (e.hint) out.push(paint(`    ${plain(e.hint, 1e3)}`, "2"));
    }
  }
  const open = report.findings.filter(isOpen);
  for (const severity of SEVERITIES) {
    const rows = open.filter((f) => f.severity === severity);
    if (rows.length === 0) continue;
    heading(`${paint(severity.toUpperCase(), SEVERITY_COLOR[severity])}  ${rows.length}`);
    out.push(
      ...renderTable(
        [
          { header: "WHO", min: 12, max: 44, keep: true },
          { header: "RECORD", min: 8, max: 16, keep: true, nowrap: true },
          { header: "RULE", min: 10, max: 30, keep: true },
          { header: "HOLDS", min: 12, max: 60 },
          { header: "FIX", min: 8, max: 22 }
        ],
        rows.slice(0, CONSOLE_ROWS).map((f) => [
          who(f),
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
  const fixed = report.findings.filter(isRemediated);
  if (report.errors.length === 0 && judged && open.length === 0) {
    out.push(
      "",
      paint(
        fixed.length > 0 ? `No open findings: ${fixed.length} fixed by this run. ${report.counts.users} users audited.` : `No findings. ${report.counts.users} users audited.`,
        "32"
      )
    );
  }
  if (fixed.length > 0) {
    heading(`${paint("FIXED", "32")}  ${fixed.length}  by this run's verified changes`);
    out.push(
      ...renderTable(
        [
          { header: "WHO", min: 12, max: 44, keep: true },
          { header: "RECORD", min: 8, max: 16, keep: true, nowrap: true },
          { header: "RULE", min: 10, max: 30, keep: true },
          { header: "SEVERITY", min: 8, max: 8, nowrap: true },
          { header: "CHANGE", min: 8, max: 30 }
        ],
        fixed.slice(0, CONSOLE_ROWS).map((f) => {
          const step = fixingStep(report, f);
          return [
            who(f),
            f.user ? recordRef(f.user) : "\u2014",
            plain(f.rule, 80),
            f.severity,
            step ? plain(appliedLabel(step), 80) : "fixed"
          ];
        }),
        { width, paint }
      ),
      ...more(fixed.length, CONSOLE_ROWS, paint)
    );
  }
  if (onlyValidated) out.push("", paint(plain(validatedOnlyText(report), 300), "32"));
  const notices = validateNotices(report, opts.policy);
  if (notices.length > 0) {
    heading(`${paint("EXEMPTIONS TO RENEW", "33")}  ${notices.length}`);
    const user = (raw) => report.redacted ? maskUserRef(raw) : raw;
    for (const n of notices) {
      const where = `${plain(report.policy.path, 80)}:${n.position.line}`;
      wrap(`${where}: ${plain(describeNotice(n, user), 600)}`, width - 4, true).forEach(
        (line, i) => out.push(`${i === 0 ? "  - " : "    "}${line}`)
      );
    }
  }
  const exempted = report.findings.filter(isExempt);
  if (exempted.length > 0) {
    heading(`EXEMPTED  ${exempted.length}`);
    const now = new Date(report.finishedAt);
    out.push(
      ...renderTable(
        [
          { header: "WHO", min: 12, max: 44, keep: true },
          { header: "RULE", min: 10, max: 30, keep: true },
          { header: "EXPIRES", min: 10, max: 24 },
          { header: "REASON", min: 12, max: 60 }
        ],
        exempted.slice(0, CONSOLE_ROWS).map((f) => {
          const x = f.exemption;
          const days = daysUntilExpiry(x.expires, now);
          const soon = days !== null && days >= 0 && days <= 30 ? ` (${days} days)` : "";
          return [who(f), plain(f.rule, 80), plain(x.expires, 12) + soon, plain(x.reason)];
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
        ...report.refusals.map((r) => `    - ${plain(r.code, 40)}: ${plain(r.message, 1e3)}`)
      );
    } else if (report.mode !== "apply" && report.mode !== "undo") {
      out.push("  Apply would go ahead with these changes.");
    }
    if (report.plan.length > 0) {
      out.push(
        ...renderTable(
          [
            { header: "WHO", min: 12, max: 40, keep: true },
            { header: "RECORD", min: 8, max: 16, keep: true, nowrap: true },
            { header: "ACTION", min: 6, max: 24 },
            { header: "STATUS", min: 8, max: 8, keep: true, nowrap: true },
            { header: "DETAIL", min: 10, max: 60 }
          ],
          report.plan.slice(0, CONSOLE_ROWS).map((s) => [
            person(s.user),
            recordRef(s.user),
            plain(stepLabel(s), 60),
            s.status,
            // a failed step's error ends with what to do about it: not cut where a reason is
            plain(stepDetail(s), s.status === "failed" || s.status === "applied" ? 800 : 200)
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
  const manual = open.filter(hasManualSteps);
  if (manual.length > 0) {
    heading("MANUAL STEPS");
    for (const f of manual.slice(0, CONSOLE_ROWS)) {
      const steps = fixSteps(f.fix).slice(0, 5);
      const besides = f.fix.action === "manual" ? "" : ` \xB7 besides ${fixLabel(f.fix)} (apply)`;
      wrap(`${plain(f.rule, 80)} \xB7 ${who(f)}${plain(besides, 120)}`, width - 4, false).forEach(
        (line, i) => out.push(`${i === 0 ? "  - " : "    "}${line}`)
      );
      for (const step of steps) {
        wrap(plain(step, 500), width - 8, true).forEach(
          (line, i) => out.push(`${i === 0 ? "      \xB7 " : "        "}${line}`)
        );
      }
    }
    out.push(...more(manual.length, CONSOLE_ROWS, paint));
  }
  if (report.identity) {
    heading("IDENTITY");
    const bySource = report.identity.sources.map((source) => sourceTally(report.identity, source));
    for (const line of [...identityLines(report.identity), `By source: ${bySource.join("; ")}.`]) {
      for (const part of wrap(plain(line, 600), width - 2, false)) out.push(`  ${part}`);
    }
  }
  if (report.discovery?.unmatched) {
    const accounts = report.discovery.unmatched;
    heading(`ACCOUNTS NO IDENTITY SOURCE KNOWS  ${accounts.length}`);
    out.push(
      ...renderTable(
        [
          { header: "WHO", min: 12, max: 44, keep: true },
          { header: "RECORD", min: 8, max: 16, keep: true, nowrap: true }
        ],
        accounts.slice(0, CONSOLE_ROWS).map((a) => [person(a), recordRef(a)]),
        { width, paint }
      ),
      ...more(accounts.length, CONSOLE_ROWS, paint)
    );
  }
  if (report.comparison) {
    heading(`POLICY CHANGE  ${comparisonCounts(report.comparison)}`);
    const entries = comparedFindings(report);
    for (const { change, id, finding: f } of entries.slice(0, CONSOLE_ROWS)) {
      const what = f ? `${CHANGE_LABEL[change]} \xB7 ${f.severity} ${plain(f.rule, 80)} \xB7 ${who(f)}` + (f.user ? ` (${recordRef(f.user)})` : "") + (change === "exempted" && f.exemption ? ` \xB7 ${plain(exemptedText(f.exemption), 400)}` : "") : `${CHANGE_LABEL[change]} \xB7 finding ${plain(id, 40)}`;
      wrap(what, width - 4, false).forEach(
        (line, i) => out.push(`${i === 0 ? `  ${CHANGE_MARK[change]} ` : "    "}${line}`)
      );
    }
    out.push(...more(entries.length, CONSOLE_ROWS, paint));
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
        { header: "ID", min: 4, max: 12, keep: true, nowrap: true },
        { header: "POLICY NAME", min: 8, max: 30, keep: true },
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
        { header: "ID", min: 4, max: 12, keep: true, nowrap: true },
        { header: "NAME", min: 8, max: 40, keep: true },
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
          { header: "WHO", min: 12, max: 40, keep: true },
          { header: "RECORD", min: 8, max: 16, keep: true, nowrap: true },
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
  consoleWidth,
  renderConsole
};
