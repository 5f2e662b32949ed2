import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../app';
import { startEventsWorld, type EventsWorld } from '../testing/event-fixtures';
import { expectOk } from '../testing/core';
import { maskPhone } from './personal-data';

describe('personal data in what the core hands out', () => {
  let w: EventsWorld;
  let id: string;
  beforeAll(async () => {
    w = await startEventsWorld();
    id = await w.eventIn('dispatched'); // reporter 张三, 13812345678; lead unit = w.handler's unit
  }, 60_000);
  afterAll(() => w.core.stop());

  const detailPhone = async (who: Connection) => expectOk<'events.get'>(await who.call('events.get', { id })).reporterPhone;
  const listedPhone = async (who: Connection) =>
    expectOk<'events.queue'>(
      await who.call('events.queue', { filter: { view: 'all' }, sort: 'reported_desc', limit: 200 }),
    ).rows.find((r) => r.id === id)?.reporterPhone;

  it('shows the full phone in the detail only to the operator and the director', async () => {
    expect(await detailPhone(w.operator)).toBe('13812345678');
    expect(await detailPhone(w.director)).toBe('13812345678');
    for (const who of [w.handler, w.assessor, w.viewer]) expect(await detailPhone(who)).toBe('138****5678');
  });

  it('masks it in every list, whoever asks', async () => {
    for (const who of [w.operator, w.director, w.handler, w.assessor, w.viewer])
      expect(await listedPhone(who)).toBe('138****5678');
  });

  it('masks phones the usual way', () => {
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('0571-8888')).toBe('057**8888');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone(null)).toBeNull();
  });
});
