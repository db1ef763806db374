/**
 * What a campaign keeps in GitHub, since every run starts on a fresh runner: each issue's body
 * ends with two HTML comments (invisible when rendered), a header naming the campaign and a
 * block holding the issue's frozen accounts (JSON, gzip, base64: no `-->` can occur in it). The
 * tool's own comments carry a marker too, so a rerun knows what it already said.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { frozenAccount } from './scope.js';
import type { FrozenAccount, IssueHeader } from './types.js';

export const REVIEW_LABEL = 'servicetitan-access-review';
const HEADER_PREFIX = '<!-- servicetitan-access-review v=1 ';
const ROSTER_PREFIX = '<!-- servicetitan-access-review:roster ';
const COMMENT_PREFIX = '<!-- servicetitan-access-review:';
/** A roster block larger than this leaves too little of an issue body (65,536 characters) for the table. */
export const MAX_ROSTER_BLOCK = 40_000;

const enc = encodeURIComponent;

export function renderHeader(header: IssueHeader): string {
  const fields: [string, string][] = [
    ['tenant', header.tenant],
    ['policy', header.policy],
    ['campaign', header.campaign],
    ['hash', header.hash],
    ['group', String(header.group)],
    ['groups', header.groups.join(',')],
    ['reviewers', header.reviewers.join(',')],
    ['due', header.due],
    ['synced', header.synced ?? ''],
  ];
  return `${HEADER_PREFIX}${fields.map(([k, v]) => `${k}=${enc(v)}`).join(' ')} -->`;
}

const LOGIN = /^[A-Za-z0-9-]{1,39}$/;

/** The header of a campaign issue's body, or null when the body has none (or a broken one). */
export function parseHeader(body: string): IssueHeader | null {
  const start = body.indexOf(HEADER_PREFIX);
  if (start < 0) return null;
  const end = body.indexOf(' -->', start);
  if (end < 0) return null;
  const fields = new Map<string, string>();
  for (const pair of body.slice(start + HEADER_PREFIX.length, end).split(' ')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    try {
      fields.set(pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1)));
    } catch {
      return null;
    }
  }
  const text = (k: string) => fields.get(k) ?? '';
  const numbers = (k: string) =>
    text(k) === ''
      ? []
      : text(k)
          .split(',')
          .map((n) => (/^\d{1,3}$/.test(n) ? Number(n) : NaN));
  const group = /^\d{1,3}$/.test(text('group')) ? Number(text('group')) : NaN;
  const groups = numbers('groups');
  const reviewers = text('reviewers') === '' ? [] : text('reviewers').split(',');
  if (
    text('tenant') === '' ||
    !/^[0-9a-f]{64}$/.test(text('hash')) ||
    Number.isNaN(Date.parse(text('campaign'))) ||
    !/^\d{4}-\d{2}-\d{2}$/.test(text('due')) ||
    Number.isNaN(group) ||
    groups.some(Number.isNaN) ||
    !groups.includes(group) ||
    reviewers.length === 0 ||
    !reviewers.every((r) => LOGIN.test(r))
  ) {
    return null;
  }
  const synced = text('synced');
  return {
    tenant: text('tenant'),
    policy: text('policy'),
    campaign: text('campaign'),
    hash: text('hash'),
    group,
    groups,
    reviewers,
    due: text('due'),
    synced: synced !== '' && !Number.isNaN(Date.parse(synced)) ? synced : null,
  };
}

export function renderRosterBlock(accounts: readonly FrozenAccount[]): string {
  const packed = gzipSync(Buffer.from(JSON.stringify(accounts.map(frozenAccount)), 'utf8')).toString(
    'base64',
  );
  return `${ROSTER_PREFIX}${packed} -->`;
}

const UserStateShape = z.strictObject({
  active: z.boolean(),
  locked: z.boolean(),
  roleIds: z.array(z.int()),
});

const FrozenAccountShape = z.strictObject({
  key: z.string().regex(/^(employee|technician):\d{1,15}$/),
  kind: z.enum(['employee', 'technician']),
  id: z.int().nonnegative(),
  userId: z.int().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  login: z.string().nullable(),
  audience: z.enum(['internal', 'external']),
  businessUnit: z.string().nullable(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  why: z.array(z.string()),
  state: UserStateShape,
  group: z.int().nonnegative(),
});

/** The accounts of the roster block in `body`; null when there is none or it cannot be read. */
export function parseRosterBlock(body: string): FrozenAccount[] | null {
  const start = body.indexOf(ROSTER_PREFIX);
  if (start < 0) return null;
  const end = body.indexOf(' -->', start);
  if (end < 0) return null;
  const packed = body.slice(start + ROSTER_PREFIX.length, end).trim();
  if (!/^[A-Za-z0-9+/=]+$/.test(packed)) return null;
  let raw: unknown;
  try {
    // bounded: a body holds at most 65,536 characters, and no roster unpacks beyond this
    const json = gunzipSync(Buffer.from(packed, 'base64'), { maxOutputLength: 32 * 1024 * 1024 });
    raw = JSON.parse(json.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = z.array(FrozenAccountShape).safeParse(raw);
  if (!parsed.success) return null;
  const accounts = parsed.data.map(frozenAccount);
  return accounts.every((a) => a.key === `${a.kind}:${a.id}`) ? accounts : null;
}

export type ToolCommentKind = 'reply' | 'reminder' | 'closed';

/** The marker that ends each comment the tool writes. */
export function commentMarker(kind: ToolCommentKind, fields: Record<string, string> = {}): string {
  const extra = Object.entries(fields).map(([k, v]) => ` ${k}=${enc(v)}`);
  return `${COMMENT_PREFIX}${kind}${extra.join('')} -->`;
}

/** The marker of a tool comment, or null for anyone else's text. */
export function parseCommentMarker(
  body: string,
): { kind: ToolCommentKind; fields: Map<string, string> } | null {
  const match = /<!-- servicetitan-access-review:(reply|reminder|closed)((?: [a-z]+=[^\s>]*)*) -->/.exec(
    body,
  );
  if (!match) return null;
  const fields = new Map<string, string>();
  for (const pair of (match[2] ?? '').trim().split(' ')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    try {
      fields.set(pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1)));
    } catch {
      // a broken field is left out; the kind alone still says it is the tool's
    }
  }
  return { kind: match[1] as ToolCommentKind, fields };
}
