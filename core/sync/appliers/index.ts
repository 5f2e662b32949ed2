import type { MessageData, MessageType } from '../../../common/protocol';
import type { ApplyContext } from '../apply-context';
import { applyAssignment } from './assignment';
import { applyEscalationReply } from './escalation-reply';
import { applyIotAlarm } from './iot-alarm';
import { applyNotice } from './notice';
import { applyReferenceData } from './reference-data';
import { applyStatusUpdate } from './status-update';
import { applySupervisionOrder } from './supervision-order';

export type Applier<T extends MessageType> = (ctx: ApplyContext, data: MessageData<T>) => void;

/** One applier per message type of PROTOCOL.md; a missing one is a compile error. */
export const APPLIERS: { [T in MessageType]: Applier<T> } = {
  assignment: applyAssignment,
  iot_alarm: applyIotAlarm,
  reference_data: applyReferenceData,
  supervision_order: applySupervisionOrder,
  escalation_reply: applyEscalationReply,
  status_update: applyStatusUpdate,
  notice: applyNotice,
};
