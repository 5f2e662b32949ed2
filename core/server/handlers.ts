import type { HandlersOf } from '../handler-types';
import { createEnrollment, enroll, enrollments, revoke } from './enrollment';
import { certificate, install } from './service';

export const serverHandlers: HandlersOf<'server'> = {
  'server.certificate': certificate,
  'server.installCertificate': install,
  'server.createEnrollment': createEnrollment,
  'server.enrollments': enrollments,
  'server.revokeEnrollment': revoke,
  'server.enroll': enroll,
};
