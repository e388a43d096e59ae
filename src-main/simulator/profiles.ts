// Vendor profiles of the virtual modem: identity strings and the habits that make real modems
// awkward to drive (what they print at boot, which URCs they sprinkle between replies, how
// they spell the ICCID command, how they answer USSD and unknown commands). Reconstructed from
// the vendors' public AT command manuals and from how these sticks are known to behave; not
// recorded captures. Serial and revision strings follow the manuals' formats; their values
// are made up.

import { swapNibbles } from './virtual-identity';

export type UssdReplyStyle = 'text' | 'gsm7-packed-hex' | 'ucs2-hex';

export type ModemProfileId =
  | 'sim800'
  | 'huawei-e173'
  | 'quectel-ec25'
  | 'sim7600'
  | 'huawei-e3372'
  | 'zte-mf626'
  | 'wavecom-q2406'
  | 'sierra-mc7710';

export interface BootLine {
  readonly afterMs: number;
  readonly line: string;
  /** Printed again once a PIN has unlocked the SIM (the SIM's part of the boot). */
  readonly simReady?: boolean;
}

/** What ATI (ATI0) prints. */
export type AtiAnswer =
  /** Fixed lines: a product line (SIM800), or the maker and model alone (Quectel, Wavecom). */
  | { readonly lines: readonly string[] }
  /**
   * One labelled field a line, "Manufacturer: …", "Model: …", "Revision: …", "IMEI: …", then
   * +GCAP (Huawei, ZTE, SIMCom LTE, Sierra). `revision` where ATI names another build than
   * AT+CGMR; `afterImei` for lines some firmwares add after the IMEI.
   */
  | {
      readonly gcap: string;
      readonly revision?: string;
      readonly afterImei?: readonly string[];
    };

