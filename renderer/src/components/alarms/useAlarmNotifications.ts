import { watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { AlarmRow } from '@common/contract';

/** More new alarms than this in one update become one summary notification: a storm must not bury the desktop. */
const MAX_SINGLE = 3;

/**
 * Desktop notifications for new alarms (or an alarm sounding again), through
 * the Web Notification API: Electron shows them as native notifications (the
 * shell allows this one permission), a browser when the user permitted it.
 */
export function useAlarmNotifications(alarms: Ref<AlarmRow[]>, enabled: Ref<boolean>, open: (alarm: AlarmRow) => void): void {
  const { t } = useI18n();
  const seen = new Map<string, number>();
  const supported = typeof window !== 'undefined' && 'Notification' in window;
  if (supported && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);

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
