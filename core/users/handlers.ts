import type { HandlersOf } from '../handler-types';
import * as users from './users-service';

export const usersHandlers: HandlersOf<'users'> = {
  'users.list': users.list,
  'users.create': users.create,
  'users.update': users.update,
  'users.resetPassword': users.resetPassword,
  'users.unlock': users.unlock,
};
