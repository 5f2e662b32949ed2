import { describe, expect, it } from 'vitest';
// Relative imports: these tests run in plain Node under any vitest config.
import {
  FINDING_STATES,
  ORDER_ACTIONS,
  ORDER_COLOURS,
  ORDER_SOURCES,
  ORDER_STATES,
  ORDER_STRENGTHS,
  ORDER_TARGETS,
  SUGGESTION_KINDS,
} from '../../../common/supervision';
import enUS from './en-US';
import zhCN from './zh-CN';

const SECTIONS: [string, readonly string[]][] = [
  ['strengths', ORDER_STRENGTHS],
  ['colours', ORDER_COLOURS],
  ['states', ORDER_STATES],
  ['targets', ORDER_TARGETS],
  ['sources', ORDER_SOURCES],
  ['findingStates', FINDING_STATES],
  ['actions', ORDER_ACTIONS],
  ['suggestions.kinds', SUGGESTION_KINDS],
  // What the core writes on an order's and on an event's timeline.
  ['timelineKinds', ['issue', 'reissue', 'receive', 'answer', 'accept', 'reject']],
  ['eventKinds', ['chase', 'supervise', 'supervise_answer', 'supervise_accept', 'supervise_reject']],
];

function lookup(messages: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

describe('supervision messages', () => {
  it.each(SECTIONS)('name every value of %s in both languages', (section, values) => {
    for (const messages of [zhCN.supervision, enUS.supervision]) {
      for (const value of values) {
        const text = lookup(messages, `${section}.${value}`);
        expect(typeof text === 'string' && text.length > 0, `${section}.${value}`).toBe(true);
      }
      expect(Object.keys(lookup(messages, section) as object).sort()).toEqual([...values].sort());
    }
  });

  it('is Chinese first', () => {
    expect(zhCN.supervision.strengths.flagged).toBe('挂牌督办');
    expect(zhCN.supervision.nav).toBe('督查督办');
  });
});
