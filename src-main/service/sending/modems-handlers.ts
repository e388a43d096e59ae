import type { DomainHandlers } from '../handlers';
import { ServiceError } from '../service-error';
import type { SendingRuntime } from './sending-runtime';
import { createTestSendHandler } from './test-send-handler';

/** The modems domain, plus Compose's test send: it is the one other thing that sends through a modem directly. */
export function createModemsHandlers(
  runtime: SendingRuntime,
): DomainHandlers<
  | 'compose.testSend'
  | 'modems.list'
  | 'modems.scan'
  | 'modems.startDemo'
  | 'modems.trafficLog'
  | 'modems.enterPin'
  | 'modems.checkBalance'
  | 'modems.updateLimits'
> {
  return {
    ...createTestSendHandler(runtime.store, runtime),
    'modems.list': () => ({ modems: runtime.list(), scanning: runtime.isScanning }),
    'modems.scan': () => runtime.scan(),
    'modems.startDemo': async ({ count, pin, replyStopEvery, replies }) => ({ added: await runtime.startDemo(count, pin, replyStopEvery, replies) }),
    'modems.trafficLog': ({ simId }) => {
      const text = runtime.trafficLog(simId);
      if (text === null) throw new ServiceError('not-found', 'That modem is not connected any more.');
      return { text };
    },
    'modems.enterPin': async ({ simId, pin }) => ({ state: await runtime.enterPin(simId, pin) }),
    'modems.checkBalance': ({ simId, code }) => runtime.checkBalance(simId, code),
    'modems.updateLimits': ({ simId, perMinute, perHour, perDay }) => ({
      limits: runtime.updateLimits(simId, { perMinute, perHour, perDay }),
    }),
  };
}
