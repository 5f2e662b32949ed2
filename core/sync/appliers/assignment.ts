import type { MessageData } from '../../../common/protocol';
import { findEventByCountyRef } from '../../../db/queries/sync';
import type { ApplyContext } from '../apply-context';
import { createCountyEvent } from './county-events';

/** 县级交办: a registered event, source county_assignment, keeping the county's id. Once per countyRef. */
export function applyAssignment(ctx: ApplyContext, data: MessageData<'assignment'>): void {
  const existing = findEventByCountyRef(ctx.db, data.countyRef);
  if (existing) {
    ctx.result(existing, 'already registered');
    return;
  }
  const event = createCountyEvent(ctx, {
    title: data.title,
    description: data.description,
    categoryCode: data.category,
    requestType: data.requestType,
    source: 'county_assignment',
    priority: data.priority,
    riskColour: data.riskColour,
    village: data.village,
    grid: data.grid,
    address: data.address,
    lat: data.lat,
    lng: data.lng,
    reporterName: data.reporterName,
    reporterPhone: data.reporterPhone,
    reportedAt: data.reportedAt,
    countyRef: data.countyRef,
    state: 'registered',
  });
  ctx.result(event.id);
}
