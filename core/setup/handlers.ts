import type { HandlersOf } from '../handler-types';
import { create, demo, status } from './setup-service';

export const setupHandlers: HandlersOf<'setup'> = {
  'setup.status': status,
  'setup.create': create,
  'setup.demo': demo,
};
