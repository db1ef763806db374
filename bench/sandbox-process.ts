/**
 * A sandbox tenant in its own process, so that its work (building and serializing pages) runs
 * beside the client's, as a real server's would, rather than on the client's event loop.
 * Started with fork(); the parent sends the options, gets the address back, and may ask for the
 * request log (the server's own count of what the client asked).
 */
import { generateTenant, startSandbox } from '../src/sandbox/index.js';

export interface SandboxProcessOptions {
  users: number;
  seed: number;
  latencyMs: number;
  maxPageSize: number;
}

export interface SandboxProcessReady {
  type: 'ready';
  url: string;
  authUrl: string;
  tenant: string;
  credentials: { clientId: string; clientSecret: string; appKey: string };
  shape: { employees: number; technicians: number; roles: number; businessUnits: number };
}

export interface SandboxProcessLog {
  type: 'log';
  /** requests answered since the last `log` message (token requests included) */
  requests: number;
  tokenRequests: number;
}

process.once('message', (options: SandboxProcessOptions) => {
  void serve(options);
});

async function serve(options: SandboxProcessOptions): Promise<void> {
  const data = generateTenant({ users: options.users, seed: options.seed });
  const sandbox = await startSandbox({
    data,
    maxPageSize: options.maxPageSize,
    faults: { latencyMs: options.latencyMs },
  });
  process.on('message', (message: { type: string }) => {
    if (message.type !== 'log') return;
    const log = sandbox.requests.splice(0);
    const answer: SandboxProcessLog = {
      type: 'log',
      requests: log.length,
      tokenRequests: log.filter((r) => r.path === '/connect/token').length,
    };
    process.send?.(answer);
  });
  // the parent going away ends the sandbox
  process.once('disconnect', () => void sandbox.close().then(() => process.exit(0)));
  const ready: SandboxProcessReady = {
    type: 'ready',
    url: sandbox.url,
    authUrl: sandbox.authUrl,
    tenant: sandbox.tenant,
    credentials: sandbox.credentials,
    shape: {
      employees: data.employees.length,
      technicians: data.technicians.length,
      roles: data.userRoles.length,
      businessUnits: data.businessUnits.length,
    },
  };
  process.send?.(ready);
}
