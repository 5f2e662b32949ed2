import { ElMessage } from 'element-plus';
import { ConsoleCallError } from './api';
import { i18n } from './i18n';
import { chinaWallClock, DAY_MS } from '../../../../common/china-time';

const CHINA = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** A moment (epoch ms or ISO) in China time; '—' when absent. */
export function chinaTime(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? CHINA.format(ms) : '—';
}

export const percent = (x: number) => `${(Math.round(x * 10_000) / 100).toFixed(2)}%`;

/** Shows a failed call by its stable code, in the page's language. */
export function showError(error: unknown): void {
  const t = i18n.global.t;
  if (error instanceof ConsoleCallError) {
    const key = `errors.${error.code}`;
    ElMessage.error(i18n.global.te(key) ? t(key, { message: error.message }) : error.message);
  } else ElMessage.error(error instanceof Error ? error.message : String(error));
}

/** Runs an action, showing its failure; resolves to whether it succeeded. */
export async function attempt(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (error) {
    showError(error);
    return false;
  }
}

/** The current quarter in China time, like 2026-Q4. */
export function currentQuarter(now = Date.now()): string {
  const d = chinaWallClock(now);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** A date N days from today in China time, yyyy-mm-dd. */
export function chinaDay(offsetDays = 0, now = Date.now()): string {
  return chinaWallClock(now + offsetDays * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

export function download(fileName: string, base64: string, type: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
