/**
 * What the fault, secret and hostile-data suites share: the example policy, the action inputs
 * that point at a sandbox, and readers for what a run left behind (report, SARIF, the sandbox's
 * request log).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Faults, Sandbox } from '../../src/sandbox/index.js';
import { ROOT, sandboxInputs as harnessInputs, type ActionRun } from './harness.js';

export const POLICY = '.github/servicetitan-access.yml';
export const REPORT = 'servicetitan-access-report.json';

export function starterPolicy(): Promise<string> {
  return readFile(path.join(ROOT, 'examples/policies/starter.yml'), 'utf8');
}

/** The inputs that connect a run to the sandbox, with short budgets so failures end fast. */
/** Inputs for a sandbox with the fault matrix's budgets: 2 s per answer, 8 s of retrying. */
export function sandboxInputs(sandbox: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return harnessInputs(sandbox, { 'request-timeout': '2', 'retry-budget': '8', ...extra });
}

export interface ReportFile {
  status: string;
  findings: { id: string; rule: string; user: { id: number; name?: string; email?: string } | null }[];
  plan: { user: { id: number }; status: string }[];
  errors: { code: string; message: string }[];
  redacted?: boolean;
}

/** The run's JSON report, or null when it wrote none. */
export async function readReport(run: ActionRun, file = REPORT): Promise<ReportFile | null> {
  try {
    return JSON.parse(await readFile(path.join(run.workspace, file), 'utf8')) as ReportFile;
  } catch {
    return null;
  }
}

/** A file the run wrote in its workspace, as text ('' when absent). */
export async function workspaceText(run: ActionRun, file: string): Promise<string> {
  return readFile(path.join(run.workspace, file), 'utf8').catch(() => '');
}

export async function setFaults(sandbox: Sandbox, faults: Faults): Promise<void> {
  const res = await fetch(`${sandbox.url}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (!res.ok) throw new Error(`sandbox refused the faults: ${await res.text()}`);
}

export async function resetSandbox(sandbox: Sandbox): Promise<void> {
  await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

export async function sandboxRequests(sandbox: Sandbox): Promise<LoggedRequest[]> {
  return (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as LoggedRequest[];
}

/** Requests that could change the tenant: anything but a read or a token request. */
export function writesIn(log: LoggedRequest[]): LoggedRequest[] {
  return log.filter((r) => r.method !== 'GET' && !r.path.endsWith('/connect/token'));
}

/** Every stdout line except the ::add-mask:: lines that register secrets with the runner. */
export function stdoutWithoutMasks(run: ActionRun): string {
  return run.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
}
