import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../common/roles';
import type { PushMessage } from '../common/topics';
import type { Db } from '../db';
import { appendAudit } from '../db/queries/audit';
import { auditRecord, type AuditInput } from './audit/record';
import type { LoginGuard } from './auth/login-guard';
import type { PrintPdf } from './print/pdf';
import type { SetupGate } from './setup/gate';

/** The signed-in user behind a call. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  sessionId: string;
  mustChangePassword: boolean;
}

/** What a connection remembers between calls. */
export interface ConnectionState {
  readonly id: string;
  /** Where the connection comes from: an IP address, or 'local' for the Electron window. */
  readonly address: string;
  sessionId: string | null;
  /** The machine itself (loopback, the Electron window), not another desk on the LAN. */
  readonly local?: boolean;
  /** The first-run setup gate of the core this connection belongs to. */
  readonly setup?: SetupGate;
}

/**
 * Everything a service needs for one call. Hooks let a service act on the
 * outcome of the call's transaction without owning it: pushes and connection
 * state change only after commit; security records (a failed sign-in) are
 * kept even though the call itself is rolled back.
 */
export interface ServiceContext {
  readonly db: Db;
  /** The data folder: attachments live under it. */
  readonly dataDir: string;
  readonly actor: Actor | null;
  readonly connection: ConnectionState;
  now(): number;
  newId(): string;
  publish(message: PushMessage): void;
  afterCommit(hook: () => void): void;
  recordOnFailure(hook: () => void): void;
  /** Ends sessions and tells their connections (account disabled, password reset). */
  endSessions(sessionIds: string[], reason: 'expired' | 'logout' | 'disabled'): void;
  /** Prints an HTML document to an A4 PDF (PDF_UNAVAILABLE when the shell gave no printer). */
  printPdf: PrintPdf;
  /** Sign-in rate limits and per-address lockouts of this core. */
  readonly loginGuard: LoginGuard;
}

export function newId(): string {
  return uuidv7();
}

/** Writes the audit row for a change, inside the caller's transaction. */
export function audit(ctx: ServiceContext, input: AuditInput, actor: Actor | null = ctx.actor): void {
  appendAudit(ctx.db, auditRecord(ctx.now(), actor, input));
}

/** The signed-in actor, for services whose methods are never public. */
export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new Error('requireActor called on a public method');
  return ctx.actor;
}
