// Unsolicited result codes: which line prefixes a modem may send at any moment, and how many
// lines each spans. Gammu keeps the same kind of table (libgammu/protocol/at/at.c); a URC is cut
// out of whatever reply is in progress, so it can never be mistaken for that reply.

export interface UrcRule {
  /** Line prefix, compared case-sensitively as modems send it. */
  readonly prefix: string;
  /** Lines the URC spans, counting its first line (PDU-mode +CMT/+CDS/+CBM carry the PDU next). */
  readonly lines: 1 | 2;
  /**
   * A command that asks for the same information gets this line as its reply instead
   * (AT+CREG? answers "+CREG: 0,1", the URC is "+CREG: 1"). Never true for codes that only
   * ever arrive unsolicited, such as +CUSD, whose reply some modems send before OK and
   * others long after it.
   */
  readonly alsoAReply: boolean;
  /**
   * The URC carries quoted text that may contain line breaks (a USSD answer printed as plain
   * text); it goes on until the quotes are closed.
   */
  readonly quotedTextMaySpanLines?: boolean;
}

const rules: readonly UrcRule[] = [
  // 3GPP TS 27.005 §3.4.1: new message and status report indications.
  { prefix: '+CMTI:', lines: 1, alsoAReply: false },
  { prefix: '+CMT:', lines: 2, alsoAReply: false },
  { prefix: '+CDSI:', lines: 1, alsoAReply: false },
  { prefix: '+CDS:', lines: 2, alsoAReply: false },
  { prefix: '+CBM:', lines: 2, alsoAReply: false },
  // 3GPP TS 27.007.
  { prefix: '+CUSD:', lines: 1, alsoAReply: false, quotedTextMaySpanLines: true },
  { prefix: '+CREG:', lines: 1, alsoAReply: true },
  { prefix: '+CGREG:', lines: 1, alsoAReply: true },
  { prefix: '+CEREG:', lines: 1, alsoAReply: true },
  { prefix: '+CPIN:', lines: 1, alsoAReply: true },
  { prefix: '+CFUN:', lines: 1, alsoAReply: true },
  { prefix: '+CRING:', lines: 1, alsoAReply: false },
  { prefix: '+CLIP:', lines: 1, alsoAReply: false },
  { prefix: '+CIEV:', lines: 1, alsoAReply: false },
  { prefix: '+CGEV:', lines: 1, alsoAReply: false },
  { prefix: '+PACSP', lines: 1, alsoAReply: false },
  { prefix: 'RING', lines: 1, alsoAReply: false },
  // SIMCom boot sequence.
  { prefix: 'RDY', lines: 1, alsoAReply: false },
  { prefix: 'Call Ready', lines: 1, alsoAReply: false },
  { prefix: 'SMS Ready', lines: 1, alsoAReply: false },
  { prefix: 'NORMAL POWER DOWN', lines: 1, alsoAReply: false },
  { prefix: 'UNDER-VOLTAGE', lines: 1, alsoAReply: false },
  { prefix: 'OVER-VOLTAGE', lines: 1, alsoAReply: false },
  // Huawei status reports, sent every few seconds until AT^CURC=0.
  { prefix: '^RSSI:', lines: 1, alsoAReply: false },
  { prefix: '^HCSQ:', lines: 1, alsoAReply: true },
  { prefix: '^BOOT:', lines: 1, alsoAReply: false },
  { prefix: '^MODE:', lines: 1, alsoAReply: false },
  { prefix: '^SRVST:', lines: 1, alsoAReply: false },
  { prefix: '^SIMST:', lines: 1, alsoAReply: false },
  { prefix: '^DSFLOWRPT:', lines: 1, alsoAReply: false },
  { prefix: '^STIN:', lines: 1, alsoAReply: false },
  { prefix: '^CEND:', lines: 1, alsoAReply: false },
  { prefix: '^ORIG:', lines: 1, alsoAReply: false },
  { prefix: '^CONF:', lines: 1, alsoAReply: false },
  { prefix: '^CONN:', lines: 1, alsoAReply: false },
  { prefix: '^NDISSTAT:', lines: 1, alsoAReply: true },
  // SIMCom SIM7500/SIM7600: the USB AT port's start, then the SIM's stores.
  { prefix: '*ATREADY:', lines: 1, alsoAReply: false },
  { prefix: 'SMS DONE', lines: 1, alsoAReply: false },
  { prefix: 'PB DONE', lines: 1, alsoAReply: false },
  // ZTE: +ZUSIMR nags until a message store is chosen; +ZDONR/+ZPASR name the operator and
  // radio technology; +ZEND and +ZPSTM mark the end of start-up and power-saving changes.
  { prefix: '+ZUSIMR:', lines: 1, alsoAReply: false },
  { prefix: '+ZDONR:', lines: 1, alsoAReply: false },
  { prefix: '+ZPASR:', lines: 1, alsoAReply: false },
  { prefix: '+ZPSTM:', lines: 1, alsoAReply: false },
  { prefix: '+ZEND', lines: 1, alsoAReply: false },
  // Sierra Wireless (Wavecom): general indications as AT+WIND selects; AT+WIND? answers the same way.
  { prefix: '+WIND:', lines: 1, alsoAReply: true },
  // Quectel.
  { prefix: '+QIND:', lines: 1, alsoAReply: false },
  { prefix: '+QUSIM:', lines: 1, alsoAReply: false },
  { prefix: '+CPSMSTATUS:', lines: 1, alsoAReply: false },
  // Sierra Wireless / Siemens.
  { prefix: '^SYSSTART', lines: 1, alsoAReply: false },
  { prefix: '+STIN:', lines: 1, alsoAReply: false },
];

/** The name a URC is routed under: its prefix without the trailing colon ("+CMTI", "RDY"). */
export function urcName(rule: UrcRule): string {
  return rule.prefix.endsWith(':') ? rule.prefix.slice(0, -1) : rule.prefix;
}

export function findUrcRule(line: string): UrcRule | null {
  for (const rule of rules) {
    if (line.startsWith(rule.prefix)) return rule;
  }
  return null;
}
