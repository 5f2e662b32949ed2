export const ROLES = ['operator', 'director', 'assessor', 'unit_handler', 'admin', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Every signed-in role: for reads that any user of the room may make. */
export const ANY_ROLE: readonly Role[] = ROLES;

/* Role groups the contract admits, named once. */

/** The room's own staff: they register, dispatch and supervise. */
export const ROOM: readonly Role[] = ['operator', 'director'];
/**
 * Everyone who may read a case file (events, orders, their attachments): the
 * room, the assessors, and unit handlers for what is assigned to their unit.
 * Not the administrator, and not the viewer account: the wall TV shows the
 * dashboard's figures, never case files or the people in them.
 */
export const CASE_READERS: readonly Role[] = ['operator', 'director', 'assessor', 'unit_handler'];
/** The administrator alone: accounts, directory, calendar, sync settings. */
export const ADMIN: readonly Role[] = ['admin'];
