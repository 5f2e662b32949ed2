import type { CertificateInfo } from '../../common/contract';
import { audit, type ServiceContext } from '../context';
import { certificateInfo, installCertificate } from './certificate';

export function certificate(ctx: ServiceContext): CertificateInfo | null {
  return certificateInfo(ctx.dataDir);
}

/**
 * Checked (a certificate, its key, valid now) before anything is written; the
 * files are written last, so a refused pair leaves the current one in place.
 * The key never reaches the audit log.
 */
export function install(ctx: ServiceContext, input: { cert: string; key: string }): CertificateInfo {
  const info = installCertificate(ctx.dataDir, input.cert, input.key, ctx.now());
  audit(ctx, {
    action: 'install_certificate',
    entity: 'server',
    summary: { fingerprint: info.fingerprint, subject: info.subject, notAfter: info.notAfter },
  });
  return info;
}
