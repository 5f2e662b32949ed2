/** Spawns township-process.ts as a child that cannot outlive the test that started it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./township-process.ts', import.meta.url));

/**
 * The IPC channel is the child's lifeline: when the test's worker ends for any
 * reason (a failed assertion, a timeout, vitest tearing it down), the channel
 * closes and the child exits, so no township keeps the CI's output pipe open.
 */
export function spawnTownshipProcess(env: Record<string, string>, stdout: 'pipe' | 'ignore' = 'pipe'): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, 'inherit', 'ipc'],
  });
}

/** Kills the child if it still runs and waits until it has gone. */
export async function stopTownshipProcess(child: ChildProcess | null, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await gone;
}
