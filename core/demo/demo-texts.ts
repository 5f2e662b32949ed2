/**
 * What people report, per category, for the demo events. `{p}` is a place
 * (a village's landmark), so the same sentence reads differently across villages.
 */
export const DEMO_TEXTS: Record<string, { title: string; description: string }[]> = {
  dispute: [
    { title: '{p}邻里因排水沟发生争执', description: '两户村民因排水沟改道发生口角，情绪激动，需调解。' },
    { title: '{p}宅基地边界纠纷', description: '相邻两户对宅基地界址有争议，多次协商未果。' },
    { title: '{p}务工人员讨薪', description: '十余名务工人员反映工程款被拖欠三个月，要求协调支付。' },
  ],
  safety: [
    { title: '{p}老旧房屋墙体开裂', description: '独居老人住房外墙出现明显裂缝，雨天有倒塌风险。' },
    { title: '{p}液化气瓶露天存放', description: '小餐馆将多个液化气瓶堆放在门口，无防护措施。' },
    { title: '{p}山体有滑坡迹象', description: '连日降雨后山坡出现裂缝和落石，下方有民房。' },
  ],
  fire: [
    { title: '{p}消防通道被杂物堵塞', description: '居民楼消防通道堆放大量杂物和废旧家具，消防车无法通行。' },
    { title: '{p}电动车楼道内充电', description: '多辆电动车在楼道内飞线充电，存在火灾隐患。' },
    { title: '{p}烟感报警', description: '独居老人家中烟感报警器报警，需立即核实。' },
  ],
  traffic: [
    { title: '{p}路口发生两车剐蹭', description: '两辆小轿车剐蹭，无人员受伤，造成路口拥堵。' },
    { title: '{p}路面塌陷坑洼', description: '村道出现约一米宽的坑洞，夜间通行危险。' },
    { title: '{p}交通标志牌倒伏', description: '限速标志牌被大风吹倒，横在路边。' },
  ],
  parking: [
    { title: '{p}车辆长期占道停放', description: '一辆无牌面包车长期停在人行道上，影响通行。' },
    { title: '{p}车辆占用消防通道', description: '小区消防通道被私家车占用，多次劝离无果。' },
  ],
  sanitation: [
    { title: '{p}生活垃圾堆放未清运', description: '垃圾收集点满溢，垃圾散落路面，气味难闻。' },
    { title: '{p}污水直排河道', description: '有养殖场污水通过管道直接排入河道，水体发黑。' },
    { title: '{p}夜间施工噪声扰民', description: '工地夜间十一点后仍在施工，噪声很大，影响休息。' },
  ],
  market: [
    { title: '{p}小吃店卫生条件差', description: '群众反映小吃店后厨脏乱，有食品变质现象。' },
    { title: '{p}无证经营小作坊', description: '一处民房内无证生产豆制品，环境卫生较差。' },
    { title: '{p}超市价格标签不符', description: '商品标价与结算价格不一致，存在价格欺诈嫌疑。' },
  ],
  construction: [
    { title: '{p}违章搭建彩钢棚', description: '村民在自家院外搭建彩钢棚，占用公共道路。' },
    { title: '{p}占用耕地堆放建材', description: '有人在基本农田上堆放砂石建材，面积约半亩。' },
  ],
  livelihood: [
    { title: '{p}片区停水', description: '片区自早上起停水，未见通知，居民生活不便。' },
    { title: '{p}困难家庭申请救助', description: '因病致贫家庭咨询临时救助申请流程。' },
    { title: '{p}路灯不亮', description: '主干道多盏路灯不亮，夜间照明不足。' },
  ],
  emergency: [
    { title: '{p}暴雨导致道路积水', description: '强降雨后低洼路段积水约四十厘米，车辆无法通行。' },
    { title: '{p}大树倒伏压住电线', description: '大风吹倒路边大树，压住低压线路，存在触电风险。' },
  ],
};

export const DEMO_PLACES = [
  '村口桥头',
  '文化礼堂旁',
  '老街菜场',
  '学校门口',
  '卫生室后面',
  '溪边步道',
  '新村安置点',
  '工业园区北门',
  '祠堂前广场',
  '水库下游',
];

export const DEMO_REPORTERS = ['李先生', '王女士', '张大伯', '陈阿姨', '刘师傅', '周女士', '吴先生', '郑老师'];
