import { isIP } from 'node:net';
import type { EnrollmentGrant } from '../../common/contract';
import { normalizeEnrollmentCode, proofMatches } from '../../core/server/enrollment-code';
import { deskText, type DeskLocale, type DeskMessageKey } from './messages';

/**
 * The desk client's decisions, as pure functions: which address to enroll
 * with, whether to keep what the server answered, and whether a server met
 * later is the one pinned. main.ts only does the I/O around them.
 */

/** What a desk keeps after enrollment (desk.json in its user-data folder, owner-only). */
export interface DeskConfig {
  version: 1;
  /** https://host:port, no path. */
  serverUrl: string;
  /** base64 SHA-256 of the server certificate's public key (SPKI). */
  spkiPin: string;
  fingerprint: string;
  townshipName: string;
  deskName: string;
  enrollmentId: string;
  enrolledAt: number;
}

export const DEFAULT_SERVER_PORT = 5180;

export type AddressDecision = { ok: true; url: string } | { ok: false; reason: DeskMessageKey };

/** `192.168.1.20`, `192.168.1.20:5180`, `https://room.local:5180/` → https://host:port. Plain http is refused. */
export function parseServerAddress(text: string): AddressDecision {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'addressEmpty' };
  if (/^http:\/\//i.test(trimmed) || /^ws:\/\//i.test(trimmed)) return { ok: false, reason: 'addressPlain' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: 'addressInvalid' };
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash)
    return { ok: false, reason: 'addressInvalid' };
  if (url.pathname !== '/' && url.pathname !== '') return { ok: false, reason: 'addressInvalid' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host || (isIP(host) === 0 && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(host)))
    return { ok: false, reason: 'addressInvalid' };
  const port = url.port || String(DEFAULT_SERVER_PORT);
  return { ok: true, url: `https://${url.hostname}:${port}` };
}

export type EnrollmentDecision = { accept: true; config: DeskConfig } | { accept: false; reason: DeskMessageKey };

/**
 * Keep the server's answer only when its proof binds the pin it claims to
 * the code, and that pin is the key this desk saw on its own TLS connection.
 */
export function decideEnrollment(input: {
  serverUrl: string;
  code: string;
  deskName: string;
  observedPin: string;
  grant: EnrollmentGrant;
  now: number;
}): EnrollmentDecision {
  const normalized = normalizeEnrollmentCode(input.code);
  if (!normalized) return { accept: false, reason: 'codeInvalid' };
  const { grant } = input;
  if (grant.spkiPin !== input.observedPin || !proofMatches(normalized, input.observedPin, grant.proof))
    return { accept: false, reason: 'proofMismatch' };
  return {
    accept: true,
    config: {
      version: 1,
      serverUrl: input.serverUrl,
      spkiPin: input.observedPin,
      fingerprint: grant.fingerprint,
      townshipName: grant.townshipName,
      deskName: input.deskName,
      enrollmentId: grant.enrollmentId,
      enrolledAt: input.now,
    },
  };
}

export type PinDecision = { trust: true } | { trust: false; expected: string; observed: string };

/** A server is trusted only with the very key pinned at enrollment. */
export function decidePin(config: Pick<DeskConfig, 'spkiPin'>, observedPin: string | null): PinDecision {
  return observedPin !== null && observedPin === config.spkiPin
    ? { trust: true }
    : { trust: false, expected: config.spkiPin, observed: observedPin ?? '—' };
}

/** The dialog shown when the pinned certificate was not the one presented. */
export function refusalText(
  locale: DeskLocale,
  decision: Extract<PinDecision, { trust: false }>,
): { title: string; message: string } {
  return {
    title: deskText(locale, 'changedTitle'),
    message: deskText(locale, 'changed', { expected: decision.expected, observed: decision.observed }),
  };
}

/** A desk.json as read from disk: anything malformed counts as not enrolled. */
export function parseDeskConfig(text: string): DeskConfig | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const c = data as Partial<DeskConfig> | null;
  if (
    !c ||
    c.version !== 1 ||
    typeof c.serverUrl !== 'string' ||
    !parseServerAddress(c.serverUrl).ok ||
    typeof c.spkiPin !== 'string' ||
    Buffer.from(c.spkiPin, 'base64').length !== 32 ||
    typeof c.fingerprint !== 'string' ||
    typeof c.townshipName !== 'string' ||
    typeof c.deskName !== 'string' ||
    typeof c.enrollmentId !== 'string' ||
    typeof c.enrolledAt !== 'number'
  )
    return null;
  return c as DeskConfig;
}
