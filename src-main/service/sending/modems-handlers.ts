import type { DomainHandlers } from '../handlers';
import { ServiceError } from '../service-error';
import type { SendingRuntime } from './sending-runtime';

export function createModemsHandlers(
  runtime: SendingRuntime,
): DomainHandlers<'modems.list' | 'modems.scan' | 'modems.startDemo' | 'modems.trafficLog'> {
  return {
    'modems.list': () => ({ modems: runtime.list(), scanning: runtime.isScanning }),
    'modems.scan': () => runtime.scan(),
    'modems.startDemo': async ({ count }) => ({ added: await runtime.startDemo(count) }),
    'modems.trafficLog': ({ simId }) => {
      const text = runtime.trafficLog(simId);
      if (text === null) throw new ServiceError('not-found', 'That modem is not connected any more.');
      return { text };
    },
  };
}
