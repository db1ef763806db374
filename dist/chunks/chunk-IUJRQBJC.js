import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  loadReviewState
} from "./chunk-NIYBDEN7.js";
import {
  findingsDigest
} from "./chunk-JNLQ264W.js";
import {
  finding
} from "./chunk-TWT5VFH6.js";
import {
  holdings,
  recordRef
} from "./chunk-LLWHVQOH.js";
import {
  isOpen
} from "./chunk-TXDFWF7U.js";
import {
  webhookLabel
} from "./chunk-WJCLWKAL.js";
import {
  emptyCounts
} from "./chunk-DBYO6JJB.js";
import {
  TOOL_VERSION
} from "./chunk-47HB3AU5.js";
import {
  RetryBudget,
  retryAfterMs,
  withRetries
} from "./chunk-5B2J2IDX.js";
import {
  singleLine,
  truncate
} from "./chunk-Y7PV46DD.js";
import {
  require_undici
} from "./chunk-N5BF7DY7.js";
import {
  __toESM
} from "./chunk-WD5L72B6.js";

// src/notify/last-run.ts
function lastRunFromIds(source, ids) {
  const set = new Set(ids);
  return { source, ids: set, digest: findingsDigest([...set]) };
}
function lastRunFromTracking(state) {
  if (state.findings === null) return { source: "tracking-issue", ids: null, digest: state.digest };
  return lastRunFromIds(
    "tracking-issue",
    state.findings.map((t) => t.id)
  );
}
async function lastRunFromEvidence(dir) {
  const state = await loadReviewState(dir);
  if (state.findings === null) return { unusable: "has no findings to compare with" };
  const ids = state.findings.filter((f) => !f.exempt).map((f) => f.id);
  return { lastRun: lastRunFromIds("baseline-evidence", ids), tenant: state.tenant };
}
function alertChanges(report, last) {
  const open = report.findings.filter(isOpen);
  if (!last) return { open, added: open, resolved: [], since: null, countsOnly: false };
  const now = new Set(open.map((f) => f.id));
  if (last.ids === null) {
    const same = last.digest === findingsDigest([...now]);
    return { open, added: same ? [] : open, resolved: [], since: last.source, countsOnly: !same };
  }
  const before = last.ids;
  return {
    open,
    added: open.filter((f) => !before.has(f.id)),
    resolved: [...before].filter((id) => !now.has(id)).sort(),
    since: last.source,
    countsOnly: false
  };
}
function wantsAlert(notifyOn, changes) {
  if (notifyOn === "always") return true;
  if (notifyOn === "change") return changes.added.length > 0 || changes.resolved.length > 0;
  return changes.added.length > 0;
}

