import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  writeEvidencePack
} from "./chunk-DRTKXOUB.js";
import {
  selectorFor
} from "./chunk-IT2UQP36.js";
import {
  maskLogin,
  peopleMasker
} from "./chunk-ZLQYN6EA.js";
import {
  BODY_LIMIT
} from "./chunk-SETSU67H.js";
import {
  describeFailure,
  gitHubClient,
  statusOf
} from "./chunk-ECF4TUM2.js";
import {
  ATTESTATIONS_FILE,
  csvTable
} from "./chunk-A6U6MA56.js";
import {
  revocationPlan,
  revocationRefusals
} from "./chunk-ZWY4PZWN.js";
import "./chunk-PNQK3LOO.js";
import {
  indexUsers,
  userKey
} from "./chunk-F7KJDFSJ.js";
import {
  withholdPersonalData
} from "./chunk-F2M56VRX.js";
import "./chunk-TWT5VFH6.js";
import "./chunk-6NYRC7FI.js";
import "./chunk-LLWHVQOH.js";
import {
  buildReport
} from "./chunk-TXDFWF7U.js";
import "./chunk-44ZEGOLS.js";
import {
  maskEmail,
  maskName,
  redactReport,
  replaceEmails
} from "./chunk-O3RGELUA.js";
import "./chunk-4X5BYMY3.js";
import "./chunk-WA5K76RQ.js";
import {
  emptyCounts
} from "./chunk-DBYO6JJB.js";
import "./chunk-EIDODBDB.js";
import "./chunk-DZQBV3A5.js";
import {
  TOOL_VERSION
} from "./chunk-47HB3AU5.js";
import {
  external_exports
} from "./chunk-5VFH7U4S.js";
import {
  ConfigurationError,
  GuardError,
  RuntimeError
} from "./chunk-GIX45REK.js";
import {
  inlineMarkdown
} from "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";

// src/review/blocks.ts
import { gunzipSync, gzipSync } from "node:zlib";

// src/review/scope.ts
import { createHash } from "node:crypto";
var IDENTITY_REVIEW_RULES = ["identity-leaver", "identity-unmatched"];
function reasonsFor(facts, reviews, adminRoles, policy, identity) {
  const why = [];
  if (reviews.scope.includes("privileged")) {
    for (const mapping of policy.permissions) {
      if (facts.heldPermissions.has(mapping.name)) why.push(`holds ${mapping.name}`);
    }
    for (const [lower, spelled] of facts.roles) {
      if (adminRoles.has(lower)) why.push(`admin role ${spelled}`);
    }
  }
  if (reviews.scope.includes("external") && facts.audience === "external") why.push("external");
  why.push(...identity.get(userKey(facts.user)) ?? []);
  if (why.length === 0 && reviews.scope.includes("all")) why.push("every account");
  return why;
}
function identityReasons(findings) {
  const byUser = /* @__PURE__ */ new Map();
  for (const finding of findings) {
    if (!finding.user || !IDENTITY_REVIEW_RULES.includes(finding.rule)) continue;
    const key = userKey(finding.user);
    const reason = `${finding.rule}${finding.exemption?.status === "active" ? " (exempted)" : ""}`;
    byUser.set(key, [...byUser.get(key) ?? [], reason]);
  }
  return byUser;
}
function freezeRoster(policy, reviews, snapshot, findings, redact) {
  const adminRoles = new Set(policy.safety.adminRoles.map((role) => role.toLowerCase()));
  const identity = identityReasons(findings);
  const selectors = reviews.reviewers.map((group) => group.appliesTo ? selectorFor(group.appliesTo) : null);
  const accounts = [];
  const unassigned = [];
  for (const facts of indexUsers(snapshot.users, policy)) {
    if (!facts.activeAccount) continue;
    const why = reasonsFor(facts, reviews, adminRoles, policy, identity);
    if (why.length === 0) continue;
    const group = selectors.findIndex((selects) => selects === null || selects(facts));
    const { user } = facts;
    const account = frozenAccount({
      key: userKey(user),
      kind: user.kind,
      id: user.id,
      userId: user.userId,
      name: redact ? maskName(user.name) : user.name,
      email: user.email === null ? null : redact ? maskEmail(user.email) : user.email,
      login: user.login === null ? null : redact ? maskLogin(user.login) : user.login,
      audience: facts.audience,
      businessUnit: user.businessUnit,
      roles: [...new Set(facts.roles.values())],
      permissions: policy.permissions.filter((m) => facts.heldPermissions.has(m.name)).map((m) => m.name),
      why,
      state: { active: user.active, locked: user.locked, roleIds: [...user.roleIds] },
      group
    });
    (group < 0 ? unassigned : accounts).push(account);
  }
  accounts.sort(byKey);
  unassigned.sort(byKey);
  return { accounts, hash: rosterHash(accounts), unassigned };
}
function byKey(a, b) {
  return a.kind === b.kind ? a.id - b.id : a.kind < b.kind ? -1 : 1;
}
function frozenAccount(raw) {
  return {
    key: raw.key,
    kind: raw.kind,
    id: raw.id,
    userId: raw.userId,
    name: raw.name,
    email: raw.email,
    login: raw.login,
    audience: raw.audience,
    businessUnit: raw.businessUnit,
    roles: [...raw.roles],
    permissions: [...raw.permissions],
    why: [...raw.why],
    state: { active: raw.state.active, locked: raw.state.locked, roleIds: [...raw.state.roleIds] },
    group: raw.group
  };
}
function rosterHash(accounts) {
  const canonical = JSON.stringify([...accounts].sort(byKey).map(frozenAccount));
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

// src/review/blocks.ts
var REVIEW_LABEL = "servicetitan-access-review";
var HEADER_PREFIX = "<!-- servicetitan-access-review v=1 ";
var ROSTER_PREFIX = "<!-- servicetitan-access-review:roster ";
var COMMENT_PREFIX = "<!-- servicetitan-access-review:";
var MAX_ROSTER_BLOCK = 4e4;
var enc = encodeURIComponent;
function renderHeader(header) {
  const fields = [
    ["tenant", header.tenant],
    ["policy", header.policy],
    ["campaign", header.campaign],
    ["hash", header.hash],
    ["group", String(header.group)],
    ["groups", header.groups.join(",")],
    ["reviewers", header.reviewers.join(",")],
    ["due", header.due],
    ["synced", header.synced ?? ""]
  ];
  return `${HEADER_PREFIX}${fields.map(([k, v]) => `${k}=${enc(v)}`).join(" ")} -->`;
}
var LOGIN = /^[A-Za-z0-9-]{1,39}$/;
function parseHeader(body) {
  const start2 = body.indexOf(HEADER_PREFIX);
  if (start2 < 0) return null;
  const end = body.indexOf(" -->", start2);
  if (end < 0) return null;
  const fields = /* @__PURE__ */ new Map();
  for (const pair of body.slice(start2 + HEADER_PREFIX.length, end).split(" ")) {
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    try {
      fields.set(pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1)));
    } catch {
      return null;
    }
  }
  const text = (k) => fields.get(k) ?? "";
  const numbers = (k) => text(k) === "" ? [] : text(k).split(",").map((n) => /^\d{1,3}$/.test(n) ? Number(n) : NaN);
  const group = /^\d{1,3}$/.test(text("group")) ? Number(text("group")) : NaN;
  const groups = numbers("groups");
  const reviewers = text("reviewers") === "" ? [] : text("reviewers").split(",");
  if (text("tenant") === "" || !/^[0-9a-f]{64}$/.test(text("hash")) || Number.isNaN(Date.parse(text("campaign"))) || !/^\d{4}-\d{2}-\d{2}$/.test(text("due")) || Number.isNaN(group) || groups.some(Number.isNaN) || !groups.includes(group) || reviewers.length === 0 || !reviewers.every((r) => LOGIN.test(r))) {
    return null;
  }
  const synced = text("synced");
  return {
    tenant: text("tenant"),
    policy: text("policy"),
    campaign: text("campaign"),
    hash: text("hash"),
    group,
    groups,
    reviewers,
    due: text("due"),
    synced: synced !== "" && !Number.isNaN(Date.parse(synced)) ? synced : null
  };
}
function renderRosterBlock(accounts) {
  const packed = gzipSync(Buffer.from(JSON.stringify(accounts.map(frozenAccount)), "utf8")).toString(
    "base64"
  );
  return `${ROSTER_PREFIX}${packed} -->`;
}
var UserStateShape = external_exports.strictObject({
  active: external_exports.boolean(),
  locked: external_exports.boolean(),
  roleIds: external_exports.array(external_exports.int())
});
var FrozenAccountShape = external_exports.strictObject({
  key: external_exports.string().regex(/^(employee|technician):\d{1,15}$/),
  kind: external_exports.enum(["employee", "technician"]),
  id: external_exports.int().nonnegative(),
  userId: external_exports.int().nullable(),
  name: external_exports.string(),
  email: external_exports.string().nullable(),
  login: external_exports.string().nullable(),
  audience: external_exports.enum(["internal", "external"]),
  businessUnit: external_exports.string().nullable(),
  roles: external_exports.array(external_exports.string()),
  permissions: external_exports.array(external_exports.string()),
  why: external_exports.array(external_exports.string()),
  state: UserStateShape,
  group: external_exports.int().nonnegative()
});
function parseRosterBlock(body) {
  const start2 = body.indexOf(ROSTER_PREFIX);
  if (start2 < 0) return null;
  const end = body.indexOf(" -->", start2);
  if (end < 0) return null;
  const packed = body.slice(start2 + ROSTER_PREFIX.length, end).trim();
  if (!/^[A-Za-z0-9+/=]+$/.test(packed)) return null;
  let raw;
  try {
    const json = gunzipSync(Buffer.from(packed, "base64"), { maxOutputLength: 32 * 1024 * 1024 });
    raw = JSON.parse(json.toString("utf8"));
  } catch {
    return null;
  }
  const parsed = external_exports.array(FrozenAccountShape).safeParse(raw);
  if (!parsed.success) return null;
  const accounts = parsed.data.map(frozenAccount);
  return accounts.every((a) => a.key === `${a.kind}:${a.id}`) ? accounts : null;
}
function commentMarker(kind, fields = {}) {
  const extra = Object.entries(fields).map(([k, v]) => ` ${k}=${enc(v)}`);
  return `${COMMENT_PREFIX}${kind}${extra.join("")} -->`;
}
function parseCommentMarker(body) {
  const match = /<!-- servicetitan-access-review:(reply|reminder|closed)((?: [a-z]+=[^\s>]*)*) -->/.exec(
    body
  );
  if (!match) return null;
  const fields = /* @__PURE__ */ new Map();
  for (const pair of (match[2] ?? "").trim().split(" ")) {
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    try {
      fields.set(pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1)));
    } catch {
    }
  }
  return { kind: match[1], fields };
}

