/** Sample records and messages of every PROTOCOL.md type, valid by the protocol schemas. Tests and benchmarks only. */
import { v7 as uuidv7 } from 'uuid';
import type { ChangeEntity, MessageType } from '../../../common/protocol';

const at = '2026-11-30T09:15:00+08:00';

export function sampleRecord(
  entity: Exclude<ChangeEntity, 'event' | 'event_action'> | 'event' | 'event_action',
  n = 1,
): {
  entityId: string;
  data: Record<string, unknown>;
} {
  const id = uuidv7();
  switch (entity) {
    case 'event':
      return {
        entityId: id,
        data: {
          id,
          serial: `QX-20261130-${String(n).padStart(4, '0')}`,
          title: `测试事件 ${n}`,
          description: '描述',
          category: 'fire',
          requestType: 'request',
          source: 'grid_report',
          priority: 'normal',
          riskColour: 'green',
          village: '清溪村',
          grid: '',
          address: '清溪村1号',
          reportedAt: at,
          state: 'reported',
          assistingUnits: [],
        },
      };
    case 'event_action':
      return {
        entityId: id,
        data: { id, eventId: uuidv7(), kind: 'register', actor: '王敏', actorRole: 'operator', at, payload: {} },
      };
    case 'supervision_order':
      return {
        entityId: id,
        data: {
          id,
          serial: `督〔2026〕${n}号`,
          strength: 'order',
          colour: 'yellow',
          target: { kind: 'unit', id: 'u1' },
          units: ['综合行政执法队'],
          problem: '问题',
          requirements: '要求',
          dueAt: at,
          issuedBy: '陈建国',
          issuedAt: at,
          state: 'open',
        },
      };
    case 'supervision_answer':
      return { entityId: id, data: { id, orderId: uuidv7(), unit: '综合行政执法队', text: '已整改', at } };
    case 'assessment_result':
      return {
        entityId: id,
        data: {
          id,
          schemeId: 's1',
          period: '2026-11',
          unit: '综合行政执法队',
          score: 92.5,
          rank: 1,
          indicators: { onTimeSign: 0.98 },
          revision: 0,
          publishedAt: at,
        },
      };
    case 'daily_figures': {
      const date = new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
      return {
        entityId: date,
        data: {
          date,
          received: n % 50,
          closed: n % 40,
          overdue: n % 3,
          byLevel: { grid: 1, village: 2, township: 3, county: 0 },
        },
      };
    }
  }
}

export function sampleMessage(type: MessageType, n = 1): unknown {
  switch (type) {
    case 'assignment':
      return {
        id: uuidv7(),
        serial: `LJ-${n}`,
        title: `县级交办 ${n}`,
        description: '请核实处理',
        category: 'sanitation',
        requestType: 'complaint',
        source: 'county_assignment',
        priority: 'urgent',
        riskColour: 'yellow',
        village: '桃源村',
        grid: '',
        address: '桃源村村口',
        reportedAt: at,
        state: 'registered',
        assistingUnits: [],
        countyRef: `LJ-${n}-${uuidv7()}`,
      };
    case 'iot_alarm':
      return {
        id: uuidv7(),
        deviceId: `SD-${n}`,
        kind: 'smoke',
        at,
        address: '石桥村8号',
        village: '石桥村',
        resident: '张大爷',
        contacts: [{ name: '张明', phone: '13800000000' }],
      };
    case 'reference_data':
      return { kind: 'holiday_calendar', version: n, items: [{ date: '2027-01-01', kind: 'off', name: '元旦' }] };
    case 'supervision_order':
      return sampleRecord('supervision_order', n).data;
    case 'escalation_reply':
      return { eventId: uuidv7(), decision: 'accepted', note: '县级受理' };
    case 'status_update':
      return { eventId: uuidv7(), state: 'closed', note: '已办结' };
    case 'notice':
      return { title: `通知 ${n}`, body: '请各村做好防汛准备。' };
  }
}
