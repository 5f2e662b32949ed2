import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryPlan } from '../../db/testing';
import { countRows, errorCode, expectOk, startTestCore, storedAuditRows, type TestCore } from '../testing/core';
import { ADDRESS_ATTEMPTS_PER_MINUTE } from '../auth/login-guard';
import { ensureServerCertificate } from './certificate';
import { formatEnrollmentCode, normalizeEnrollmentCode, proofMatches } from './enrollment-code';

const HOUR = 3600_000;

describe('enrollment codes', () => {
  it('are 12 characters of base32, typed any way a person types them', () => {
    expect(normalizeEnrollmentCode('abcd-efgh-jkmn')).toBe('ABCDEFGHJKMN');
    // O, I and L read aloud or off a note are 0, 1, 1; spaces and dashes do not count.
    expect(normalizeEnrollmentCode(' 0o1i lL23 4567 ')).toBe('001111234567');
    expect(normalizeEnrollmentCode('ABCD-EFGH-JKM')).toBeNull();
    expect(normalizeEnrollmentCode('ABCD-EFGH-JKMU')).toBeNull(); // U is not in the alphabet
    expect(formatEnrollmentCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
  });
});

describe('desk enrollment on the room server', () => {
  let core: TestCore;
  let pin: string;
  beforeEach(async () => {
    core = startTestCore();
    pin = (await ensureServerCertificate(dirname(core.app.dbPath), ['127.0.0.1'])).spkiPin;
  });
  afterEach(() => core.stop());

  const from = (address: string) => core.app.connect(() => {}, { address });
  const audited = (action: string) => storedAuditRows(core.db).filter((r) => r.action === action);

  it('makes a single-use code, valid 24 hours, that gives a desk the pin with a proof bound to the code', async () => {
    const admin = await core.signIn('admin');
    const made = expectOk<'server.createEnrollment'>(await admin.call('server.createEnrollment', { label: '值班室 2 号机' }));
    expect(made.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(made).toMatchObject({ status: 'pending', expiresAt: core.clock.now + 24 * HOUR, label: '值班室 2 号机' });
    // Only the hash is kept: neither the table nor the audit log holds the code.
    expect(JSON.stringify(storedAuditRows(core.db))).not.toContain(made.code.replace(/-/g, ''));
    expect(audited('create_enrollment')).toHaveLength(1);

    const desk = from('192.168.1.31');
    const grant = expectOk<'server.enroll'>(
      await desk.call('server.enroll', { code: made.code.toLowerCase().replace(/-/g, ' '), deskName: 'DESK-2' }),
    );
    expect(grant.spkiPin).toBe(pin);
    expect(grant.townshipName).not.toBe('');
    expect(proofMatches(normalizeEnrollmentCode(made.code)!, pin, grant.proof)).toBe(true);
    // A man in the middle with his own key cannot pass the proof off for his pin.
    expect(proofMatches(normalizeEnrollmentCode(made.code)!, 'bWl0bQ==', grant.proof)).toBe(false);
    expect(audited('enroll_desk')[0]).toMatchObject({ entity_id: made.id });

    // Single use.
    expect(errorCode(await from('192.168.1.32').call('server.enroll', { code: made.code, deskName: 'DESK-3' }))).toBe(
      'ENROLLMENT_INVALID',
    );
    const listed = expectOk<'server.enrollments'>(await admin.call('server.enrollments', {}));
    expect(listed[0]).toMatchObject({ id: made.id, status: 'redeemed', deskName: 'DESK-2', redeemedAddress: '192.168.1.31' });
    // A used code has nothing left to withdraw.
    expect(errorCode(await admin.call('server.revokeEnrollment', { id: made.id }))).toBe('CONFLICT');
  });

  it('refuses an expired or withdrawn code, and only an administrator makes, lists or withdraws codes', async () => {
    const old = expectOk<'server.createEnrollment'>(
      await (await core.signIn('admin')).call('server.createEnrollment', { label: 'old' }),
    );
    core.clock.advance(24 * HOUR);
    const admin = await core.signIn('admin');
    expect(errorCode(await from('10.0.0.5').call('server.enroll', { code: old.code, deskName: 'D' }))).toBe('ENROLLMENT_INVALID');

    const withdrawn = expectOk<'server.createEnrollment'>(await admin.call('server.createEnrollment', { label: 'withdrawn' }));
    expectOk(await admin.call('server.revokeEnrollment', { id: withdrawn.id }));
    expect(audited('revoke_enrollment')).toHaveLength(1);
    expect(errorCode(await from('10.0.0.6').call('server.enroll', { code: withdrawn.code, deskName: 'D' }))).toBe(
      'ENROLLMENT_INVALID',
    );
    const states = expectOk<'server.enrollments'>(await admin.call('server.enrollments', {})).map((e) => [e.label, e.status]);
    expect(states).toEqual([
      ['withdrawn', 'revoked'],
      ['old', 'expired'],
    ]);

    const operator = await core.signIn('operator');
    expect(errorCode(await operator.call('server.createEnrollment', { label: 'x' }))).toBe('FORBIDDEN');
    expect(errorCode(await operator.call('server.enrollments', {}))).toBe('FORBIDDEN');
    expect(errorCode(await core.connect().call('server.revokeEnrollment', { id: old.id }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await admin.call('server.createEnrollment', { label: '' }))).toBe('BAD_INPUT');
    expect(errorCode(await admin.call('server.revokeEnrollment', { id: '0190a0b0-0000-7000-8000-000000000000' }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await from('10.0.0.7').call('server.enroll', { code: 'x'.repeat(41), deskName: 'D' }))).toBe('BAD_INPUT');
  });

  it('holds against guessing: rate-limited like sign-in, failures audited one row per address and minute, nothing else written', async () => {
    const admin = await core.signIn('admin');
    const real = expectOk<'server.createEnrollment'>(await admin.call('server.createEnrollment', { label: 'real' }));
    const before = countRows(core.db, 'audit_log');
    const sockets = Array.from({ length: 10 }, () => from('10.6.6.6'));
    const codes: (string | null)[] = [];
    for (let i = 0; i < 60; i++) {
      const guess = `ABCD-EFGH-${String(1000 + i)}`;
      codes.push(errorCode(await sockets[i % sockets.length]!.call('server.enroll', { code: guess, deskName: 'X' })));
    }
    expect(codes.filter((c) => c === 'ENROLLMENT_INVALID').length).toBeLessThanOrEqual(ADDRESS_ATTEMPTS_PER_MINUTE);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThan(30);
    expect(countRows(core.db, 'audit_log') - before).toBe(1);
    expect(countRows(core.db, 'desk_enrollments')).toBe(1);
    // Even the right code waits while the address is slowed down …
    expect(errorCode(await from('10.6.6.6').call('server.enroll', { code: real.code, deskName: 'X' }))).toBe('RATE_LIMITED');
    // … while a desk at another address enrolls at once.
    expect(errorCode(await from('10.6.6.7').call('server.enroll', { code: real.code, deskName: 'Y' }))).toBeNull();
  });

  it('says so when the server speaks no HTTPS, and keeps the code valid', async () => {
    const plain = startTestCore();
    try {
      const admin = await plain.signIn('admin');
      const made = expectOk<'server.createEnrollment'>(await admin.call('server.createEnrollment', { label: 'l' }));
      const refused = await plain.app
        .connect(() => {}, { address: '10.0.0.9' })
        .call('server.enroll', { code: made.code, deskName: 'D' });
      expect(refused.ok ? null : refused.error.message).toMatch(/does not speak HTTPS/);
      expect(expectOk<'server.enrollments'>(await admin.call('server.enrollments', {}))[0]!.status).toBe('pending');
    } finally {
      plain.stop();
    }
  });

  it('lists codes through an index', () => {
    expect(
      queryPlan(
        core.db,
        `SELECT e.id FROM desk_enrollments e LEFT JOIN users u ON u.id = e.created_by ORDER BY e.created_at DESC LIMIT 200`,
      ),
    ).toMatch(/desk_enrollments_by_created/);
  });
});
