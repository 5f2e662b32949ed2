import type { HandlersOf } from '../handler-types';
import { create, list, restore } from './service';

export const backupsHandlers: HandlersOf<'backups'> = {
  'backups.list': list,
  'backups.create': create,
  'backups.restore': restore,
};
