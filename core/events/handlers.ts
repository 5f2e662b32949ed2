import type { HandlersOf } from '../handler-types';
import { batch, batchCheck } from './batch';
import { exportQueue } from './export';
import { eventSheet } from './sheet';
import { eventAttachment, eventDetail } from './detail';
import { createEvent, duplicatesOf, findDuplicates } from './intake';
import { act } from './lifecycle';
import { queue } from './queue';
import { reference } from './reference';
import { routing } from './routing';

export const eventsHandlers: HandlersOf<'events'> = {
  'events.reference': reference,
  'events.create': createEvent,
  'events.duplicates': findDuplicates,
  'events.duplicatesOf': duplicatesOf,
  'events.queue': queue,
  'events.get': eventDetail,
  'events.act': act,
  'events.routing': routing,
  'events.attachment': eventAttachment,
  'events.batchCheck': batchCheck,
  'events.batch': batch,
  'events.export': exportQueue,
  'events.sheet': eventSheet,
};