export interface ModemProfile {
  readonly id: ModemProfileId;
  /** What AT+CGMI, AT+CGMM and AT+CGMR answer, without any prefix. */
  readonly manufacturer: string;
  readonly model: string;
  readonly revision: string;
  /** The line AT+CGMR prints, when the firmware prefixes it ("+CGMR: …"). */
  readonly revisionLine?: string;
  readonly identification: AtiAnswer;
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

/** ATI's lines for a modem with this profile and IMEI. */
export function identificationLines(profile: ModemProfile, imei: string): readonly string[] {
  const answer = profile.identification;
  if ('lines' in answer) return answer.lines;
  return [
    `Manufacturer: ${profile.manufacturer}`,
    `Model: ${profile.model}`,
    `Revision: ${answer.revision ?? profile.revision}`,
    `IMEI: ${imei}`,
    ...(answer.afterImei ?? []),
    `+GCAP: ${answer.gcap}`,
  ];
}

// The habits most of these modems share (V.250 and TS 27.005 as written, SMS on the SIM):
// each vendor below states only where it differs.
const commonHabits = {
  echoByDefault: true,
  errorVerbosityByDefault: 0,
  unknownCommandAnswer: 'ERROR',
  storage: 'SM',
  statusReportIndicationMax: 2,
  ussdReply: 'text',
  ussdRequestPacked: false,
  answerToEscape: 'nothing',
} as const satisfies Partial<ModemProfile>;

type VendorProfile = Omit<ModemProfile, keyof typeof commonHabits> & Partial<ModemProfile>;

function vendorProfile(own: VendorProfile): ModemProfile {
  return { ...commonHabits, ...own };
}

/** The ICCID commands a firmware knows, each with how it prints the answer. */
function iccidAnswers(
  answers: Readonly<Record<string, (iccid: string) => string>>,
): ModemProfile['iccidAnswer'] {
  return (command, iccid) => (Object.hasOwn(answers, command) ? (answers[command]?.(iccid) ?? null) : null);
}

export const sim800 = vendorProfile({
  id: 'sim800',
  manufacturer: 'SIMCOM_Ltd',
  model: 'SIMCOM_SIM800L',
  revision: 'Revision:1418B05SIM800L24',
  identification: { lines: ['SIM800 R14.18'] },
  bootLines: [
    { afterMs: 0, line: 'RDY' },
    { afterMs: 20, line: '+CFUN: 1' },
    { afterMs: 20, line: '+CPIN: READY', simReady: true },
    { afterMs: 50, line: 'Call Ready', simReady: true },
    { afterMs: 30, line: 'SMS Ready', simReady: true },
  ],
  iccidAnswer: iccidAnswers({ '+CCID': (iccid) => iccid }),
  vendorCommands: ['+CSCLK', '+CIURC', '+CLTS'],
  simReadyAfterMs: 100,
});

// Huawei's HSPA and LTE sticks share a firmware lineage: the ICCID nibble-swapped and padded
// with F in ^ICCID, USSD strings packed GSM 7-bit hex both ways, and a signal report every
// second or so (also between a reply and its OK) until AT^CURC=0.
const huaweiStick = {
  manufacturer: 'huawei',
  iccidAnswer: iccidAnswers({ '^ICCID?': (iccid) => `^ICCID: ${swapNibbles(iccid.padEnd(20, 'F'))}` }),
  ussdReply: 'gsm7-packed-hex',
  ussdRequestPacked: true,
} as const satisfies Partial<ModemProfile>;

function huaweiSignalReport(everyMs: number, line: (rssi: number) => string): ModemProfile['periodicUrc'] {
  return { everyMs, line, stoppedBy: { command: '^CURC', value: '0' }, interjects: true };
}

export const huaweiE173 = vendorProfile({
  ...huaweiStick,
  id: 'huawei-e173',
  model: 'E173',
  revision: '11.126.85.00.209',
  identification: { gcap: '+CGSM,+DS,+ES' },
  bootLines: [
    { afterMs: 0, line: '^BOOT:20392970,0,0,0,72' },
    { afterMs: 20, line: '^MODE:5,4' },
    { afterMs: 20, line: '^SRVST:2' },
  ],
  periodicUrc: huaweiSignalReport(700, (rssi) => `^RSSI:${rssi}`),
  vendorCommands: ['^CURC', '^U2DIAG', '^SYSCFG', '^CVOICE', '^PORTSEL'],
  simReadyAfterMs: 50,
});

export const quectelEc25 = vendorProfile({
  id: 'quectel-ec25',
  manufacturer: 'Quectel',
  model: 'EC25',
  revision: 'EC25EFAR06A06M4G',
  identification: { lines: ['Quectel', 'EC25', 'Revision: EC25EFAR06A06M4G'] },
  bootLines: [
    { afterMs: 0, line: 'RDY' },
    { afterMs: 30, line: '+CFUN: 1' },
    { afterMs: 30, line: '+CPIN: READY', simReady: true },
    { afterMs: 20, line: '+QUSIM: 1', simReady: true },
    { afterMs: 20, line: '+QIND: SMS DONE', simReady: true },
    { afterMs: 20, line: '+QIND: PB DONE', simReady: true },
  ],
  iccidAnswer: iccidAnswers({
    '+QCCID': (iccid) => `+QCCID: ${iccid}`,
    '+CCID': (iccid) => `+CCID: ${iccid}`,
  }),
  storage: 'ME',
  ussdReply: 'ucs2-hex',
  answerToEscape: 'OK',
  vendorCommands: ['+QURCCFG', '+QCFG', '+QSCLK'],
  simReadyAfterMs: 100,
});

// SIMCom SIM7500/SIM7600 Series AT Command Manual: the USB AT port announces itself with
// *ATREADY, then the SIM and its SMS and phonebook stores come up (+CPIN: READY, SMS DONE,
// PB DONE). AT+CGMR prefixes its answer; the ICCID is read with AT+CICCID ("+ICCID: …");
// errors are verbose at power-on (AT+CMEE=2).
export const sim7600 = vendorProfile({
  id: 'sim7600',
  manufacturer: 'SIMCOM INCORPORATED',
  model: 'SIMCOM_SIM7600E-H',
  revision: 'LE20B04SIM7600M22',
  revisionLine: '+CGMR: LE20B04SIM7600M22',
  identification: { gcap: '+CGSM', revision: 'SIM7600M22_V2.0' },
  bootLines: [
    { afterMs: 0, line: '*ATREADY: 1' },
    { afterMs: 40, line: '+CPIN: READY', simReady: true },
    { afterMs: 60, line: 'SMS DONE', simReady: true },
    { afterMs: 40, line: 'PB DONE', simReady: true },
  ],
  errorVerbosityByDefault: 2,
  iccidAnswer: iccidAnswers({ '+CICCID': (iccid) => `+ICCID: ${iccid}` }),
  vendorCommands: ['+CNMP', '+CNSMOD', '+CSCLK', '+CUSBPIDSWITCH'],
  simReadyAfterMs: 150,
});

// Huawei E3372 flashed to stick (modem) mode, not HiLink: HiLink firmware hides the AT ports
// behind a web interface and cannot be driven at all. Huawei LTE Module AT Command Interface
// Specification (ME909s/MU709 family, same firmware lineage): ^HCSQ replaces ^RSSI as the
// signal report ("LTE",<rssi>,<rsrp>,<sinr>,<rsrq>, each on its own scale), ^SIMST and
// ^SRVST at start; unknown commands get the firmware's own "COMMAND NOT SUPPORT".
export const huaweiE3372 = vendorProfile({
  ...huaweiStick,
  id: 'huawei-e3372',
  model: 'E3372',
  revision: '21.286.03.01.209',
  identification: { gcap: '+CGSM,+DS,+ES' },
  bootLines: [
    { afterMs: 0, line: '^SIMST:1', simReady: true },
    { afterMs: 30, line: '^SRVST:2' },
  ],
  // <rssi> on ^HCSQ's LTE scale: -120 dBm + value; CSQ's 0–31 maps onto it at 2 dB a step.
  periodicUrc: huaweiSignalReport(900, (rssi) =>
    rssi === 99 ? '^HCSQ:"NOSERVICE"' : `^HCSQ:"LTE",${7 + 2 * rssi},50,120,30`,
  ),
  unknownCommandAnswer: 'COMMAND NOT SUPPORT',
  vendorCommands: ['^CURC', '^PORTSEL', '^SETPORT', '^SYSCFGEX', '^NDISDUP', '^DSFLOWCLR'],
  vendorQueries: { '^SYSINFOEX': ['^SYSINFOEX:2,3,0,1,,6,"LTE",101,"LTE"'] },
  simReadyAfterMs: 120,
});

// ZTE MF626/MF190 ("AT Command Set for ZTE Wireless Data Product"): +ZUSIMR:2 every second
// until the host selects a message store with AT+CPMS (left alone it fills the stick's
// buffers); +ZDONR with the operator and +ZPASR with the radio technology when it registers;
// the ICCID from AT+ZGETICCID.
export const zteMf626 = vendorProfile({
  id: 'zte-mf626',
  manufacturer: 'ZTE INCORPORATED',
  model: 'MF626',
  revision: 'BD_P673A2V1.0.0B09',
  identification: { gcap: '+CGSM,+FCLASS,+DS' },
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
  iccidAnswer: iccidAnswers({ '+ZGETICCID': (iccid) => `+ZGETICCID: ${iccid}` }),
  vendorCommands: ['+ZCDRUN', '+ZOPRT', '+ZSNT', '+ZSTART'],
  vendorQueries: { '+ZPAS': ['+ZPAS: "UMTS","CS_PS"'] },
  simReadyAfterMs: 150,
});

// Sierra Wireless (Wavecom) Fastrack with a Q2406 module, the serial SMS gateway of many
// offices: AT Commands Interface Guide for Wavecom OS. +WIND indications as stored with
// AT+WIND (1 SIM inserted, 3 ready for commands but SMS, 4 ready for all, 7 network for
// emergency calls only); CGMM's two-space model name; the ICCID in quotes; +CNMI <ds> only
// up to 1 in this firmware generation, so reports come routed as +CDS.
export const wavecomQ2406 = vendorProfile({
  id: 'wavecom-q2406',
  manufacturer: 'WAVECOM MODEM',
  model: 'MULTIBAND  900E  1800',
  revision: '657e09gg.Q2406B 1266500 070307 17:04',
  identification: { lines: ['WAVECOM MODEM', 'MULTIBAND  900E  1800'] },
  bootLines: [
    { afterMs: 0, line: '+WIND: 1', simReady: true },
    { afterMs: 40, line: '+WIND: 3' },
    { afterMs: 40, line: '+WIND: 7' },
    { afterMs: 60, line: '+WIND: 4', simReady: true },
  ],
  iccidAnswer: iccidAnswers({ '+CCID': (iccid) => `+CCID: "${iccid}"` }),
  statusReportIndicationMax: 1,
  vendorCommands: ['+WIND', '+WOPEN', '+WMBS', '+WRIM'],
  simReadyAfterMs: 150,
  simBusyCode: 515,
});

// Sierra Wireless AirPrime MC7710 (MC77xx: MC7700/MC7710/MC7304, the LTE cards in laptops
// and in USB adapters), on its USB AT port. Reconstructed from Sierra's AirPrime AT command
// references and how these cards answer in the field: no banner at power-on (the host learns
// readiness from AT+CPIN?), ATI with labelled fields and the IMEI SV and FSN after the IMEI,
// AT+CGMR's long build line ("SWI9200X_… r… CNSHZ-… date time"), the ICCID only from Sierra's
// own AT!ICCID? ("ICCID: …"), and AT!GSTATUS? as the card's one-screen status (two columns
// separated by tabs). SMS on the SIM, +CMTI and +CDSI naming "SM". The Qualcomm SIM start
// takes longer than the 2G modules'.
export const sierraMc7710 = vendorProfile({
  id: 'sierra-mc7710',
  manufacturer: 'Sierra Wireless, Incorporated',
  model: 'MC7710',
  revision: 'SWI9200X_03.05.29.03ap r6485 CNSHZ-ED-XP0031 2014/12/02 17:53:15',
  identification: { gcap: '+CGSM', afterImei: ['IMEI SV: 16', 'FSN: J8303500601210'] },
  bootLines: [],
  iccidAnswer: iccidAnswers({ '!ICCID?': (iccid) => `ICCID: ${iccid}` }),
  vendorCommands: ['!ENTERCND', '!SELRAT', '!BAND', '!SCACT', '!UDPID', '!RESET'],
  vendorQueries: {
    '!GSTATUS?': [
      '!GSTATUS: ',
      'Current Time:  4527\t\tTemperature: 38',
      'Bootup Time:   6\t\tMode:        ONLINE',
      'System mode:   LTE        \tPS state:    Attached',
      'LTE band:      B3     \t\tLTE bw:      20 MHz',
      'LTE Rx chan:   1300\t\tLTE Tx chan: 19300',
      'EMM state:     Registered     \tNormal Service',
      'RRC state:     RRC Idle',
      'IMS reg state: No Srv',
      '',
      'RSSI (dBm):    -71\t\tTx Power:    0',
      'RSRP (dBm):    -98\t\tTAC:         2B67 (11111)',
      'RSRQ (dB):     -9\t\tCell ID:     01A2D001 (27447297)',
      'SINR (dB):      9.2',
    ],
  },
  simReadyAfterMs: 300,
});

export const modemProfiles: Readonly<Record<ModemProfileId, ModemProfile>> = {
  sim800,
  'huawei-e173': huaweiE173,
  'quectel-ec25': quectelEc25,
  sim7600,
  'huawei-e3372': huaweiE3372,
  'zte-mf626': zteMf626,
  'wavecom-q2406': wavecomQ2406,
  'sierra-mc7710': sierraMc7710,
};
export const modemProfileIds = Object.keys(modemProfiles) as ModemProfileId[];

export function isModemProfileId(value: string): value is ModemProfileId {
  return Object.hasOwn(modemProfiles, value);
}
