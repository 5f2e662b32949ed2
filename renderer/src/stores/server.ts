import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ActiveSession, CertificateInfo, Enrollment } from '@common/contract';
import { call, type ClientError } from '@/api/client';

/** The room server as its administrator sees it: the certificate desks pin, and who is signed in where. */
export const useServerStore = defineStore('server', () => {
  const certificate = ref<CertificateInfo | null>(null);
  const sessions = ref<ActiveSession[]>([]);
  const enrollments = ref<Enrollment[]>([]);
  const loading = ref(false);
  const loadError = ref<ClientError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    const [cert, list, codes] = await Promise.all([
      call('server.certificate', {}),
      call('auth.sessions', {}),
      call('server.enrollments', {}),
    ]);
    loading.value = false;
    loadError.value = !cert.ok ? cert.error : !list.ok ? list.error : !codes.ok ? codes.error : null;
    if (cert.ok) certificate.value = cert.value;
    if (list.ok) sessions.value = list.value;
    if (codes.ok) enrollments.value = codes.value;
  }

  async function endSession(id: string): Promise<ClientError | null> {
    const result = await call('auth.endSession', { id });
    await load();
    return result.ok ? null : result.error;
  }

  async function installCertificate(cert: string, key: string): Promise<ClientError | null> {
    const result = await call('server.installCertificate', { cert, key });
    if (!result.ok) return result.error;
    certificate.value = result.value;
    return null;
  }

  /** A new one-time code for a desk: returned once (the server keeps only its hash). */
  async function createEnrollment(label: string): Promise<{ code: string; expiresAt: number } | ClientError> {
    const result = await call('server.createEnrollment', { label });
    if (!result.ok) return result.error;
    await load();
    return { code: result.value.code, expiresAt: result.value.expiresAt };
  }

  async function revokeEnrollment(id: string): Promise<ClientError | null> {
    const result = await call('server.revokeEnrollment', { id });
    await load();
    return result.ok ? null : result.error;
  }

  function reset(): void {
    certificate.value = null;
    sessions.value = [];
    enrollments.value = [];
    loadError.value = null;
  }

  return {
    certificate,
    sessions,
    enrollments,
    loading,
    loadError,
    load,
    endSession,
    installCertificate,
    createEnrollment,
    revokeEnrollment,
    reset,
  };
});
