import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  ansi
} from "./chunk-IUN4THX5.js";
import {
  inlineMarkdown,
  inlinePlain
} from "./chunk-Y7PV46DD.js";

// src/evidence/diff.ts
var keyOf = (u) => `${u.kind}:${u.id}`;
var canSignIn = (u) => u.active && !u.locked;
function diffUser(u) {
  return { kind: u.kind, id: u.id, name: u.name, contact: u.email ?? u.login };
}
function roleSet(u) {
  const roles = [...u.roles];
  if (u.builtInRole) roles.push(`${u.builtInRole} (built-in role)`);
  return roles;
}
function identityText(identity) {
  return identity ? `${identity.state} (${identity.source})` : "unmatched";
}
function permissionKey(state, key, names) {
  return state.from === "snapshot" ? names[key] ?? key : key;
}
function comparablePermissions(a, b) {
  if (a.permissionKeys === null && b.permissionKeys === null) return () => true;
  const known = [a.permissionKeys, b.permissionKeys].filter((k) => k !== null);
  const shared = known.reduce((acc, keys) => acc.filter((k) => keys.includes(k)));
  return shared.length === 0 ? null : (key) => shared.includes(key);
}
function heldKeys(state, u, names) {
  return new Set(
    Object.entries(u.permissions).filter(([, held]) => held).map(([key]) => permissionKey(state, key, names))
  );
}
function exemptionKey(e) {
  return `${(e.user ?? "").toLowerCase()}\0${[...e.rules].sort().join(",")}`;
}
function toDiffExemption(e) {
  return {
    user: e.user,
    rules: e.rules,
    expires: e.expires,
    approvedBy: e.approvedBy,
    ticket: e.ticket,
    reason: e.reason
  };
}
function diffFindings(a, b) {
  const before = new Set(a.map((f) => f.id));
  const after = new Set(b.map((f) => f.id));
  return {
    findingsOpened: b.filter((f) => !before.has(f.id)),
    findingsClosed: a.filter((f) => !after.has(f.id))
  };
}
function diffExemptions(a, b) {
  const before = new Map(a.map((e) => [exemptionKey(e), e]));
  const after = new Map(b.map((e) => [exemptionKey(e), e]));
  return {
    exemptionsAdded: b.filter((e) => !before.has(exemptionKey(e))).map(toDiffExemption),
    exemptionsExpired: b.filter((e) => e.status === "expired" && before.get(exemptionKey(e))?.status === "active").map(toDiffExemption),
    exemptionsRemoved: a.filter((e) => !after.has(exemptionKey(e))).map(toDiffExemption)
  };
}
function diffReviews(oldState, newState) {
  const names = { ...oldState.permissionNames, ...newState.permissionNames };
  const notes = [];
  const d = {
    from: { source: oldState.source, takenAt: oldState.takenAt },
    to: { source: newState.source, takenAt: newState.takenAt },
    joined: [],
    left: [],
    audienceChanged: [],
    rolesChanged: [],
    businessUnitChanged: [],
    permissionsGained: [],
    permissionsLost: [],
    findingsOpened: [],
    findingsClosed: [],
    exemptionsAdded: [],
    exemptionsExpired: [],
    exemptionsRemoved: [],
    notes
  };
  const identityIn = (state) => state.users.some((u) => u.identity !== void 0);
  if (identityIn(oldState) && identityIn(newState)) d.identityChanged = [];
  else if (identityIn(oldState) || identityIn(newState))
    notes.push("Identity states are not compared: only one of the two reviews had identity sources.");
  const comparable = comparablePermissions(
    {
      ...oldState,
      permissionKeys: oldState.permissionKeys?.map((k) => permissionKey(oldState, k, names)) ?? null
    },
    {
      ...newState,
      permissionKeys: newState.permissionKeys?.map((k) => permissionKey(newState, k, names)) ?? null
    }
  );
  if (comparable === null)
    notes.push("Permissions are not compared: the two reviews map no permission in common.");
  const olds = new Map(oldState.users.map((u) => [keyOf(u), u]));
  const news = new Map(newState.users.map((u) => [keyOf(u), u]));
  const order = (a, b) => a.kind === b.kind ? a.id - b.id : a.kind < b.kind ? -1 : 1;
  for (const before of [...olds.values()].sort(order)) {
    if (!news.has(keyOf(before)) && canSignIn(before)) d.left.push({ user: diffUser(before), how: "gone" });
  }
  for (const after of [...news.values()].sort(order)) {
    const before = olds.get(keyOf(after));
    const user = diffUser(after);
    if (!before) {
      if (canSignIn(after))
        d.joined.push({ user, how: "new", audience: after.audience, roles: roleSet(after) });
      continue;
    }
    if (canSignIn(before) && !canSignIn(after))
      d.left.push({ user, how: after.active ? "locked" : "deactivated" });
    if (!canSignIn(before) && canSignIn(after)) {
      d.joined.push({
        user,
        how: before.active ? "unlocked" : "reactivated",
        audience: after.audience,
        roles: roleSet(after)
      });
    }
    if (before.audience && after.audience && before.audience !== after.audience) {
      d.audienceChanged.push({ user, before: before.audience, after: after.audience });
    }
    const rolesBefore = roleSet(before);
    const rolesAfter = roleSet(after);
    const added = rolesAfter.filter((r) => !rolesBefore.includes(r));
    const removed = rolesBefore.filter((r) => !rolesAfter.includes(r));
    if (added.length > 0 || removed.length > 0) d.rolesChanged.push({ user, added, removed });
    if (before.businessUnit !== after.businessUnit) {
      d.businessUnitChanged.push({ user, before: before.businessUnit, after: after.businessUnit });
    }
    if (d.identityChanged && before.identity !== void 0 && after.identity !== void 0) {
      const was = identityText(before.identity);
      const is = identityText(after.identity);
      if (was !== is) d.identityChanged.push({ user, before: was, after: is });
    }
    if (comparable) {
      const heldBefore = heldKeys(oldState, before, names);
      const heldAfter = heldKeys(newState, after, names);
      for (const p of [...heldAfter].filter((k) => comparable(k) && !heldBefore.has(k)).sort()) {
        d.permissionsGained.push({ user, permission: p });
      }
      for (const p of [...heldBefore].filter((k) => comparable(k) && !heldAfter.has(k)).sort()) {
        d.permissionsLost.push({ user, permission: p });
      }
    }
  }
  const byUser = (a, b) => a.user.kind === b.user.kind ? a.user.id - b.user.id : a.user.kind < b.user.kind ? -1 : 1;
  d.left.sort(byUser);
  if (oldState.findings && newState.findings)
    Object.assign(d, diffFindings(oldState.findings, newState.findings));
  else notes.push("Findings are not compared: a snapshot has none (compare two evidence packs for that).");
  if (oldState.exemptions && newState.exemptions) {
    Object.assign(d, diffExemptions(oldState.exemptions, newState.exemptions));
  } else notes.push("Exemptions are not compared: a snapshot has none.");
  if (oldState.tenant && newState.tenant && oldState.tenant !== newState.tenant) {
    notes.push(`The two reviews are of different tenants (${oldState.tenant} and ${newState.tenant}).`);
  }
  return d;
}
function changeCount(d) {
  return d.joined.length + d.left.length + d.audienceChanged.length + d.rolesChanged.length + d.businessUnitChanged.length + d.permissionsGained.length + d.permissionsLost.length + (d.identityChanged?.length ?? 0) + d.findingsOpened.length + d.findingsClosed.length + d.exemptionsAdded.length + d.exemptionsExpired.length + d.exemptionsRemoved.length;
}

