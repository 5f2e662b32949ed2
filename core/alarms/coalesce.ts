/**
 * Turns a burst of triggers into at most one call per `ms`: the first trigger
 * of a quiet period fires after `ms`, later ones ride along. An alarm storm of
 * hundreds of alarms a second reaches each screen as a few pushes a second.
 * `ms = 0` fires at once (tests that do not care about timing).
 */
export function createCoalescer(fire: () => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    trigger(): void {
      if (ms === 0) return fire();
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        fire();
      }, ms);
      timer.unref?.();
    },
    /** Fires a pending call now (before shutdown) or drops it. */
    stop(flush = false): void {
      if (!timer) return;
      clearTimeout(timer);
      timer = null;
      if (flush) fire();
    },
  };
}
