/**
 * A GitHub REST API fake on loopback: the endpoints the tracking issue, the PR comment, the
 * base-policy fetch and access reviews use, with state in memory, every call recorded, pagination
 * through `Link` headers the way GitHub does it, switches to refuse a route (403, as a token
 * without the permission gets; optionally only a few times, as a GitHub that fails for a while),
 * comments by several users with `created_at`/`updated_at` (an edit moves `updated_at`, as on
 * GitHub, which keeps no edit flag), `since` on comment listings, and a clock tests can move.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUser {
  login: string;
  type: 'Bot' | 'User';
}

export interface FakeIssue {
  number: number;
  /** ISO times from the fake's clock */
  created_at?: string;
  updated_at?: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  user: FakeUser;
  pull_request?: { url: string };
}

export interface FakeComment {
  id: number;
  issue_number: number;
  body: string;
  user: FakeUser;
  /** ISO times from the fake's clock; an edit moves `updated_at` */
  created_at: string;
  updated_at: string;
  html_url: string;
}

export interface FakeState {
  /** who the token belongs to; null: `GET /user` answers 403, as it does for the workflow token */
  viewer: string | null;
  /** who appears as the author of what the token creates */
  author: FakeUser;
  issues: FakeIssue[];
  comments: FakeComment[];
  labels: Set<string>;
  /** `${ref}:${path}` -> file text */
  files: Map<string, string>;
  pulls: Map<number, { number: number; head: { sha: string }; base: { sha: string; ref: string } }>;
  /** answer page sizes never larger than this, whatever `per_page` asks */
  maxPageSize: number;
}

export interface FakeCall {
  method: string;
  /** path with query string */
  path: string;
  /** the matched route, e.g. `POST /repos/{owner}/{repo}/issues` */
  route: string;
  body: unknown;
  authorization: string | undefined;
}

