import type { HandlersOf } from '../handler-types';
import { monthlyAnalysis } from './figures';
import { reportPdf, workbook } from './outputs';

export const monthlyHandlers: HandlersOf<'monthly'> = {
  'monthly.get': monthlyAnalysis,
  'monthly.reportPdf': reportPdf,
  'monthly.workbook': workbook,
};
