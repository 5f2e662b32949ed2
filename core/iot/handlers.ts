import type { HandlersOf } from '../handler-types';
import { injectTestAlarm } from './alarms';
import { importDevices } from './device-import';
import { deleteDevice, devices, saveDevice } from './devices';
import { incident, recordCall, resolve } from './verification';

export const iotHandlers: HandlersOf<'iot'> = {
  'iot.devices': devices,
  'iot.saveDevice': saveDevice,
  'iot.deleteDevice': deleteDevice,
  'iot.importDevices': importDevices,
  'iot.injectTestAlarm': injectTestAlarm,
  'iot.incident': incident,
  'iot.recordCall': recordCall,
  'iot.resolve': resolve,
};
