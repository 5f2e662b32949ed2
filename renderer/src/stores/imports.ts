import { defineStore } from 'pinia';
import type { DownloadFile, OnboardingKind, OnboardingRowError } from '@common/contract';
import { call, type ClientError } from '@/api/client';
import { downloadBase64, XLSX_MIME } from '@/utils/download';

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: OnboardingRowError[];
  passwordSheet: DownloadFile | null;
}

const METHODS = {
  org: 'imports.org',
  units: 'imports.units',
  users: 'imports.users',
  history: 'imports.history',
} as const;

/** The onboarding imports (villages and grids, units, users, the old system's events) and their templates. */
export const useImportsStore = defineStore('imports', () => {
  async function downloadTemplate(kind: OnboardingKind): Promise<ClientError | null> {
    const result = await call('imports.template', { kind });
    if (!result.ok) return result.error;
    downloadBase64(result.value.fileName, result.value.dataBase64, XLSX_MIME);
    return null;
  }

  async function importFile(
    kind: OnboardingKind,
    fileName: string,
    dataBase64: string,
  ): Promise<{ error: ClientError } | ImportResult> {
    const result = await call(METHODS[kind], { fileName, dataBase64 });
    if (!result.ok) return { error: result.error };
    return { passwordSheet: null, ...result.value };
  }

  function savePasswordSheet(file: DownloadFile): void {
    downloadBase64(file.fileName, file.dataBase64, XLSX_MIME);
  }

  return { downloadTemplate, importFile, savePasswordSheet };
});
