/** The four platforms (四平台) that group the handling units. */
export const PLATFORMS = [
  'comprehensive_governance', // 综治工作
  'market_supervision', // 市场监管
  'comprehensive_enforcement', // 综合执法
  'public_service', // 便民服务
] as const;
export type Platform = (typeof PLATFORMS)[number];

export const VILLAGE_KINDS = ['village', 'community'] as const;
export type VillageKind = (typeof VILLAGE_KINDS)[number];

export const UNIT_KINDS = ['department', 'village'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
