import type { ServiceContext } from '../context';
import type { HandlersOf } from '../handler-types';
import { findings, orderFindings, recordFinding } from './findings';
import { ledger } from './ledger';
import { answer, decide, issue } from './orders';
import { orderPdf } from './print';
import { attachment, draft, get, list } from './read';
import { setSettings, suggestions } from './suggestions';

export const supervisionHandlers: HandlersOf<'supervision'> = {
  'supervision.list': list,
  'supervision.get': get,
  'supervision.draft': draft,
  'supervision.issue': issue,
  'supervision.answer': answer,
  'supervision.decide': decide,
  'supervision.suggestions': (ctx: ServiceContext) => suggestions(ctx),
  'supervision.setSettings': setSettings,
  'supervision.findings': findings,
  'supervision.recordFinding': recordFinding,
  'supervision.orderFindings': orderFindings,
  'supervision.orderPdf': orderPdf,
  'supervision.ledger': ledger,
  'supervision.attachment': attachment,
};