// src/notify/deliver.ts
var import_undici = __toESM(require_undici(), 1);
var DELIVERY_DEFAULTS = { timeoutMs: 1e4, retryBudgetMs: 3e4, maxRetries: 3 };
var DeliveryFailure = class extends Error {
};
function connectionProblem(error, timeoutMs) {
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || error.name === "AbortError" || /timeout/i.test(error.name)) {
      return `no answer within ${Math.round(timeoutMs / 100) / 10} s`;
    }
    const code = error.code;
    if (typeof code === "string" && /^[A-Z0-9_]{2,40}$/.test(code)) return `could not connect (${code})`;
  }
  return "could not connect";
}
function refusalDetail(webhook, text) {
  const code = text.trim();
  return webhook.kind === "slack" && /^[a-z_]{2,40}$/.test(code) ? `: ${code}` : "";
}
function statusHint(status) {
  if (status === 404 || status === 410) {
    return " The webhook no longer exists: create a new one and update the `notify` secret.";
  }
  if (status === 401 || status === 403) {
    return " The webhook refused the message: check that it is still enabled and may post.";
  }
  if (status === 400 || status === 413 || status === 422) return " The receiver refused the message.";
  return "";
}
async function post(webhook, body, dispatcher, logger, options) {
  const label = webhookLabel(webhook);
  const attempt = async (timeoutMs) => {
    let status;
    let headers;
    let text;
    try {
      const res = await (0, import_undici.request)(webhook.url, {
        method: "POST",
        dispatcher,
        headers: {
          "content-type": "application/json; charset=utf-8",
          "user-agent": `servicetitan-access-guard/${TOOL_VERSION}`
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs
      });
      status = res.statusCode;
      headers = res.headers;
      text = await res.body.text();
    } catch (error2) {
      const reason2 = connectionProblem(error2, timeoutMs);
      const retry = error2.code !== "UND_ERR_INVALID_ARG";
      return { ok: false, retry, reason: reason2, error: (n) => new DeliveryFailure(`${reason2}${tries(n)}`) };
    }
    if (status >= 200 && status < 300) return { ok: true, value: void 0 };
    const reason = `HTTP ${status}${refusalDetail(webhook, text)}`;
    const error = (n) => new DeliveryFailure(`${reason}${tries(n)}.${statusHint(status)}`);
    if (status === 429 || status >= 500) {
      const waitMs = retryAfterMs(headers["retry-after"]) ?? void 0;
      return { ok: false, retry: true, waitMs, status, reason, error };
    }
    return { ok: false, retry: false, status, reason, error };
  };
  await withRetries(attempt, {
    budget: new RetryBudget(options.retryBudgetMs ?? DELIVERY_DEFAULTS.retryBudgetMs),
    maxRetries: options.maxRetries ?? DELIVERY_DEFAULTS.maxRetries,
    timeoutMs: options.timeoutMs ?? DELIVERY_DEFAULTS.timeoutMs,
    label,
    subject: label,
    logger,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
  });
}
function tries(attempts) {
  return attempts > 1 ? ` after ${attempts} attempts` : "";
}
async function deliverAll(messages, logger, options = {}) {
  if (messages.length === 0) return [];
  const dispatcher = options.dispatcher ?? new import_undici.EnvHttpProxyAgent();
  try {
    return await Promise.all(
      messages.map(async ({ webhook, payload }) => {
        try {
          await post(webhook, JSON.stringify(payload), dispatcher, logger, options);
          return { webhook, ok: true };
        } catch (error) {
          const problem = error instanceof DeliveryFailure ? error.message : "an unexpected error";
          return { webhook, ok: false, problem };
        }
      })
    );
  } finally {
    if (!options.dispatcher) await dispatcher.close().catch(() => void 0);
  }
}

// src/notify/generic.ts
function genericMessage(alert) {
  const fleet = alert.tenant === null;
  return {
    tool: alert.tool.name,
    version: alert.tool.version,
    tenant: alert.tenant?.tenant ?? null,
    status: alert.status,
    counts: { ...alert.counts },
    new: alert.added.map(
      (a) => fleet ? { tenant: a.tenant, ...finding(a.finding) } : finding(a.finding)
    ),
    resolved: alert.resolved,
    runUrl: alert.runUrl,
    issueUrl: alert.issue?.url ?? null,
    ...fleet ? {
      tenants: alert.fleet.map((t) => ({
        tenant: t.tenant,
        status: t.status,
        counts: { ...t.counts },
        open: t.open,
        new: t.added,
        resolved: t.resolved
      }))
    } : {}
  };
}

// src/notify/message.ts
var LISTED_FINDINGS = 10;
var SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 };
var STATUS_RANK = { error: 0, fail: 1, pass: 2 };
function bySeverity(a, b) {
  return SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.finding.rule.localeCompare(b.finding.rule) || (a.tenant ?? "").localeCompare(b.tenant ?? "") || a.finding.id.localeCompare(b.finding.id);
}
function tenantLine(report, changes) {
  return {
    tenant: report.tenant,
    environment: report.environment,
    status: report.status,
    counts: report.counts,
    open: changes.open.length,
    added: changes.added.length,
    resolved: changes.resolved.length
  };
}
function tenantAlert(report, changes, links = {}) {
  return {
    tool: { name: report.tool.name, version: report.tool.version },
    tenant: tenantLine(report, changes),
    fleet: [],
    status: report.status,
    failOn: report.failOn,
    counts: report.counts,
    open: changes.open.length,
    added: changes.added.map((finding2) => ({ finding: finding2, tenant: report.tenant })).sort(bySeverity),
    resolved: changes.resolved,
    since: changes.since,
    countsOnly: changes.countsOnly,
    errorCodes: report.errors.map((e) => e.code),
    runUrl: links.runUrl ?? null,
    issue: links.issue ?? null,
    redacted: report.redacted
  };
}
function fleetAlert(members, links = {}) {
  const first = members[0]?.report;
  const counts = members.reduce((sum, { report }) => {
    const c = report.counts;
    return Object.fromEntries(
      Object.entries(sum).map(([key, value]) => [key, value + c[key]])
    );
  }, emptyCounts());
  const status = members.map((m) => m.report.status).reduce((worst, s) => STATUS_RANK[s] < STATUS_RANK[worst] ? s : worst, "pass");
  const sources = new Set(members.map((m) => m.changes.since));
  return {
    tool: first ? { name: first.tool.name, version: first.tool.version } : { name: "", version: "" },
    tenant: null,
    fleet: members.map((m) => tenantLine(m.report, m.changes)),
    status,
    failOn: first?.failOn ?? "high",
    counts,
    open: members.reduce((n, m) => n + m.changes.open.length, 0),
    added: members.flatMap((m) => m.changes.added.map((finding2) => ({ finding: finding2, tenant: m.report.tenant }))).sort(bySeverity),
    resolved: members.flatMap((m) => m.changes.resolved),
    // one source when every tenant compared with the same kind of last run; else none is claimed
    since: sources.size === 1 ? members[0]?.changes.since ?? null : null,
    countsOnly: members.some((m) => m.changes.countsOnly),
    errorCodes: [...new Set(members.flatMap((m) => m.report.errors.map((e) => e.code)))],
    runUrl: links.runUrl ?? null,
    issue: links.issue ?? null,
    redacted: members.some((m) => m.report.redacted)
  };
}
var STATUS_ICON = { pass: "\u2705", fail: "\u274C", error: "\u26A0\uFE0F" };
function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
function where(alert) {
  if (alert.tenant === null) return `across ${plural(alert.fleet.length, "tenant")}`;
  return alert.tenant.tenant ? `in tenant ${alert.tenant.tenant}` : "";
}
function headline(alert) {
  const icon = STATUS_ICON[alert.status];
  const place = where(alert);
  const at = place ? ` ${place}` : "";
  if (alert.status === "error" && alert.tenant !== null) {
    return { icon, text: `ServiceTitan access audit could not complete${at}` };
  }
  if (alert.added.length > 0) {
    const what = alert.added.length === 1 ? "finding" : "findings";
    return { icon, text: `${alert.added.length} new ServiceTitan access ${what}${at}` };
  }
  if (alert.resolved.length > 0) {
    return {
      icon,
      text: `${plural(alert.resolved.length, "ServiceTitan access finding")} resolved${at}`
    };
  }
  return { icon, text: `ServiceTitan access: no change${at} (${alert.open} open)` };
}
function severities(c) {
  return `${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low`;
}
function sinceText(alert) {
  if (alert.status === "error" && alert.tenant !== null) return "not compared: the run did not complete";
  if (alert.since === null) return "no last run to compare with: every open finding is listed";
  if (alert.countsOnly) return "the set of findings changed (the last run\u2019s list was too long to compare)";
  const source = alert.since === "tracking-issue" ? "the tracking issue" : "the baseline evidence";
  return `${alert.added.length} new, ${alert.resolved.length} resolved (compared with ${source})`;
}
function facts(alert) {
  const c = alert.counts;
  const out = [];
  if (alert.tenant !== null) {
    out.push({
      title: "Tenant",
      value: `${alert.tenant.tenant ?? "unknown"} (${alert.tenant.environment})`
    });
  } else {
    out.push({ title: "Tenants", value: String(alert.fleet.length) });
  }
  out.push({
    title: "Status",
    value: `${alert.status}${alert.failOn === "never" ? "" : ` (fails at ${alert.failOn} and above)`}`
  });
  if (alert.errorCodes.length > 0)
    out.push({ title: "Errors", value: alert.errorCodes.slice(0, 5).join(", ") });
  out.push({
    title: "Open findings",
    value: `${alert.open} (${severities(c)}) \xB7 ${c.exempted} exempted \xB7 ${c.users} users audited`
  });
  out.push({ title: "Since the last run", value: sinceText(alert) });
  return out;
}
function fleetLines(alert) {
  return alert.fleet.map(
    (t) => `${t.tenant ?? "unknown"} (${t.environment}): ${t.status}, ${t.open} open, ${t.added} new, ${t.resolved} resolved`
  );
}
function findingText(item, fleet) {
  const f = item.finding;
  return {
    severity: f.severity,
    rule: f.rule,
    who: f.user ? `${f.user.name} (${recordRef(f.user)})` : "tenant",
    what: holdings(f, 5),
    tenant: fleet ? item.tenant : null
  };
}
function listed(alert) {
  const fleet = alert.tenant === null;
  return {
    shown: alert.added.slice(0, LISTED_FINDINGS).map((f) => findingText(f, fleet)),
    more: Math.max(0, alert.added.length - LISTED_FINDINGS)
  };
}

