/**
 * When the room server's utility process dies unexpectedly, the main process
 * starts it again after a delay that doubles with each crash in a row (1 s,
 * 2 s, 4 s … at most 30 s). Five crashes within five minutes mean something is
 * wrong that a restart will not fix (a disk, a bug on this database): it stops
 * trying and says so in the window instead of spinning.
 */
export const RESTART_POLICY = {
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  maxCrashes: 5,
  windowMs: 5 * 60_000,
};
export type RestartPolicy = typeof RESTART_POLICY;

export type RestartDecision = { restart: true; delayMs: number; attempt: number } | { restart: false; crashes: number };

/** Crashes within the window, including the one just now. */
export function recentCrashes(crashTimes: readonly number[], now: number, policy: RestartPolicy = RESTART_POLICY): number[] {
  return crashTimes.filter((t) => now - t < policy.windowMs);
}

export function decideRestart(
  crashTimes: readonly number[],
  now: number,
  policy: RestartPolicy = RESTART_POLICY,
): RestartDecision {
  const crashes = recentCrashes(crashTimes, now, policy).length;
  if (crashes >= policy.maxCrashes) return { restart: false, crashes };
  const attempt = Math.max(1, crashes);
  return { restart: true, attempt, delayMs: Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (attempt - 1)) };
}

/** What the window shows about its room server. */
export type RoomServerState =
  | { kind: 'starting' }
  | { kind: 'running'; url: string }
  | { kind: 'restarting'; attempt: number; delayMs: number; reason: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'stopped' };

/** The window title while the server is not simply running: visible without any page cooperating. */
export function windowTitle(base: string, state: RoomServerState): string {
  switch (state.kind) {
    case 'running':
    case 'stopped':
      return base;
    case 'starting':
      return `${base} — 服务启动中…`;
    case 'restarting':
      return `${base} — 服务意外停止，${Math.ceil(state.delayMs / 1000)} 秒后第 ${state.attempt} 次重新启动…`;
    case 'failed':
      return `${base} — 服务已停止（多次重启失败）`;
  }
}
