export const ROLES = ['operator', 'director', 'assessor', 'unit_handler', 'admin', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Every signed-in role: for reads that any user of the room may make. */
export const ANY_ROLE: readonly Role[] = ROLES;
