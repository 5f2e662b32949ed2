import type { OutputOf } from '../../common/contract';
import { listCategories, listTemplates } from '../../db/queries/reference';
import type { ServiceContext } from '../context';

export function reference(ctx: ServiceContext): OutputOf<'events.reference'> {
  return {
    categories: listCategories(ctx.db).map(({ id, parentId, code, name }) => ({ id, parentId, code, name })),
    templates: listTemplates(ctx.db),
  };
}
