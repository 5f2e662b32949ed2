import { z } from 'zod';
import { method } from './define';
import { MatterTemplate } from './events';
import { Id, Name, Nothing } from './shared';

const ADMIN = ['admin'] as const;
/** The administrator maintains the reference data; the director and the assessor read it. */
const READERS = ['admin', 'director', 'assessor'] as const;

export const AdminCategory = z.object({
  id: Id,
  parentId: Id.nullable(),
  code: z.string(),
  name: z.string(),
  /** `county`: sent by the county (县级下发), read-only here. */
  source: z.enum(['local', 'county']),
  disabled: z.boolean(),
  /** Events filed under it: a category in use is disabled, never deleted. */
  events: z.number().int(),
});
export type AdminCategory = z.infer<typeof AdminCategory>;

export const RoutingRuleSet = z.object({
  categoryId: Id,
  /** In order: the first is suggested first (after the village's own unit when locality comes first). */
  unitIds: z.array(Id),
  localityFirst: z.boolean(),
});

const CategoryCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,30}$/, 'code: 2–31 lower-case letters, digits or _');

export const referenceContract = {
  'reference.list': method({
    summary:
      'The reference data with its origin: categories (县级下发 or the township’s own), routing rules and 一件事 templates.',
    input: z.strictObject({}),
    output: z.object({
      categories: z.array(AdminCategory),
      routing: z.array(RoutingRuleSet),
      templates: z.array(MatterTemplate),
    }),
    roles: READERS,
    kind: 'read',
  }),
  'reference.saveCategory': method({
    summary:
      'Add a category (top level, or under a top-level one) or rename one of the township’s own; county categories are read-only.',
    input: z.strictObject({
      id: Id.optional(),
      parentId: Id.nullable().optional(),
      /** The part after the parent's code: `garbage` under `sanitation` becomes `sanitation.garbage`. */
      code: CategoryCode.optional(),
      name: Name(20),
    }),
    output: AdminCategory,
    roles: ADMIN,
    kind: 'write',
  }),
  'reference.setCategoryDisabled': method({
    summary: 'Disable a category (it leaves the intake form; events keep it) or enable it again.',
    input: z.strictObject({ id: Id, disabled: z.boolean() }),
    output: AdminCategory,
    roles: ADMIN,
    kind: 'write',
  }),
  'reference.deleteCategory': method({
    summary: 'Delete one of the township’s own categories that nothing uses (IN_USE otherwise: disable it).',
    input: z.strictObject({ id: Id }),
    output: Nothing,
    roles: ADMIN,
    kind: 'write',
  }),
  'reference.setRouting': method({
    summary: 'The routing rule of a top-level category: its units in order, and whether the village’s own unit comes first.',
    input: z.strictObject({ categoryId: Id, unitIds: z.array(Id).max(10), localityFirst: z.boolean() }),
    output: RoutingRuleSet,
    roles: ADMIN,
    kind: 'write',
  }),
  'reference.saveTemplate': method({
    summary: 'Add or change a 一件事 template: its lead unit, assisting units and instructions.',
    input: z.strictObject({
      id: Id.optional(),
      name: Name(40),
      categoryId: Id.nullable(),
      instructions: z.string().trim().max(500).default(''),
      leadUnitId: Id,
      assistUnitIds: z.array(Id).max(10).default([]),
    }),
    output: MatterTemplate,
    roles: ADMIN,
    kind: 'write',
  }),
  'reference.deleteTemplate': method({
    summary: 'Delete a 一件事 template (events dispatched by it keep their units).',
    input: z.strictObject({ id: Id }),
    output: Nothing,
    roles: ADMIN,
    kind: 'write',
  }),
} as const;
