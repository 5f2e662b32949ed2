import type { Platform } from '../../common/org';
import type { Role } from '../../common/roles';

/**
 * 清溪镇, a fictional township of the fictional 临江县. Names and phone numbers
 * are invented; any likeness to a real place or person is chance.
 */
export const DEMO_TOWNSHIP = { name: '清溪镇', code: 'QX', countyName: '临江县' };

export const DEMO_PASSWORD = 'qingxi2026';

export const DEMO_VILLAGES: { name: string; kind: 'village' | 'community' }[] = [
  { name: '清溪村', kind: 'village' },
  { name: '桃源村', kind: 'village' },
  { name: '石桥村', kind: 'village' },
  { name: '竹林村', kind: 'village' },
  { name: '上塘村', kind: 'village' },
  { name: '下塘村', kind: 'village' },
  { name: '白沙村', kind: 'village' },
  { name: '梅岭村', kind: 'village' },
  { name: '枫树湾村', kind: 'village' },
  { name: '东河社区', kind: 'community' },
  { name: '西街社区', kind: 'community' },
  { name: '新城社区', kind: 'community' },
];

export const GRIDS_PER_VILLAGE = 4;

export const DEMO_UNITS: { name: string; platform: Platform; phone: string }[] = [
  { name: '综治中心', platform: 'comprehensive_governance', phone: '0571-6500101' },
  { name: '派出所', platform: 'comprehensive_governance', phone: '0571-6500110' },
  { name: '司法所', platform: 'comprehensive_governance', phone: '0571-6500102' },
  { name: '信访办', platform: 'comprehensive_governance', phone: '0571-6500103' },
  { name: '市场监管所', platform: 'market_supervision', phone: '0571-6500201' },
  { name: '综合行政执法队', platform: 'comprehensive_enforcement', phone: '0571-6500301' },
  { name: '自然资源所', platform: 'comprehensive_enforcement', phone: '0571-6500302' },
  { name: '应急管理办', platform: 'comprehensive_enforcement', phone: '0571-6500303' },
  { name: '专职消防队', platform: 'comprehensive_enforcement', phone: '0571-6500119' },
  { name: '交警中队', platform: 'comprehensive_enforcement', phone: '0571-6500122' },
  { name: '社会事务办', platform: 'public_service', phone: '0571-6500401' },
  { name: '农业农村办', platform: 'public_service', phone: '0571-6500402' },
  { name: '供电所', platform: 'public_service', phone: '0571-6500403' },
  { name: '卫生院', platform: 'public_service', phone: '0571-6500120' },
];

export const DEMO_USERS: { username: string; displayName: string; role: Role; unit?: string }[] = [
  { username: 'operator', displayName: '王敏', role: 'operator' },
  { username: 'director', displayName: '陈建国', role: 'director' },
  { username: 'assessor', displayName: '李静', role: 'assessor' },
  { username: 'handler', displayName: '赵磊', role: 'unit_handler', unit: '综合行政执法队' },
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'viewer', displayName: '指挥大屏', role: 'viewer' },
];

const SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛'];
const ORDINALS = ['一', '二', '三', '四', '五', '六'];

/** Deterministic so that every demo install shows the same people. */
export function demoGridWorker(villageIndex: number, gridIndex: number): { name: string; phone: string } {
  const n = villageIndex * GRIDS_PER_VILLAGE + gridIndex;
  return {
    name: SURNAMES[(n * 7) % SURNAMES.length]! + GIVEN[(n * 5 + 3) % GIVEN.length]!,
    phone: `138${String(57000000 + n * 1031).padStart(8, '0')}`,
  };
}

export function demoGridName(gridIndex: number): string {
  return `第${ORDINALS[gridIndex]}网格`;
}
