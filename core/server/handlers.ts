import type { HandlersOf } from '../handler-types';
import { certificate, install } from './service';

export const serverHandlers: HandlersOf<'server'> = {
  'server.certificate': certificate,
  'server.installCertificate': install,
};
