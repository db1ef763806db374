/**
 * Hostile material for hostile.test.ts: a sample tenant whose outsiders carry attacker-written
 * names and emails, a detector for workflow commands that did not come from the action, and a
 * runner for workspaces the harness cannot build (symlinks, raw bytes).
 */
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sampleTenant, SANDBOX_CREDENTIALS, type TenantData } from '../../src/sandbox/index.js';
import { POLICY } from './guard.support.js';
import { runAction, type ActionOptions, type ActionRun } from './harness.js';

export const HOSTILE = {
  markup: '**x** [l](http://e) <img src=x onerror=alert(1)> @everyone @octocat',
  markupEmail: 'kevin.<img src=x onerror=alert(1)>@coolit-integrations.example',
  commands: 'Jake\n::error::owned\n%0A::warning::injected\r\n::add-mask::Acme',
  commandsEmail: 'jake%0A::warning::injected@gmail.com',
  longName: `Sam ${'x'.repeat(9996)}`,
  mentionEmail: '@everyone@ortega-it.example',
} as const;

/**
 * The sample tenant with its three active outsiders (employees 160, 161, 162, all of whom the
 * starter policy flags) renamed by an attacker.
 */
export function hostileTenant(): TenantData {
  const data = sampleTenant();
  const rename: Record<number, [string, string]> = {
    160: [HOSTILE.markup, HOSTILE.markupEmail],
    161: [HOSTILE.commands, HOSTILE.commandsEmail],
    162: [HOSTILE.longName, HOSTILE.mentionEmail],
  };
  for (const employee of data.employees) {
    const given = rename[employee.id];
    if (given) [employee.name, employee.email] = given;
  }
  return data;
}

// The commands the action itself emits; anything else starting with `::` came from data.
const OWN_COMMAND = /^::(group|endgroup|debug|error|warning|notice)( [^:]*)?::/;

/**
 * stdout lines that the runner would read as workflow commands but that the action did not mean
 * to emit: unknown commands, masks of anything but the credentials and access tokens, and the
 * hostile payloads' own `::error::owned` / `::warning::injected`.
 */
export function strayCommandLines(run: ActionRun, credentials: readonly string[] = []): string[] {
  const known = new Set<string>([
    SANDBOX_CREDENTIALS.clientId,
    SANDBOX_CREDENTIALS.clientSecret,
    SANDBOX_CREDENTIALS.appKey,
    ...credentials,
  ]);
  return run.stdout.split(/\r?\n|\r/).filter((line) => {
    if (!line.startsWith('::')) return false;
    if (line.startsWith('::add-mask::')) {
      const value = line.slice('::add-mask::'.length);
      // access tokens: 32 random bytes, base64url
      return !known.has(value) && !/^[\w-]{43}$/.test(value);
    }
    if (!OWN_COMMAND.test(line)) return true;
    return /^::\w+( [^:]*)?::(owned|injected)/.test(line);
  });
}

export interface OwnWorkspaceOptions extends Omit<ActionOptions, 'files'> {
  /** the policy as raw bytes */
  policyBytes?: Buffer;
  /** the policy as a symlink to a file with this text outside the workspace */
  symlinkPolicyTo?: string;
}

/**
 * Runs the action (the bundle, unless `run` says otherwise) in a workspace built here
 * (GITHUB_WORKSPACE points at it), for policies the harness's text-only `files` cannot express.
 */
export async function actionInOwnWorkspace(
  options: OwnWorkspaceOptions,
  run: (options: ActionOptions) => Promise<ActionRun> = runAction,
): Promise<ActionRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-hostile-'));
  const workspace = path.join(dir, 'workspace');
  const policyFile = path.join(workspace, POLICY);
  await mkdir(path.dirname(policyFile), { recursive: true });
  if (options.policyBytes) await writeFile(policyFile, options.policyBytes);
  if (options.symlinkPolicyTo !== undefined) {
    const outside = path.join(dir, 'outside-policy.yml');
    await writeFile(outside, options.symlinkPolicyTo);
    await symlink(outside, policyFile);
  }
  const { policyBytes: _bytes, symlinkPolicyTo: _target, ...rest } = options;
  const done = await run({ ...rest, env: { ...rest.env, GITHUB_WORKSPACE: workspace } });
  return { ...done, workspace };
}
