import { randomInt } from 'node:crypto';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';

/**
 * Who may run the first-run setup of a room server. While no township
 * exists the server prints a one-time code; the machine itself (loopback,
 * the Electron window) needs none, anyone else on the LAN must type it, so
 * nobody can claim an empty room server by being first to open it.
 */
export interface SetupGate {
  /** The code printed at start, or null once the township exists. */
  code: string | null;
  /** Wrong codes given so far; past MAX_WRONG_CODES only the machine itself may set up. */
  wrongCodes: number;
  /** How many demo events `setup.demo` seeds. */
  readonly demoEvents: number | undefined;
}

const MAX_WRONG_CODES = 10;
// No 0/O, 1/I/L: the code is read off a console and typed by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newSetupCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

export function createSetupGate(needed: boolean, demoEvents?: number): SetupGate {
  return { code: needed ? newSetupCode() : null, wrongCodes: 0, demoEvents };
}

const normalize = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * Throws FORBIDDEN unless this call may set the township up: the setup is
 * still open, and the caller is the machine itself or gave the right code.
 */
export function assertMaySetUp(ctx: ServiceContext, given: string | undefined): SetupGate {
  const gate = ctx.connection.setup;
  if (!gate || gate.code === null) {
    throw new AppError(
      'FORBIDDEN',
      'This room server is already set up. Sign in instead; an administrator manages the township.',
    );
  }
  if (ctx.connection.local) return gate;
  if (gate.wrongCodes >= MAX_WRONG_CODES) {
    throw new AppError(
      'FORBIDDEN',
      'Too many wrong setup codes. Set the room server up on the machine itself, or restart it for a new code.',
    );
  }
  if (given === undefined || normalize(given) !== normalize(gate.code)) {
    if (given !== undefined) gate.wrongCodes++;
    throw new AppError(
      'FORBIDDEN',
      'Only the room server itself may set it up, or whoever types the setup code it printed when it started.',
    );
  }
  return gate;
}
