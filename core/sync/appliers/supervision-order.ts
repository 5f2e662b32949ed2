import type { MessageData } from '../../../common/protocol';
import type { ApplyContext } from '../apply-context';

/**
 * Interim until the supervision feature exists: a county order is kept in the
 * county inbox (listed for the director by `sync.countyOrders`). The
 * supervision feature rewires this function to register the order.
 */
export function applySupervisionOrder(ctx: ApplyContext, data: MessageData<'supervision_order'>): void {
  ctx.result(data.id, `county order ${data.serial}`);
}
