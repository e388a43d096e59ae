// Vendor profiles of the virtual modem: identity strings and the habits that make real modems
// awkward to drive (what they print at boot, which URCs they sprinkle between replies, how
// they spell the ICCID command, how they answer USSD and unknown commands). Reconstructed from
// the vendors' public AT command manuals and from how these sticks are known to behave; not
// recorded captures. Serial and revision strings follow the manuals' formats; their values
// are made up.

import { swapNibbles } from './virtual-identity';

export type UssdReplyStyle = 'text' | 'gsm7-packed-hex' | 'ucs2-hex';

export type ModemProfileId =
  'sim800' | 'huawei-e173' | 'quectel-ec25' | 'sim7600' | 'huawei-e3372' | 'zte-mf626' | 'wavecom-q2406';

export interface BootLine {
  readonly afterMs: number;
  readonly line: string;
  /** Printed again once a PIN has unlocked the SIM (the SIM's part of the boot). */
  readonly simReady?: boolean;
}

export interface ModemProfile {
  readonly id: ModemProfileId;
  /** What AT+CGMI, AT+CGMM and AT+CGMR answer, without any prefix. */
  readonly manufacturer: string;
  readonly model: string;
  readonly revision: string;
  /** The line AT+CGMR prints, when the firmware prefixes it ("+CGMR: …"). */
  readonly revisionLine?: string;
  /** What ATI (ATI0) prints. */
  readonly identification: (imei: string) => readonly string[];
  /** Lines printed after power-on, in order, with the delay before each. */
  readonly bootLines: readonly BootLine[];
  /** A URC the modem repeats while idle (Huawei ^RSSI, ZTE +ZUSIMR), until stopped. */
  readonly periodicUrc?: {
    readonly everyMs: number;
    readonly line: (rssi: number) => string;
    /**
     * The command that stops it: with `value`, only that setting (AT^CURC=0); without, any
     * use of the command (ZTE stops nagging once the host has touched AT+CPMS).
     */
    readonly stoppedBy: { readonly command: string; readonly value?: string };
    /** Whether it also turns up between a reply and its OK (Huawei does). */
    readonly interjects: boolean;
  };
  readonly echoByDefault: boolean;
  /** AT+CMEE at power-on: 0 plain ERROR, 1 numeric, 2 verbose codes. */
  readonly errorVerbosityByDefault: 0 | 1 | 2;
  /** What an unknown command gets: V.250 ERROR, or a vendor's own words. */
  readonly unknownCommandAnswer: 'ERROR' | 'COMMAND NOT SUPPORT';
  /** The ICCID answer to `command` ("+CCID", "^ICCID?"…), or null when the firmware lacks it. */
  readonly iccidAnswer: (command: string, iccid: string) => string | null;
  /** Message storage the indications name ("SM" on the SIM, "ME" in the modem). */
  readonly storage: 'SM' | 'ME';
  /** Highest AT+CNMI <ds> accepted: 2 stores reports (+CDSI), 1 only routes them (+CDS). */
  readonly statusReportIndicationMax: 1 | 2;
  readonly ussdReply: UssdReplyStyle;
  /** Whether the USSD string in AT+CUSD must be packed GSM 7-bit hex (Huawei) or plain text. */
  readonly ussdRequestPacked: boolean;
  /** What a cancelled PDU prompt (ESC) answers; SIMCom prints nothing, Quectel OK. */
  readonly answerToEscape: 'nothing' | 'OK';
  /** Commands this vendor accepts with a bare OK beyond the common set. */
  readonly vendorCommands: readonly string[];
  /** Fixed answers of vendor query commands ("!GSTATUS?" → lines). */
  readonly vendorQueries?: Readonly<Record<string, readonly string[]>>;
  /** Milliseconds from power-on until the SIM is ready; commands needing it answer SIM busy until then. */
  readonly simReadyAfterMs: number;
  /** The CME code for "SIM busy" while starting: 14 per TS 27.007, Wavecom's own 515. */
  readonly simBusyCode?: number;
}

