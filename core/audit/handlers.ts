import type { HandlersOf } from '../handler-types';
import { list, verify } from './service';

export const auditHandlers: HandlersOf<'audit'> = {
  'audit.list': list,
  'audit.verify': verify,
};
