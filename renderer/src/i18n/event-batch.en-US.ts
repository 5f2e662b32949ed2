import type eventBatchZh from './event-batch.zh-CN';

/** Batch actions and exports from the event queue. */
const eventBatchEn: typeof eventBatchZh = {
  batch: {
    checkPage: 'Select all on this page',
    selected: '{count} selected',
    clear: 'Clear selection',
    actions: {
      register: 'Register selected',
      dispatch: 'Dispatch selected',
      chase: 'Chase selected',
    },
    check: 'Check',
    recheck: 'Check again',
    confirm: 'Go ahead with the other {count}',
    movable: '{count} can go ahead',
    refusedTitle: 'These {count} cannot, and will be left out:',
    noneMovable: 'None of the selected events can take this action.',
    done: '{count} done',
    failed: 'The batch was not run; nothing changed: {reason}',
    dispatchDeadlines: 'Each event gets the handling deadline of its own rule (category and priority).',
    chaseHint: "A chase notice goes to each event's units, with the problem worded from that event's facts.",
    requirements: 'Requirements (optional; the standard text if left empty)',
    registerNote: 'Note (optional)',
    sheet: { title: 'Export sheet', xlsx: 'Excel workbook', pdf: 'PDF (A4, printable)' },
    exportQueue: 'Export to Excel',
    exported: '{count} events exported',
    columns: { serial: 'Serial', title: 'Title', state: 'State', reason: 'Reason' },
    reasons: {
      ILLEGAL_TRANSITION: 'It is “{state}”; this action is not possible now',
      NOT_FOUND: 'The event does not exist (it may have been removed)',
      CONFLICT: 'It already has an open supervision order; follow that one',
      NOT_OWNER: 'The county owns it; the township cannot act on it',
      FORBIDDEN: 'Your role may not do this',
      other: 'Not possible: {message}',
    },
  },
};

export default eventBatchEn;