function plainIccid(spelling: string) {
  return (command: string, iccid: string): string | null => (command === spelling ? iccid : null);
}

export const sim800: ModemProfile = {
  id: 'sim800',
  manufacturer: 'SIMCOM_Ltd',
  model: 'SIMCOM_SIM800L',
  revision: 'Revision:1418B05SIM800L24',
  identification: () => ['SIM800 R14.18'],
  bootLines: [
    { afterMs: 0, line: 'RDY' },
    { afterMs: 20, line: '+CFUN: 1' },
    { afterMs: 20, line: '+CPIN: READY', simReady: true },
    { afterMs: 50, line: 'Call Ready', simReady: true },
    { afterMs: 30, line: 'SMS Ready', simReady: true },
  ],
  echoByDefault: true,
  errorVerbosityByDefault: 0,
  unknownCommandAnswer: 'ERROR',
  iccidAnswer: plainIccid('+CCID'),
  storage: 'SM',
  statusReportIndicationMax: 2,
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
  identification: (imei) => [
    'Manufacturer: huawei',
    'Model: E173',
    'Revision: 11.126.85.00.209',
    `IMEI: ${imei}`,
    '+GCAP: +CGSM,+DS,+ES',
  ],
  bootLines: [
    { afterMs: 0, line: '^BOOT:20392970,0,0,0,72' },
    { afterMs: 20, line: '^MODE:5,4' },
    { afterMs: 20, line: '^SRVST:2' },
  ],
  periodicUrc: {
    everyMs: 700,
    line: (rssi) => `^RSSI:${rssi}`,
    stoppedBy: { command: '^CURC', value: '0' },
    interjects: true,
  },
  echoByDefault: true,
  errorVerbosityByDefault: 0,
  unknownCommandAnswer: 'ERROR',
  iccidAnswer: (command, iccid) =>
    command === '^ICCID?' ? `^ICCID: ${swapNibbles(iccid.padEnd(20, 'F'))}` : null,
  storage: 'SM',
  statusReportIndicationMax: 2,
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
  identification: () => ['Quectel', 'EC25', 'Revision: EC25EFAR06A06M4G'],
  bootLines: [
    { afterMs: 0, line: 'RDY' },
    { afterMs: 30, line: '+CFUN: 1' },
    { afterMs: 30, line: '+CPIN: READY', simReady: true },
    { afterMs: 20, line: '+QUSIM: 1', simReady: true },
    { afterMs: 20, line: '+QIND: SMS DONE', simReady: true },
    { afterMs: 20, line: '+QIND: PB DONE', simReady: true },
  ],
  echoByDefault: true,
  errorVerbosityByDefault: 0,
  unknownCommandAnswer: 'ERROR',
  iccidAnswer: (command, iccid) =>
    command === '+QCCID' ? `+QCCID: ${iccid}` : command === '+CCID' ? `+CCID: ${iccid}` : null,
  storage: 'ME',
  statusReportIndicationMax: 2,
  ussdReply: 'ucs2-hex',
  ussdRequestPacked: false,
  answerToEscape: 'OK',
  vendorCommands: ['+QURCCFG', '+QCFG', '+QSCLK'],
  simReadyAfterMs: 100,
};

