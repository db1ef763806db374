/** A minimal ServiceTitan caller for the sandbox's own tests: a token, then plain fetch calls. */
import type { Sandbox } from '../../src/sandbox/index.js';

export interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export async function requestToken(
  sandbox: Sandbox,
  clientSecret = sandbox.credentials.clientSecret,
): Promise<Reply> {
  const response = await fetch(sandbox.authUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sandbox.credentials.clientId,
      client_secret: clientSecret,
    }),
  });
  return reply(response);
}

async function reply(response: Response): Promise<Reply> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined; // the invalid-json and truncated faults
  }
  return { status: response.status, headers: response.headers, body, text };
}

export interface TenantCaller {
  token: string;
  /** path below /settings/v2/tenant/{tenant}/, e.g. 'employees?active=Any' */
  get(path: string): Promise<Reply>;
  patch(path: string, body: unknown): Promise<Reply>;
  post(path: string, body: unknown): Promise<Reply>;
  /** a call with full control over the URL and headers */
  raw(url: string, init?: RequestInit): Promise<Reply>;
  url(path: string): string;
}

export async function connect(sandbox: Sandbox): Promise<TenantCaller> {
  const token = ((await requestToken(sandbox)).body as { access_token: string }).access_token;
  const headers = { authorization: `Bearer ${token}`, 'st-app-key': sandbox.credentials.appKey };
  const url = (path: string) => `${sandbox.url}/settings/v2/tenant/${sandbox.tenant}/${path}`;
  const send = async (method: string, path: string, body?: unknown) =>
    reply(
      await fetch(url(path), {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  return {
    token,
    url,
    get: (path) => send('GET', path),
    patch: (path, body) => send('PATCH', path, body),
    post: (path, body) => send('POST', path, body),
    raw: async (target, init) => reply(await fetch(target, init)),
  };
}

/** Reads a whole list endpoint by following hasMore, counting the items actually received. */
export async function readAllPages(
  caller: TenantCaller,
  path: string,
  pageSize: number,
): Promise<{ ids: number[]; pages: number }> {
  const ids: number[] = [];
  let page = 1;
  for (; page < 1000; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const { body } = await caller.get(`${path}${separator}page=${page}&pageSize=${pageSize}`);
    const answer = body as { hasMore: boolean; data: { id: number }[] };
    ids.push(...answer.data.map((r) => r.id));
    if (!answer.hasMore) break;
  }
  return { ids, pages: page };
}

export interface ListBody {
  page: number;
  pageSize: number;
  hasMore: boolean;
  totalCount: number | null;
  data: { id: number; active: boolean; [key: string]: unknown }[];
}
export interface ExportBody {
  hasMore: boolean;
  continueFrom: string;
  data: { id: number; active: boolean; [key: string]: unknown }[];
}