// src/review/github.ts
function failed(what, error, ctx) {
  const status = statusOf(error);
  const hint = status === 401 ? "The GitHub token was refused: give a valid `github-token` (or GITHUB_TOKEN on the command line)." : status === 403 || status === 404 ? `The token cannot ${what.startsWith("read") ? "read" : "write"} issues in ${ctx.owner}/${ctx.repo}: add \`permissions: issues: write\` to the job, or use a token with access to the repository's issues.` : status === 410 ? "Issues are disabled in this repository: enable them (Settings > General > Features) to run reviews there." : "Run the same review step again: decisions are read from the comments each time, so nothing is lost or done twice.";
  return new RuntimeError(
    "review.github-failed",
    `GitHub: could not ${what} (${describeFailure(error)}).`,
    hint
  );
}
var ReviewIssues = class {
  constructor(ctx, logger) {
    this.ctx = ctx;
    this.logger = logger;
    this.octokit = gitHubClient(ctx, logger);
    this.repo = { owner: ctx.owner, repo: ctx.repo };
  }
  ctx;
  logger;
  octokit;
  repo;
  async call(what, fn) {
    try {
      return await fn();
    } catch (error) {
      throw failed(what, error, this.ctx);
    }
  }
  /** Every issue of every campaign of this tenant and policy, oldest first; and those that cannot be read. */
  async campaignIssues(tenant, policy) {
    const listed = await this.call(
      "read the review issues",
      () => this.octokit.paginate(this.octokit.rest.issues.listForRepo, {
        ...this.repo,
        labels: REVIEW_LABEL,
        state: "all",
        per_page: 100
      })
    );
    const issues = [];
    const unreadable = [];
    for (const item of listed) {
      if (item.pull_request) continue;
      const body = item.body ?? "";
      const header = parseHeader(body);
      if (!header) continue;
      if (header.tenant !== tenant || header.policy !== policy) continue;
      const accounts = parseRosterBlock(body);
      if (!accounts || accounts.some((a) => a.group !== header.group)) {
        unreadable.push({ number: item.number, url: item.html_url });
        continue;
      }
      issues.push({
        number: item.number,
        url: item.html_url,
        state: item.state === "closed" ? "closed" : "open",
        author: item.user?.login ?? "",
        body,
        createdAt: item.created_at,
        header,
        accounts
      });
    }
    issues.sort((a, b) => a.number - b.number);
    return { issues, unreadable };
  }
  /** Every comment of the issue (all pages), or those updated at or after `since`. */
  async comments(issue, since) {
    const listed = await this.call(
      `read the comments of #${issue}`,
      () => this.octokit.paginate(this.octokit.rest.issues.listComments, {
        ...this.repo,
        issue_number: issue,
        per_page: 100,
        ...since ? { since } : {}
      })
    );
    return listed.map((c) => ({
      id: c.id,
      body: c.body ?? "",
      author: c.user?.login ?? "",
      authorType: c.user?.type ?? "User",
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      url: c.html_url
    }));
  }
  async ensureLabel() {
    try {
      await this.octokit.rest.issues.createLabel({
        ...this.repo,
        name: REVIEW_LABEL,
        color: "0e8a16",
        description: "ServiceTitan access review"
      });
    } catch (error) {
      if (statusOf(error) !== 422) throw failed("create the review label", error, this.ctx);
    }
  }
  async create(title, body) {
    const { data } = await this.call(
      "open a review issue",
      () => this.octokit.rest.issues.create({ ...this.repo, title, body, labels: [REVIEW_LABEL] })
    );
    return { number: data.number, url: data.html_url, author: data.user?.login ?? "" };
  }
  async updateBody(issue, body) {
    await this.call(
      `update the progress of #${issue}`,
      () => this.octokit.rest.issues.update({ ...this.repo, issue_number: issue, body })
    );
  }
  async comment(issue, body) {
    await this.call(
      `comment on #${issue}`,
      () => this.octokit.rest.issues.createComment({ ...this.repo, issue_number: issue, body })
    );
  }
  async close(issue) {
    await this.call(
      `close #${issue}`,
      () => this.octokit.rest.issues.update({
        ...this.repo,
        issue_number: issue,
        state: "closed",
        state_reason: "completed"
      })
    );
    this.logger.info(`Closed #${issue}.`);
  }
};

