/** 平安建设 workbench: special rectification campaigns (专项整治). */
const campaignsZh = {
  nav: '专项整治',
  title: '专项整治',
  empty: '暂无专项整治',
  lead: '牵头',
  report: '报送进展',
  unit: '单位',
  target: '目标',
  goal: '目标值',
  actual: '完成',
  narrative: '进展情况',
  hazards: '纳入事件办理的隐患 {tagged} 件，已办结 {closed} 件',
  units: '参与单位',
  lastReport: '最近报送',
  overdueTasks: '逾期任务',
  lagging: '进度滞后',
  chase: '催办',
  tasks: '任务',
  task: '任务',
  due: '时限',
  states: { planned: '未启动', running: '进行中', closed: '已结束' },
};
export default campaignsZh;
