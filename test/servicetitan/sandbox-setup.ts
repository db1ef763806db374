import { recordingLogger } from '../../src/logger.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { ServiceTitanClient, type ClientOptions } from '../../src/servicetitan/client.js';
import type { ClientTuning, ServiceTitanConnection } from '../../src/servicetitan/settings.js';
import type { TenantUser } from '../../src/engine/snapshot.js';

/** Short timeouts and budgets keep failing cases fast. */
export const SANDBOX_TUNING: Partial<ClientTuning> = { timeoutMs: 500, retryBudgetMs: 3000, maxRetries: 4 };

export function connectionTo(sandbox: Sandbox): ServiceTitanConnection {
  return {
    tenant: sandbox.tenant,
    ...sandbox.credentials,
    environment: 'production',
    apiUrl: sandbox.url,
    authUrl: sandbox.authUrl,
  };
}

export function clientFor(
  sandbox: Sandbox,
  options: Partial<ClientOptions> & { tuning?: Partial<ClientTuning> } = {},
) {
  const logger = recordingLogger();
  const client = new ServiceTitanClient({
    connection: connectionTo(sandbox),
    logger,
    ...options,
    tuning: { ...SANDBOX_TUNING, ...options.tuning },
  });
  return { client, logger };
}

export function byKindAndId(users: TenantUser[]): TenantUser[] {
  return [...users].sort((a, b) => a.kind.localeCompare(b.kind) || a.id - b.id);
}

export async function withSandbox<T>(
  options: SandboxOptions,
  fn: (sandbox: Sandbox) => Promise<T>,
): Promise<T> {
  const sandbox = await startSandbox(options);
  try {
    return await fn(sandbox);
  } finally {
    await sandbox.close();
  }
}
