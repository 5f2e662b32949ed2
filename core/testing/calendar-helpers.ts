import { chinaMs, formatChinaTime } from '../calendar/china-time';

/** China wall-clock time → epoch ms, so expected values read like the dates people talk about. */
export const cn = chinaMs;

/** Exact moment as China time ('2026-10-08 09:00', with ':ss.SSS' when not on a minute): readable failures. */
export const show = formatChinaTime;

/** Deterministic PRNG (mulberry32) so property tests replay the same cases. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
