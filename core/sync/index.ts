import type { OutputOf, ParsedInputOf } from '../../common/contract';
import type { SyncSettings, SyncStatus } from '../../common/contract/sync';
import { AppError } from '../../common/errors';
import { DEMO_COUNTY } from '../../common/protocol/demo';
import type { PushMessage } from '../../common/topics';
import type { Db } from '../../db';
import {
  countInboxProblems,
  countOpenRefused,
  getSyncState,
  lastOutboxSeq,
  setSyncConfig,
  unsentCount,
} from '../../db/queries/sync';
import { audit, type ServiceContext } from '../context';
import { SyncClient, type CountyLink, type SyncClientOptions } from './client';
import { queueDailyFigures } from './daily-figures';
import { memoryTokenStore, type TokenStore } from './token-store';

export type { CountyLink } from './client';
export type { TokenStore } from './token-store';

export interface SyncOptions {
  /** From COMMAND_ROOM_COUNTY_URL / _TOWNSHIP_ID / _TOKEN: wins over the settings for this run. */
  county?: CountyLink;
  tokenStore?: TokenStore;
  /** On the demo township's first start, point it at the demo county center (`npm run county`). */
  demoCounty?: boolean;
  /** How often to look for a day to send daily figures for (default 60 s; 0 turns it off, tests call it). */
  figuresMs?: number;
  /** Client tuning (tests and benchmarks). */
  client?: Pick<SyncClientOptions, 'timeoutMs' | 'backoff' | 'pollMs' | 'refusedRetryMs'>;
}

export interface SyncController {
  readonly client: SyncClient;
  status(): SyncStatus;
  settings(): SyncSettings;
  /** Stores (or with null removes) the token; throws CONFLICT when the shell cannot keep it safely. */
  storeToken(token: string | null): void;
  /** After a committed configure: reconnect with the new settings. */
  restart(): void;
  kick(): void;
  /** Queues the daily figures due now (the previous day after midnight, missed days, altered days). */
  queueFigures(): string[];
  close(): void;
}

const controllers = new WeakMap<Db, SyncController>();

/** The running sync of this database, if the core started one. */
export function syncOf(db: Db): SyncController | undefined {
  return controllers.get(db);
}

export function startSync(
  deps: Omit<SyncClientOptions, 'timeoutMs' | 'backoff' | 'pollMs'> & { seededDemo: boolean },
  options: SyncOptions,
): SyncController {
  const { db } = deps;
  const tokens = options.tokenStore ?? memoryTokenStore();
  const client = new SyncClient({ ...deps, ...options.client });
  const env = options.county;
  if (!env && options.demoCounty && deps.seededDemo && getSyncState(db).url === '') {
    try {
      tokens.write(DEMO_COUNTY.token);
      setSyncConfig(db, { url: DEMO_COUNTY.url, townshipId: DEMO_COUNTY.townshipId, enabled: true });
    } catch (error) {
      deps.log('the demo county token cannot be stored; configure sync in the settings', error);
    }
  }

  const link = (): CountyLink | null => {
    if (env) return env;
    const state = getSyncState(db);
    const token = tokens.read();
    return state.enabled && state.url && state.townshipId && token
      ? { url: state.url, townshipId: state.townshipId, token }
      : null;
  };
  const restart = () => {
    const l = link();
    if (l) client.start(l);
    else client.stop();
    deps.publish({ topic: 'sync.status', payload: controller.status() });
  };

  const controller: SyncController = {
    client,
    status: () => {
      if (link()) return client.status();
      const state = getSyncState(db);
      return {
        configured: false,
        link: 'off',
        unsent: unsentCount(db, state.ackedSeq),
        lastSeq: lastOutboxSeq(db),
        ackedSeq: state.ackedSeq,
        appliedOffset: state.appliedOffset,
        lastSuccessAt: state.lastSuccessAt,
        lastError: state.lastError,
        lastErrorAt: state.lastErrorAt,
        problems: countInboxProblems(db),
        refused: countOpenRefused(db),
        recovering: state.recoverTarget > 0,
      };
    },
    settings: () => {
      if (env) return { url: env.url, townshipId: env.townshipId, enabled: true, hasToken: true, source: 'environment' };
      const state = getSyncState(db);
      return {
        url: state.url,
        townshipId: state.townshipId,
        enabled: state.enabled,
        hasToken: tokens.read() !== null,
        source: 'settings',
      };
    },
    storeToken: (token) => {
      try {
        tokens.write(token);
      } catch (error) {
        throw new AppError('CONFLICT', `The token cannot be stored safely here: ${(error as Error).message}`);
      }
    },
    restart,
    kick: () => client.kick(),
    queueFigures: () => {
      const townshipId = env?.townshipId ?? getSyncState(db).townshipId;
      const queued = queueDailyFigures(deps, townshipId);
      if (queued.length > 0) client.kick();
      return queued;
    },
    close: () => {
      if (figuresTimer) clearInterval(figuresTimer);
      client.stop();
      controllers.delete(db);
    },
  };
  const figures = () => {
    try {
      controller.queueFigures();
    } catch (error) {
      deps.log('queueing the daily figures failed', error);
    }
  };
  const figuresMs = options.figuresMs ?? 60_000;
  const figuresTimer = figuresMs > 0 ? setInterval(figures, figuresMs) : null;
  figuresTimer?.unref();
  controllers.set(db, controller);
  const initial = link();
  if (initial) client.start(initial);
  // At start: a day missed while the app was off is sent now.
  if (figuresMs > 0) figures();
  return controller;
}

function requireSync(ctx: ServiceContext): SyncController {
  const sync = syncOf(ctx.db);
  if (!sync) throw new AppError('CONFLICT', 'County sync is not running in this app.');
  return sync;
}

export function syncStatus(ctx: ServiceContext): OutputOf<'sync.status'> {
  return requireSync(ctx).status();
}

export function syncSettings(ctx: ServiceContext): OutputOf<'sync.settings'> {
  return requireSync(ctx).settings();
}

export function configureSync(ctx: ServiceContext, input: ParsedInputOf<'sync.configure'>): OutputOf<'sync.configure'> {
  const sync = requireSync(ctx);
  const before = sync.settings();
  if (before.source === 'environment') {
    throw new AppError(
      'CONFLICT',
      'The county link is set by the COMMAND_ROOM_COUNTY_* environment variables for this run; change them and restart.',
    );
  }
  if (
    input.enabled &&
    (!input.url || !input.townshipId || (input.token === undefined ? !before.hasToken : input.token === null))
  ) {
    throw new AppError('BAD_INPUT', 'To turn sync on, give the county center address, the township id and a token.', [
      { path: !input.url ? 'url' : !input.townshipId ? 'townshipId' : 'token', message: 'required' },
    ]);
  }
  if (input.token !== undefined) sync.storeToken(input.token);
  setSyncConfig(ctx.db, { url: input.url, townshipId: input.townshipId, enabled: input.enabled });
  audit(ctx, {
    action: 'sync.configure',
    entity: 'sync',
    summary: {
      url: input.url,
      townshipId: input.townshipId,
      enabled: input.enabled,
      token: input.token === undefined ? 'kept' : input.token === null ? 'removed' : 'replaced',
    },
  });
  ctx.afterCommit(() => sync.restart());
  return {
    ...before,
    url: input.url,
    townshipId: input.townshipId,
    enabled: input.enabled,
    hasToken: input.token === undefined ? before.hasToken : input.token !== null,
  };
}

export function retrySync(ctx: ServiceContext): null {
  requireSync(ctx).kick();
  return null;
}

export type { PushMessage };
