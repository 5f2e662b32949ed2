import { describe } from 'vitest';
import {
  assignmentsDueByUnit,
  campaignsOfRange,
  hotSpots,
  ordersAccepted,
  ordersIssued,
  ordersOpenOverdue,
  reportedByTopCategory,
  reportedByVillage,
  risksRegistered,
} from '../../db/queries/monthly';
import { itUsesIndexes } from '../testing/query-plans';

describe('monthly-analysis query plans', () => {
  itUsesIndexes(
    [
      { name: 'reported by category', run: (db) => reportedByTopCategory(db, 0, 1), index: /events_by_reported/ },
      { name: 'reported by village', run: (db) => reportedByVillage(db, 0, 1), index: /events_by_reported/ },
      { name: 'hot spots', run: (db) => hotSpots(db, 0, 1, 2, 10), index: /events_by_reported/ },
      { name: 'lead assignments due', run: (db) => assignmentsDueByUnit(db, 0, 1, 1), index: /event_units_by_handle_due/ },
      { name: 'orders issued', run: (db) => ordersIssued(db, 0, 1), index: /supervision_orders_by_issued/ },
      { name: 'orders accepted', run: (db) => ordersAccepted(db, 0, 1), index: /supervision_orders_by_state_/ },
      { name: 'orders open past due', run: (db) => ordersOpenOverdue(db, 0, 1, 1), index: /supervision_orders_by_state_due/ },
      { name: 'campaigns of the month', run: (db) => campaignsOfRange(db, 0, 1), index: /campaign_events_by_campaign/ },
      { name: 'risk assessments registered', run: (db) => risksRegistered(db, 0, 1), index: /risk_assessments_by_created/ },
    ],
    /events|event_units|supervision_orders|risk_assessments/,
  );
});
