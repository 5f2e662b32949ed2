import { chinaWallClock } from '../../common/china-time';
import { EVENT_TIMELINE_WORDS } from '../../common/event-words';

/**
 * Every timeline entry an event's paper may show, in the Chinese of the
 * township's own paper (台账, 处置单), whatever language the screen is in.
 */
export const TIMELINE_WORDS: Record<string, string> = {
  ...EVENT_TIMELINE_WORDS,
  chase: '催办',
  supervise: '督办',
  supervise_answer: '督办反馈',
  supervise_accept: '督办销号',
  supervise_reject: '督办退回',
};

/** Excel shows dates in the sheet's own time: China wall-clock time written as if it were UTC. */
export const chinaDate = (ms: number | null): Date | null => (ms === null ? null : chinaWallClock(ms));
/** 2026-12-01 09:30 in China time. */
export const chinaText = (ms: number | null): string =>
  ms === null ? '' : chinaWallClock(ms).toISOString().slice(0, 16).replace('T', ' ');
