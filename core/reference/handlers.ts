import type { HandlersOf } from '../handler-types';
import { deleteCategory, deleteTemplate, list, saveCategory, saveTemplate, setCategoryDisabled, setRouting } from './admin';

export const referenceHandlers: HandlersOf<'reference'> = {
  'reference.list': list,
  'reference.saveCategory': saveCategory,
  'reference.setCategoryDisabled': setCategoryDisabled,
  'reference.deleteCategory': deleteCategory,
  'reference.setRouting': setRouting,
  'reference.saveTemplate': saveTemplate,
  'reference.deleteTemplate': deleteTemplate,
};
