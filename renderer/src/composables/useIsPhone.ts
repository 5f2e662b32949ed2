import { readonly, ref, type Ref } from 'vue';

/** Below this width the app takes its phone layout: bottom tabs, cards, full-screen sheets. */
export const PHONE_MAX_WIDTH = 767;
/** Below this width (a tablet, 1024 × 768) the side menu shrinks to its icons. */
export const NARROW_MAX_WIDTH = 1279;

export const PHONE_QUERY = `(max-width: ${PHONE_MAX_WIDTH}px)`;
export const NARROW_QUERY = `(max-width: ${NARROW_MAX_WIDTH}px)`;

/**
 * One shared, reactive answer per media query for the whole app: every
 * component reads the same ref, and only one listener per query is ever added
 * (components come and go, the screen does not).
 */
const shared = new Map<string, Ref<boolean>>();

export function useMediaQuery(query: string): Readonly<Ref<boolean>> {
  let state = shared.get(query);
  if (!state) {
    const matcher = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(query) : null;
    const created = ref(matcher?.matches ?? false);
    matcher?.addEventListener('change', (event) => (created.value = event.matches));
    shared.set(query, created);
    state = created;
  }
  return readonly(state);
}

/** True on a phone-sized screen (≤ 767 px wide), live as the window is resized or the phone turned. */
export function useIsPhone(): Readonly<Ref<boolean>> {
  return useMediaQuery(PHONE_QUERY);
}

/** True on a tablet or a narrow window (≤ 1279 px), where the desk layout must save width. */
export function useIsNarrow(): Readonly<Ref<boolean>> {
  return useMediaQuery(NARROW_QUERY);
}

/** Forget the shared answers: tests stub matchMedia per case. */
export function resetMediaQueries(): void {
  shared.clear();
}
