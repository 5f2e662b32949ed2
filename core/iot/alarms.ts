import type { OutputOf, ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import { FINAL_STATES, type EventState } from '../../common/events';
import { CONTACT_RELATIONS, REPEAT_WINDOW_MS, type ContactRelation, type IotAlarmMessage } from '../../common/iot';
import { getEvent, insertEvent, type EventRecord } from '../../db/queries/events';
import { alarmLogged, findDeviceByCode, insertIncident, latestIncident, logAlarm, repeatIncident } from '../../db/queries/iot';
import { findVillageByName, getVillage } from '../../db/queries/org';
import { findCategoryByCode } from '../../db/queries/reference';
import { raiseAlarm } from '../alarms/alarms';
import { formatChinaTime } from '../calendar';
import { audit, requireActor, type ServiceContext } from '../context';
import { indexForSearch, initialLifecycle, nextSerial } from '../events/intake';
import { recordEventChange } from '../events/case-file';
import { isoChina } from '../../common/china-time';
import { orderContacts } from './devices';

/** States in which an IoT event no longer takes repeats: a new alarm is a new event (a re-alarm). */
const ENDED: readonly EventState[] = ['closed', ...FINAL_STATES];
/** A new event within this time of the device's previous one is flagged as a re-alarm. */
export const REALARM_WINDOW_MS = 24 * 3600_000;

const KIND_NAMES: Record<string, string> = { smoke: '烟感', gas: '燃气', heat: '温感' };
const RELATION_WORDS: Record<string, ContactRelation> = {
  家属: 'family',
  邻居: 'neighbour',
  村干部: 'village_staff',
  网格员: 'village_staff',
};

/** Who lives there and who to call, as known when the alarm came: the county's message first, else the registry. */
export interface IncidentSnapshot {
  address: string;
  villageName: string | null;
  residentName: string;
  residentPhone: string;
  contacts: { name: string; relation: ContactRelation; phone: string }[];
}

function snapshotOf(
  ctx: ServiceContext,
  alarm: IotAlarmMessage,
): { snapshot: IncidentSnapshot; villageId: string | null; deviceId: string | null } {
  const device = findDeviceByCode(ctx.db, alarm.deviceId);
  const villageId = device?.villageId ?? (alarm.village ? (findVillageByName(ctx.db, alarm.village)?.id ?? null) : null);
  const resident = typeof alarm.resident === 'string' ? { name: alarm.resident } : alarm.resident;
  const relation = (r: string | undefined): ContactRelation =>
    !r ? 'other' : (RELATION_WORDS[r] ?? CONTACT_RELATIONS.find((k) => k === r) ?? 'other');
  const sent = alarm.contacts.map((c) => ({ name: c.name, relation: relation(c.relation), phone: c.phone }));
  return {
    deviceId: device?.id ?? null,
    villageId,
    snapshot: {
      address: alarm.address || device?.address || '',
      villageName: villageId ? (getVillage(ctx.db, villageId)?.name ?? null) : alarm.village || null,
      residentName: resident?.name || device?.residentName || '',
      residentPhone: resident?.phone || device?.residentPhone || '',
      contacts: sent.length > 0 ? orderContacts(sent) : (device?.contacts ?? []),
    },
  };
}

/**
 * The one entry point for an IoT alarm, from the county's `iot_alarm` message
 * (the sync applier) or the admin's test injector. Runs inside the caller's
 * transaction: a new 特急 fire-safety event, registered at once, with its
 * timeline, audit and outbox rows; or, for a repeat from the same device
 * within 30 minutes of its open event, a "repeat alarm" entry on that event.
 * Either way the audible alarm sounds. A message seen before changes nothing.
 */
export function receiveIotAlarm(
  ctx: ServiceContext,
  alarm: IotAlarmMessage,
  source: 'county' | 'test',
): { eventId: string; attached: boolean } {
  const seen = alarmLogged(ctx.db, alarm.id);
  if (seen) return { eventId: seen.eventId, attached: true };
  const now = ctx.now();
  const at = Math.min(Date.parse(alarm.at), now);
  const latest = latestIncident(ctx.db, alarm.deviceId);
  const log = (eventId: string, attached: boolean) =>
    logAlarm(ctx.db, {
      id: alarm.id,
      deviceCode: alarm.deviceId,
      at,
      receivedAt: now,
      source,
      eventId,
      attached: attached ? 1 : 0,
    });

  if (latest && !ENDED.includes(latest.state) && at - latest.lastAt <= REPEAT_WINDOW_MS) {
    const event = getEvent(ctx.db, latest.eventId)!;
    const count = repeatIncident(ctx.db, event.id, at);
    recordEventChange(ctx, event.id, {
      kind: 'repeat_alarm',
      fromState: event.state,
      toState: event.state,
      unitId: null,
      note: '',
      payload: JSON.stringify({ count, alarmId: alarm.id, at, source }),
    });
    raiseAlarm(ctx, event);
    log(event.id, true);
    return { eventId: event.id, attached: true };
  }

  const category = findCategoryByCode(ctx.db, 'fire.smoke_alarm') ?? findCategoryByCode(ctx.db, 'fire');
  if (!category)
    throw new AppError(
      'NOT_FOUND',
      'There is no fire-safety category (消防安全) to file IoT alarms under; ask the admin to restore it.',
    );
  const { snapshot, villageId, deviceId } = snapshotOf(ctx, alarm);
  const previous = latest ? getEvent(ctx.db, latest.eventId) : undefined;
  const realarm = !!latest && at - latest.lastAt <= REALARM_WINDOW_MS;
  const kindName = KIND_NAMES[alarm.kind] ?? alarm.kind;
  const event: Omit<EventRecord, 'rowid'> = {
    id: ctx.newId(),
    serial: nextSerial(ctx, now),
    title: `${realarm ? '【复警】' : ''}${kindName}报警：${snapshot.address || alarm.deviceId}`.slice(0, 120),
    description: [
      `物联感知设备 ${alarm.deviceId}（${kindName}）于 ${formatChinaTime(at).slice(0, 16)} 报警。`,
      snapshot.residentName ? `住户：${snapshot.residentName}。` : '',
      realarm && previous ? `该设备此前已报警（事件 ${previous.serial}），请重点核实。` : '',
      '请按住户→邻居→村社干部的顺序电话核实。',
    ].join(''),
    categoryId: category.id,
    requestType: 'request',
    source: 'iot_alarm',
    priority: 'critical',
    riskColour: 'red',
    villageId,
    gridId: null,
    address: snapshot.address,
    lat: null,
    lng: null,
    reporterName: null,
    reporterPhone: null,
    reportedAt: at,
    state: 'registered',
    ...initialLifecycle(now, ctx.actor?.userId ?? null),
  };
  const rowid = insertEvent(ctx.db, event);
  indexForSearch(ctx, rowid, event);
  // Before the timeline: the alarm raised with the `create` entry reads the re-alarm flag from here.
  insertIncident(ctx.db, {
    eventId: event.id,
    deviceCode: alarm.deviceId,
    deviceId,
    kind: alarm.kind,
    firstAt: at,
    lastAt: at,
    alarmCount: 1,
    previousEventId: previous?.id ?? null,
    realarm: realarm ? 1 : 0,
    outcome: null,
    snapshot: JSON.stringify(snapshot),
  });
  recordEventChange(ctx, event.id, {
    kind: 'create',
    fromState: null,
    toState: 'reported',
    unitId: null,
    note: '',
    payload: JSON.stringify({ source: 'iot_alarm', priority: 'critical', deviceCode: alarm.deviceId, alarmSource: source }),
  });
  recordEventChange(ctx, event.id, {
    kind: 'register',
    fromState: 'reported',
    toState: 'registered',
    unitId: null,
    note: '',
    payload: '{}',
  });
  if (realarm && previous) {
    recordEventChange(ctx, event.id, {
      kind: 'realarm',
      fromState: 'registered',
      toState: 'registered',
      unitId: null,
      note: '',
      payload: JSON.stringify({ previousEventId: previous.id, previousSerial: previous.serial, previousState: previous.state }),
    });
  }
  log(event.id, false);
  return { eventId: event.id, attached: false };
}

/** The admin's test injector: an alarm from a registered detector, shaped exactly like the county's. */
export function injectTestAlarm(
  ctx: ServiceContext,
  input: ParsedInputOf<'iot.injectTestAlarm'>,
): OutputOf<'iot.injectTestAlarm'> {
  requireActor(ctx);
  const device = findDeviceByCode(ctx.db, input.deviceCode);
  if (!device) throw new AppError('NOT_FOUND', `No detector with code ${input.deviceCode} is registered.`);
  const result = receiveIotAlarm(
    ctx,
    {
      id: ctx.newId(),
      deviceId: device.code,
      kind: input.kind,
      at: isoChina(ctx.now()),
      address: device.address,
      village: device.villageId ? (getVillage(ctx.db, device.villageId)?.name ?? '') : '',
      resident: { name: device.residentName, phone: device.residentPhone },
      contacts: device.contacts,
    },
    'test',
  );
  audit(ctx, {
    action: 'inject_test_alarm',
    entity: 'iot_device',
    entityId: device.id,
    summary: { code: device.code, ...result },
  });
  return result;
}
