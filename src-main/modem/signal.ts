// Signal strength and network registration as modems report them.

export interface SignalQuality {
  /** 0–31 from AT+CSQ, null when the modem does not know (99). */
  readonly rssi: number | null;
  /** Received power; TS 27.007 §8.5: 0 is ≤ -113 dBm, each step 2 dB, 31 is ≥ -51 dBm. */
  readonly dbm: number | null;
  /** 0–5 bars, as a phone would draw them. */
  readonly bars: 0 | 1 | 2 | 3 | 4 | 5;
}

export type Registration = 'home' | 'roaming' | 'searching' | 'denied' | 'not-registered' | 'unknown';

export function signalFromCsq(rssi: number): SignalQuality {
  if (!Number.isInteger(rssi) || rssi < 0 || rssi > 31) return { rssi: null, dbm: null, bars: 0 };
  const dbm = -113 + 2 * rssi;
  // Bars follow the usual handset thresholds (≈ -105, -97, -89, -81, -73 dBm).
  const bars = rssi >= 20 ? 5 : rssi >= 16 ? 4 : rssi >= 12 ? 3 : rssi >= 8 ? 2 : rssi >= 4 ? 1 : 0;
  return { rssi, dbm, bars };
}

/** "+CSQ: 21,99" → the signal; null if the line is not a CSQ reply. */
export function parseCsq(line: string): SignalQuality | null {
  const match = /^\+CSQ:\s*(\d+)\s*,\s*(\d+)/.exec(line);
  return match ? signalFromCsq(Number(match[1])) : null;
}

// TS 27.007 §7.2 <stat>: 0 not searching, 1 home, 2 searching, 3 denied, 4 unknown, 5 roaming;
// 6/7 are the SMS-only variants LTE sticks report.
const registrationByStat: Record<string, Registration> = {
  '0': 'not-registered',
  '1': 'home',
  '2': 'searching',
  '3': 'denied',
  '4': 'unknown',
  '5': 'roaming',
  '6': 'home',
  '7': 'roaming',
};

/**
 * "+CREG: 0,1" (reply to AT+CREG?: <n>,<stat>) or "+CREG: 1" (URC: <stat>), either possibly
 * followed by location fields.
 */
export function parseCreg(line: string, isReply: boolean): Registration | null {
  const match = /^\+C(?:E|G)?REG:\s*(.*)$/.exec(line);
  if (!match?.[1]) return null;
  const fields = match[1].split(',').map((field) => field.trim());
  const stat = isReply ? fields[1] : fields[0];
  return stat === undefined ? null : (registrationByStat[stat] ?? 'unknown');
}

export function isRegistered(registration: Registration): boolean {
  return registration === 'home' || registration === 'roaming';
}
