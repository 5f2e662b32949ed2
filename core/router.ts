import type { z } from 'zod';
import { contract, isMethodName, type MethodName } from '../common/contract';
import { AppError, type ErrorBody, type Result } from '../common/errors';
import type { PushMessage } from '../common/topics';
import type { Db } from '../db';
import { detachSession } from '../db/queries/auth';
import { resolveSession } from './auth/auth-service';
import { newId, type Actor, type ConnectionState, type ServiceContext } from './context';
import { handlers } from './handlers';
import { pdfPrinter, type PrintPdf } from './print/pdf';
import { storageError } from './safety/sqlite-errors';

/** Methods a user who must change their password may still call. */
const BEFORE_PASSWORD_CHANGE = new Set<MethodName>(['auth.me', 'auth.logout', 'auth.changePassword']);

export interface RouterDeps {
  db: Db;
  dataDir: string;
  now: () => number;
  /** Delivers pushes after commit: to everyone, or to the connections holding the given sessions. */
  broadcast: (message: PushMessage) => void;
  notifySessionsEnded: (sessionIds: string[], reason: 'expired' | 'logout' | 'disabled') => void;
  log?: (message: string, error: unknown) => void;
  /** Turns an HTML document into a PDF; supplied by the shell (Electron's printToPDF, Chromium in the webhost). */
  printPdf?: PrintPdf;
}

function fail(code: ErrorBody['code'], message: string, issues?: ErrorBody['issues']): Result<never> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues
    .slice(0, 20)
    .map((issue) => ({ path: issue.path.map(String).join('.') || '(input)', message: issue.message }));
}

/**
 * The one road into the core: method → session → role → input → service.
 * Authorization comes before validation so that a caller without the right
 * learns nothing about a method's inputs. Writes run in one immediate
 * transaction with their audit rows; nothing escapes as an exception.
 */
export function createRouter(deps: RouterDeps) {
  const { db, now } = deps;

  function lookupActor(connection: ConnectionState): { actor: Actor | null; ended?: 'expired' | 'disabled' | 'gone' } {
    if (!connection.sessionId) return { actor: null };
    const lookup = db.transaction(() => resolveSession(db, connection.sessionId!, connection.id, now()))();
    if (!lookup.actor) connection.sessionId = null;
    return lookup;
  }

  const printPdf = pdfPrinter(deps.printPdf);

  /**
   * Reads may be asynchronous (a PDF, a computation in a worker thread); writes
   * must finish inside their transaction, so a write handler returning a promise
   * is a programming error.
   */
  async function route(connection: ConnectionState, method: unknown, rawInput: unknown): Promise<Result<unknown>> {
    if (!isMethodName(method)) {
      return fail(
        'UNKNOWN_METHOD',
        `There is no method "${String(method).slice(0, 60)}". The app and its core may be of different versions.`,
      );
    }
    const spec = contract[method];
    let lookup: ReturnType<typeof lookupActor>;
    try {
      lookup = lookupActor(connection);
    } catch (error) {
      // Resolving the session writes (last seen): a full or failing disk must still get a plain answer.
      deps.log?.(`${method}: resolving the session failed`, error);
      const storage = storageError(error);
      return storage
        ? { ok: false, error: storage.toBody() }
        : fail('INTERNAL', 'Something went wrong inside the app; nothing was saved.');
    }
    const { actor, ended } = lookup;
    if (spec.roles !== 'public') {
      if (!actor) {
        return ended === 'expired'
          ? fail('SESSION_EXPIRED', 'Your session ended after a period of inactivity. Please sign in again.')
          : fail('UNAUTHENTICATED', 'Please sign in first.');
      }
      if (!spec.roles.includes(actor.role)) {
        return fail('FORBIDDEN', `Your role (${actor.role}) may not do this (${method}).`);
      }
      if (actor.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(method)) {
        return fail('PASSWORD_CHANGE_REQUIRED', 'Change your password before you continue.');
      }
    }
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) {
      return fail('BAD_INPUT', 'Some fields are missing or invalid; correct them and try again.', describeIssues(parsed.error));
    }

    const committed: (() => void)[] = [];
    const onFailure: (() => void)[] = [];
    const pushes: PushMessage[] = [];
    const endedSessions: { ids: string[]; reason: 'expired' | 'logout' | 'disabled' }[] = [];
    const ctx: ServiceContext = {
      db,
      dataDir: deps.dataDir,
      actor,
      connection,
      now,
      newId,
      publish: (message) => pushes.push(message),
      afterCommit: (hook) => committed.push(hook),
      recordOnFailure: (hook) => onFailure.push(hook),
      endSessions: (ids, reason) => endedSessions.push({ ids, reason }),
      printPdf,
    };
    const handler = handlers[method] as (ctx: ServiceContext, input: unknown) => unknown;
    try {
      let value = spec.kind === 'write' ? db.transaction(() => handler(ctx, parsed.data)).immediate() : handler(ctx, parsed.data);
      if (value instanceof Promise) {
        if (spec.kind === 'write') throw new Error(`write method ${method} returned a promise: its work escaped the transaction`);
        value = await value;
      }
      committed.forEach((hook) => hook());
      pushes.forEach((message) => deps.broadcast(message));
      endedSessions.forEach(({ ids, reason }) => deps.notifySessionsEnded(ids, reason));
      return { ok: true, value };
    } catch (error) {
      if (onFailure.length > 0) {
        try {
          db.transaction(() => onFailure.forEach((hook) => hook()))();
        } catch (recordError) {
          deps.log?.(`recording the failure of ${method} failed`, recordError);
        }
      }
      if (error instanceof AppError) return { ok: false, error: error.toBody() };
      const storage = storageError(error);
      if (storage) {
        deps.log?.(`${method} failed in storage`, error);
        return { ok: false, error: storage.toBody() };
      }
      deps.log?.(`${method} failed unexpectedly`, error);
      return fail(
        'INTERNAL',
        'Something went wrong inside the app; nothing was saved. Try again, and tell the administrator if it keeps happening.',
      );
    }
  }

  /**
   * The window or socket went away: its session is only detached, so that the
   * tab can resume it on a new connection; it ends by logout or idle timeout.
   */
  function disconnect(connection: ConnectionState): void {
    if (!connection.sessionId) return;
    try {
      detachSession(db, connection.sessionId, connection.id, now());
    } catch (error) {
      deps.log?.('detaching a session failed', error);
    }
    connection.sessionId = null;
  }

  return { route, disconnect };
}
