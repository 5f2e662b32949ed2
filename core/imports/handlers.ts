import type { HandlersOf } from '../handler-types';
import { importHistory } from './history-import';
import { importOrg, importUnits } from './org-import';
import { template } from './templates';
import { importUsers } from './user-import';

export const importsHandlers: HandlersOf<'imports'> = {
  'imports.template': template,
  'imports.org': importOrg,
  'imports.units': importUnits,
  'imports.users': importUsers,
  'imports.history': importHistory,
};
