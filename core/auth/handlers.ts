import type { HandlersOf } from '../handler-types';
import { changePassword, endSessionByAdmin, login, logout, me, resume, sessions } from './auth-service';

export const authHandlers: HandlersOf<'auth'> = {
  'auth.login': login,
  'auth.resume': resume,
  'auth.me': me,
  'auth.logout': logout,
  'auth.changePassword': changePassword,
  'auth.sessions': sessions,
  'auth.endSession': endSessionByAdmin,
};
