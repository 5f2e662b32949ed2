import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ActiveSession, CertificateInfo } from '@common/contract';
import { call, type ClientError } from '@/api/client';

/** The room server as its administrator sees it: the certificate desks pin, and who is signed in where. */
export const useServerStore = defineStore('server', () => {
  const certificate = ref<CertificateInfo | null>(null);
  const sessions = ref<ActiveSession[]>([]);
  const loading = ref(false);
  const loadError = ref<ClientError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    const [cert, list] = await Promise.all([call('server.certificate', {}), call('auth.sessions', {})]);
    loading.value = false;
    loadError.value = !cert.ok ? cert.error : !list.ok ? list.error : null;
    if (cert.ok) certificate.value = cert.value;
    if (list.ok) sessions.value = list.value;
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

  function reset(): void {
    certificate.value = null;
    sessions.value = [];
    loadError.value = null;
  }

  return { certificate, sessions, loading, loadError, load, endSession, installCertificate, reset };
});
