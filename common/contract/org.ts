import { z } from 'zod';
import { PLATFORMS, UNIT_KINDS, VILLAGE_KINDS } from '../org';
import { ADMIN, ANY_ROLE } from '../roles';
import { method } from './define';
import { ById, Empty, Id, Name, Nothing, Phone } from './shared';

export const Township = z.object({
  id: Id,
  name: z.string(),
  /** Prefix of event serial numbers, e.g. QX → QX-20261130-0042. */
  code: z.string(),
  countyName: z.string(),
});
export type Township = z.infer<typeof Township>;

export const Village = z.object({ id: Id, name: z.string(), kind: z.enum(VILLAGE_KINDS), sort: z.number().int() });
export type Village = z.infer<typeof Village>;

export const Grid = z.object({
  id: Id,
  villageId: Id,
  name: z.string(),
  workerName: z.string().nullable(),
  workerPhone: z.string().nullable(),
});
export type Grid = z.infer<typeof Grid>;

export const Unit = z.object({
  id: Id,
  name: z.string(),
  platform: z.enum(PLATFORMS),
  kind: z.enum(UNIT_KINDS),
  villageId: Id.nullable(),
  phone: z.string().nullable(),
  sort: z.number().int(),
});
export type Unit = z.infer<typeof Unit>;

export const Directory = z.object({
  township: Township,
  villages: z.array(Village),
  grids: z.array(Grid),
  units: z.array(Unit),
});
export type Directory = z.infer<typeof Directory>;

export const TownshipCode = z
  .string()
  .trim()
  .regex(/^[A-Z]{2,6}$/, 'code must be 2–6 capital letters');

const VillageFields = { name: Name(40), kind: z.enum(VILLAGE_KINDS) };
const GridFields = {
  villageId: Id,
  name: Name(40),
  workerName: Name(20).nullable().optional(),
  workerPhone: Phone.nullable().optional(),
};
const UnitFields = {
  name: Name(40),
  platform: z.enum(PLATFORMS),
  kind: z.enum(UNIT_KINDS),
  villageId: Id.nullable().optional(),
  phone: Phone.nullable().optional(),
};

/** An update names the record and at least one field to change. */
function patch<S extends z.ZodRawShape>(fields: S) {
  return z
    .strictObject({ id: Id, ...fields })
    .partial()
    .required({ id: true })
    .refine((v) => Object.keys(v).length > 1, { message: 'nothing to change' });
}

export const orgContract = {
  'org.directory': method({
    summary: 'The township, its villages/communities, grids and handling units.',
    input: Empty,
    output: Directory,
    roles: ANY_ROLE,
    kind: 'read',
  }),
  'org.updateTownship': method({
    summary: 'Rename the township, its county or its serial-number code.',
    input: z
      .strictObject({ name: Name(40), code: TownshipCode, countyName: Name(40) })
      .partial()
      .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' }),
    output: Township,
    roles: ADMIN,
    kind: 'write',
  }),
  'org.createVillage': method({
    summary: 'Add a village or community.',
    input: z.strictObject(VillageFields),
    output: Village,
    roles: ADMIN,
    kind: 'write',
  }),
  'org.updateVillage': method({
    summary: 'Rename a village or change its kind.',
    input: patch(VillageFields),
    output: Village,
    roles: ADMIN,
    kind: 'write',
  }),
  'org.deleteVillage': method({
    summary: 'Delete a village that no grid or unit refers to.',
    input: ById,
    output: Nothing,
    roles: ADMIN,
    kind: 'write',
  }),
  'org.createGrid': method({
    summary: 'Add a grid to a village.',
    input: z.strictObject(GridFields),
    output: Grid,
    roles: ADMIN,
    kind: 'write',
  }),
  'org.updateGrid': method({
    summary: 'Change a grid’s name, village or grid worker.',
    input: patch(GridFields),
    output: Grid,
    roles: ADMIN,
    kind: 'write',
  }),
  'org.deleteGrid': method({
    summary: 'Delete a grid.',
    input: ById,
    output: Nothing,
    roles: ADMIN,
    kind: 'write',
  }),
  'org.createUnit': method({
    summary: 'Add a handling unit under one of the four platforms.',
    input: z.strictObject(UnitFields),
    output: Unit,
    roles: ADMIN,
    kind: 'write',
  }),
  'org.updateUnit': method({
    summary: 'Change a handling unit.',
    input: patch(UnitFields),
    output: Unit,
    roles: ADMIN,
    kind: 'write',
  }),
  'org.deleteUnit': method({
    summary: 'Delete a handling unit that no user refers to.',
    input: ById,
    output: Nothing,
    roles: ADMIN,
    kind: 'write',
  }),
} as const;
