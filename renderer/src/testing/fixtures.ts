/** Contract-typed data for component tests: a small township, users of each role, an event. */
import type { Directory, EventDetail, SessionUser } from '@common/contract';
import type { Role } from '@common/roles';

const id = (n: number): string => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

export const directory: Directory = {
  township: { id: id(1), name: '青溪镇', code: 'QX', countyName: '青溪县' },
  villages: [{ id: id(10), name: '东村', kind: 'village', sort: 1 }],
  grids: [{ id: id(20), villageId: id(10), name: '东村一网格', workerName: '张网格', workerPhone: null }],
  units: [
    { id: id(30), name: '市场监管所', platform: 'market_supervision', kind: 'department', villageId: null, phone: null, sort: 1 },
    {
      id: id(31),
      name: '综合执法队',
      platform: 'comprehensive_enforcement',
      kind: 'department',
      villageId: null,
      phone: null,
      sort: 2,
    },
    {
      id: id(32),
      name: '东村村委会',
      platform: 'comprehensive_governance',
      kind: 'village',
      villageId: id(10),
      phone: null,
      sort: 3,
    },
  ],
};
export const [marketUnit, enforcementUnit, villageUnit] = directory.units as [
  Directory['units'][number],
  Directory['units'][number],
  Directory['units'][number],
];

export function userOf(role: Role): SessionUser {
  return {
    id: id(40),
    username: role,
    displayName: `${role} user`,
    role,
    unitId: role === 'unit_handler' ? marketUnit.id : null,
    unitName: role === 'unit_handler' ? marketUnit.name : null,
    mustChangePassword: false,
  };
}

export const event: EventDetail = {
  id: id(100),
  serial: 'QX-20261201-0001',
  title: '路灯不亮',
  description: '村口路灯连续三晚不亮',
  categoryId: id(50),
  categoryName: '市政设施',
  requestType: 'request',
  source: 'walk_in',
  priority: 'normal',
  riskColour: 'green',
  villageId: id(10),
  villageName: '东村',
  gridId: null,
  gridName: null,
  address: '',
  lat: null,
  lng: null,
  reporterName: null,
  reporterPhone: null,
  reportedAt: Date.UTC(2026, 11, 1, 2),
  state: 'in_progress',
  leadUnitId: null,
  signDueAt: null,
  handleDueAt: Date.UTC(2026, 11, 20, 10),
  warning: 'none',
  resolvedLevel: null,
  satisfaction: null,
  mergedInto: null,
  owner: 'township',
  returnCount: 0,
  reworkCount: 0,
  units: [],
  timeline: [],
  attachments: [],
  pendingExtension: null,
  allowedActions: ['return', 'escalate'],
};
