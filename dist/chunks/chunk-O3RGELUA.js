import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/report/text-segments.ts
var ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;
var WORD = /^[\p{L}\p{N}]/u;
function isWordAt(text, i) {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD[c] === 1;
  return WORD.test(text.slice(i, i + 2));
}
function codePointEnd(text, i) {
  const c = text.charCodeAt(i);
  if (c >= 55296 && c <= 56319 && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 56320 && d <= 57343) return i + 2;
  }
  return i + 1;
}
function segmentEnd(text, i) {
  return isWordAt(text, i) ? wordEnd(text, i) : codePointEnd(text, i);
}
function wordEnd(text, i) {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c < 128) {
      if (ASCII_WORD[c] === 0) break;
      j++;
    } else {
      if (!isWordAt(text, j)) break;
      j = codePointEnd(text, j);
    }
  }
  return j;
}
function endsWord(text, end, lastIsWord) {
  return lastIsWord || end >= text.length || !isWordAt(text, end);
}
var FoldedText = class {
  constructor(text) {
    this.text = text;
    const lower = text.toLowerCase();
    if (lower.length === text.length) {
      this.folded = lower.includes("\u03C2") ? lower.replaceAll("\u03C2", "\u03C3") : lower;
      this.at = null;
      return;
    }
    const at = new Int32Array(text.length + 1);
    const pieces = [];
    let length = 0;
    for (let i = 0; i < text.length; ) {
      const end = codePointEnd(text, i);
      const piece = text.slice(i, end).toLowerCase().replaceAll("\u03C2", "\u03C3");
      for (let k = i; k < end; k++) at[k] = length;
      pieces.push(piece);
      length += piece.length;
      i = end;
    }
    at[text.length] = length;
    this.folded = pieces.join("");
    this.at = at;
  }
  text;
  folded;
  at;
  /** the position in `folded` of position `i` of the text */
  of(i) {
    return this.at === null ? i : this.at[i];
  }
};

