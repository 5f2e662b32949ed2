// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CampaignDetail } from '@common/contract';
import { byTestId, click, freshPinia, maybeByTestId, mountDialog, settle, typeInto } from '@/testing/dialogs';
import { core } from '@/testing/fake-core';
import { enforcementUnit, marketUnit } from '@/testing/fixtures';

vi.mock('@/api/transport', () => import('@/testing/fake-core'));

const { default: ReportDialog } = await import('./ReportDialog.vue');

const HAZARDS = '0190a000-0000-7000-8000-000000000a01';
const RATE = '0190a000-0000-7000-8000-000000000a02';
const detail: CampaignDetail = {
  id: '0190a000-0000-7000-8000-000000000a00',
  name: '安全生产专项整治',
  startsAt: Date.UTC(2026, 9, 1),
  endsAt: Date.UTC(2027, 0, 1),
  leadUnitName: enforcementUnit.name,
  leadUnitId: enforcementUnit.id,
  state: 'running',
  units: [
    { unitId: enforcementUnit.id, unitName: enforcementUnit.name, lastReportAt: null, overdueTasks: 0, lagging: false },
    { unitId: marketUnit.id, unitName: marketUnit.name, lastReportAt: null, overdueTasks: 0, lagging: true },
  ],
  targets: [
    {
      id: HAZARDS,
      label: '排查隐患',
      unit: '处',
      goal: 500,
      actual: 40,
      perUnit: [
        { unitId: enforcementUnit.id, unitName: enforcementUnit.name, value: 0 },
        { unitId: marketUnit.id, unitName: marketUnit.name, value: 40 },
      ],
    },
    {
      id: RATE,
      label: '整改率',
      unit: '%',
      goal: 95,
      actual: 80,
      perUnit: [
        { unitId: enforcementUnit.id, unitName: enforcementUnit.name, value: 0 },
        { unitId: marketUnit.id, unitName: marketUnit.name, value: 80 },
      ],
    },
  ],
  events: { tagged: 0, closed: 0 },
  tasks: [],
  chase: [],
  timeline: [],
  allowedActions: ['report'],
};

describe('the campaign progress report dialog', () => {
  beforeEach(() => {
    core.reset({
      'campaigns.report': { ok: true, value: { id: detail.id, reportId: '0190a000-0000-7000-8000-000000000a09' } },
      'campaigns.get': { ok: true, value: detail },
    });
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('a unit handler reports for their own unit, starting from its last figures', async () => {
    const wrapper = mountDialog(ReportDialog, freshPinia(), { props: { open: false, detail, unitId: marketUnit.id } });
    await wrapper.setProps({ open: true });
    await settle();
    expect(byTestId('campaign-report-unit').querySelector('input')?.disabled ?? true).toBe(true);
    expect((byTestId('campaign-figure-排查隐患').querySelector('input') as HTMLInputElement).value).toBe('40');
    await typeInto('campaign-figure-排查隐患', '65');
    await typeInto('campaign-narrative', '新增排查 25 处');
    await click(byTestId('dialog-save'));
    await vi.waitFor(() => expect(core.inputsOf('campaigns.report')).toHaveLength(1));
    expect(core.inputsOf('campaigns.report')[0]).toEqual({
      id: detail.id,
      unitId: marketUnit.id,
      narrative: '新增排查 25 处',
      figures: [
        { targetId: HAZARDS, value: 65 },
        { targetId: RATE, value: 80 },
      ],
    });
    await vi.waitFor(() => expect(wrapper.emitted('close')).toHaveLength(1));
    expect(maybeByTestId('form-error')).toBeNull();
    wrapper.unmount();
  });
});
