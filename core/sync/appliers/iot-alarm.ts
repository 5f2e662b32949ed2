import { IotAlarmMessage } from '../../../common/iot';
import type { MessageData } from '../../../common/protocol';
import { receiveIotAlarm } from '../../iot/alarms';
import { Rejection, type ApplyContext } from '../apply-context';

/**
 * The county's smoke-detector alarm goes through the alarms feature: a 特急
 * fire-safety event at once, or the open event of the same detector when it
 * alarmed within 30 minutes; the alarm sounds on every operator's screen.
 */
export function applyIotAlarm(ctx: ApplyContext, data: MessageData<'iot_alarm'>): void {
  const alarm = IotAlarmMessage.safeParse(data);
  if (!alarm.success) {
    throw new Rejection('INVALID', `The IoT alarm cannot be used here: ${alarm.error.issues.map((i) => i.message).join('; ')}`);
  }
  const outcome = receiveIotAlarm(ctx, alarm.data, 'county');
  ctx.result(outcome.eventId, outcome.attached ? 'attached to the open event of this detector' : '');
}
