import type { HandlersOf } from '../handler-types';
import { changePassword, login, logout, me, resume } from './auth-service';

export const authHandlers: HandlersOf<'auth'> = {
  'auth.login': login,
  'auth.resume': resume,
  'auth.me': me,
  'auth.logout': logout,
  'auth.changePassword': changePassword,
};
