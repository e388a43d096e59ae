// Vendor profiles of the virtual modem: identity strings and the habits that make real modems
// awkward to drive (what they print at boot, which URCs they sprinkle between replies, how
// they spell the ICCID command, how they answer USSD). Reconstructed from public AT manuals and
// from sessions with SIM800L, Huawei E173 and Quectel EC25 sticks; not recorded captures.

export type IccidCommand = '+CCID' | '+QCCID' | '^ICCID?' | '+ICCID';
export type UssdReplyStyle = 'text' | 'gsm7-packed-hex' | 'ucs2-hex';

export interface ModemProfile {
  readonly id: 'sim800' | 'huawei-e173' | 'quectel-ec25';
  readonly manufacturer: string;
  readonly model: string;
  readonly revision: string;
  /** Lines printed after power-on, in order, with the delay before each. */
  readonly bootLines: readonly { readonly afterMs: number; readonly line: string }[];
  /** A URC the modem repeats while idle or busy (Huawei ^RSSI), until disabled. */
  readonly periodicUrc?: {
    readonly everyMs: number;
    readonly line: (rssi: number) => string;
    readonly disableCommand: string;
  };
  readonly echoByDefault: boolean;
  readonly iccidCommands: readonly IccidCommand[];
  /** Message storage the indications name ("SM" on the SIM, "ME" in the modem). */
  readonly storage: 'SM' | 'ME';
  readonly ussdReply: UssdReplyStyle;
  /** Whether the USSD string in AT+CUSD must be packed GSM 7-bit hex (Huawei) or plain text. */
  readonly ussdRequestPacked: boolean;
  /** What a cancelled PDU prompt (ESC) answers; SIMCom prints nothing, Quectel OK. */
  readonly answerToEscape: 'nothing' | 'OK';
  /** Commands this vendor accepts with a bare OK beyond the common set. */
  readonly vendorCommands: readonly string[];
  /** Milliseconds from power-on until the SIM is ready; commands needing it answer SIM busy until then. */
  readonly simReadyAfterMs: number;
}

export const sim800: ModemProfile = {
  id: 'sim800',
  manufacturer: 'SIMCOM_Ltd',
  model: 'SIMCOM_SIM800L',
  revision: 'Revision:1418B05SIM800L24',
  bootLines: [
    { afterMs: 0, line: 'RDY' },
    { afterMs: 20, line: '+CFUN: 1' },
    { afterMs: 20, line: '+CPIN: READY' },
    { afterMs: 50, line: 'Call Ready' },
    { afterMs: 30, line: 'SMS Ready' },
  ],
  echoByDefault: true,
  iccidCommands: ['+CCID'],
  storage: 'SM',
  ussdReply: 'text',
  ussdRequestPacked: false,
  answerToEscape: 'nothing',
  vendorCommands: ['+CSCLK', '+CIURC', '+CLTS'],
  simReadyAfterMs: 100,
};

export const huaweiE173: ModemProfile = {
  id: 'huawei-e173',
  manufacturer: 'huawei',
  model: 'E173',
  revision: '11.126.85.00.209',
  bootLines: [
    { afterMs: 0, line: '^BOOT:20392970,0,0,0,72' },
    { afterMs: 20, line: '^MODE:5,4' },
    { afterMs: 20, line: '^SRVST:2' },
  ],
  periodicUrc: { everyMs: 700, line: (rssi) => `^RSSI:${rssi}`, disableCommand: '^CURC' },
  echoByDefault: true,
  iccidCommands: ['^ICCID?'],
  storage: 'SM',
  ussdReply: 'gsm7-packed-hex',
  ussdRequestPacked: true,
  answerToEscape: 'nothing',
  vendorCommands: ['^CURC', '^U2DIAG', '^SYSCFG', '^CVOICE', '^PORTSEL'],
  simReadyAfterMs: 50,
};

export const quectelEc25: ModemProfile = {
  id: 'quectel-ec25',
  manufacturer: 'Quectel',
  model: 'EC25',
  revision: 'EC25EFAR06A06M4G',
  bootLines: [
    { afterMs: 0, line: 'RDY' },
    { afterMs: 30, line: '+CFUN: 1' },
    { afterMs: 30, line: '+CPIN: READY' },
    { afterMs: 20, line: '+QUSIM: 1' },
    { afterMs: 20, line: '+QIND: SMS DONE' },
    { afterMs: 20, line: '+QIND: PB DONE' },
  ],
  echoByDefault: true,
  iccidCommands: ['+QCCID', '+CCID'],
  storage: 'ME',
  ussdReply: 'ucs2-hex',
  ussdRequestPacked: false,
  answerToEscape: 'OK',
  vendorCommands: ['+QURCCFG', '+QCFG', '+QSCLK'],
  simReadyAfterMs: 100,
};

export const modemProfiles = { sim800, 'huawei-e173': huaweiE173, 'quectel-ec25': quectelEc25 } as const;
export type ModemProfileId = keyof typeof modemProfiles;
export const modemProfileIds = Object.keys(modemProfiles) as ModemProfileId[];

export function isModemProfileId(value: string): value is ModemProfileId {
  return Object.hasOwn(modemProfiles, value);
}
