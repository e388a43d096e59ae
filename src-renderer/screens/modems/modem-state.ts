import type { ModemSummary } from '../../../src-shared/api';
import type { MessageKey } from '../../i18n/en';

type Tone = 'ok' | 'warn' | 'danger' | 'neutral';

/** How a modem's state reads on its card: a word and a colour. */
export function describeModemState(modem: ModemSummary): { key: MessageKey; tone: Tone } {
  switch (modem.state) {
    case 'ready':
      return modem.inService ? { key: 'modems.state.ready', tone: 'ok' } : { key: 'modems.state.paused', tone: 'warn' };
    case 'starting':
      return { key: 'modems.state.starting', tone: 'neutral' };
    case 'pin-required':
      return { key: 'modems.state.pinRequired', tone: 'warn' };
    case 'puk-required':
      return { key: 'modems.state.pukRequired', tone: 'danger' };
    case 'no-sim':
      return { key: 'modems.state.noSim', tone: 'danger' };
    case 'no-network':
      return { key: 'modems.state.noNetwork', tone: 'warn' };
    case 'recovering':
      return { key: 'modems.state.recovering', tone: 'warn' };
    case 'hung':
      return { key: 'modems.state.hung', tone: 'danger' };
    case 'unplugged':
    case 'closed':
      return { key: 'modems.state.unplugged', tone: 'danger' };
  }
}
