import { describe, expect, it } from 'vitest';
import { EventActionInput } from '../../../../../common/contract';
import { EVENT_ACTIONS } from '../../../../../common/events';
import { ACTION_FIELDS, blankActForm, buildActInput, type ActForm, type SimpleAction } from './actionForms';

const ID = '0190a5b4-7c3e-7a10-8f00-000000000001';
const OTHER = '0190a5b4-7c3e-7a10-8f00-000000000002';

function filled(action: SimpleAction): ActForm {
  return {
    ...blankActForm(action),
    note: '  备注  ',
    reason: '不属于本单位职能',
    reasonCode: 'not_our_function',
    decision: 'uphold',
    resolvedLevel: 'village',
    satisfaction: 'satisfied',
    approve: 'yes',
    requestedDue: '2026-12-01 18:00',
    intoId: OTHER,
  };
}

describe('simple action forms build what the contract accepts', () => {
  const simple = EVENT_ACTIONS.filter((action): action is SimpleAction => action !== 'dispatch' && action !== 'feedback');

  it('covers every action except dispatch and feedback', () => {
    expect(Object.keys(ACTION_FIELDS).sort()).toEqual([...simple].sort());
  });

  it.each(simple)('%s', (action) => {
    const input = buildActInput(action, ID, filled(action));
    const parsed = EventActionInput.safeParse(input);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(input.action).toBe(action);
  });

  it('leaves an empty note out and trims the rest', () => {
    expect(buildActInput('sign', ID, blankActForm('sign'))).toEqual({ action: 'sign', id: ID });
    expect(buildActInput('register', ID, filled('register'))).toEqual({ action: 'register', id: ID, note: '备注' });
  });

  it('reads the requested deadline on the township’s clock', () => {
    const input = buildActInput('requestExtension', ID, filled('requestExtension'));
    expect(input).toMatchObject({ requestedDue: Date.UTC(2026, 11, 1, 10, 0) });
  });

  it('preselects the township as the level a verified event was resolved at', () => {
    expect(blankActForm('verify').resolvedLevel).toBe('township');
    expect(blankActForm('callback').satisfaction).toBe('');
  });
});
