/** Reading the sandbox's directories the way a run does, with every log line, wait and secret kept. */
import type {
  Directory,
  IdentityCredentials,
  IdentityPolicy,
  IdentitySourceConfig,
} from '../../src/domain/identity.js';
import { readDirectories, type ReadDirectoriesOptions } from '../../src/identity/index.js';
import { recordingLogger } from '../../src/logger.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';

/** One clock for every sandbox of a test file, so sign-in times compare equal from read to read. */
export const NOW = new Date();

export function directorySandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ now: () => NOW, ...options });
}

export function identityPolicy(sources: IdentitySourceConfig[]): IdentityPolicy {
  return { sources, match: ['aad', 'email'], leaverFix: 'lock', dormantAfterDays: 90, unmatched: 'medium' };
}

export function entraSource(sandbox: Sandbox, id = 'entra'): IdentitySourceConfig {
  return { id, kind: 'entra', tenantId: sandbox.identity.entraTenantId! };
}

export function googleSource(id = 'google', customer = 'my_customer'): IdentitySourceConfig {
  return { id, kind: 'google', customer };
}

export interface Reading {
  logger: ReturnType<typeof recordingLogger>;
  /** every value handed to onSecret */
  secrets: string[];
  /** every retry wait asked for, in ms (nothing actually waits) */
  waits: number[];
  read(sources: IdentitySourceConfig[]): Promise<Directory[]>;
  /** the error of a read that must fail */
  fail(sources: IdentitySourceConfig[]): Promise<Error & { code?: string; hint?: string; sourceId?: string }>;
}

export function reading(
  sandbox: Sandbox,
  overrides: Partial<Omit<ReadDirectoriesOptions, 'credentials'>> & {
    credentials?: Partial<IdentityCredentials>;
  } = {},
): Reading {
  const logger = recordingLogger();
  const secrets: string[] = [];
  const waits: number[] = [];
  const { credentials, ...rest } = overrides;
  const options: ReadDirectoriesOptions = {
    credentials: { ...sandbox.identity.credentials, ...credentials },
    workspace: process.cwd(),
    inActions: false,
    logger,
    now: NOW,
    onSecret: (s) => secrets.push(s),
    timeoutMs: 5000,
    retryBudgetMs: 60_000,
    sleep: async (ms) => void waits.push(ms),
    env: {},
    ...rest,
  };
  const read = (sources: IdentitySourceConfig[]) => readDirectories(identityPolicy(sources), options);
  return {
    logger,
    secrets,
    waits,
    read,
    fail: async (sources) => {
      const outcome = await read(sources).then(
        (directories) => ({ directories }),
        (error: unknown) => ({ error }),
      );
      if (!('error' in outcome)) throw new Error('the read was expected to fail, and returned directories');
      return outcome.error as Error & { code?: string; hint?: string; sourceId?: string };
    },
  };
}

/** Everything a user could see of a failed or finished read: the log and the error. */
export function visibleText(r: Reading, error?: { message: string; hint?: string }): string {
  return [...r.logger.lines, error?.message ?? '', error?.hint ?? ''].join('\n');
}

/** Asserts that no secret (or a line of one) shows in `text`. */
export function secretsAbsent(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => s.length >= 8 && text.includes(s));
}
