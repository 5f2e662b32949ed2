import type campaignsZh from './campaigns.zh-CN';

/** 平安建设 workbench: special rectification campaigns. */
const campaignsEn: typeof campaignsZh = {
  nav: 'Campaigns',
  title: 'Special campaigns',
  empty: 'No campaigns',
  lead: 'Lead',
  report: 'Report progress',
  unit: 'Unit',
  target: 'Target',
  goal: 'Goal',
  actual: 'Actual',
  narrative: 'Progress',
  hazards: '{tagged} hazards taken in as events, {closed} closed',
  units: 'Units',
  lastReport: 'Last report',
  overdueTasks: 'Overdue',
  lagging: 'Lagging',
  chase: 'Chase',
  tasks: 'Tasks',
  task: 'Task',
  due: 'Deadline',
  states: { planned: 'Planned', running: 'Running', closed: 'Closed' },
};
export default campaignsEn;