// src/review/attestations.ts
var ATTESTATIONS_HEADER = [
  "key",
  "user",
  "decision",
  "reason",
  "reviewer",
  "time",
  "comment_url",
  "roster_sha256",
  "issue",
  "why_in_scope"
];
function attestationRows(issues, decisions) {
  return issues.flatMap(
    (issue) => issue.accounts.map((account) => {
      const standing = decisions.get(issue.number)?.get(account.key);
      return {
        key: account.key,
        name: account.name,
        email: account.email,
        decision: standing?.decision ?? "undecided",
        reason: standing?.reason ?? null,
        reviewer: standing?.reviewer ?? null,
        at: standing?.at ?? null,
        commentUrl: standing?.commentUrl ?? null,
        issue: issue.number,
        why: account.why
      };
    })
  );
}
function userLabel(row) {
  return row.email ? `${row.name} <${row.email}>` : row.name;
}
function attestationsCsv(rows, hash) {
  return csvTable(
    [...ATTESTATIONS_HEADER],
    rows.map((r) => [
      r.key,
      userLabel(r),
      r.decision,
      r.reason ?? "",
      r.reviewer ?? "",
      r.at ?? "",
      r.commentUrl ?? "",
      hash,
      r.issue,
      r.why
    ])
  );
}

// src/review/body.ts
var DAY_MS = 864e5;
function issueTitle(header, tenantLabel2) {
  return `Access review ${header.campaign.slice(0, 10)} \xB7 ${tenantLabel2} \xB7 ${header.reviewers.join(", ")}`;
}
function progress(accounts, decisions) {
  let kept = 0;
  let revoked = 0;
  for (const account of accounts) {
    const decision = decisions.get(account.key)?.decision;
    if (decision === "keep") kept++;
    if (decision === "revoke") revoked++;
  }
  return { total: accounts.length, decided: kept + revoked, kept, revoked };
}
function userCell(a) {
  const contact = a.email ?? a.login;
  const facts = [contact, a.audience, a.businessUnit].filter((x) => x !== null && x !== "");
  return `**${inlineMarkdown(a.name || "(no name)", 80)}**<br>${inlineMarkdown(facts.join(" \xB7 "), 160)}`;
}
function holdsCell(a) {
  const parts = [
    a.roles.length ? `roles: ${a.roles.join(", ")}` : "",
    a.permissions.length ? `permissions: ${a.permissions.join(", ")}` : ""
  ].filter(Boolean);
  return parts.length ? inlineMarkdown(parts.join("; "), 300) : "\u2014";
}
function decisionCell(attestation) {
  if (!attestation) return "\u23F3 undecided";
  const icon = attestation.decision === "keep" ? "\u2705 keep" : "\u26D4 revoke";
  const when = attestation.at.slice(0, 10);
  const reason = attestation.reason ? `: ${inlineMarkdown(attestation.reason, 200)}` : "";
  return `${icon} \xB7 ${inlineMarkdown(attestation.reviewer, 40).replace(/^@/, "")} \xB7 [${when}](${attestation.commentUrl})${reason}`;
}
var HEADER_ROW = "| Account | User | Holds | Why in scope | Decision |\n| --- | --- | --- | --- | --- |\n";
function accountRow(a, attestation) {
  return `| \`${a.key}\` | ${userCell(a)} | ${holdsCell(a)} | ${inlineMarkdown(a.why.join("; "), 200)} | ${decisionCell(attestation)} |
`;
}
function dueText(due, now) {
  const days = daysUntil(due, now);
  if (days > 1) return `due ${due} (in ${days} days)`;
  if (days === 1) return `due ${due} (tomorrow)`;
  if (days === 0) return `due ${due} (today)`;
  return `due ${due} (${-days} day${days === -1 ? "" : "s"} overdue)`;
}
function daysUntil(due, now) {
  const today = Math.floor(now.getTime() / DAY_MS);
  return Math.round(Date.parse(`${due}T00:00:00Z`) / DAY_MS) - today;
}
function issueBody(view, tenantLabel2, now) {
  const { header, accounts, decisions } = view;
  const p = progress(accounts, decisions);
  const mentions = header.reviewers.map((r) => `@${r}`).join(" ");
  const siblings = view.siblings.filter((n) => n > 0);
  const intro = [
    `## ServiceTitan access review: group ${header.group + 1} of ${view.groupCount}`,
    "",
    `Reviewers: ${mentions} \xB7 ${inlineMarkdown(tenantLabel2, 80)} \xB7 started ${header.campaign.slice(0, 10)} \xB7 **${dueText(header.due, now)}**`,
    "",
    `**${p.decided} of ${p.total} decided** (${p.kept} keep, ${p.revoked} revoke) \xB7 ${p.total - p.decided} undecided`,
    "",
    `Frozen roster SHA-256: \`${header.hash}\`${siblings.length ? `, the same in every issue of this review (${siblings.map((n) => `#${n}`).join(", ")})` : ", the same in every issue of this review"}. It covers every account below as it was when the review started.`,
    "",
    "### How to decide",
    "",
    `Comment with one line per account, KEY being the account's key in the table below (such as \`${accounts[0]?.key ?? "employee:162"}\`); several lines in one comment are fine:`,
    "",
    "```",
    "/keep KEY why the access is still needed",
    "/revoke KEY why it should go",
    "```",
    "",
    "`/keep all REASON` or `/revoke all REASON` decides every account of this issue not decided yet. A revoke needs a reason. Only the reviewers above decide here; a later decision on an account replaces an earlier one. An edited comment does not count: post a new one instead. When every account of every issue of this review is decided, the review closes itself; revoked accounts are then changed by `apply`, through its usual guards.",
    "",
    "### Accounts",
    "",
    ""
  ].join("\n");
  const footer = `
${renderHeader(header)}
${renderRosterBlock(accounts)}
`;
  const rows = accounts.map((a) => accountRow(a, decisions.get(a.key)));
  let table = HEADER_ROW;
  let shown = 0;
  const room = BODY_LIMIT - intro.length - footer.length - 200;
  for (const row of rows) {
    if (table.length + row.length > room) break;
    table += row;
    shown++;
  }
  if (shown < rows.length) {
    table += `
_${rows.length - shown} more accounts do not fit in this issue; the run's report lists every one. They are decided like the others, by key._
`;
  }
  return `${intro}${table}${footer}`;
}
function fitsIssue(body) {
  return body.length <= 65536;
}
function link(comment, text = "your comment") {
  return `[${text}](${comment.url})`;
}
function keysList(keys) {
  return keys.map((k) => `\`${inlineMarkdown(k, 40).replace(/`/g, "")}\``).join(", ");
}
function replyBody(answers, reviewers, elsewhere) {
  const paragraphs = [];
  for (const { comment, problems } of answers) {
    const who = `@${comment.author}`;
    for (const problem of problems) {
      switch (problem.kind) {
        case "not-a-reviewer":
          paragraphs.push(
            `${who}: you are not a reviewer in this issue (its reviewers are ${reviewers.join(", ")}), so the decisions in ${link(comment)} were not counted. If you should review these accounts, ask for the policy's \`reviews.reviewers\` to name you.`
          );
          break;
        case "edited":
          paragraphs.push(
            `${who}: ${link(comment)} was edited after it was posted, so its decisions do not count: an attestation has to stay as it was given. Post the decisions again in a new comment.`
          );
          break;
        case "revoke-without-reason":
          paragraphs.push(
            `${who}: a revoke needs a reason, so ${keysList(problem.keys)} in ${link(comment)} ${problem.keys.length === 1 ? "was" : "were"} not counted. Post \`/revoke KEY REASON\` in a new comment.`
          );
          break;
        case "unknown-key": {
          const notes = problem.keys.map((key) => {
            const other = elsewhere(key);
            return other === null ? `${keysList([key])} is not under review` : `${keysList([key])} is reviewed in #${other}`;
          });
          paragraphs.push(
            `${who}: in ${link(comment)}, ${notes.join("; ")}. Decisions count only for the accounts listed in this issue.`
          );
          break;
        }
        case "missing-key":
          paragraphs.push(
            `${who}: a line in ${link(comment)} names no account. Write \`/keep KEY reason\` or \`/revoke KEY reason\`, with the key from the table (such as \`employee:162\`), or \`all\`.`
          );
          break;
      }
    }
  }
  const ids = answers.map((a) => String(a.comment.id)).join(",");
  return `${paragraphs.join("\n\n")}

${commentMarker("reply", { to: ids })}
`;
}
function reminderBody(header, undecided, total, now) {
  const mentions = header.reviewers.map((r) => `@${r}`).join(" ");
  return `${mentions}: ${undecided} of ${total} accounts in this review still need a decision; it is ${dueText(header.due, now)}. Comment \`/keep KEY reason\` or \`/revoke KEY reason\` for each (the table above lists them).

${commentMarker("reminder", { day: now.toISOString().slice(0, 10) })}
`;
}
function closingBody(counts, hash, runUrl) {
  const undecided = counts.undecided > 0 ? ` ${counts.undecided} undecided: listed as \`undecided\` in the evidence, never as kept.` : "";
  return `Review closed: ${counts.kept} kept, ${counts.revoked} revoked.${undecided} The attestations (\`attestations.csv\`, frozen roster \`${hash.slice(0, 12)}\u2026\`) are in the evidence pack of ${runUrl ? `[this run](${runUrl})` : "the closing run"}; its report holds the revocations, which \`mode: apply\` with \`review-report\` carries out through the same guards as any apply.

${commentMarker("closed")}
`;
}

