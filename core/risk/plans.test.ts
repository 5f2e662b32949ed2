import { describe } from 'vitest';
import {
  countConclusions,
  listRiskAttachments,
  listRiskMethods,
  listRiskReviews,
  listRiskTasks,
  listRisks,
} from '../../db/queries/risk';
import { listTimeline } from '../../db/queries/timeline';
import { itUsesIndexes } from '../testing/query-plans';

describe('risk-register query plans', () => {
  itUsesIndexes(
    [
      { name: 'the register of a year', run: (db) => listRisks(db, 0, 1), index: /risk_assessments_by_created/ },
      { name: 'conclusions of a year', run: (db) => countConclusions(db, 0, 1), index: /risk_assessments_by_decided/ },
      { name: 'method records', run: (db) => listRiskMethods(db, 'r'), index: /risk_methods_by_assessment/ },
      { name: 'mitigation tasks', run: (db) => listRiskTasks(db, 'r'), index: /risk_tasks_by_assessment/ },
      { name: 'reviews', run: (db) => listRiskReviews(db, 'r'), index: /risk_reviews_by_assessment/ },
      {
        name: 'timeline',
        run: (db) => listTimeline(db, 'risk_assessment', 'r'),
        index: /risk_assessment_actions_by_assessment/,
      },
      { name: 'files of a method record', run: (db) => listRiskAttachments(db, 'm'), index: /risk_attachments_by_method/ },
    ],
    /risk_\w+/,
  );
});
