import { AppError } from '../../../common/errors';
import type { MessageData } from '../../../common/protocol';
import { receiveCountyOrder } from '../../supervision/county-orders';
import { Rejection, type ApplyContext } from '../apply-context';

/** A county order to the township becomes a supervision order here; only its answers go back up. */
export function applySupervisionOrder(ctx: ApplyContext, data: MessageData<'supervision_order'>): void {
  try {
    const order = receiveCountyOrder(ctx, data);
    ctx.result(order.id, order.duplicate ? `already registered as ${order.serial}` : order.serial);
  } catch (error) {
    if (error instanceof AppError) throw new Rejection(error.code, error.message);
    throw error;
  }
}
