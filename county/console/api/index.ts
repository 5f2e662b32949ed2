import { authMethods } from './auth';
import { eventMethods } from './events';
import type { Methods } from './method';
import { operationMethods } from './operations';
import { rankingMethods } from './ranking';
import { townshipMethods } from './townships';

/** Every method of the console API, by name. */
export const CONSOLE_METHODS: Methods = {
  ...authMethods,
  ...townshipMethods,
  ...eventMethods,
  ...rankingMethods,
  ...operationMethods,
};
