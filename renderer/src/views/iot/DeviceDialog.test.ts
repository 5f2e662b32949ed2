// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Device } from '@common/contract';
import { byTestId, click, fieldValue, freshPinia, maybeByTestId, mountDialog, settle, t, typeInto } from '@/testing/dialogs';
import { core } from '@/testing/fake-core';
import { directory } from '@/testing/fixtures';

vi.mock('@/api/transport', () => import('@/testing/fake-core'));

const { default: DeviceDialog } = await import('./DeviceDialog.vue');

const device: Device = {
  id: '0190a000-0000-7000-8000-000000000900',
  code: 'SD-0001',
  kind: 'smoke',
  villageId: directory.villages[0]!.id,
  villageName: directory.villages[0]!.name,
  address: '东村 12 号',
  residentName: '王大爷',
  residentPhone: '13800000001',
  contacts: [{ name: '王小明', relation: 'family', phone: '13800000002' }],
  installedAt: Date.UTC(2026, 0, 5),
  note: '',
  updatedAt: Date.UTC(2026, 0, 5),
};

/** The dialog opens closed and is then opened, as the devices panel does. */
async function open(props: { device: Device | null }) {
  const pinia = freshPinia();
  const wrapper = mountDialog(DeviceDialog, pinia, { props: { open: false, ...props } });
  await wrapper.setProps({ open: true });
  await settle();
  return wrapper;
}

describe('DeviceDialog', () => {
  beforeEach(() => {
    core.reset({
      'org.directory': { ok: true, value: directory },
      'iot.devices': { ok: true, value: { rows: [], total: 0 } },
      'iot.saveDevice': { ok: true, value: { id: device.id } },
    });
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('registers a new detector with what was typed, then reloads the registry and closes', async () => {
    const wrapper = await open({ device: null });
    await typeInto('device-code', 'SD-0100');
    await typeInto('device-address', '东村 3 号');
    await typeInto('device-resident-phone', '13900000003');
    await click(byTestId('dialog-save'));
    await vi.waitFor(() => expect(wrapper.emitted('close')).toHaveLength(1));
    expect(core.inputsOf('iot.saveDevice')).toEqual([
      {
        device: {
          code: 'SD-0100',
          kind: 'smoke',
          villageId: null,
          address: '东村 3 号',
          residentName: '',
          residentPhone: '13900000003',
          contacts: [],
          installedAt: null,
          note: '',
        },
      },
    ]);
    expect(core.inputsOf('iot.devices')).toHaveLength(1);
    wrapper.unmount();
  });

  it('edits an existing detector by its id, starting from its current values', async () => {
    const wrapper = await open({ device });
    expect(fieldValue('device-code')).toBe('SD-0001');
    await typeInto('device-address', '东村 12 号（后院）');
    await click(byTestId('dialog-save'));
    await vi.waitFor(() => expect(core.inputsOf('iot.saveDevice')).toHaveLength(1));
    const { id: _id, villageName: _villageName, updatedAt: _updatedAt, ...unchanged } = device;
    expect(core.inputsOf('iot.saveDevice')[0]).toEqual({
      id: device.id,
      device: { ...unchanged, address: '东村 12 号（后院）' },
    });
    wrapper.unmount();
  });

  it('bad input: the core’s message and its issues are shown, the dialog stays open, nothing is reloaded', async () => {
    // This dialog leaves the checking to the core (one rule set); what it must do is show the answer.
    core.replies['iot.saveDevice'] = {
      ok: false,
      error: { code: 'BAD_INPUT', message: 'invalid', issues: [{ path: 'device.code', message: 'Required' }] },
    };
    const wrapper = await open({ device: null });
    expect(maybeByTestId('form-error')).toBeNull();
    await click(byTestId('dialog-save'));
    await vi.waitFor(() => expect(maybeByTestId('form-error')).not.toBeNull());
    const text = byTestId('form-error').textContent ?? '';
    expect(text).toContain(t('errors.BAD_INPUT'));
    expect(text).toContain('device.code: Required');
    expect(core.inputsOf('iot.saveDevice')).toHaveLength(1);
    expect(core.inputsOf('iot.devices')).toEqual([]);
    expect(wrapper.emitted('close')).toBeUndefined();
    wrapper.unmount();
  });
});
