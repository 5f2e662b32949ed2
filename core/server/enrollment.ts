import { timingSafeEqual } from 'node:crypto';
import type { Enrollment, EnrollmentGrant } from '../../common/contract';
import { AppError } from '../../common/errors';
import { getTownship } from '../../db/queries/org';
import {
  findEnrollmentByCodeHash,
  getEnrollment,
  insertEnrollment,
  listEnrollments,
  redeemEnrollment,
  revokeEnrollment,
  type EnrollmentRecord,
} from '../../db/queries/server';
import { audit, requireActor, type ServiceContext } from '../context';
import { certificateInfo } from './certificate';
import {
  ENROLLMENT_VALID_MS,
  enrollmentProof,
  hashEnrollmentCode,
  newEnrollmentCode,
  normalizeEnrollmentCode,
} from './enrollment-code';

/**
 * Desk enrollment on the room server. An administrator makes a code (shown
 * once, stored as a hash); a desk redeems it once within 24 hours over HTTPS
 * and learns the certificate pin, bound to the code by an HMAC so the desk can
 * tell that the server it talks to is the one that holds the code.
 *
 * Redeeming needs no session, so it is guarded like sign-in: the same rate
 * limits per address and connection, a growing delay after failures, and
 * failures audited one row per address and minute.
 */
function statusOf(e: EnrollmentRecord, now: number): Enrollment['status'] {
  if (e.revokedAt !== null) return 'revoked';
  if (e.redeemedAt !== null) return 'redeemed';
  return e.expiresAt <= now ? 'expired' : 'pending';
}

function toEnrollment(e: EnrollmentRecord, now: number): Enrollment {
  return {
    id: e.id,
    label: e.label,
    createdByName: e.createdByName,
    createdAt: e.createdAt,
    expiresAt: e.expiresAt,
    status: statusOf(e, now),
    redeemedAt: e.redeemedAt,
    redeemedAddress: e.redeemedAddress,
    deskName: e.deskName,
    revokedAt: e.revokedAt,
  };
}

export function createEnrollment(ctx: ServiceContext, input: { label: string }): Enrollment & { code: string } {
  const actor = requireActor(ctx);
  const now = ctx.now();
  const code = newEnrollmentCode();
  const id = ctx.newId();
  insertEnrollment(ctx.db, {
    id,
    codeHash: hashEnrollmentCode(normalizeEnrollmentCode(code)!),
    label: input.label,
    createdBy: actor.userId,
    createdAt: now,
    expiresAt: now + ENROLLMENT_VALID_MS,
  });
  // The code never reaches the audit log: whoever reads the log must not be able to enroll a desk.
  audit(ctx, { action: 'create_enrollment', entity: 'desk_enrollment', entityId: id, summary: { label: input.label } });
  return { ...toEnrollment(getEnrollment(ctx.db, id)!, now), code };
}

export function enrollments(ctx: ServiceContext): Enrollment[] {
  const now = ctx.now();
  return listEnrollments(ctx.db).map((e) => toEnrollment(e, now));
}

export function revoke(ctx: ServiceContext, input: { id: string }): null {
  const actor = requireActor(ctx);
  const found = getEnrollment(ctx.db, input.id);
  if (!found) throw new AppError('NOT_FOUND', 'That enrollment code does not exist. Reload the list.');
  if (!revokeEnrollment(ctx.db, input.id, ctx.now(), actor.userId)) {
    throw new AppError(
      'CONFLICT',
      found.redeemedAt !== null
        ? 'That code was already used by a desk; there is nothing left to withdraw.'
        : 'That code was already withdrawn.',
    );
  }
  audit(ctx, { action: 'revoke_enrollment', entity: 'desk_enrollment', entityId: input.id, summary: { label: found.label } });
  return null;
}

const INVALID = () =>
  new AppError(
    'ENROLLMENT_INVALID',
    'This enrollment code is not valid (mistyped, already used, expired after 24 hours, or withdrawn). Ask the administrator of the room server for a new one.',
  );

const NO_CODE_HASH = hashEnrollmentCode('000000000000');

export function enroll(ctx: ServiceContext, input: { code: string; deskName: string }): EnrollmentGrant {
  const address = ctx.connection.address;
  const now = ctx.now();
  ctx.loginGuard.admit(address, ctx.connection.id, now);
  const fail = (reason: string, entityId: string | null): never => {
    ctx.loginGuard.failed(address, null, now);
    if (ctx.loginGuard.auditNow(address, `enroll:${input.deskName}`, now)) {
      ctx.recordOnFailure(() =>
        audit(ctx, {
          action: 'enroll_failed',
          entity: 'desk_enrollment',
          entityId,
          summary: { reason, address, deskName: input.deskName },
        }),
      );
    }
    throw INVALID();
  };
  const normalized = normalizeEnrollmentCode(input.code);
  const hash = hashEnrollmentCode(normalized ?? '');
  const found = normalized ? findEnrollmentByCodeHash(ctx.db, hash) : undefined;
  const same = timingSafeEqual(Buffer.from(found?.codeHash ?? NO_CODE_HASH, 'hex'), Buffer.from(hash, 'hex'));
  if (!normalized || !found || !same) return fail('unknown_code', null);
  const status = statusOf(found, now);
  if (status !== 'pending') return fail(status, found.id);
  const certificate = certificateInfo(ctx.dataDir);
  if (!certificate) {
    // Served over loopback HTTP only: there is nothing to pin, and a desk on another machine could not reach it anyway.
    throw new AppError(
      'ENROLLMENT_INVALID',
      'This room server does not speak HTTPS yet, so a desk has no certificate to pin. Start it on its network address (not 127.0.0.1) and try again; the code stays valid.',
    );
  }
  if (!redeemEnrollment(ctx.db, found.id, now, address, input.deskName)) return fail('raced', found.id);
  audit(ctx, {
    action: 'enroll_desk',
    entity: 'desk_enrollment',
    entityId: found.id,
    summary: { label: found.label, deskName: input.deskName, address, fingerprint: certificate.fingerprint },
  });
  return {
    enrollmentId: found.id,
    townshipName: getTownship(ctx.db)?.name ?? '',
    spkiPin: certificate.spkiPin,
    fingerprint: certificate.fingerprint,
    proof: enrollmentProof(normalized, certificate.spkiPin),
  };
}
