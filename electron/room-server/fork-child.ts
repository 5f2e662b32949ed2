import { fork } from 'node:child_process';
import type { ChildLike } from './supervisor';

/**
 * The room server as a plain Node child (`child_process.fork`), for tests and
 * for running the supervisor without Electron: the same entry file and
 * messages as the utility process, over Node's IPC channel.
 */
export function forkRoomServer(entry: string, execArgv: string[] = []): ChildLike & { pid: number | undefined } {
  const child = fork(entry, [], {
    execArgv,
    env: { ...process.env, COMMAND_ROOM_ROOM_SERVER: '1' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  child.on('error', () => {});
  return {
    pid: child.pid,
    // A message to a child that is just dying is lost like one to a dead utility process: the exit tells the supervisor.
    post: (message) => {
      if (child.connected) child.send(message, () => {});
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: () => void child.kill('SIGKILL'),
  };
}