// src/notify/escape.ts
var ZWSP = "\u200B";
function unlinkable(s) {
  return s.replace(/:\/\//g, `:${ZWSP}//`).replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}
function slackText(s, max = 200) {
  return unlinkable(truncate(singleLine(s), max)).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/@(?=(channel|here|everyone)\b)/gi, `@${ZWSP}`).replace(/`/g, "\u02B9").replace(/([*_~])/g, `$1${ZWSP}`);
}
function cardText(s, max = 200) {
  return unlinkable(truncate(singleLine(s), max)).replace(/([[\]*~`<>_\\])/g, `$1${ZWSP}`);
}

// src/notify/slack.ts
var HEADER_LIMIT = 150;
var SECTION_LIMIT = 3e3;
function mrkdwn(text) {
  return { type: "mrkdwn", text, verbatim: true };
}
function link(url, label) {
  const safeUrl = url.replace(/&/g, "&amp;").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/\|/g, "%7C");
  return `<${safeUrl}|${label}>`;
}
function findingLine(f) {
  const tenant = f.tenant ? `tenant ${slackText(f.tenant, 40)} \xB7 ` : "";
  return `\u2022 *${f.severity}* ${tenant}\`${slackText(f.rule, 80)}\` \xB7 ${slackText(f.who, 100)}
      ${slackText(f.what, 160)}`;
}
function section(title, lines, more) {
  let text = `*${title}*`;
  let left = more;
  for (const [i, line] of lines.entries()) {
    const tail = `
_and ${left + lines.length - i} more_`;
    if (text.length + 1 + line.length + tail.length > SECTION_LIMIT) {
      left += lines.length - i;
      break;
    }
    text += `
${line}`;
  }
  return left > 0 ? `${text}
_and ${left} more_` : text;
}
function slackMessage(alert) {
  const head = headline(alert);
  const title = `${head.icon} ${head.text}`;
  const blocks = [
    {
      type: "header",
      // our words and the tenant id only: plain text, not parsed, nothing to escape
      text: { type: "plain_text", text: truncate(singleLine(title), HEADER_LIMIT), emoji: true }
    },
    {
      type: "section",
      fields: facts(alert).map((f) => mrkdwn(`*${f.title}*
${slackText(f.value, 300)}`))
    }
  ];
  const fleet = fleetLines(alert);
  if (fleet.length > 0) {
    blocks.push({
      type: "section",
      text: mrkdwn(
        section(
          "Tenants",
          fleet.map((l) => `\u2022 ${slackText(l, 200)}`),
          0
        )
      )
    });
  }
  const { shown, more } = listed(alert);
  if (shown.length > 0) {
    blocks.push({ type: "section", text: mrkdwn(section("New findings", shown.map(findingLine), more)) });
  }
  const links = [
    alert.runUrl ? link(alert.runUrl, "View the run") : null,
    alert.issue ? link(alert.issue.url, `Tracking issue #${alert.issue.number}`) : null,
    `${alert.tool.name} ${slackText(alert.tool.version, 40)}`,
    alert.redacted ? "names and emails are masked" : null
  ].filter((x) => x !== null);
  blocks.push({ type: "context", elements: [mrkdwn(links.join(" \xB7 "))] });
  return { text: slackText(title, 300), blocks };
}

