import type { OutputOf } from '../../common/contract';
import { listCategories, listTemplates } from '../../db/queries/reference';
import { disabledCategoryIds } from '../../db/queries/reference-admin';
import type { ServiceContext } from '../context';

/** What the forms offer: disabled categories (and the sub-categories of a disabled one) are left out. */
export function reference(ctx: ServiceContext): OutputOf<'events.reference'> {
  const disabled = disabledCategoryIds(ctx.db);
  return {
    categories: listCategories(ctx.db)
      .filter((c) => !disabled.has(c.id) && !(c.parentId && disabled.has(c.parentId)))
      .map(({ id, parentId, code, name }) => ({ id, parentId, code, name })),
    templates: listTemplates(ctx.db),
  };
}
