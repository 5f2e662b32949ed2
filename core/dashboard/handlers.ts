import type { HandlersOf } from '../handler-types';
import { dashboardSummary } from './summary';
import { importVillageMap, villageMap } from './village-map';

export const dashboardHandlers: HandlersOf<'dashboard'> = {
  'dashboard.summary': dashboardSummary,
  'dashboard.map': villageMap,
  'dashboard.importMap': importVillageMap,
};
