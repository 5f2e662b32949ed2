import type { HandlersOf } from '../handler-types';
import { addItem, decideItem, evidenceFile } from './items';
import { publish, review, revise } from './lifecycle';
import { report } from './report';
import { judgeReturn } from './returns';
import { compute } from './runs';
import { view } from './view';
import { evidence, saveScheme, schemes } from './schemes';

export const assessmentHandlers: HandlersOf<'assessment'> = {
  'assessment.schemes': schemes,
  'assessment.saveScheme': saveScheme,
  'assessment.view': view,
  'assessment.compute': compute,
  'assessment.evidence': evidence,
  'assessment.addItem': addItem,
  'assessment.decideItem': decideItem,
  'assessment.evidenceFile': evidenceFile,
  'assessment.review': review,
  'assessment.publish': publish,
  'assessment.revise': revise,
  'assessment.judgeReturn': judgeReturn,
  'assessment.report': report,
};
