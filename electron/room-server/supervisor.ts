import type { Result } from '../../common/errors';
import {
  parseFromRoomServer,
  type FromRoomServer,
  type RoomServerStartOptions,
  type ToRoomServer,
} from '../../common/room-server-protocol';
import type { PushMessage } from '../../common/topics';
import type { Connection } from '../../core/app';
import type { PrintPdf } from '../../core/print/pdf';
import type { ConnectionFactory } from '../ipc';
import { linkDown, SessionKeeper } from '../session-keeper';
import { decideRestart, type RestartPolicy, RESTART_POLICY, type RoomServerState } from './restart-policy';

/** The room server's process as the supervisor sees it: Electron's UtilityProcess, or a Node fork in tests. */
export interface ChildLike {
  post(message: ToRoomServer): void;
  onMessage(listener: (data: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface SupervisorOptions {
  spawn: () => ChildLike;
  start: RoomServerStartOptions;
  /** Answers the core's print requests (Electron's printToPDF in the main process). */
  printPdf?: PrintPdf;
  policy?: RestartPolicy;
  now?: () => number;
  /** How long a window's call waits for a (re)starting server before it is refused. */
  callWaitMs?: number;
  log?: (message: string, detail?: unknown) => void;
}

type Ready = Extract<FromRoomServer, { type: 'ready' }>;
type Fatal = Extract<FromRoomServer, { type: 'fatal' }>;

/**
 * Runs the room server in a child process and keeps it running: restarts it
 * after a crash (restart-policy.ts), tells the window what state it is in, and
 * gives the window's IPC binding connections to the core in the child. A call
 * in flight when the child dies is answered CONNECTION_LOST (its outcome is
 * unknown to the window, never half-written: the core commits whole
 * transactions or nothing); after the restart each window's session is resumed
 * before its next call.
 */
export class RoomServerSupervisor implements ConnectionFactory {
  private child: ChildLike | null = null;
  private generation = 0;
  private crashes: number[] = [];
  private stopping = false;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private nextConnection = 1;
  private nextCall = 1;
  private readonly pending = new Map<number, { generation: number; resolve: (result: Result<unknown>) => void }>();
  private readonly pushTargets = new Map<number, (message: PushMessage) => void>();
  private readonly stateListeners = new Set<(state: RoomServerState) => void>();
  private readonly upWaiters = new Set<() => void>();
  private stopped: (() => void) | null = null;
  private readonly policy: RestartPolicy;
  private readonly now: () => number;
  private readonly log: (message: string, detail?: unknown) => void;
  state: RoomServerState = { kind: 'stopped' };
  ready: Ready | null = null;
  fatal: Fatal | null = null;

  constructor(private readonly options: SupervisorOptions) {
    this.policy = options.policy ?? RESTART_POLICY;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((message, detail) => console.warn(`[room-server] ${message}`, detail ?? ''));
  }

  onState(listener: (state: RoomServerState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private setState(state: RoomServerState): void {
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
    if (state.kind === 'running' || state.kind === 'failed' || state.kind === 'stopped') {
      for (const wake of [...this.upWaiters]) wake();
    }
  }

  /** Starts the child; resolves when it is serving, or with its fatal start-up error. */
  start(): Promise<Ready | Fatal> {
    this.stopping = false;
    return new Promise((resolve) => {
      const off = this.onState((state) => {
        if (state.kind === 'running' && this.ready) {
          off();
          resolve(this.ready);
        } else if (state.kind === 'failed' && this.fatal) {
          off();
          resolve(this.fatal);
        }
      });
      this.spawnChild();
    });
  }

  private spawnChild(): void {
    this.restartTimer = null;
    this.generation += 1;
    const generation = this.generation;
    this.setState({ kind: 'starting' });
    let child: ChildLike;
    try {
      child = this.options.spawn();
    } catch (error) {
      this.log('the room server process could not be started', error);
      this.childExited(generation, null);
      return;
    }
    this.child = child;
    child.onMessage((data) => {
      if (generation === this.generation) this.handle(child, data);
    });
    child.onExit((code) => this.childExited(generation, code));
    child.post({ type: 'start', options: this.options.start });
  }

  private handle(child: ChildLike, data: unknown): void {
    const message = parseFromRoomServer(data);
    if (!message) {
      this.log('dropped a malformed message from the room server');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = message;
        this.setState({ kind: 'running', url: message.url });
        return;
      case 'reply': {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        waiting?.resolve(message.result as Result<unknown>);
        return;
      }
      case 'push':
        this.pushTargets.get(message.connection)?.({ topic: message.topic, payload: message.payload } as PushMessage);
        return;
      case 'fatal':
        this.fatal = message;
        this.stopping = true;
        this.setState({ kind: 'failed', reason: message.message });
        child.kill();
        return;
      case 'print':
        void this.print(child, message);
        return;
      case 'stopped':
        this.stopped?.();
        return;
    }
  }

  private async print(child: ChildLike, message: Extract<FromRoomServer, { type: 'print' }>): Promise<void> {
    if (!this.options.printPdf) {
      child.post({ type: 'printed', id: message.id, error: 'This shell has no printer.' });
      return;
    }
    try {
      const pdf = await this.options.printPdf(message.html, { landscape: message.landscape ?? false });
      child.post({ type: 'printed', id: message.id, pdf: Buffer.from(pdf).toString('base64') });
    } catch (error) {
      child.post({ type: 'printed', id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private childExited(generation: number, code: number | null): void {
    if (generation !== this.generation) return;
    this.child = null;
    for (const [id, waiting] of this.pending) {
      if (waiting.generation !== generation) continue;
      this.pending.delete(id);
      waiting.resolve(linkDown('The room server stopped while this was being done; check whether it was saved once it is back.'));
    }
    if (this.stopping) {
      if (this.state.kind !== 'failed') this.setState({ kind: 'stopped' });
      this.stopped?.();
      return;
    }
    const now = this.now();
    this.crashes = [...this.crashes, now].filter((t) => now - t < this.policy.windowMs);
    const reason = `exit code ${code ?? 'unknown'}`;
    const decision = decideRestart(this.crashes, now, this.policy);
    this.log(`the room server process ended unexpectedly (${reason})`);
    if (!decision.restart) {
      this.setState({
        kind: 'failed',
        reason: `${decision.crashes} crashes within ${this.policy.windowMs / 60_000} minutes (${reason})`,
      });
      return;
    }
    this.setState({ kind: 'restarting', attempt: decision.attempt, delayMs: decision.delayMs, reason });
    this.restartTimer = setTimeout(() => this.spawnChild(), decision.delayMs);
  }

  private waitUntilRunning(timeoutMs: number): Promise<boolean> {
    if (this.state.kind === 'running') return Promise.resolve(true);
    if (this.state.kind === 'failed' || this.state.kind === 'stopped') return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.upWaiters.delete(wake);
        resolve(this.state.kind === 'running');
      };
      const timer = setTimeout(wake, timeoutMs);
      this.upWaiters.add(wake);
    });
  }

  private send(connection: number, method: string, input: unknown): Promise<Result<unknown>> {
    const child = this.child;
    if (!child || this.state.kind !== 'running') return Promise.resolve(linkDown('The room server is not running.'));
    const id = this.nextCall++;
    return new Promise((resolve) => {
      this.pending.set(id, { generation: this.generation, resolve });
      child.post({ type: 'call', connection, id, method, input });
    });
  }

  connect(push: (message: PushMessage) => void): Connection {
    const id = this.nextConnection++;
    const keeper = new SessionKeeper();
    let generation = 0;
    let closed = false;
    let restoring: Promise<void> | null = null;
    this.pushTargets.set(id, push);
    /** On a new child this window's connection is new there: take the session over before any call goes out. */
    const fresh = (): Promise<void> => {
      if (generation === this.generation) return restoring ?? Promise.resolve();
      generation = this.generation;
      this.child?.post({ type: 'connect', connection: id });
      const restore = keeper
        .restore((m, i) => this.send(id, m, i))
        .then(() => undefined)
        .finally(() => {
          if (restoring === restore) restoring = null;
        });
      restoring = restore;
      return restore;
    };
    const callNow = async (method: string, input: unknown): Promise<Result<unknown>> => {
      if (closed) return linkDown('This window closed its connection.');
      if (!(await this.waitUntilRunning(this.options.callWaitMs ?? 15_000))) {
        return linkDown(
          this.state.kind === 'failed' ? `The room server has stopped: ${this.state.reason}` : 'The room server is restarting.',
        );
      }
      await fresh();
      const result = await this.send(id, method, input);
      keeper.observe(method, result);
      return result;
    };
    return {
      call: callNow,
      get signedIn() {
        return keeper.hasSession;
      },
      close: () => {
        if (closed) return;
        closed = true;
        this.pushTargets.delete(id);
        if (generation === this.generation) this.child?.post({ type: 'disconnect', connection: id });
      },
    };
  }

  /** Asks the child to close the core cleanly (WAL checkpoint); kills it if it does not within `graceMs`. */
  stop(graceMs = 5000): Promise<void> {
    this.stopPromise ??= this.stopChild(graceMs);
    return this.stopPromise;
  }

  private stopPromise: Promise<void> | null = null;

  private async stopChild(graceMs: number): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (!child) {
      if (this.state.kind !== 'failed') this.setState({ kind: 'stopped' });
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve();
      }, graceMs);
      this.stopped = () => {
        clearTimeout(timer);
        resolve();
      };
      child.post({ type: 'stop' });
    });
    this.stopped = null;
    child.kill();
  }
}
