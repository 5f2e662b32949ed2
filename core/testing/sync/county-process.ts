/**
 * The reference county center in a child process of its own, for the sync
 * benchmark: what the township's process does is then measured alone (its
 * CPU, its memory), not together with the county's. Commands travel over the
 * IPC channel; `startCountyProcess` is the parent's side.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startCountyServer } from '../../../county/server';
import { tempDir } from '../../../db/testing';
import { sampleMessage } from './samples';

type Command =
  | { cmd: 'add'; id: string; name: string }
  | { cmd: 'fillNotices'; id: string; n: number }
  | { cmd: 'append'; id: string; type: string; data: unknown }
  | { cmd: 'township'; id: string };

export interface CountyProcess {
  url: string;
  addTownship(id: string, name: string): Promise<string>;
  /** Appends `n` notices to a township's log (in the county's process, not timed by the caller). */
  fillNotices(id: string, n: number): Promise<void>;
  append(id: string, type: string, data: unknown): Promise<void>;
  township(id: string): Promise<{ lastSeq: number; lastOffset: number }>;
  close(): Promise<void>;
}

export async function startCountyProcess(): Promise<CountyProcess> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const waiting = new Map<number, (value: unknown) => void>();
  child.on('message', (m: { reply: number; value: unknown }) => {
    waiting.get(m.reply)?.(m.value);
    waiting.delete(m.reply);
  });
  const call = <T>(command: Command): Promise<T> =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve as (value: unknown) => void);
      child.send({ id, command });
    });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url?: string }) => (m.url ? resolve(m.url) : reject(new Error('county did not start'))));
    child.once('exit', (code) => reject(new Error(`county process exited (${code})`)));
  });
  return {
    url,
    addTownship: (id, name) => call({ cmd: 'add', id, name }),
    fillNotices: (id, n) => call({ cmd: 'fillNotices', id, n }),
    append: (id, type, data) => call({ cmd: 'append', id, type, data }),
    township: (id) => call({ cmd: 'township', id }),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function serve(): Promise<void> {
  const dir = tempDir('county-process-');
  const county = await startCountyServer({ dataDir: dir.path, port: 0, log: () => {}, watchMs: 0 });
  const run = async (c: Command): Promise<unknown> => {
    switch (c.cmd) {
      case 'add':
        return county.store.addTownship(c.id, c.name);
      case 'fillNotices':
        for (let i = 0; i < c.n; i += 10_000)
          await county.store.appendMany(
            c.id,
            Array.from({ length: Math.min(10_000, c.n - i) }, (_, k) => ({
              type: 'notice',
              data: sampleMessage('notice', i + k),
            })),
          );
        return null;
      case 'append':
        await county.store.append(c.id, c.type, c.data);
        return null;
      case 'township': {
        const t = (await county.store.township(c.id))!;
        return { lastSeq: t.lastSeq, lastOffset: t.lastOffset };
      }
    }
  };
  process.on(
    'message',
    (m: { id: number; command: Command }) => void run(m.command).then((value) => process.send!({ reply: m.id, value })),
  );
  const stop = () =>
    void county.close().then(() => {
      dir.remove();
      process.exit(0);
    });
  process.on('SIGTERM', stop);
  // A parent that died without closing it (a crashed bench) must not leave the county holding its output open.
  process.on('disconnect', stop);
  process.send!({ url: county.url });
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) await serve();