// src/evidence/render-diff.ts
import path from "node:path";
var ROWS_PER_SECTION = 30;
var CELL = 100;
function section(title, tone, marker, items, header, cells) {
  return {
    title,
    tone,
    marker,
    count: items.length,
    header,
    rows: items.slice(0, ROWS_PER_SECTION).map(cells)
  };
}
var who = (u) => `${u.name || "(no name)"}${u.contact ? ` <${u.contact}>` : ""} (${u.kind} ${u.id})`;
var findingWho = (f) => f.user ? `${f.user.name} (${f.user.kind} ${f.user.id})` : "tenant";
var findingCells = (f) => [
  f.severity,
  f.rule,
  findingWho(f),
  f.message + (f.exempt ? " [exempt]" : "")
];
var exemptionCells = (e) => [
  e.user ?? "tenant-level findings",
  e.rules.join(", "),
  e.expires,
  e.approvedBy,
  e.ticket ?? ""
];
var FINDING_HEADER = ["Severity", "Rule", "Who", "Finding"];
var EXEMPTION_HEADER = ["For", "Rules", "Expires", "Approved by", "Ticket"];
function sections(d) {
  const joinerCells = (j) => [
    who(j.user),
    j.how,
    j.audience ?? "",
    j.roles.join(", ")
  ];
  const all = [
    section(
      "Joined",
      "32",
      "+",
      d.joined.filter((j) => j.how !== "unlocked"),
      ["Who", "How", "Audience", "Roles"],
      joinerCells
    ),
    section(
      "Unlocked",
      "33",
      "+",
      d.joined.filter((j) => j.how === "unlocked"),
      ["Who", "How", "Audience", "Roles"],
      joinerCells
    ),
    section(
      "Left",
      "31",
      "-",
      d.left.filter((l) => l.how !== "locked"),
      ["Who", "How"],
      (l) => [who(l.user), l.how]
    ),
    section(
      "Locked",
      "33",
      "-",
      d.left.filter((l) => l.how === "locked"),
      ["Who", "How"],
      (l) => [who(l.user), l.how]
    ),
    section("Audience changed", "33", "~", d.audienceChanged, ["Who", "Before", "After"], (a) => [
      who(a.user),
      a.before,
      a.after
    ]),
    section("Roles changed", "33", "~", d.rolesChanged, ["Who", "Added", "Removed"], (r) => [
      who(r.user),
      r.added.join(", "),
      r.removed.join(", ")
    ]),
    section("Business unit changed", "33", "~", d.businessUnitChanged, ["Who", "Before", "After"], (b) => [
      who(b.user),
      b.before ?? "(none)",
      b.after ?? "(none)"
    ]),
    section("Permissions gained", "32", "+", d.permissionsGained, ["Who", "Permission"], (p) => [
      who(p.user),
      p.permission
    ]),
    section("Permissions lost", "31", "-", d.permissionsLost, ["Who", "Permission"], (p) => [
      who(p.user),
      p.permission
    ]),
    section("Identity changed", "33", "~", d.identityChanged ?? [], ["Who", "Before", "After"], (c) => [
      who(c.user),
      c.before,
      c.after
    ]),
    section("Findings opened", "31", "+", d.findingsOpened, FINDING_HEADER, findingCells),
    section("Findings closed", "32", "-", d.findingsClosed, FINDING_HEADER, findingCells),
    section("Exemptions added", "33", "+", d.exemptionsAdded, EXEMPTION_HEADER, exemptionCells),
    section("Exemptions expired", "31", "!", d.exemptionsExpired, EXEMPTION_HEADER, exemptionCells),
    section("Exemptions removed", "33", "-", d.exemptionsRemoved, EXEMPTION_HEADER, exemptionCells)
  ];
  return all.filter((s) => s.count > 0);
}
var plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
function shownPath(source, root) {
  if (!root || !path.isAbsolute(source)) return source;
  const relative = path.relative(root, source);
  if (relative === "") return ".";
  if (relative.startsWith("..") || path.isAbsolute(relative)) return source;
  return relative.split(path.sep).join("/");
}
var stamp = (side, root) => {
  const where = shownPath(side.source, root);
  return side.takenAt ? `${where} (${side.takenAt})` : where;
};
function renderDiffText(d, opts) {
  const paint = ansi(opts.color);
  const total = changeCount(d);
  const lines = [
    paint(
      `What changed from ${inlinePlain(stamp(d.from, opts.root), 160)} to ${inlinePlain(stamp(d.to, opts.root), 160)}`,
      "1"
    ),
    total === 0 ? "No changes." : `${plural(total, "change")}.`
  ];
  for (const s of sections(d)) {
    lines.push("", paint(`${s.title} (${s.count})`, "1"));
    for (const row of s.rows) {
      const [first, ...rest] = row.map((c) => inlinePlain(c, CELL));
      const detail = rest.filter((c) => c !== "").join(" \xB7 ");
      lines.push(`  ${paint(s.marker, s.tone)} ${first}${detail ? `  ${paint(detail, "2")}` : ""}`);
    }
    if (s.count > s.rows.length) lines.push(`    \u2026 and ${s.count - s.rows.length} more`);
  }
  for (const note of d.notes) lines.push("", paint(inlinePlain(note, 300), "2"));
  return lines.join("\n") + "\n";
}
function renderDiffMarkdown(d, opts = {}) {
  const total = changeCount(d);
  const out = [
    "### Access changes since the last review\n",
    `From ${inlineMarkdown(stamp(d.from, opts.root), 160)} to ${inlineMarkdown(stamp(d.to, opts.root), 160)}: ${total === 0 ? "no changes" : plural(total, "change")}.
`
  ];
  for (const s of sections(d)) {
    out.push(`
#### ${s.title} (${s.count})

`);
    out.push(`| ${s.header.join(" | ")} |
|${s.header.map(() => " --- |").join("")}
`);
    for (const row of s.rows) out.push(`| ${row.map((c) => inlineMarkdown(c, CELL)).join(" | ")} |
`);
    if (s.count > s.rows.length) out.push(`
and ${s.count - s.rows.length} more
`);
  }
  if (d.notes.length > 0) out.push("\n" + d.notes.map((n) => `> ${inlineMarkdown(n, 300)}
`).join(">\n"));
  return out.join("");
}

export {
  diffReviews,
  renderDiffText,
  renderDiffMarkdown
};
