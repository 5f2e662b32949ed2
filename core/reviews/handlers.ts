import type { HandlersOf } from '../handler-types';
import { reportPdf } from './print';
import { candidates, forRule, get, list } from './read';
import { addImprovement, close, completeImprovement, conclude, open, orderImprovement, writeFindings } from './reviews';

export const reviewsHandlers: HandlersOf<'reviews'> = {
  'reviews.list': list,
  'reviews.get': get,
  'reviews.candidates': candidates,
  'reviews.open': open,
  'reviews.writeFindings': writeFindings,
  'reviews.addImprovement': addImprovement,
  'reviews.orderImprovement': orderImprovement,
  'reviews.completeImprovement': completeImprovement,
  'reviews.conclude': conclude,
  'reviews.close': close,
  'reviews.forRule': forRule,
  'reviews.reportPdf': reportPdf,
};
