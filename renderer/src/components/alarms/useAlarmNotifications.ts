import { watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { AlarmRow } from '@common/contract';
import { browserStorage, readText, writeText } from '@/utils/storage';

/** More new alarms than this in one update become one summary notification: a storm must not bury the desktop. */
const MAX_SINGLE = 3;

const ASKED_KEY = 'command-room.notifications-asked';

/**
 * Ask for the notification permission once per browser, on the first tap or
 * click: phone browsers ignore (or count against the page) a request made
 * without a user gesture, and asking again after a "no" only annoys.
 */
export function askNotificationPermissionOnce(storage = browserStorage()): void {
  if (Notification.permission !== 'default' || readText(storage, ASKED_KEY)) return;
  const ask = () => {
    window.removeEventListener('pointerdown', ask, true);
    if (readText(storage, ASKED_KEY)) return;
    writeText(storage, ASKED_KEY, String(Date.now()));
    void Notification.requestPermission().catch(() => undefined);
  };
  window.addEventListener('pointerdown', ask, { capture: true, once: true });
}

/**
 * Desktop notifications for new alarms (or an alarm sounding again), through
 * the Web Notification API: Electron shows them as native notifications (the
 * shell allows this one permission), a browser when the user permitted it.
 */
export function useAlarmNotifications(alarms: Ref<AlarmRow[]>, enabled: Ref<boolean>, open: (alarm: AlarmRow) => void): void {
  const { t } = useI18n();
  const seen = new Map<string, number>();
  const supported = typeof window !== 'undefined' && 'Notification' in window;
  // Only roles that hear alarms are asked (enabled is false for everyone else).
  watch(enabled, (on) => on && supported && askNotificationPermissionOnce(), { immediate: true });

  function show(title: string, body: string, tag: string, onClick: () => void): void {
    try {
      const n = new Notification(title, { body, tag, requireInteraction: true });
      n.onclick = () => {
        window.focus();
        onClick();
        n.close();
      };
    } catch {
      // A browser that refuses page notifications still has the bar and the sound.
    }
  }

  watch([alarms, enabled], ([list, on]) => {
    const fresh = list.filter((a) => (seen.get(a.id) ?? 0) < a.count);
    for (const a of list) seen.set(a.id, a.count);
    if (!on || !supported || Notification.permission !== 'granted' || fresh.length === 0) return;
    if (fresh.length > MAX_SINGLE) {
      show(t('iot.alarms.dialogTitle'), t('iot.alarms.bar', { count: fresh.length }), 'alarms-summary', () => open(fresh[0]!));
      return;
    }
    for (const a of fresh)
      show(t('iot.alarms.notificationTitle', { kind: t(`iot.alarms.kinds.${a.kind}`) }), `${a.serial} ${a.title}`, a.id, () =>
        open(a),
      );
  });
}