// SIMCom SIM7500/SIM7600 Series AT Command Manual: the USB AT port announces itself with
// *ATREADY, then the SIM and its SMS and phonebook stores come up (+CPIN: READY, SMS DONE,
// PB DONE). AT+CGMR prefixes its answer; the ICCID is read with AT+CICCID ("+ICCID: …");
// errors are verbose at power-on (AT+CMEE=2).
export const sim7600: ModemProfile = {
  id: 'sim7600',
  manufacturer: 'SIMCOM INCORPORATED',
  model: 'SIMCOM_SIM7600E-H',
  revision: 'LE20B04SIM7600M22',
  revisionLine: '+CGMR: LE20B04SIM7600M22',
  identification: (imei) => [
    'Manufacturer: SIMCOM INCORPORATED',
    'Model: SIMCOM_SIM7600E-H',
    'Revision: SIM7600M22_V2.0',
    `IMEI: ${imei}`,
    '+GCAP: +CGSM',
  ],
  bootLines: [
    { afterMs: 0, line: '*ATREADY: 1' },
    { afterMs: 40, line: '+CPIN: READY', simReady: true },
    { afterMs: 60, line: 'SMS DONE', simReady: true },
    { afterMs: 40, line: 'PB DONE', simReady: true },
  ],
  echoByDefault: true,
  errorVerbosityByDefault: 2,
  unknownCommandAnswer: 'ERROR',
  iccidAnswer: (command, iccid) => (command === '+CICCID' ? `+ICCID: ${iccid}` : null),
  storage: 'SM',
  statusReportIndicationMax: 2,
  ussdReply: 'text',
  ussdRequestPacked: false,
  answerToEscape: 'nothing',
  vendorCommands: ['+CNMP', '+CNSMOD', '+CSCLK', '+CUSBPIDSWITCH'],
  simReadyAfterMs: 150,
};

// Huawei E3372 flashed to stick (modem) mode, not HiLink: HiLink firmware hides the AT ports
// behind a web interface and cannot be driven at all. Huawei LTE Module AT Command Interface
// Specification (ME909s/MU709 family, same firmware lineage): ^HCSQ replaces ^RSSI as the
// signal report ("LTE",<rssi>,<rsrp>,<sinr>,<rsrq>, each on its own scale), ^SIMST and
// ^SRVST at start, ^CURC=0 silences them; ICCID nibble-swapped in ^ICCID; unknown commands
// get the firmware's own "COMMAND NOT SUPPORT".
export const huaweiE3372: ModemProfile = {
  id: 'huawei-e3372',
  manufacturer: 'huawei',
  model: 'E3372',
  revision: '21.286.03.01.209',
  identification: (imei) => [
    'Manufacturer: huawei',
    'Model: E3372',
    'Revision: 21.286.03.01.209',
    `IMEI: ${imei}`,
    '+GCAP: +CGSM,+DS,+ES',
  ],
  bootLines: [
    { afterMs: 0, line: '^SIMST:1', simReady: true },
    { afterMs: 30, line: '^SRVST:2' },
  ],
  periodicUrc: {
    everyMs: 900,
    // <rssi> on ^HCSQ's LTE scale: -120 dBm + value; CSQ's 0–31 maps onto it at 2 dB a step.
    line: (rssi) => (rssi === 99 ? '^HCSQ:"NOSERVICE"' : `^HCSQ:"LTE",${7 + 2 * rssi},50,120,30`),
    stoppedBy: { command: '^CURC', value: '0' },
    interjects: true,
  },
  echoByDefault: true,
  errorVerbosityByDefault: 0,
  unknownCommandAnswer: 'COMMAND NOT SUPPORT',
  iccidAnswer: (command, iccid) =>
    command === '^ICCID?' ? `^ICCID: ${swapNibbles(iccid.padEnd(20, 'F'))}` : null,
  storage: 'SM',
  statusReportIndicationMax: 2,
  ussdReply: 'gsm7-packed-hex',
  ussdRequestPacked: true,
  answerToEscape: 'nothing',
  vendorCommands: ['^CURC', '^PORTSEL', '^SETPORT', '^SYSCFGEX', '^NDISDUP', '^DSFLOWCLR'],
  vendorQueries: { '^SYSINFOEX': ['^SYSINFOEX:2,3,0,1,,6,"LTE",101,"LTE"'] },
  simReadyAfterMs: 120,
};