// src/notify/teams.ts
var COLOR = { pass: "Good", fail: "Attention", error: "Warning" };
function textBlock(text, extra = {}) {
  return { type: "TextBlock", text, wrap: true, ...extra };
}
function findingBlock(f) {
  const tenant = f.tenant ? `tenant ${cardText(f.tenant, 40)} \xB7 ` : "";
  return textBlock(
    `**${f.severity}** \xB7 ${tenant}${cardText(f.rule, 80)} \xB7 ${cardText(f.who, 100)}

${cardText(f.what, 160)}`,
    { spacing: "Small" }
  );
}
function teamsMessage(alert) {
  const head = headline(alert);
  const body = [
    textBlock(`${head.icon} ${cardText(head.text, 200)}`, {
      size: "Medium",
      weight: "Bolder",
      color: COLOR[alert.status]
    }),
    {
      type: "FactSet",
      facts: facts(alert).map((f) => ({ title: f.title, value: cardText(f.value, 300) }))
    }
  ];
  const fleet = fleetLines(alert);
  if (fleet.length > 0) {
    body.push(textBlock("Tenants", { weight: "Bolder", spacing: "Medium" }));
    body.push(
      textBlock(
        fleet.slice(0, 50).map((l) => `- ${cardText(l, 200)}`).join("\n")
      )
    );
    if (fleet.length > 50) body.push(textBlock(`and ${fleet.length - 50} more`, { isSubtle: true }));
  }
  const { shown, more } = listed(alert);
  if (shown.length > 0) {
    body.push(textBlock("New findings", { weight: "Bolder", spacing: "Medium" }));
    body.push(...shown.map(findingBlock));
    if (more > 0) body.push(textBlock(`and ${more} more`, { isSubtle: true }));
  }
  body.push(
    textBlock(
      `${alert.tool.name} ${cardText(alert.tool.version, 40)}${alert.redacted ? " \xB7 names and emails are masked" : ""}`,
      { isSubtle: true, size: "Small", spacing: "Medium" }
    )
  );
  const actions = [
    alert.runUrl ? { type: "Action.OpenUrl", title: "View the run", url: alert.runUrl } : null,
    alert.issue ? { type: "Action.OpenUrl", title: `Tracking issue #${alert.issue.number}`, url: alert.issue.url } : null
  ].filter((a) => a !== null);
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          msteams: { width: "Full" },
          body,
          ...actions.length > 0 ? { actions } : {}
        }
      }
    ]
  };
}