// src/review/campaign.ts
function campaignsOf(issues) {
  const byId = /* @__PURE__ */ new Map();
  for (const issue of issues) {
    const id = `${issue.header.campaign}|${issue.header.hash}`;
    byId.set(id, [...byId.get(id) ?? [], issue]);
  }
  return [...byId.values()].map((list) => {
    const first = list[0];
    return {
      id: first.header.campaign,
      hash: first.header.hash,
      issues: [...list].sort((a, b) => a.header.group - b.header.group || a.number - b.number),
      groups: first.header.groups,
      due: first.header.due,
      open: list.some((i) => i.state === "open")
    };
  }).sort((a, b) => Date.parse(a.id) - Date.parse(b.id));
}
function missingGroups(campaign) {
  return campaign.groups.filter((g) => !campaign.issues.some((i) => i.header.group === g));
}
function checkIntact(campaign) {
  const missing = missingGroups(campaign);
  if (missing.length > 0) {
    throw new ConfigurationError(
      "review.incomplete-campaign",
      `The review started ${campaign.id} has no issue for reviewer group${missing.length === 1 ? "" : "s"} ${missing.map((g) => g + 1).join(", ")}: its start did not finish.`,
      "Run `review: start` again: it opens the missing issues when the tenant has not changed since, and says what to do otherwise."
    );
  }
  const duplicates = campaign.issues.filter(
    (issue, i, all) => all.some((other, j) => j < i && other.header.group === issue.header.group)
  );
  const accounts = campaign.issues.filter((i) => !duplicates.includes(i)).flatMap((i) => i.accounts);
  const hash = rosterHash(accounts);
  if (duplicates.length > 0 || hash !== campaign.hash) {
    throw new ConfigurationError(
      "review.roster-mismatch",
      `The accounts in the issues of the review started ${campaign.id} (${campaign.issues.map((i) => `#${i.number}`).join(", ")}) no longer match the frozen roster's SHA-256 ${campaign.hash}${duplicates.length > 0 ? `: ${duplicates.map((i) => `#${i.number}`).join(", ")} repeat${duplicates.length === 1 ? "s" : ""} a group` : " (an issue body was edited)"}, so its decisions cannot be attested to.`,
      `Restore the issue bodies from their history (the issue's "edited" menu), or close these issues and start a new review.`
    );
  }
}
function groupReviewers(reviews, header) {
  const group = reviews.reviewers[header.group];
  if (!group) return { logins: header.reviewers, changed: false };
  const lower = (list) => [...list].map((l) => l.toLowerCase()).sort().join(",");
  return { logins: group.github, changed: lower(group.github) !== lower(header.reviewers) };
}

