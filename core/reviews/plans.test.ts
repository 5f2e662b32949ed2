import { describe } from 'vitest';
import {
  eventsOfCategoryBetween,
  improvementOfOrder,
  improvementsOfRule,
  listImprovements,
  listReviewEventIds,
  listReviews,
  reviewCandidates,
  reviewSerialsOfEvent,
  wasEscalated,
} from '../../db/queries/reviews';
import { listTimeline } from '../../db/queries/timeline';
import { itUsesIndexes } from '../testing/query-plans';

describe('review query plans', () => {
  itUsesIndexes(
    [
      { name: 'reviews of a year', run: (db) => listReviews(db, 0, 1), index: /reviews_by_opened/ },
      { name: 'covered events', run: (db) => listReviewEventIds(db, 'r'), index: /PRIMARY KEY \(review_id=\?\)/ },
      { name: 'improvement actions', run: (db) => listImprovements(db, 'r'), index: /review_improvements_by_review/ },
      { name: 'the action an order came from', run: (db) => improvementOfOrder(db, 'o'), index: /review_improvements_by_order/ },
      { name: 'timeline', run: (db) => listTimeline(db, 'review', 'r'), index: /review_actions_by_review/ },
      { name: 'rule changes of a category', run: (db) => improvementsOfRule(db, 'c'), index: /review_improvements_by_rule/ },
      { name: 'reviews of an event', run: (db) => reviewSerialsOfEvent(db, 'e'), index: /review_events_by_event/ },
      { name: 'escalated or not', run: (db) => wasEscalated(db, 'e'), index: /event_actions_by_event/ },
      { name: 'candidates', run: (db) => reviewCandidates(db, 0, 10), index: /events_by_reported/ },
      {
        name: 'a category’s events in a window',
        run: (db) => eventsOfCategoryBetween(db, 'c', 0, 1, 10),
        index: /events_by_category_reported/,
      },
    ],
    /reviews?_\w+|reviews|events|event_actions/,
  );
});
