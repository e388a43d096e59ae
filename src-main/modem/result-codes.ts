// Final result codes that end an AT command (ITU-T V.250 §5.7 and 3GPP TS 27.007 §9.2,
// TS 27.005 §3.2.5). Modems answer either verbosely (ATV1, "OK") or numerically (ATV0, "0").

export type FinalResult =
  | { kind: 'ok' }
  | { kind: 'error'; line: string }
  | { kind: 'cme-error'; line: string; code: number | null; text: string }
  | { kind: 'cms-error'; line: string; code: number | null; text: string }
  | { kind: 'connect-failure'; line: string };

// ATV0 numeric codes per V.250 table 1. 1 (CONNECT) and 2 (RING) are left out: they are not
// final for any command Fanout issues, and a bare "2" is as likely to be data.
const numericResults: Record<string, FinalResult> = {
  '0': { kind: 'ok' },
  '3': { kind: 'connect-failure', line: 'NO CARRIER' },
  '4': { kind: 'error', line: 'ERROR' },
  '6': { kind: 'connect-failure', line: 'NO DIALTONE' },
  '7': { kind: 'connect-failure', line: 'BUSY' },
  '8': { kind: 'connect-failure', line: 'NO ANSWER' },
};

// Some vendors (ZTE, older Huawei firmware) answer unknown commands with their own words.
const vendorErrorLines = new Set(['COMMAND NOT SUPPORT', 'TOO MANY PARAMETERS', 'ABORTED']);

function parseErrorCode(rest: string): { code: number | null; text: string } {
  const text = rest.trim();
  return /^\d+$/.test(text) ? { code: Number(text), text } : { code: null, text };
}

/** Recognises a line that ends the command in flight; null for any other line. */
export function parseFinalResult(line: string): FinalResult | null {
  const text = line.trim();
  if (text === 'OK') return { kind: 'ok' };
  if (text === 'ERROR' || vendorErrorLines.has(text)) return { kind: 'error', line: text };
  if (text.startsWith('+CME ERROR:'))
    return { kind: 'cme-error', line: text, ...parseErrorCode(text.slice(11)) };
  if (text.startsWith('+CMS ERROR:'))
    return { kind: 'cms-error', line: text, ...parseErrorCode(text.slice(11)) };
  if (text === 'NO CARRIER' || text === 'BUSY' || text === 'NO ANSWER' || text === 'NO DIALTONE') {
    return { kind: 'connect-failure', line: text };
  }
  const numeric = numericResults[text];
  return numeric ?? null;
}
