import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  publishRun,
  renderReviewMarkdown
} from "./chunks/chunk-XJRMJHSD.js";
import {
  DETAILS_CLOSE,
  comparison,
  discovery,
  errors,
  exempted,
  exemptionNotices,
  expiringSoon,
  findingsBySeverity,
  headline,
  identitySection,
  manualSteps,
  plan,
  plural,
  remediated,
  sectionContext,
  table,
  unmatchedAccounts
} from "./chunks/chunk-DUAFDT7Q.js";
import {
  runPipeline
} from "./chunks/chunk-PBOPUP2A.js";
import "./chunks/chunk-F2M56VRX.js";
import "./chunks/chunk-4ELQWBUJ.js";
import "./chunks/chunk-TWT5VFH6.js";
import "./chunks/chunk-L45OQZPI.js";
import "./chunks/chunk-T3LMMHA3.js";
import "./chunks/chunk-2OMYLHX3.js";
import "./chunks/chunk-IKAUNPRK.js";
import {
  validateNotices
} from "./chunks/chunk-RPQZQ367.js";
import "./chunks/chunk-B4MPU4M5.js";
import "./chunks/chunk-7Y4HBSSD.js";
import "./chunks/chunk-6NYRC7FI.js";
import "./chunks/chunk-LLWHVQOH.js";
import {
  isExempt,
  isRemediated
} from "./chunks/chunk-TXDFWF7U.js";
import {
  compareSeverity,
  severityRank
} from "./chunks/chunk-44ZEGOLS.js";
import "./chunks/chunk-O3RGELUA.js";
import {
  SECRET_INPUTS,
  parseSettings,
  readGitHubEvent,
  webhookSecrets
} from "./chunks/chunk-WJCLWKAL.js";
import "./chunks/chunk-4X5BYMY3.js";
import "./chunks/chunk-WA5K76RQ.js";
import "./chunks/chunk-DBYO6JJB.js";
import "./chunks/chunk-P6FZTVWF.js";
import "./chunks/chunk-EIDODBDB.js";
import "./chunks/chunk-5PL237VK.js";
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
} from "./chunks/chunk-ZSVVAO6A.js";
import "./chunks/chunk-47HB3AU5.js";
import "./chunks/chunk-7435OWNU.js";
import "./chunks/chunk-MJBVRMUS.js";
import "./chunks/chunk-5VFH7U4S.js";
import {
  GuardError
} from "./chunks/chunk-GIX45REK.js";
import {
  inlineMarkdown,
  neutraliseWorkflowCommands
} from "./chunks/chunk-Y7PV46DD.js";
import "./chunks/chunk-WD5L72B6.js";

