import type { OutputOf } from '../../common/contract';
import { listCategories, listTemplates } from '../../db/queries/reference';
import { disabledCategoryIds } from '../../db/queries/reference-admin';
import type { ServiceContext } from '../context';

/**
 * Every category, so existing events keep their names; a disabled one (or a
 * sub-category of a disabled one) is marked, and the intake form leaves it out.
 */
export function reference(ctx: ServiceContext): OutputOf<'events.reference'> {
  const disabled = disabledCategoryIds(ctx.db);
  return {
    categories: listCategories(ctx.db).map(({ id, parentId, code, name }) => ({
      id,
      parentId,
      code,
      name,
      disabled: disabled.has(id) || (parentId !== null && disabled.has(parentId)),
    })),
    templates: listTemplates(ctx.db),
  };
}