// src/notify/send.ts
function renderAlert(kind, alert) {
  if (kind === "slack") return slackMessage(alert);
  if (kind === "teams") return teamsMessage(alert);
  return genericMessage(alert);
}
async function sendAlert(alert, webhooks, logger, delivery = {}) {
  const deliveries = await deliverAll(
    webhooks.map((webhook) => ({ webhook, payload: renderAlert(webhook.kind, alert) })),
    logger,
    delivery
  );
  const what = alert.added.length === 1 ? "1 new finding" : `${alert.added.length} new findings`;
  for (const d of deliveries) {
    const label = webhookLabel(d.webhook);
    if (d.ok) {
      logger.info(`Alert sent to ${label} (${what}).`);
    } else {
      logger.warning(
        `The alert was not delivered to ${label}: ${d.problem ?? "it failed"} The audit\u2019s result is unchanged; the job summary and the report list the findings.`
      );
    }
  }
  return deliveries;
}
function sourceName(last) {
  return last.source === "tracking-issue" ? "the tracking issue" : "the baseline evidence";
}
async function notifyTenant(notice) {
  const { report, lastRun, logger, notifyOn } = notice;
  if (report.status === "error") {
    if (notifyOn !== "always") {
      logger.info("No alert: this run did not complete an audit, so there is nothing to compare.");
      return { due: false, deliveries: [] };
    }
    const none = { open: [], added: [], resolved: [], since: null, countsOnly: false };
    const alert2 = tenantAlert(report, none, notice.links);
    return { due: true, deliveries: await sendAlert(alert2, notice.webhooks, logger, notice.delivery) };
  }
  const changes = alertChanges(report, lastRun);
  if (!lastRun && notifyOn !== "always") {
    logger.info(
      "Alerts: no last run to compare with (no tracking issue, `issue: true`, and no `baseline-evidence`), so every open finding counts as new and is announced on every run.",
      { prominent: true }
    );
  }
  if (!wantsAlert(notifyOn, changes)) {
    const since = lastRun ? ` since the last run (${sourceName(lastRun)})` : "";
    logger.info(
      notifyOn === "change" ? `No alert: the open findings are the same${since}.` : `No alert: no new findings${since}.`
    );
    return { due: false, deliveries: [] };
  }
  const alert = tenantAlert(report, changes, notice.links);
  return { due: true, deliveries: await sendAlert(alert, notice.webhooks, logger, notice.delivery) };
}
async function notifyFleet(notice) {
  const { logger, notifyOn } = notice;
  const members = notice.tenants.map(({ report, lastRun }) => ({
    report,
    changes: report.status === "error" ? { open: [], added: [], resolved: [], since: lastRun?.source ?? null, countsOnly: false } : alertChanges(report, lastRun)
  }));
  const withoutLastRun = notice.tenants.filter((t) => t.lastRun === null).length;
  if (withoutLastRun > 0 && notifyOn !== "always") {
    logger.info(
      `Alerts: ${withoutLastRun} of ${notice.tenants.length} tenants have no last run to compare with, so every open finding of theirs counts as new.`,
      { prominent: true }
    );
  }
  const due = members.some((m) => wantsAlert(notifyOn, m.changes));
  if (!due) {
    logger.info(
      notifyOn === "change" ? "No alert: the fleet\u2019s open findings are the same as in the last run." : "No alert: no new findings in the fleet since the last run."
    );
    return { due: false, deliveries: [] };
  }
  const alert = fleetAlert(members, notice.links);
  return { due: true, deliveries: await sendAlert(alert, notice.webhooks, logger, notice.delivery) };
}

export {
  lastRunFromTracking,
  lastRunFromEvidence,
  notifyTenant,
  notifyFleet
};
