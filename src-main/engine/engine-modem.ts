// The part of a modem the engine uses. The real Modem (src-main/modem) satisfies it, whether it
// drives a USB stick, a pseudo-terminal or the in-process virtual modem.
import type { Modem } from '../modem/modem';

export type EngineModem = Pick<Modem, 'path' | 'state' | 'identity' | 'health' | 'send' | 'on'>;