export interface GitHubFake {
  url: string;
  state: FakeState;
  calls: FakeCall[];
  /**
   * answer `status` (default 403) to every call whose route or `METHOD path` matches; with
   * `times`, only to the next that many such calls
   */
  forbid(route: string | RegExp, status?: number, times?: number): void;
  /** never answer calls whose route matches, like a GitHub that hangs */
  stall(route: string | RegExp): void;
  /** issues and comments the way the token's author would have written them */
  addIssue(issue: Partial<FakeIssue> & { body: string }): FakeIssue;
  addComment(issueNumber: number, body: string, user?: FakeUser): FakeComment;
  /** a comment's author changes its text: `updated_at` moves to the clock's now */
  editComment(id: number, body: string): FakeComment;
  /** where the fake's timestamps come from (default: the system clock) */
  setClock(now: () => Date): void;
  /** calls other than reads */
  writes(): FakeCall[];
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Handler = (m: Record<string, string>, q: URLSearchParams, body: unknown) => [number, unknown];

export async function startGitHubFake(): Promise<GitHubFake> {
  const state: FakeState = {
    viewer: null,
    author: { login: 'github-actions[bot]', type: 'Bot' },
    issues: [],
    comments: [],
    labels: new Set(),
    files: new Map(),
    pulls: new Map(),
    maxPageSize: 100,
  };
  const calls: FakeCall[] = [];
  const refusals: { route: string | RegExp; status: number; times: number }[] = [];
  let clock: () => Date = () => new Date();
  const stamp = () =>
    clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  const stalls: (string | RegExp)[] = [];
  const matches = (r: string | RegExp, route: string, method: string, pathname: string) =>
    typeof r === 'string' ? r === route : r.test(`${method} ${pathname}`);
  let nextComment = 1000;

  const issueJson = (i: FakeIssue) => ({
    ...i,
    created_at: i.created_at ?? stamp(),
    updated_at: i.updated_at ?? i.created_at ?? stamp(),
    labels: i.labels.map((name) => ({ name })),
    html_url: `https://github.example/o/r/issues/${i.number}`,
  });
  const findIssue = (n: string): FakeIssue => {
    const issue = state.issues.find((i) => i.number === Number(n));
    if (!issue) throw new HttpError(404, 'Not Found');
    return issue;
  };
  const newIssueNumber = () => state.issues.reduce((max, i) => Math.max(max, i.number), 0) + 1;

  const routes: [string, Handler][] = [
    [
      'GET /user',
      () => {
        if (state.viewer === null) throw new HttpError(403, 'Resource not accessible by integration');
        return [200, { login: state.viewer, type: 'User' }];
      },
    ],
    [
      'GET /repos/{owner}/{repo}/issues',
      (_m, q) => {
        const wanted = (q.get('labels') ?? '').split(',').filter((l) => l !== '');
        const st = q.get('state') ?? 'open';
        const creator = q.get('creator');
        const list = state.issues
          .filter((i) => st === 'all' || i.state === st)
          .filter((i) => wanted.every((l) => i.labels.includes(l)))
          .filter((i) => !creator || i.user.login === creator)
          .sort((a, b) => b.number - a.number);
        return [200, list.map(issueJson)];
      },
    ],
    [
      'POST /repos/{owner}/{repo}/issues',
      (_m, _q, body) => {
        const b = body as { title: string; body?: string; labels?: string[] };
        const issue: FakeIssue = {
          number: newIssueNumber(),
          title: b.title,
          body: b.body ?? '',
          state: 'open',
          state_reason: null,
          labels: b.labels ?? [],
          user: state.author,
          created_at: stamp(),
          updated_at: stamp(),
        };
        for (const l of issue.labels) state.labels.add(l);
        state.issues.push(issue);
        return [201, issueJson(issue)];
      },
    ],
    ['GET /repos/{owner}/{repo}/issues/{number}', (m) => [200, issueJson(findIssue(m.number!))]],
    [
      'PATCH /repos/{owner}/{repo}/issues/{number}',
      (m, _q, body) => {
        const issue = findIssue(m.number!);
        const b = body as Partial<Pick<FakeIssue, 'title' | 'body' | 'state' | 'state_reason'>>;
        if (b.title !== undefined) issue.title = b.title;
        if (b.body !== undefined) issue.body = b.body;
        if (b.state !== undefined) issue.state = b.state;
        if (b.state_reason !== undefined) issue.state_reason = b.state_reason;
        issue.updated_at = stamp();
        return [200, issueJson(issue)];
      },
    ],
    [
      'GET /repos/{owner}/{repo}/issues/{number}/comments',
      (m, q) => {
        findIssue(m.number!);
        // `since`: only comments updated at or after that time, as GitHub filters them
        const since = q.get('since');
        const from = since === null ? null : Date.parse(since);
        return [
          200,
          state.comments
            .filter((c) => c.issue_number === Number(m.number))
            .filter((c) => from === null || Date.parse(c.updated_at) >= from),
        ];
      },
    ],
    [
      'POST /repos/{owner}/{repo}/issues/{number}/comments',
      (m, _q, body) => {
        findIssue(m.number!);
        const comment = addComment(Number(m.number), (body as { body: string }).body);
        return [201, comment];
      },
    ],
    [
      'PATCH /repos/{owner}/{repo}/issues/comments/{id}',
      (m, _q, body) => {
        const comment = state.comments.find((c) => c.id === Number(m.id));
        if (!comment) throw new HttpError(404, 'Not Found');
        comment.body = (body as { body: string }).body;
        comment.updated_at = stamp();
        return [200, comment];
      },
    ],
    [
      'POST /repos/{owner}/{repo}/labels',
      (_m, _q, body) => {
        const name = (body as { name: string }).name;
        if ([...state.labels].some((l) => l.toLowerCase() === name.toLowerCase()))
          throw new HttpError(422, 'Validation Failed: already_exists');
        state.labels.add(name);
        return [201, { name }];
      },
    ],
    [
      'GET /repos/{owner}/{repo}/contents/{path+}',
      (m, q) => {
        const ref = q.get('ref') ?? 'main';
        const text = state.files.get(`${ref}:${m.path}`);
        if (text === undefined) throw new HttpError(404, 'Not Found');
        return [
          200,
          { type: 'file', path: m.path, encoding: 'base64', content: Buffer.from(text).toString('base64') },
        ];
      },
    ],
    [
      'GET /repos/{owner}/{repo}/pulls/{number}',
      (m) => {
        const pull = state.pulls.get(Number(m.number));
        if (!pull) throw new HttpError(404, 'Not Found');
        return [200, pull];
      },
    ],
  ];

  const compiled = routes.map(([route, handler]) => {
    const [method, template] = route.split(' ') as [string, string];
    const names: string[] = [];
    const source = template.replace(/\{(\w+)(\+?)\}/g, (_all, name: string, rest: string) => {
      names.push(name);
      return rest ? '(.+)' : '([^/]+)';
    });
    return { route, method, pattern: new RegExp(`^${source}$`), names, handler };
  });

  function addComment(issueNumber: number, body: string, user: FakeUser = state.author): FakeComment {
    const id = nextComment++;
    const now = stamp();
    const comment: FakeComment = {
      id,
      issue_number: issueNumber,
      body,
      user,
      created_at: now,
      updated_at: now,
      html_url: `https://github.example/o/r/issues/${issueNumber}#issuecomment-${id}`,
    };
    state.comments.push(comment);
    return comment;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body: unknown = raw ? JSON.parse(raw) : undefined;
    const method = req.method ?? 'GET';
    const pathname = decodeURIComponent(url.pathname);
    const match = compiled
      .filter((r) => r.method === method)
      .map((r) => ({ r, m: r.pattern.exec(pathname) }))
      .find((x) => x.m !== null);
    const route = match?.r.route ?? `${method} ${pathname}`;
    calls.push({
      method,
      path: `${url.pathname}${url.search}`,
      route,
      body,
      authorization: req.headers.authorization,
    });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(payload));
    };
    if (stalls.some((r) => matches(r, route, method, pathname))) return;
    const refusal = refusals.find(({ route: r, times }) => times > 0 && matches(r, route, method, pathname));
    if (refusal) {
      refusal.times -= 1;
      return send(refusal.status, { message: 'Resource not accessible by integration' });
    }
    if (!match?.m) return send(404, { message: 'Not Found' });
    const params: Record<string, string> = {};
    match.r.names.forEach((name, i) => (params[name] = match.m![i + 1]!));
    try {
      const [status, payload] = match.r.handler(params, url.searchParams, body);
      if (!Array.isArray(payload)) return send(status, payload);
      // GitHub pages listings and says where the next page is in `Link`
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), state.maxPageSize);
      const page = Number(url.searchParams.get('page') ?? 1);
      const slice = payload.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < payload.length) {
        const next = new URL(url.toString());
        next.searchParams.set('page', String(page + 1));
        headers.link = `<http://${req.headers.host}${next.pathname}${next.search}>; rel="next"`;
      }
      return send(status, slice, headers);
    } catch (error) {
      if (error instanceof HttpError) return send(error.status, { message: error.message });
      throw error;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    state,
    calls,
    forbid: (route, status = 403, times = Infinity) => void refusals.push({ route, status, times }),
    stall: (route) => void stalls.push(route),
    addIssue: (issue) => {
      const full: FakeIssue = {
        number: newIssueNumber(),
        title: 'tracking',
        state: 'open',
        state_reason: null,
        labels: ['servicetitan-access'],
        user: state.author,
        created_at: stamp(),
        updated_at: stamp(),
        ...issue,
      };
      for (const l of full.labels) state.labels.add(l);
      state.issues.push(full);
      return full;
    },
    addComment,
    editComment: (id, body) => {
      const comment = state.comments.find((c) => c.id === id);
      if (!comment) throw new Error(`no comment ${id}`);
      comment.body = body;
      comment.updated_at = stamp();
      return comment;
    },
    setClock: (now) => {
      clock = now;
    },
    writes: () => calls.filter((c) => c.method !== 'GET'),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
