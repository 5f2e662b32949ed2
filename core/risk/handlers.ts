import type { HandlersOf } from '../handler-types';
import { addTask, completeTask, create, decide, identify, rate, recordMethod, review } from './assessments';
import { ledger } from './ledger';
import { reportPdf } from './print';
import { attachment, get, list, yearCounts } from './read';

export const riskHandlers: HandlersOf<'risk'> = {
  'risk.list': list,
  'risk.get': get,
  'risk.create': create,
  'risk.identify': identify,
  'risk.recordMethod': recordMethod,
  'risk.rate': rate,
  'risk.decide': decide,
  'risk.addTask': addTask,
  'risk.completeTask': completeTask,
  'risk.review': review,
  'risk.yearCounts': yearCounts,
  'risk.reportPdf': reportPdf,
  'risk.ledger': ledger,
  'risk.attachment': attachment,
};
