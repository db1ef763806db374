/**
 * Finding secrets and personal data in what a run leaves behind: every form a value can leak in
 * (as is, URL- or form-encoded, base64, inside an HTTP Basic header) and every channel a run
 * publishes through.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FakeCall } from '../helpers/github-fake.js';
import { stdoutWithoutMasks } from './guard.support.js';
import type { ActionRun } from './harness.js';

/** The ways a secret can be written down other than verbatim. */
export function leakForms(secret: string): string[] {
  const b64 = Buffer.from(secret).toString('base64');
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    b64,
    b64.replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
  ];
}

/** The forms of a client id and secret pair sent as HTTP Basic credentials. */
export function basicForms(clientId: string, clientSecret: string): string[] {
  return [
    Buffer.from(`${clientId}:${clientSecret}`).toString('base64'),
    Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64'),
  ];
}

/** Every file under a folder (recursively), as path → text; {} when the folder is absent. */
export async function filesUnder(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) return out;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = await readFile(file, 'utf8');
  }
  return out;
}

/** What one run published, channel name → text. */
export type Channels = Record<string, string>;

/**
 * The channels of an action run: stdout (without the ::add-mask:: lines, which exist to carry
 * secrets to the runner), stderr, summary, outputs, annotations, and every file it wrote in the
 * workspace (report, SARIF, evidence pack) except the inputs it was given.
 */
export async function actionChannels(run: ActionRun, given: readonly string[] = []): Promise<Channels> {
  const channels: Channels = {
    stdout: stdoutWithoutMasks(run),
    stderr: run.stderr,
    summary: run.summary,
    outputs: JSON.stringify(run.outputs),
    annotations: JSON.stringify(run.annotations),
  };
  for (const [file, text] of Object.entries(await filesUnder(run.workspace))) {
    if (!given.includes(file)) channels[`file ${file}`] = text;
  }
  return channels;
}

/** What the action sent to GitHub: bodies and paths, not the Authorization header it must carry. */
export function githubChannels(calls: readonly FakeCall[]): Channels {
  const out: Channels = {};
  calls.forEach((call, i) => {
    out[`github ${i} ${call.method} ${call.path}`] = `${call.path}\n${JSON.stringify(call.body ?? null)}`;
  });
  return out;
}

/** `channel: form` for every form of every value found in any channel ([] when clean). */
export function leaks(channels: Channels, values: Record<string, string[]>, ignoreCase = false): string[] {
  const found: string[] = [];
  for (const [channel, text] of Object.entries(channels)) {
    const haystack = ignoreCase ? text.toLowerCase() : text;
    for (const [name, forms] of Object.entries(values)) {
      for (const form of forms) {
        if (form && haystack.includes(ignoreCase ? form.toLowerCase() : form)) {
          found.push(`${name} in ${channel}`);
          break;
        }
      }
    }
  }
  return found;
}

export interface TokenRecorder {
  /** the token URL to give the run instead of the sandbox's */
  authUrl: string;
  /** every access token issued through it, in order */
  tokens: string[];
  close(): Promise<void>;
}

/**
 * A loopback pass-through in front of a token endpoint that remembers the access tokens it hands
 * out, so a test knows exactly which tokens a run was given without trusting the run to say.
 */
export async function startTokenRecorder(target: string): Promise<TokenRecorder> {
  const tokens: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'authorization', 'accept']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      fetch(target, { method: req.method ?? 'POST', headers, body: Buffer.concat(chunks) })
        .then(async (answer) => {
          const text = await answer.text();
          try {
            const token = (JSON.parse(text) as { access_token?: unknown }).access_token;
            if (typeof token === 'string') tokens.push(token);
          } catch {
            // not JSON: nothing to remember, passed on as it came
          }
          res.writeHead(answer.status, {
            'content-type': answer.headers.get('content-type') ?? 'text/plain',
          });
          res.end(text);
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    authUrl: `http://127.0.0.1:${port}/connect/token`,
    tokens,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
