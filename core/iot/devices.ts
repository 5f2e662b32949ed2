import type { Device, DeviceInput, OutputOf, ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import { RELATION_RANK } from '../../common/iot';
import type { Role } from '../../common/roles';
import {
  deleteDevice as deleteDeviceRow,
  findDeviceByCode,
  getDevice,
  insertDevice,
  listDevices,
  updateDevice,
  type DeviceRecord,
} from '../../db/queries/iot';
import { getVillage, listVillages } from '../../db/queries/org';
import { audit, requireActor, type ServiceContext } from '../context';
import { maskPhone } from '../events/search-text';

/** Roles that see residents' and contacts' full numbers in the registry: they keep it or make the calls. */
const SEES_PHONES: readonly Role[] = ['admin', 'operator'];

/** Family and neighbours before village staff: the order the operator calls them in. Stable within a rank. */
export function orderContacts<C extends { relation: keyof typeof RELATION_RANK }>(contacts: C[]): C[] {
  return contacts
    .map((c, i) => ({ c, i }))
    .sort((a, b) => RELATION_RANK[a.c.relation] - RELATION_RANK[b.c.relation] || a.i - b.i)
    .map(({ c }) => c);
}

export function toDevice(d: DeviceRecord, villageName: string | null, role: Role): Device {
  const phone = (p: string) => (SEES_PHONES.includes(role) ? p : (maskPhone(p) ?? ''));
  return {
    id: d.id,
    code: d.code,
    kind: d.kind,
    villageId: d.villageId,
    villageName,
    address: d.address,
    residentName: d.residentName,
    residentPhone: phone(d.residentPhone),
    contacts: d.contacts.map((c) => ({ ...c, phone: phone(c.phone) })),
    installedAt: d.installedAt,
    note: d.note,
    updatedAt: d.updatedAt,
  };
}

export function devices(ctx: ServiceContext, input: ParsedInputOf<'iot.devices'>): OutputOf<'iot.devices'> {
  const actor = requireActor(ctx);
  const names = new Map(listVillages(ctx.db).map((v) => [v.id, v.name]));
  const page = listDevices(ctx.db, input);
  return {
    rows: page.rows.map((d) => toDevice(d, d.villageId ? (names.get(d.villageId) ?? null) : null, actor.role)),
    total: page.total,
  };
}

/** Writes one device (new or changed), without audit: callers audit once per user action. */
export function writeDevice(ctx: ServiceContext, id: string | undefined, input: DeviceInput): { id: string; created: boolean } {
  if (input.villageId && !getVillage(ctx.db, input.villageId))
    throw new AppError('NOT_FOUND', 'That village or community does not exist. Reload the directory.');
  const clash = findDeviceByCode(ctx.db, input.code);
  const now = ctx.now();
  const existing = id ? getDevice(ctx.db, id) : undefined;
  if (id && !existing) throw new AppError('NOT_FOUND', 'That detector is no longer in the registry. Reload the list.');
  if (clash && clash.id !== id)
    throw new AppError('DUPLICATE_NAME', `Device code ${input.code} is already registered; each detector has its own code.`);
  const record: DeviceRecord = {
    id: existing?.id ?? ctx.newId(),
    ...input,
    contacts: orderContacts(input.contacts),
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  if (existing) updateDevice(ctx.db, record);
  else insertDevice(ctx.db, record);
  return { id: record.id, created: !existing };
}

export function saveDevice(ctx: ServiceContext, input: ParsedInputOf<'iot.saveDevice'>): OutputOf<'iot.saveDevice'> {
  const saved = writeDevice(ctx, input.id, input.device);
  // No phone numbers in the audit log: it is read more widely than the registry.
  audit(ctx, {
    action: saved.created ? 'create' : 'update',
    entity: 'iot_device',
    entityId: saved.id,
    summary: { code: input.device.code, address: input.device.address, contacts: input.device.contacts.length },
  });
  ctx.publish({ topic: 'iot.changed', payload: {} });
  return { id: saved.id };
}

export function deleteDevice(ctx: ServiceContext, input: { id: string }): null {
  const device = getDevice(ctx.db, input.id);
  if (!device || deleteDeviceRow(ctx.db, input.id) === 0)
    throw new AppError('NOT_FOUND', 'That detector is no longer in the registry. Reload the list.');
  audit(ctx, { action: 'delete', entity: 'iot_device', entityId: input.id, summary: { code: device.code } });
  ctx.publish({ topic: 'iot.changed', payload: {} });
  return null;
}
