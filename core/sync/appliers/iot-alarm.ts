import type { MessageData } from '../../../common/protocol';
import type { ApplyContext } from '../apply-context';
import { createCountyEvent } from './county-events';

const KIND_NAMES: Record<string, string> = { smoke: '烟感报警', gas: '燃气报警', water: '水浸报警' };

function contactText(contact: unknown): string {
  if (typeof contact === 'string') return contact;
  const c = contact as { name?: unknown; phone?: unknown };
  return [c.name, c.phone].filter((x) => typeof x === 'string').join(' ');
}

/**
 * Interim until the IoT alarms feature exists: every alarm becomes a 特急
 * fire-safety event waiting to be verified (state reported); the alarm itself
 * stays in the county inbox. The alarms feature rewires this function.
 */
export function applyIotAlarm(ctx: ApplyContext, data: MessageData<'iot_alarm'>): void {
  const kind = KIND_NAMES[data.kind] ?? `物联报警（${data.kind}）`;
  const event = createCountyEvent(ctx, {
    title: `${kind}：${data.address}`.slice(0, 200),
    description: [
      `设备 ${data.deviceId} ${kind}`,
      data.resident ? `住户：${data.resident}` : '',
      data.contacts.length > 0 ? `紧急联系人：${data.contacts.map(contactText).join('；')}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
    categoryCode: 'fire',
    requestType: 'request',
    source: 'iot_alarm',
    priority: 'critical',
    riskColour: 'red',
    village: data.village,
    grid: '',
    address: data.address,
    reporterName: data.resident,
    reportedAt: data.at,
    countyRef: null,
    state: 'reported',
  });
  ctx.result(event.id);
}