// src/report/mask-text.ts
var WALK_LIMIT = 256;
var PASSING = Object.freeze({ endings: [], long: [] });
var HASH_SEED = 2166136261 & 1073741823;
var hashStep = (h, c) => Math.imul(h ^ c, 16777619) & 1073741823;
var SEEN_BITS = 1 << 20;
var PeopleMasker = class {
  /** @param fallback masks a stretch of text that follows a long value only part of the way */
  constructor(fallback) {
    this.fallback = fallback;
  }
  fallback;
  /** every value to mask, trimmed, with how to mask it (the last one given) */
  values = /* @__PURE__ */ new Map();
  nodes = null;
  /** folded lengths of the prefixes, and their first code units: most walks end on these */
  lengths = /* @__PURE__ */ new Set();
  firsts = /* @__PURE__ */ new Set();
  /** one bit per prefix hash, low bits only: a lookup that cannot succeed ends without the map */
  seen = new Uint8Array(SEEN_BITS >>> 3);
  /** Masks `original` (trimmed) wherever it appears, as `mask` masks it (called once per value). */
  add(original, mask) {
    const value = original?.trim();
    if (!value) return;
    this.values.set(value, mask);
    this.nodes = null;
  }
  built() {
    if (this.nodes) return this.nodes;
    const nodes = /* @__PURE__ */ new Map();
    const nodeAt = (h) => {
      let node = nodes.get(h);
      if (node === void 0 || node === PASSING) nodes.set(h, node = { endings: [], long: [] });
      return node;
    };
    this.lengths.clear();
    this.firsts.clear();
    this.seen.fill(0);
    for (const [value, masking] of this.values) {
      const mask = masking(value);
      if (mask === value) continue;
      const source = new FoldedText(value);
      const key = source.folded;
      this.firsts.add(key.charCodeAt(0));
      let h = HASH_SEED;
      let done = 0;
      for (let i = 0; i < value.length && done < WALK_LIMIT; ) {
        const word = isWordAt(value, i);
        const next = word ? wordEnd(value, i) : codePointEnd(value, i);
        for (const end = source.of(next); done < end; done++) h = hashStep(h, key.charCodeAt(done));
        i = next;
        if (!word && done < key.length && done < WALK_LIMIT) continue;
        if (word) this.lengths.add(done);
        const bit = h & SEEN_BITS - 1;
        this.seen[bit >>> 3] |= 1 << (bit & 7);
        if (done === key.length) {
          const node = nodeAt(h);
          node.endings = [...node.endings.filter((e) => e.folded !== key), { folded: key, mask }];
        } else if (!nodes.has(h)) {
          nodes.set(h, PASSING);
        }
      }
      if (done < key.length) nodeAt(h).long.push({ head: key.slice(0, done), rest: key.slice(done), mask });
    }
    this.nodes = nodes;
    return nodes;
  }
  /** `text` with every known value replaced by its mask. */
  mask(text) {
    if (this.values.size === 0 || text.length === 0) return text;
    const nodes = this.built();
    const source = new FoldedText(text);
    const pieces = [];
    let copied = 0;
    let pos = 0;
    let afterWord = false;
    while (pos < text.length) {
      const isWord = isWordAt(text, pos);
      const end = isWord ? wordEnd(text, pos) : codePointEnd(text, pos);
      if ((isWord || !afterWord) && this.firsts.has(source.folded.charCodeAt(source.of(pos)))) {
        const match = this.matchAt(source, nodes, pos, end, isWord);
        if (match) {
          pieces.push(text.slice(copied, pos), match.mask);
          copied = pos = match.end;
          afterWord = isWordAt(text, match.lastSegment);
          continue;
        }
      }
      afterWord = isWord;
      pos = end;
    }
    if (copied === 0) return text;
    pieces.push(text.slice(copied));
    return pieces.join("");
  }
  /** The longest known value at `start` (a segment start): where it ends, and its mask. */
  matchAt(source, nodes, start, startEnd, startIsWord) {
    const { text, folded } = source;
    const from = source.of(start);
    let best = null;
    let segment = start;
    let isWord = startIsWord;
    let h = HASH_SEED;
    let done = from;
    for (let end = startEnd; ; end = segmentEnd(text, segment)) {
      const foldedEnd = source.of(end);
      const length = foldedEnd - from;
      if (isWord && !this.lengths.has(length)) break;
      for (; done < foldedEnd; done++) h = hashStep(h, folded.charCodeAt(done));
      const bit = h & SEEN_BITS - 1;
      const node = (this.seen[bit >>> 3] & 1 << (bit & 7)) === 0 ? void 0 : nodes.get(h);
      if (node === void 0) {
        if (isWord) break;
      } else {
        for (const e of node.endings) {
          if (e.folded.length === length && folded.startsWith(e.folded, from) && endsWord(text, end, isWord))
            best = { end, mask: e.mask, lastSegment: segment };
        }
        if (node.long.length > 0) {
          const long = node.long.filter((l) => l.head.length === length && folded.startsWith(l.head, from));
          if (long.length > 0) return this.followLong(source, start, end, segment, long, best);
        }
      }
      if (end >= text.length || length >= WALK_LIMIT) break;
      segment = end;
      isWord = isWordAt(text, segment);
    }
    return best;
  }
  /**
   * Follows the long values whose first characters matched at `start`..`from`: a whole one
   * (ending where a word may end) is masked with its mask; otherwise everything as far as the
   * text agrees with one of them is masked, as part of a person's name. Each character compared
   * is masked, so following stays linear in the text.
   */
  followLong(source, start, from, fromSegment, candidates, best) {
    const { text, folded } = source;
    let furthest = { end: from, lastSegment: fromSegment };
    let whole = null;
    for (const { rest, mask } of candidates) {
      let at = 0;
      let end = from;
      let lastSegment = fromSegment;
      let agreed = { end: from, lastSegment: fromSegment };
      while (at < rest.length && end < text.length) {
        const next = segmentEnd(text, end);
        const length = source.of(next) - source.of(end);
        if (!rest.startsWith(folded.slice(source.of(end), source.of(next)), at)) break;
        at += length;
        lastSegment = end;
        end = next;
        if (isWordAt(text, lastSegment)) agreed = { end, lastSegment };
      }
      if (agreed.end > furthest.end) furthest = agreed;
      const isWord = isWordAt(text, lastSegment);
      if (at === rest.length && endsWord(text, end, isWord) && (!whole || end > whole.end))
        whole = { end, mask, lastSegment };
    }
    if (whole && whole.end >= furthest.end) return whole;
    if (best && best.end >= furthest.end) return best;
    return { ...furthest, mask: this.fallback(text.slice(start, furthest.end)) };
  }
};
var EMAIL_STOP = /[\s@<>()[\]"',;:]/;
var ASCII_EMAIL_STOP = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_EMAIL_STOP[c] = EMAIL_STOP.test(String.fromCharCode(c)) ? 1 : 0;
function stopsEmail(text, i) {
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII_EMAIL_STOP[c] === 1 : EMAIL_STOP.test(text[i]);
}
function replaceEmails(text, replace) {
  if (!text.includes("@")) return text;
  const pieces = [];
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    if (stopsEmail(text, i)) {
      i++;
      continue;
    }
    let at = i;
    while (at < text.length && !stopsEmail(text, at)) at++;
    if (at + 1 < text.length && text[at] === "@" && !stopsEmail(text, at + 1)) {
      let end = at + 1;
      while (end < text.length && !stopsEmail(text, end)) end++;
      pieces.push(text.slice(copied, i), replace(text.slice(i, end)));
      copied = i = end;
    } else {
      i = at;
    }
  }
  if (copied === 0) return text;
  pieces.push(text.slice(copied));
  return pieces.join("");
}
function withoutPersonalData(step, run) {
  try {
    return run();
  } catch (error) {
    const kind = error instanceof Error ? error.name : typeof error;
    throw new Error(
      `Could not mask names and emails in the ${step} (${kind}); nothing was published unmasked. This is a bug: report it.`
    );
  }
}

