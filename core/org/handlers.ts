import type { HandlersOf } from '../handler-types';
import * as org from './org-service';

export const orgHandlers: HandlersOf<'org'> = {
  'org.directory': org.directory,
  'org.updateTownship': org.updateTownship,
  'org.createVillage': org.createVillage,
  'org.updateVillage': org.updateVillage,
  'org.deleteVillage': org.deleteVillage,
  'org.createGrid': org.createGrid,
  'org.updateGrid': org.updateGrid,
  'org.deleteGrid': org.deleteGrid,
  'org.createUnit': org.createUnit,
  'org.updateUnit': org.updateUnit,
  'org.deleteUnit': org.deleteUnit,
};