// src/report/summary-overview.ts
var OVERVIEW_FROM = 6;
var CHART_SLICES = 8;
function tallyByRule(report) {
  const tallies = /* @__PURE__ */ new Map();
  for (const f of report.findings) {
    const t = tallies.get(f.rule) ?? { rule: f.rule, severity: f.severity, open: 0, exempted: 0, fixed: 0 };
    if (severityRank(f.severity) < severityRank(t.severity)) t.severity = f.severity;
    if (isExempt(f)) t.exempted++;
    else if (isRemediated(f)) t.fixed++;
    else t.open++;
    tallies.set(f.rule, t);
  }
  return [...tallies.values()].sort(
    (a, b) => compareSeverity(a.severity, b.severity) || b.open - a.open || a.rule.localeCompare(b.rule)
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
    ...identitySection(report),
    ...findingsBySeverity(report, ctx),
    ...remediated(report, ctx),
    ...plan(report),
    ...manualSteps(report),
    ...exempted(report),
    ...expiringSoon(report),
    ...discovery(report),
    ...unmatchedAccounts(report),
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

// src/publish/action.ts
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
function runUrl(env = process.env) {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return void 0;
  return `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}
function setOutputs(report, published) {
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
  setOutput("report", published.report ?? "");
  setOutput("sarif", published.sarif ?? "");
  setOutput("evidence", published.evidence?.path ?? "");
  setOutput("issue-number", published.github?.issueNumber ?? "");
  const review = report.review;
  setOutput("review-issues", review ? review.issues.map((i) => i.number).join(",") : "");
  setOutput("decided", review?.decided ?? "");
  setOutput("undecided", review?.undecided ?? "");
  setOutput("revoked", review?.revoked ?? "");
}
async function writeSummary(result, published) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const github = published.github;
  const summary2 = renderSummary(result.report, {
    ...published.report ? { reportPath: published.report } : {},
    policy: result.policy,
    sinceLastReview: published.evidence?.outcome.sinceLastReview ?? null,
    issue: github?.issueNumber !== null && github?.issueNumber !== void 0 && github.issueUrl ? { number: github.issueNumber, url: github.issueUrl } : null
  });
  const warnings = published.failures.map((f) => `> \u26A0\uFE0F ${inlineMarkdown(f, 2e3)}

`).join("");
  const notes = result.notes.map((n) => `> ${n}

`).join("");
  const impact = github?.impactMarkdown ? `${github.impactMarkdown}

` : "";
  const review = renderReviewMarkdown(result.report);
  await summary.addRaw(warnings + notes + impact + review + summary2).write();
}
function actionSinks(result, logger) {
  const url = runUrl();
  return {
    entry: "action",
    ...url ? { runUrl: url } : {},
    annotate,
    note: (text) => notice(text),
    evidenceWritten: (file, evidence) => {
      info(
        `Evidence pack written to ${file}${evidence.replacedEarlier ? ", replacing the earlier pack there" : ""}`
      );
      if (evidence.signature) {
        info(
          `Evidence pack signed: ${evidence.signature.file}, key ${evidence.signature.publicKeyFingerprint}`
        );
      }
    },
    failed: (message) => logger.error(message),
    finish: async (published) => {
      await writeSummary(result, published);
      setOutputs(result.report, published);
    }
  };
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
function concludeStep(result, published) {
  if (result.exitCode !== 0) setFailed(neutraliseWorkflowCommands(failureMessage(result.report)));
  else if (published.failures.length > 0) {
    setFailed(neutraliseWorkflowCommands(published.failures.join(" ")));
  }
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
      if (value && name === "notify") for (const url of webhookSecrets(value)) setSecret(url);
      return value;
    },
    label: (name) => `Input \`${name}\``
  };
}
async function run() {
  try {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const event = readGitHubEvent(process.env);
    const settings = parseSettings(actionInputs(), event, workspace);
    const logger = actionLogger();
    if (settings.mode === "fleet-matrix" || settings.mode === "fleet-report") {
      return await (await import("./chunks/action-HSSXTFCD.js")).runFleetAction(settings, logger);
    }
    const wantsBasePolicy = settings.event.isPullRequest && settings.connection !== null;
    const runMode = settings.mode === "review" ? (await import("./chunks/review-run-J5MBELVU.js")).runReviewMode : runPipeline;
    const result = await runMode(settings, {
      logger,
      now: () => /* @__PURE__ */ new Date(),
      onSecret: (s) => setSecret(s),
      ...wantsBasePolicy ? {
        baselinePolicy: async () => {
          const { basePolicyReader } = await import("./chunks/publish-74GE2QKN.js");
          return basePolicyReader(settings, logger);
        }
      } : {}
    });
    const published = await logger.group("Report", async () => {
      const start = performance.now();
      try {
        return await publishRun(settings, result, logger, actionSinks(result, logger));
      } finally {
        logger.info(`Report took ${Math.round(performance.now() - start)} ms`);
      }
    });
    const { report } = result;
    const c = report.counts;
    info(
      `Result: ${report.status} \u2014 ${c.findings} findings (${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low), ${c.exempted} exempted, ${c.users} users audited.`
    );
    concludeStep(result, published);
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