// ZTE MF626/MF190 ("AT Command Set for ZTE Wireless Data Product"): +ZUSIMR:2 every second
// until the host selects a message store with AT+CPMS (left alone it fills the stick's
// buffers); +ZDONR with the operator and +ZPASR with the radio technology when it registers;
// the ICCID from AT+ZGETICCID.
export const zteMf626: ModemProfile = {
  id: 'zte-mf626',
  manufacturer: 'ZTE INCORPORATED',
  model: 'MF626',
  revision: 'BD_P673A2V1.0.0B09',
  identification: (imei) => [
    'Manufacturer: ZTE INCORPORATED',
    'Model: MF626',
    'Revision: BD_P673A2V1.0.0B09',
    `IMEI: ${imei}`,
    '+GCAP: +CGSM,+FCLASS,+DS',
  ],
  bootLines: [
    { afterMs: 0, line: '+ZUSIMR:2', simReady: true },
    { afterMs: 40, line: '+ZDONR: "Fanout Mobile",262,99,"CS_PS","ROAM_OFF"' },
    { afterMs: 20, line: '+ZPASR: "UMTS"' },
  ],
  periodicUrc: {
    everyMs: 1000,
    line: () => '+ZUSIMR:2',
    stoppedBy: { command: '+CPMS' },
    interjects: false,
  },
  echoByDefault: true,
  errorVerbosityByDefault: 0,
  unknownCommandAnswer: 'ERROR',
  iccidAnswer: (command, iccid) => (command === '+ZGETICCID' ? `+ZGETICCID: ${iccid}` : null),
  storage: 'SM',
  statusReportIndicationMax: 2,
  ussdReply: 'text',
  ussdRequestPacked: false,
  answerToEscape: 'nothing',
  vendorCommands: ['+ZCDRUN', '+ZOPRT', '+ZSNT', '+ZSTART'],
  vendorQueries: { '+ZPAS': ['+ZPAS: "UMTS","CS_PS"'] },
  simReadyAfterMs: 150,
};

// Sierra Wireless (Wavecom) Fastrack with a Q2406 module, the serial SMS gateway of many
// offices: AT Commands Interface Guide for Wavecom OS. +WIND indications as stored with
// AT+WIND (1 SIM inserted, 3 ready for commands but SMS, 4 ready for all, 7 network for
// emergency calls only); CGMM's two-space model name; the ICCID in quotes; +CNMI <ds> only
// up to 1 in this firmware generation, so reports come routed as +CDS.
export const wavecomQ2406: ModemProfile = {
  id: 'wavecom-q2406',
  manufacturer: 'WAVECOM MODEM',
  model: 'MULTIBAND  900E  1800',
  revision: '657e09gg.Q2406B 1266500 070307 17:04',
  identification: () => ['WAVECOM MODEM', 'MULTIBAND  900E  1800'],
  bootLines: [
    { afterMs: 0, line: '+WIND: 1', simReady: true },
    { afterMs: 40, line: '+WIND: 3' },
    { afterMs: 40, line: '+WIND: 7' },
    { afterMs: 60, line: '+WIND: 4', simReady: true },
  ],
  echoByDefault: true,
  errorVerbosityByDefault: 0,
  unknownCommandAnswer: 'ERROR',
  iccidAnswer: (command, iccid) => (command === '+CCID' ? `+CCID: "${iccid}"` : null),
  storage: 'SM',
  statusReportIndicationMax: 1,
  ussdReply: 'text',
  ussdRequestPacked: false,
  answerToEscape: 'nothing',
  vendorCommands: ['+WIND', '+WOPEN', '+WMBS', '+WRIM'],
  simReadyAfterMs: 150,
  simBusyCode: 515,
};

export const modemProfiles: Readonly<Record<ModemProfileId, ModemProfile>> = {
  sim800,
  'huawei-e173': huaweiE173,
  'quectel-ec25': quectelEc25,
  sim7600,
  'huawei-e3372': huaweiE3372,
  'zte-mf626': zteMf626,
  'wavecom-q2406': wavecomQ2406,
};
export const modemProfileIds = Object.keys(modemProfiles) as ModemProfileId[];

export function isModemProfileId(value: string): value is ModemProfileId {
  return Object.hasOwn(modemProfiles, value);
}
