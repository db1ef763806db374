/** The sandbox in a process of its own, so that its work is not counted in the measured one. */
import { fork, type ChildProcess } from 'node:child_process';
import type { SandboxProcessOptions, SandboxProcessReady } from './sandbox-process.js';

export function startSandbox(
  options: SandboxProcessOptions,
): Promise<{ child: ChildProcess; ready: SandboxProcessReady }> {
  const child = fork(new URL('./sandbox-process.js', import.meta.url), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the sandbox process exited (${code})`)));
    child.once('message', (ready: SandboxProcessReady) => resolve({ child, ready }));
    child.send(options);
  });
}
