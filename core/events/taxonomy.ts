/**
 * The seeded two-level category taxonomy (事件分类), modelled on the
 * categories Zhejiang's grassroots-governance platforms use. Codes are stable
 * English keys; names are what operators read.
 */
export interface CategorySeed {
  code: string;
  name: string;
  children: [code: string, name: string][];
}

export const CATEGORY_SEED: CategorySeed[] = [
  {
    code: 'dispute',
    name: '矛盾纠纷',
    children: [
      ['neighbour', '邻里纠纷'],
      ['family', '婚姻家庭纠纷'],
      ['land', '土地山林纠纷'],
      ['labour', '劳资纠纷'],
      ['property', '物业纠纷'],
    ],
  },
  {
    code: 'safety',
    name: '安全隐患',
    children: [
      ['building', '房屋安全'],
      ['gas', '燃气安全'],
      ['chemicals', '危化品'],
      ['geology', '地质灾害'],
      ['equipment', '特种设备'],
    ],
  },
  {
    code: 'fire',
    name: '消防安全',
    children: [
      ['passage', '消防通道堵塞'],
      ['hazard', '火灾隐患'],
      ['smoke_alarm', '烟感报警'],
      ['ebike', '电动车违规充电'],
    ],
  },
  {
    code: 'traffic',
    name: '道路交通',
    children: [
      ['accident', '交通事故'],
      ['road', '道路破损'],
      ['facility', '交通设施损坏'],
    ],
  },
  {
    code: 'parking',
    name: '违章停车',
    children: [
      ['street', '占道停车'],
      ['fire_lane', '占用消防通道停车'],
    ],
  },
  {
    code: 'sanitation',
    name: '环境卫生',
    children: [
      ['garbage', '垃圾乱堆'],
      ['sewage', '污水排放'],
      ['river', '河道污染'],
      ['noise', '噪声扰民'],
    ],
  },
  {
    code: 'market',
    name: '市场监管',
    children: [
      ['food', '食品安全'],
      ['unlicensed', '无证经营'],
      ['price', '价格欺诈'],
      ['advertising', '虚假宣传'],
    ],
  },
  {
    code: 'construction',
    name: '违法建设',
    children: [
      ['illegal_building', '违章搭建'],
      ['farmland', '乱占耕地'],
    ],
  },
  {
    code: 'livelihood',
    name: '民生诉求',
    children: [
      ['water_power', '供水供电'],
      ['assistance', '社会救助'],
      ['health', '医疗卫生'],
      ['education', '教育就学'],
    ],
  },
  {
    code: 'emergency',
    name: '应急突发',
    children: [
      ['disaster', '自然灾害'],
      ['public_health', '公共卫生事件'],
      ['mass_incident', '群体性事件'],
    ],
  },
];

/** Which units a category usually goes to; `locality` puts the village's own unit first (属地优先). */
export const ROUTING_SEED: Record<string, { units: string[]; locality: boolean }> = {
  dispute: { units: ['司法所', '综治中心', '派出所'], locality: true },
  safety: { units: ['应急管理办'], locality: true },
  fire: { units: ['专职消防队', '应急管理办'], locality: false },
  traffic: { units: ['交警中队'], locality: false },
  parking: { units: ['交警中队', '综合行政执法队'], locality: false },
  sanitation: { units: ['综合行政执法队'], locality: true },
  market: { units: ['市场监管所'], locality: false },
  construction: { units: ['自然资源所', '综合行政执法队'], locality: false },
  livelihood: { units: ['社会事务办', '供电所', '卫生院'], locality: true },
  emergency: { units: ['应急管理办', '专职消防队'], locality: false },
};

/** "One matter" templates (一件事) for cross-department matters. */
export const TEMPLATE_SEED: { name: string; category: string; instructions: string; lead: string; assist: string[] }[] = [
  {
    name: '违停一件事',
    category: 'parking',
    instructions: '交警中队牵头处置违停，执法队配合清理占道；30 分钟内到场并反馈现场照片。',
    lead: '交警中队',
    assist: ['综合行政执法队'],
  },
  {
    name: '道交一件事',
    category: 'traffic',
    instructions: '交警中队负责事故处置，派出所维护秩序，卫生院做好伤员救治准备。',
    lead: '交警中队',
    assist: ['派出所', '卫生院'],
  },
  {
    name: '消防通道一件事',
    category: 'fire',
    instructions: '专职消防队现场核查，执法队清理占用物，应急办督促整改。',
    lead: '专职消防队',
    assist: ['综合行政执法队', '应急管理办'],
  },
];
