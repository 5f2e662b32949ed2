import { onMounted, onUnmounted, ref, watch } from 'vue';
import { useRouter } from 'vue-router';
import { useAuthStore } from '@/stores/auth';
import { formatDateTime } from '@/utils/time';

/** A TV is left alone for hours: keep its read-only session from timing out (60 min idle) while the wall is open. */
const KEEP_ALIVE_MS = 10 * 60 * 1000;

/** The wall's clock (the browser's own, no request), the session keep-alive, and the way back after sign-in. */
export function useWallClock() {
  const auth = useAuthStore();
  const router = useRouter();
  const now = ref(formatDateTime(Date.now()));
  let tick: ReturnType<typeof setInterval> | undefined;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    tick = setInterval(() => (now.value = formatDateTime(Date.now())), 1000);
    keepAlive = setInterval(() => void auth.refresh(), KEEP_ALIVE_MS);
  });
  // The session ended (a dropped link ends it with the socket): sign in again and come straight back here.
  watch(
    () => auth.user,
    (user) => {
      if (!user) void router.replace({ name: 'login', query: { redirect: '/wall' } });
    },
  );
  onUnmounted(() => {
    clearInterval(tick);
    clearInterval(keepAlive);
  });
  return { now };
}