// src/review/decisions.ts
var EDIT_TOLERANCE_MS = 1e3;
var LINE = /^\s*\/(keep|revoke)(?=\s|$)\s*(\S*)\s*(.*)$/i;
function decisionLines(body) {
  const lines = [];
  let fence = null;
  for (const line of body.split(/\r?\n/)) {
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark) {
      if (fence === null) fence = fenceMark[0];
      else if (fenceMark[0] === fence) fence = null;
      continue;
    }
    if (fence !== null || /^\s*>/.test(line)) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    lines.push({
      decision: match[1].toLowerCase(),
      key: match[2].replace(/^`+|`+$/g, "").toLowerCase(),
      reason: match[3].trim().slice(0, 500)
    });
  }
  return lines;
}
function isEdited(comment) {
  return Date.parse(comment.updatedAt) - Date.parse(comment.createdAt) > EDIT_TOLERANCE_MS;
}
function isToolComment(comment, toolLogin) {
  const byTool = comment.author.toLowerCase() === toolLogin.toLowerCase() || comment.authorType === "Bot";
  return byTool && parseCommentMarker(comment.body) !== null;
}
function deriveDecisions(accounts, comments, reviewers, toolLogin) {
  const keys = new Set(accounts.map((a) => a.key));
  const allowed = new Set(reviewers.map((r) => r.toLowerCase()));
  const decisions = /* @__PURE__ */ new Map();
  const problems = /* @__PURE__ */ new Map();
  const note = (comment, problem) => {
    const entry = problems.get(comment.id) ?? { comment, problems: [] };
    entry.problems.push(problem);
    problems.set(comment.id, entry);
  };
  const ordered = [...comments].sort(
    (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id
  );
  for (const comment of ordered) {
    if (isToolComment(comment, toolLogin)) continue;
    const lines = decisionLines(comment.body);
    if (lines.length === 0) continue;
    if (!allowed.has(comment.author.toLowerCase())) {
      note(comment, { kind: "not-a-reviewer" });
      continue;
    }
    if (isEdited(comment)) {
      note(comment, { kind: "edited" });
      continue;
    }
    const withoutReason = [];
    const unknown = [];
    let missingKey = false;
    for (const line of lines) {
      if (line.key === "") {
        missingKey = true;
        continue;
      }
      if (line.decision === "revoke" && line.reason === "") {
        withoutReason.push(line.key);
        continue;
      }
      if (line.key !== "all" && !keys.has(line.key)) {
        unknown.push(line.key);
        continue;
      }
      const attestation = (key) => ({
        key,
        decision: line.decision,
        reason: line.reason,
        reviewer: comment.author,
        at: comment.createdAt,
        commentUrl: comment.url,
        commentId: comment.id
      });
      if (line.key === "all") {
        for (const key of keys) if (!decisions.has(key)) decisions.set(key, attestation(key));
      } else {
        decisions.set(line.key, attestation(line.key));
      }
    }
    if (missingKey) note(comment, { kind: "missing-key" });
    if (withoutReason.length > 0) note(comment, { kind: "revoke-without-reason", keys: withoutReason });
    if (unknown.length > 0) note(comment, { kind: "unknown-key", keys: unknown });
  }
  return { decisions, problems };
}

// src/review/report.ts
function reportError(error, logger, redacted) {
  if (error instanceof GuardError) {
    return { code: error.code, message: error.message, ...error.hint ? { hint: error.hint } : {} };
  }
  const kind = error instanceof Error ? error.name : typeof error;
  logger.debug(
    redacted ? `${kind} (message withheld: redaction is on)` : String(error?.stack ?? error)
  );
  return {
    code: "internal.unexpected",
    message: redacted ? `Unexpected error (${kind}); its text is withheld because redaction is on.` : `Unexpected error: ${error instanceof Error ? error.message : String(error)}`,
    hint: "This is a bug. Rerun with debug logging (ACTIONS_STEP_DEBUG or --debug) and report it with the output."
  };
}
function finalReport(state, errors) {
  const { options } = state;
  const tenant = state.tenant;
  const report = buildReport(
    {
      mode: "review",
      tenant: options.tenant,
      environment: options.environment,
      policy: {
        path: options.policyPath,
        sha256: options.policy.source.sha256,
        ...options.policy.source.extends ? { extends: options.policy.source.extends } : {}
      },
      startedAt: state.startedAt,
      finishedAt: options.now(),
      // a review records decisions; the findings it shows are for the reader, never the run's verdict
      failOn: "never",
      toolVersion: TOOL_VERSION
    },
    {
      evaluation: {
        findings: tenant?.findings ?? [],
        plan: state.plan,
        refusals: state.refusals,
        counts: tenant ? { ...tenant.counts } : emptyCounts()
      },
      errors
    }
  );
  report.review = options.redact ? maskedSection(state.section, tenant?.snapshot ?? null, options.policy) : state.section;
  if (!options.redact) return report;
  try {
    return redactReport(report);
  } catch {
    options.logger.error(
      "Masking names and emails failed; the report withholds every name, email and message instead."
    );
    return withholdPersonalData(report);
  }
}
function maskedSection(section, snapshot, policy) {
  const text = snapshot ? peopleMasker(snapshot, policy) : (t) => replaceEmails(t, maskEmail);
  return {
    ...section,
    attestations: section.attestations.map((a) => ({
      ...a,
      name: maskName(a.name),
      email: a.email === null ? null : maskEmail(a.email),
      reason: a.reason === null ? null : text(a.reason)
    }))
  };
}

// src/review/state.ts
var DAY_MS2 = 864e5;
function emptySection(action) {
  return {
    action,
    campaign: null,
    rosterSha256: null,
    due: null,
    closed: false,
    issues: [],
    accounts: 0,
    decided: 0,
    undecided: 0,
    kept: 0,
    revoked: 0,
    attestations: []
  };
}
var TenantFailed = class extends Error {
  constructor(errors, exitCode) {
    super("the tenant could not be audited");
    this.errors = errors;
    this.exitCode = exitCode;
  }
  errors;
  exitCode;
};
async function tenantView(state, why) {
  if (state.tenant) return state.tenant;
  const load = state.options.loadTenant;
  if (!load) {
    state.notes.push(
      `No ServiceTitan credentials: ${why} without a fresh look at the tenant (the review's frozen roster is what counts).`
    );
    return null;
  }
  const view = await load();
  if ("errors" in view) throw new TenantFailed(view.errors, view.exitCode);
  state.tenant = view;
  return view;
}
function tenantLabel(options) {
  return `tenant ${options.tenant}${options.environment === "integration" ? " (integration)" : ""}`;
}
function dueDate(from, days) {
  return new Date(from.getTime() + days * DAY_MS2).toISOString().slice(0, 10);
}
async function derive(state, campaign) {
  const decisions = /* @__PURE__ */ new Map();
  const comments = /* @__PURE__ */ new Map();
  for (const issue of campaign.issues) {
    const list = await state.issues.comments(issue.number);
    const reviewers = groupReviewers(state.reviews, issue.header);
    if (reviewers.changed) {
      state.notes.push(
        `#${issue.number} was opened for ${issue.header.reviewers.join(", ")}; the policy's group ${issue.header.group + 1} now names ${reviewers.logins.join(", ")}, whose decisions count.`
      );
    }
    comments.set(issue.number, list);
    decisions.set(
      issue.number,
      deriveDecisions(issue.accounts, list, reviewers.logins, issue.author).decisions
    );
  }
  return { decisions, comments };
}
function setSection(state, campaign, decisions) {
  const rows = attestationRows(campaign.issues, decisions);
  const count = (d) => rows.filter((r) => r.decision === d).length;
  state.section = {
    action: state.options.action,
    campaign: campaign.id,
    rosterSha256: campaign.hash,
    due: campaign.due,
    closed: !campaign.open,
    issues: campaign.issues.map((issue) => ({
      number: issue.number,
      url: issue.url,
      reviewers: issue.header.reviewers,
      accounts: issue.accounts.length,
      decided: progress(issue.accounts, decisions.get(issue.number) ?? /* @__PURE__ */ new Map()).decided,
      state: issue.state
    })),
    accounts: rows.length,
    decided: rows.length - count("undecided"),
    undecided: count("undecided"),
    kept: count("keep"),
    revoked: count("revoke"),
    attestations: rows
  };
}
async function describeCampaign(state, campaign) {
  setSection(state, campaign, (await derive(state, campaign)).decisions);
}
function warnUnreadable(state, unreadable) {
  if (unreadable.length === 0) return;
  state.notes.push(
    `${unreadable.map((i) => `#${i.number}`).join(", ")} ${unreadable.length === 1 ? "carries" : "carry"} the review label and marker but ${unreadable.length === 1 ? "its" : "their"} frozen roster cannot be read (the body was edited); ${unreadable.length === 1 ? "it is" : "they are"} left out.`
  );
}

// src/review/close.ts
async function close(state, known, knownDecisions) {
  const { options, notes } = state;
  let campaign = known;
  if (!campaign) {
    const { issues, unreadable } = await state.issues.campaignIssues(options.tenant, options.policyPath);
    warnUnreadable(state, unreadable);
    const all = campaignsOf(issues);
    campaign = all.find((c) => c.open) ?? all[all.length - 1] ?? null;
    if (!campaign) {
      throw new ConfigurationError(
        "review.no-campaign",
        `No access review of tenant ${options.tenant} with the policy ${options.policyPath} was found in ${options.github.owner}/${options.github.repo}, so there is nothing to close.`,
        "Run `review: start` first; its issues carry the label `servicetitan-access-review`."
      );
    }
    if (!campaign.open) {
      notes.push(
        `The review started ${campaign.id.slice(0, 10)} is already closed; its evidence is written again from its issues.`
      );
    }
    checkIntact(campaign);
  }
  const decisions = knownDecisions ?? (await derive(state, campaign)).decisions;
  setSection(state, campaign, decisions);
  const rows = state.section.attestations;
  const tenant = await tenantView(state, "the revocations are planned");
  const revocations = rows.filter((r) => r.decision === "revoke").map((r) => {
    const account = campaign.issues.flatMap((i) => i.accounts).find((a) => a.key === r.key);
    return {
      user: {
        kind: account.kind,
        id: account.id,
        userId: account.userId,
        name: account.name,
        email: account.email
      },
      before: account.state
    };
  });
  state.plan = revocationPlan(revocations, options.policy, tenant?.snapshot ?? null);
  state.refusals = tenant ? revocationRefusals(state.plan, options.policy, tenant.snapshot, options.maxChanges) : [];
  state.section.closed = true;
  if (options.evidence) {
    const report = finalReport(state, []);
    state.evidence = await writeEvidencePack({
      dir: options.evidence.dir,
      report,
      snapshot: tenant?.snapshot ?? null,
      policy: options.policy,
      policyText: options.evidence.policyText,
      policyFileName: options.evidence.policyFileName,
      redact: options.redact,
      toolVersion: TOOL_VERSION,
      ...options.evidence.runUrl ? { runUrl: options.evidence.runUrl } : {},
      protectedDirs: options.evidence.protectedDirs,
      signingKey: options.evidence.signingKey,
      extraFiles: /* @__PURE__ */ new Map([[ATTESTATIONS_FILE, attestationsCsv(report.review.attestations, campaign.hash)]])
    });
  } else {
    notes.push(
      "No `evidence` folder was given, so no evidence pack (with attestations.csv) was written; `review: close` with `evidence` writes it from the closed issues at any time."
    );
  }
  const s = state.section;
  for (const issue of campaign.issues) {
    if (issue.state !== "open") continue;
    const comments = (await state.issues.comments(issue.number)).filter(
      (c) => isToolComment(c, issue.author)
    );
    if (!comments.some((c) => parseCommentMarker(c.body)?.kind === "closed")) {
      const p = progress(issue.accounts, decisions.get(issue.number) ?? /* @__PURE__ */ new Map());
      await state.issues.comment(
        issue.number,
        closingBody(
          { kept: p.kept, revoked: p.revoked, undecided: p.total - p.decided },
          campaign.hash,
          options.evidence?.runUrl
        )
      );
    }
    const body = issueBody(
      {
        header: issue.header,
        accounts: issue.accounts,
        decisions: decisions.get(issue.number) ?? /* @__PURE__ */ new Map(),
        siblings: campaign.issues.map((i) => i.number),
        groupCount: Math.max(state.reviews.reviewers.length, ...campaign.groups.map((g) => g + 1))
      },
      tenantLabel(options),
      options.now()
    );
    if (body !== issue.body) await state.issues.updateBody(issue.number, body);
    await state.issues.close(issue.number);
    issue.state = "closed";
  }
  for (const entry of s.issues) entry.state = "closed";
  notes.push(
    `Access review closed: ${s.kept} kept, ${s.revoked} revoked, ${s.undecided} undecided. ${s.revoked > 0 ? "The revocations are this report's plan: `mode: apply` with `review-report` carries them out." : "Nothing to revoke."}`
  );
}

// src/review/start.ts
async function start(state) {
  const { options, reviews, issues: gh, notes } = state;
  const { logger } = options;
  const { issues, unreadable } = await gh.campaignIssues(options.tenant, options.policyPath);
  warnUnreadable(state, unreadable);
  const open = campaignsOf(issues).filter((c) => c.open);
  if (open.length > 0) {
    const campaign = open[0];
    const missing = missingGroups(campaign);
    if (missing.length === 0) {
      notes.push(
        `An access review is already open (${campaign.issues.map((i) => `#${i.number}`).join(", ")}, started ${campaign.id.slice(0, 10)}, due ${campaign.due}); no other was started. Run \`review: sync\` to follow it and \`review: close\` to end it.`
      );
      await describeCampaign(state, campaign);
      return;
    }
    await finishStart(state, campaign, missing);
    return;
  }
  const tenant = await tenantView(state, "the review cannot start");
  if (!tenant) {
    throw new ConfigurationError(
      "input.missing-credentials",
      "Starting a review needs ServiceTitan credentials: the roster under review is read from the tenant.",
      "Pass the tenant id, client id, client secret and app key as with `mode: audit`."
    );
  }
  const roster = freezeRoster(options.policy, reviews, tenant.snapshot, tenant.findings, options.redact);
  checkAssigned(roster.unassigned);
  const now = options.now();
  const groups = [...new Set(roster.accounts.map((a) => a.group))].sort((a, b) => a - b);
  for (const [index, group] of reviews.reviewers.entries()) {
    if (!groups.includes(index)) {
      notes.push(
        `Reviewer group ${index + 1} (${group.github.join(", ")}) has no account to review; no issue was opened for it.`
      );
    }
  }
  if (groups.length === 0) {
    notes.push("No account is in the review scope, so no review was started.");
    return;
  }
  const headers = groups.map((group) => ({
    tenant: options.tenant,
    policy: options.policyPath,
    campaign: now.toISOString(),
    hash: roster.hash,
    group,
    groups,
    reviewers: reviews.reviewers[group].github,
    due: dueDate(now, reviews.dueDays),
    synced: null
  }));
  const byGroup = (group) => roster.accounts.filter((a) => a.group === group);
  for (const header of headers) checkFits(header, byGroup(header.group), state);
  await gh.ensureLabel();
  const created = [];
  for (const header of headers) {
    const accounts = byGroup(header.group);
    const body = issueBody(
      { header, accounts, decisions: /* @__PURE__ */ new Map(), siblings: [], groupCount: reviews.reviewers.length },
      tenantLabel(options),
      now
    );
    const made = await gh.create(issueTitle(header, tenantLabel(options)), body);
    logger.info(`Opened #${made.number} for ${header.reviewers.join(", ")}: ${accounts.length} accounts.`);
    created.push({
      number: made.number,
      url: made.url,
      state: "open",
      author: made.author,
      body,
      createdAt: now.toISOString(),
      header,
      accounts
    });
  }
  await linkSiblings(state, created, now);
  notes.push(
    `Access review started: ${roster.accounts.length} accounts in ${created.length} issue${created.length === 1 ? "" : "s"} (${created.map((i) => `#${i.number}`).join(", ")}), due ${headers[0].due}; frozen roster SHA-256 ${roster.hash}.`
  );
  setSection(state, campaignOf(created), /* @__PURE__ */ new Map());
}
async function linkSiblings(state, created, now) {
  if (created.length < 2) return;
  const numbers = created.map((i) => i.number);
  for (const issue of created) {
    const body = issueBody(
      {
        header: issue.header,
        accounts: issue.accounts,
        decisions: /* @__PURE__ */ new Map(),
        siblings: numbers,
        groupCount: state.reviews.reviewers.length
      },
      tenantLabel(state.options),
      now
    );
    await state.issues.updateBody(issue.number, body);
    issue.body = body;
  }
}
async function finishStart(state, campaign, missing) {
  const { options, reviews } = state;
  const tenant = await tenantView(state, "the unfinished review cannot be completed");
  if (!tenant) {
    throw new ConfigurationError(
      "review.incomplete-campaign",
      `The review started ${campaign.id} has no issue yet for reviewer group${missing.length === 1 ? "" : "s"} ${missing.map((g) => g + 1).join(", ")}, and without ServiceTitan credentials the roster cannot be checked to open ${missing.length === 1 ? "it" : "them"}.`,
      "Run `review: start` with the ServiceTitan credentials to finish it."
    );
  }
  const roster = freezeRoster(options.policy, reviews, tenant.snapshot, tenant.findings, options.redact);
  if (roster.hash !== campaign.hash) {
    throw new ConfigurationError(
      "review.incomplete-campaign",
      `The review started ${campaign.id} did not finish opening its issues, and the tenant has changed since, so the missing issues cannot be opened with the roster that was frozen.`,
      `Close its issues (${campaign.issues.map((i) => `#${i.number}`).join(", ")}) and run \`review: start\` again to freeze the roster anew.`
    );
  }
  const now = options.now();
  const template = campaign.issues[0].header;
  const created = [...campaign.issues];
  for (const group of missing) {
    const header = {
      ...template,
      group,
      reviewers: reviews.reviewers[group].github,
      synced: null
    };
    const accounts = roster.accounts.filter((a) => a.group === group);
    checkFits(header, accounts, state);
    const body = issueBody(
      { header, accounts, decisions: /* @__PURE__ */ new Map(), siblings: [], groupCount: reviews.reviewers.length },
      tenantLabel(options),
      now
    );
    await state.issues.ensureLabel();
    const made = await state.issues.create(issueTitle(header, tenantLabel(options)), body);
    created.push({
      number: made.number,
      url: made.url,
      state: "open",
      author: made.author,
      body,
      createdAt: now.toISOString(),
      header,
      accounts
    });
  }
  state.notes.push(
    `The review started ${campaign.id} had not opened all its issues; the tenant is unchanged, so the missing ${missing.length === 1 ? "one was" : `${missing.length} were`} opened now.`
  );
  setSection(state, campaignOf(created), /* @__PURE__ */ new Map());
}
function campaignOf(issues) {
  return campaignsOf(issues)[0];
}
function checkAssigned(unassigned) {
  if (unassigned.length === 0) return;
  const shown = unassigned.slice(0, 5).map((a) => a.key);
  throw new ConfigurationError(
    "review.unassigned",
    `${unassigned.length} account${unassigned.length === 1 ? "" : "s"} in the review scope match${unassigned.length === 1 ? "es" : ""} no reviewer group (${shown.join(", ")}${unassigned.length > shown.length ? ", \u2026" : ""}), so nobody could attest to ${unassigned.length === 1 ? "it" : "them"}; no review was started.`,
    "End `reviews.reviewers` with a group without `applies-to`: it reviews every account the groups before it do not."
  );
}
function checkFits(header, accounts, state) {
  const block = renderRosterBlock(accounts);
  if (block.length > MAX_ROSTER_BLOCK) {
    throw new ConfigurationError(
      "review.group-too-large",
      `Reviewer group ${header.group + 1} (${header.reviewers.join(", ")}) would review ${accounts.length} accounts, more than one issue can hold; no review was started.`,
      "Split the group: give several groups an `applies-to` (business units, roles, kinds) so that each reviews fewer accounts."
    );
  }
  const body = issueBody(
    { header, accounts, decisions: /* @__PURE__ */ new Map(), siblings: [], groupCount: state.reviews.reviewers.length },
    tenantLabel(state.options),
    state.options.now()
  );
  if (!fitsIssue(body)) throw new Error(`issue body of group ${header.group} exceeds GitHub's limit`);
}

// src/review/sync.ts
var SINCE_SLACK_MS = 5 * 6e4;
var REMIND_FROM_DAYS = 3;
function isoSeconds(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
async function sync(state) {
  const { options, notes } = state;
  const { issues, unreadable } = await state.issues.campaignIssues(options.tenant, options.policyPath);
  warnUnreadable(state, unreadable);
  const open = campaignsOf(issues).filter((c) => c.open);
  const campaign = open[0];
  if (!campaign) {
    notes.push(
      "No access review is open for this tenant and policy; nothing to sync. `review: start` opens one."
    );
    return;
  }
  if (open.length > 1) {
    notes.push(
      `${open.length} reviews are open; this run follows the oldest (started ${campaign.id.slice(0, 10)}). Close the others.`
    );
  }
  checkIntact(campaign);
  const syncStart = options.now();
  const decisions = /* @__PURE__ */ new Map();
  let replies = 0;
  let reminders = 0;
  for (const issue of campaign.issues) {
    const all = await state.issues.comments(issue.number);
    const reviewers = groupReviewers(state.reviews, issue.header);
    if (reviewers.changed) {
      notes.push(
        `#${issue.number} was opened for ${issue.header.reviewers.join(", ")}; the policy's group ${issue.header.group + 1} now names ${reviewers.logins.join(", ")}, whose decisions count.`
      );
    }
    const derived = deriveDecisions(issue.accounts, all, reviewers.logins, issue.author);
    decisions.set(issue.number, derived.decisions);
    if (issue.state !== "open") continue;
    const since = issue.header.synced ? Date.parse(issue.header.synced) - SINCE_SLACK_MS : null;
    const recent = since === null ? all : await state.issues.comments(issue.number, isoSeconds(Math.max(0, since)));
    const recentIds = new Set(recent.map((c) => c.id));
    const tool = all.filter((c) => isToolComment(c, issue.author));
    const answered = new Set(
      tool.flatMap((c) => {
        const marker = parseCommentMarker(c.body);
        return marker?.kind === "reply" ? (marker.fields.get("to") ?? "").split(",").map(Number) : [];
      })
    );
    const toAnswer = [...derived.problems.values()].filter(
      (p2) => recentIds.has(p2.comment.id) && !answered.has(p2.comment.id)
    );
    if (toAnswer.length > 0) {
      const elsewhere = (key) => campaign.issues.find((other) => other !== issue && other.accounts.some((a) => a.key === key))?.number ?? null;
      await state.issues.comment(issue.number, replyBody(toAnswer, reviewers.logins, elsewhere));
      replies++;
    }
    const p = progress(issue.accounts, derived.decisions);
    const undecided = p.total - p.decided;
    const now = options.now();
    const today = now.toISOString().slice(0, 10);
    const remindedToday = tool.some((c) => {
      const marker = parseCommentMarker(c.body);
      return marker?.kind === "reminder" && (marker.fields.get("day") ?? c.createdAt.slice(0, 10)) === today;
    });
    if (undecided > 0 && daysUntil(issue.header.due, now) <= REMIND_FROM_DAYS && !remindedToday) {
      const header2 = { ...issue.header, reviewers: reviewers.logins };
      await state.issues.comment(issue.number, reminderBody(header2, undecided, p.total, now));
      reminders++;
    }
    const header = { ...issue.header, synced: syncStart.toISOString() };
    const body = issueBody(
      {
        header,
        accounts: issue.accounts,
        decisions: derived.decisions,
        siblings: campaign.issues.map((i) => i.number),
        groupCount: Math.max(state.reviews.reviewers.length, ...campaign.groups.map((g) => g + 1))
      },
      tenantLabel(options),
      now
    );
    if (body !== issue.body) await state.issues.updateBody(issue.number, body);
    issue.body = body;
    issue.header = header;
  }
  setSection(state, campaign, decisions);
  const s = state.section;
  options.logger.info(
    `Review of ${campaign.id.slice(0, 10)}: ${s.decided} of ${s.accounts} decided; ${replies} repl${replies === 1 ? "y" : "ies"}, ${reminders} reminder${reminders === 1 ? "" : "s"} posted.`
  );
  if (s.undecided === 0) {
    notes.push("Every account of the review is decided: closing it.");
    await close(state, campaign, decisions);
  }
}

// src/review/run.ts
async function runReview(options) {
  const { logger } = options;
  const reviews = options.policy.reviews;
  const state = {
    options,
    reviews: reviews ?? { scope: [], reviewers: [], dueDays: 14, position: { line: 1, column: 1 } },
    issues: new ReviewIssues(options.github, logger),
    notes: [],
    tenant: null,
    plan: [],
    refusals: [],
    section: emptySection(options.action),
    evidence: null,
    startedAt: options.now()
  };
  let errors = [];
  let errorExit = 3;
  try {
    if (!reviews) {
      throw new ConfigurationError(
        "review.not-configured",
        `The policy ${options.policyPath} has no \`reviews\` section, so there is no review to ${options.action}.`,
        'Add `reviews:` with `scope`, `reviewers` (GitHub logins per group) and `due-days` to the policy (see the README, "Access reviews").'
      );
    }
    if (options.action === "start") await start(state);
    else if (options.action === "sync") await sync(state);
    else await close(state, null, null);
  } catch (error) {
    errors = error instanceof TenantFailed ? error.errors : [reportError(error, logger, options.redact)];
    errorExit = error instanceof TenantFailed ? error.exitCode : error instanceof GuardError ? error.exitCode : 3;
  }
  return {
    report: finalReport(state, errors),
    snapshot: state.tenant?.snapshot ?? null,
    notes: state.notes,
    evidence: state.evidence,
    errorExit
  };
}
export {
  runReview
};