// src/report/redact.ts
var MASK = "***";
var MAX_DOMAIN = 253;
function maskEmail(email) {
  const at = email.lastIndexOf("@");
  if (at < 0) return maskWord(email);
  const domain = email.slice(at + 1);
  return `${maskWord(email.slice(0, at))}@${domain.length > MAX_DOMAIN ? maskWord(domain) : domain}`;
}
var MAX_NAME_WORDS = 8;
var MORE_WORDS = "\u2026";
function maskName(name) {
  const words = name.split(/\s+/).filter((word) => word.length > 0);
  const masked = words.slice(0, MAX_NAME_WORDS).map(maskWord);
  if (words.length > MAX_NAME_WORDS) masked.push(MORE_WORDS);
  return masked.join(" ");
}
function maskWord(word) {
  if (word === MORE_WORDS) return word;
  const first = word.codePointAt(0);
  return first === void 0 ? "" : String.fromCodePoint(first) + MASK;
}
function textMasker(masker) {
  return (text) => replaceEmails(masker.mask(text), (match) => match.includes(MASK + "@") ? match : maskEmail(match));
}
function maskUserRef(raw) {
  if (raw.toLowerCase().startsWith("login:")) return `login:${maskName(raw.slice(6))}`;
  return raw.includes("@") ? maskEmail(raw) : raw;
}
function maskPersonId(personId) {
  return personId.includes("@") ? maskEmail(personId) : personId;
}
function maskLogin(login) {
  return login.includes("@") ? maskEmail(login) : maskWord(login);
}
function collect(report) {
  const masker = new PeopleMasker(maskName);
  const person = (p) => {
    masker.add(p.name, maskName);
    masker.add(p.email, maskEmail);
    masker.add(p.login, maskLogin);
  };
  for (const f of report.findings) {
    if (f.user) person(f.user);
    for (const holder of f.evidence.holders ?? []) person(holder);
    if (f.exemption) masker.add(f.exemption.approvedBy, maskEmail);
    const reference = f.evidence.reference;
    if (reference?.kind === "user") {
      if (reference.value.startsWith("login:")) masker.add(reference.value.slice(6), maskName);
      else masker.add(reference.value, maskEmail);
    }
  }
  for (const f of report.comparison?.resolvedFindings ?? []) {
    if (f.user) person(f.user);
    for (const holder of f.evidence.holders ?? []) person(holder);
  }
  for (const step of report.plan) person(step.user);
  for (const change of report.discovery?.changes ?? []) person(change.user);
  for (const account of report.discovery?.unmatched ?? []) person(account);
  return textMasker(masker);
}
function redactReport(report) {
  return withoutPersonalData("report", () => redactUnguarded(report));
}
function redactUnguarded(report) {
  const text = collect(report);
  const user = (u) => ({
    ...u,
    name: maskName(u.name),
    email: u.email === null ? null : maskEmail(u.email),
    login: u.login === null ? null : maskLogin(u.login),
    // a CSV row's person id is its email
    ...u.identity ? { identity: { ...u.identity, personId: maskPersonId(u.identity.personId) } } : {}
  });
  const finding = (f) => ({
    ...f,
    message: text(f.message),
    user: f.user ? user(f.user) : null,
    evidence: {
      ...f.evidence,
      ...f.evidence.holders ? { holders: f.evidence.holders.map((h) => ({ ...h, name: maskName(h.name) })) } : {},
      ...f.evidence.reference?.kind === "user" ? { reference: { ...f.evidence.reference, value: maskUserRef(f.evidence.reference.value) } } : {}
    },
    fix: f.fix.steps ? { ...f.fix, steps: f.fix.steps.map(text) } : f.fix,
    exemption: f.exemption ? { ...f.exemption, reason: text(f.exemption.reason), approvedBy: maskEmail(f.exemption.approvedBy) } : null
  });
  const step = (s) => ({
    ...s,
    user: {
      ...s.user,
      name: maskName(s.user.name),
      email: s.user.email === null ? null : maskEmail(s.user.email)
    },
    ...s.error !== void 0 ? { error: text(s.error) } : {},
    ...s.reason !== void 0 ? { reason: text(s.reason) } : {}
  });
  const redacted = {
    ...report,
    findings: report.findings.map(finding),
    comparison: report.comparison && {
      ...report.comparison,
      ...report.comparison.resolvedFindings ? { resolvedFindings: report.comparison.resolvedFindings.map(finding) } : {}
    },
    plan: report.plan.map(step),
    refusals: report.refusals.map((r) => ({ ...r, message: text(r.message) })),
    errors: report.errors.map((e) => ({
      ...e,
      message: text(e.message),
      ...e.hint !== void 0 ? { hint: text(e.hint) } : {},
      ...e.sourceLine !== void 0 ? { sourceLine: text(e.sourceLine) } : {}
    })),
    redacted: true
  };
  if (report.discovery) {
    redacted.discovery = {
      ...report.discovery,
      changes: report.discovery.changes?.map((c) => ({ ...c, user: { ...c.user, name: maskName(c.user.name) } })) ?? null,
      ...report.discovery.unmatched ? {
        unmatched: report.discovery.unmatched.map((a) => ({
          ...a,
          name: maskName(a.name),
          email: a.email === null ? null : maskEmail(a.email),
          login: a.login === null ? null : maskLogin(a.login)
        }))
      } : {}
    };
  }
  return redacted;
}

export {
  PeopleMasker,
  replaceEmails,
  withoutPersonalData,
  maskEmail,
  maskName,
  maskUserRef,
  maskPersonId,
  redactReport
};
