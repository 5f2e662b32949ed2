import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AuditVerifyReport } from '@common/contract';
import { call, type ClientError } from '@/api/client';

/** The result of checking the audit log's hash chain. */
export const useAuditVerifyStore = defineStore('auditVerify', () => {
  const report = ref<AuditVerifyReport | null>(null);
  const verifying = ref(false);
  const error = ref<ClientError | null>(null);

  async function verify(): Promise<void> {
    verifying.value = true;
    const result = await call('audit.verify', {});
    verifying.value = false;
    if (result.ok) {
      report.value = result.value;
      error.value = null;
    } else error.value = result.error;
  }

  function reset(): void {
    report.value = null;
    error.value = null;
  }

  return { report, verifying, error, verify, reset };
});
