// A software GSM modem that answers AT commands the way the USB sticks people own do: echo, the
// "> " prompt, PDU checks, ERROR for what it does not know, vendor boot noise and URCs, a
// latency per submit, status reports after a delay, inbound messages on demand, and faults on
// request. It only sees bytes in and bytes out, so the same modem serves the in-process serial
// binding and a pseudo-terminal.

import { decodePdu, encodeDeliver, encodeStatusReport } from '../../src-shared/sms';
import type { FaultPlan, LateAnswer } from './faults';
import { MessageStore } from './message-store';
import { identificationLines, sim800, type ModemProfile } from './profiles';
import { decodeUssdRequest, encodeUssdReply } from './ussd-codec';
import { nextVirtualImei } from './virtual-identity';
import { VirtualNetwork } from './virtual-network';

export interface VirtualModemOptions {
  readonly profile?: ModemProfile;
  readonly faults?: FaultPlan;
  readonly network?: VirtualNetwork;
  readonly imei?: string;
  readonly imsi?: string;
  readonly iccid?: string;
  readonly operatorName?: string;
  /** Time the network takes to accept a submit; a function for jitter. */
  readonly submitLatencyMs?: number | (() => number);
  /** Time from an accepted submit to its status report. */
  readonly statusReportDelayMs?: number;
  /** 0–31 as in AT+CSQ. */
  readonly rssi?: number;
  /** What the balance USSD answers. */
  readonly ussdReply?: string;
  /**
   * Replies from recipients: called for each accepted single message or last part; a text
   * returned comes back as an inbound message from the recipient after `replyDelayMs`.
   */
  readonly replyFrom?: (recipient: string, text: string) => string | null;
  readonly replyDelayMs?: number;
}

export interface InboundSms {
  readonly from: string;
  readonly text: string;
  readonly timestamp?: Date;
  /** Parts (1-based) the network loses on the way: they never reach the modem. */
  readonly lostParts?: readonly number[];
}

type Output = (data: string) => void;

interface NewMessageIndications {
  mode: number;
  mt: number;
  bm: number;
  ds: number;
  bfr: number;
}

interface PduEntry {
  readonly expectedLength: number;
  hex: string;
  readonly promptShown: boolean;
}

const cmeText: Record<number, string> = {
  3: 'operation not allowed',
  4: 'operation not supported',
  10: 'SIM not inserted',
  11: 'SIM PIN required',
  12: 'SIM PUK required',
  16: 'incorrect password',
  30: 'no network service',
};

export class VirtualModem {
  readonly profile: ModemProfile;
  readonly network: VirtualNetwork;
  readonly imei: string;
  readonly imsi: string;
  readonly iccid: string;
  readonly faults: FaultPlan;

  private output: Output | null = null;
  /** While set, output is collected here instead of written (an answer held back). */
  private holding: string[] | null = null;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private periodicTimer: ReturnType<typeof setInterval> | null = null;
  private commandLine = '';
  private pduEntry: PduEntry | null = null;
  private pendingInput = '';
  private busy = false;
  private hung = false;
  private unplugged = false;
  private echo: boolean;
  private verbose = true;
  private cmee: number;
  private cmgf = 0;
  private cscs = 'IRA';
  private cregMode = 0;
  private periodicUrcEnabled = true;
  private cnmi: NewMessageIndications = { mode: 0, mt: 0, bm: 0, ds: 0, bfr: 0 };
  private pinState: 'READY' | 'SIM PIN' | 'SIM PUK';
  private pinAttemptsLeft = 3;
  private readonly storage = new MessageStore();
  private nextReference = 0;
  private acceptedSubmits = 0;
  private promptsToLose: number;
  private readonly lateAnswersLeft: { rule: LateAnswer; left: number }[];
  /** S-parameters (V.250 §6.2): S3 command terminator, S4 response formatting, S5 backspace. */
  private readonly sRegisters = new Map<number, number>([
    [0, 0],
    [3, 13],
    [4, 10],
    [5, 8],
    [7, 60],
  ]);
  private repliesSinceUrc = 0;
  private networkAvailable: boolean;
  private simReadyAt = 0;
  private readonly unplugListeners = new Set<(replugAfterMs: number | undefined) => void>();
  private readonly options: VirtualModemOptions;

  constructor(options: VirtualModemOptions = {}) {
    this.options = options;
    this.profile = options.profile ?? sim800;
    this.faults = options.faults ?? {};
    this.network = options.network ?? new VirtualNetwork();
    this.imei = options.imei ?? nextVirtualImei();
    this.imsi = options.imsi ?? `26202${this.imei.slice(-10)}`;
    this.iccid = options.iccid ?? `894920${this.imei.slice(-13)}`.slice(0, 19);
    this.echo = this.profile.echoByDefault;
    this.cmee = this.profile.errorVerbosityByDefault;
    this.lateAnswersLeft = (this.faults.lateAnswers ?? []).map((rule) => ({ rule, left: rule.times ?? 1 }));
    this.pinState = this.faults.pinRequired ? 'SIM PIN' : 'READY';
    this.promptsToLose = this.faults.losePromptTimes ?? 0;
    this.networkAvailable = !this.faults.noNetwork;
  }

  /** Coverage comes or goes; announced with +CREG when the host asked for it (AT+CREG=1/2). */
  setNetworkAvailable(available: boolean): void {
    if (available === this.networkAvailable) return;
    this.networkAvailable = available;
    if (this.cregMode > 0 && !this.busy) this.urc(`+CREG: ${this.registered ? 1 : 2}`);
  }

  /** Stops answering now, as sticks do when their firmware locks up; for `durationMs` or until the port is reopened. */
  hangNow(durationMs?: number): void {
    this.hung = true;
    if (durationMs !== undefined) this.later(durationMs, () => (this.hung = false));
  }

  /** The next `times` commands starting with `command` get their answer `afterMs` late (see FaultPlan.lateAnswers). */
  answerLate(command: string, afterMs: number, times = 1): void {
    this.lateAnswersLeft.push({ rule: { command, afterMs, times }, left: times });
  }

  /** Connects the host side: everything the modem says goes to `output`. */
  connect(output: Output): void {
    this.output = output;
  }

  disconnect(): void {
    this.output = null;
  }

  /** Prints the boot sequence (RDY, Call Ready, …) and starts the vendor's periodic URCs. */
  powerOn(): void {
    // The SIM needs a moment after power-on; until then it answers "SIM busy" (CME 14).
    this.simReadyAt = Date.now() + this.profile.simReadyAfterMs;
    let delay = 0;
    for (const { afterMs, line, simReady } of this.profile.bootLines) {
      delay += afterMs;
      const locked = this.pinState !== 'READY';
      // A locked SIM stops the boot at "+CPIN: SIM PIN"; the rest follows the PIN (handleCpin).
      if (locked && simReady && line !== '+CPIN: READY') continue;
      const shown = line === '+CPIN: READY' && locked ? `+CPIN: ${this.pinState}` : line;
      this.later(delay, () => this.urc(shown));
    }
    const periodic = this.profile.periodicUrc;
    if (periodic && !this.periodicTimer) {
      this.periodicTimer = setInterval(() => {
        if (this.periodicUrcEnabled && !this.busy) this.urc(periodic.line(this.rssi()));
      }, periodic.everyMs);
      this.periodicTimer.unref?.();
    }
  }

  /** The host reopened the port: DTR dropped, which resets a hung modem. */
  portReopened(): void {
    this.hung = false;
  }

  get isHung(): boolean {
    return this.hung;
  }

  get isUnplugged(): boolean {
    return this.unplugged;
  }

  /** PIN attempts the SIM still allows (three at the start). */
  get remainingPinAttempts(): number {
    return this.pinAttemptsLeft;
  }

  /** Messages held in the modem's store (received, and status reports stored per AT+CNMI). */
  get storedMessageCount(): number {
    return this.storage.size;
  }

  get sentCount(): number {
    return this.acceptedSubmits;
  }

  /** Called with the replug delay when the modem drops off the bus. */
  onUnplug(listener: (replugAfterMs: number | undefined) => void): () => void {
    this.unplugListeners.add(listener);
    return () => this.unplugListeners.delete(listener);
  }

  /** Back on the bus after an unplug: boots again. */
  replug(): void {
    this.unplugged = false;
    this.hung = false;
    this.busy = false;
    this.pduEntry = null;
    this.commandLine = '';
    this.pendingInput = '';
    this.powerOn();
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.periodicTimer) clearInterval(this.periodicTimer);
    this.periodicTimer = null;
    this.output = null;
  }

  /** A message arrives from the network (parts are stored or forwarded per AT+CNMI). Returns the part count. */
  receiveSms(sms: InboundSms): number {
    const parts = encodeDeliver({
      from: sms.from,
      text: sms.text,
      timestamp: sms.timestamp ?? new Date(),
      concatReference: Math.floor(Math.random() * 256),
    });
    parts.forEach((part, index) => {
      if (!sms.lostParts?.includes(index + 1)) this.deliverToHost(part.pdu, part.tpduLength, 'deliver');
    });
    return parts.length;
  }

  /** Bytes from the host. */
  input(data: Buffer | string): void {
    if (this.unplugged) return;
    const text = typeof data === 'string' ? data : data.toString('latin1');
    if (this.busy) {
      this.pendingInput += text;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      if (this.hung || this.unplugged) return;
      if (this.busy) {
        this.pendingInput += text.slice(i);
        return;
      }
      this.inputChar(text.charAt(i));
    }
  }

  private inputChar(char: string): void {
    if (this.pduEntry) {
      this.pduChar(char, this.pduEntry);
      return;
    }
    if (this.echo) this.write(char);
    if (char === '\r') {
      const line = this.commandLine.trim();
      this.commandLine = '';
      if (line.length > 0) this.execute(line);
    } else if (char === '\b') {
      this.commandLine = this.commandLine.slice(0, -1);
    } else if (char >= ' ') {
      // Control characters (a stray ESC, XON/XOFF) never become part of a command.
      this.commandLine += char;
    }
  }

  private pduChar(char: string, entry: PduEntry): void {
    if (char === '\x1b') {
      this.pduEntry = null;
      if (this.profile.answerToEscape === 'OK') this.final();
      return;
    }
    if (!entry.promptShown) return; // the prompt was "lost": the host must not type yet
    if (this.echo && char !== '\x1a') this.write(char);
    if (char === '\x1a') {
      this.pduEntry = null;
      this.submit(entry.hex.replace(/\s+/g, ''), entry.expectedLength);
      return;
    }
    entry.hex += char;
  }

  // --- output ---------------------------------------------------------------------------------

  private write(text: string): void {
    if (this.holding) {
      this.holding.push(text);
      return;
    }
    if (this.unplugged || this.hung) return;
    this.output?.(text);
  }

  private urc(line: string): void {
    this.write(`\r\n${line}\r\n`);
  }

  private reply(lines: readonly string[]): void {
    if (lines.length === 0) return;
    if (!this.verbose) {
      this.write(lines.map((line) => `${line}\r\n`).join(''));
      return;
    }
    this.write(`\r\n${lines.join('\r\n')}\r\n`);
  }

  private final(): void {
    this.maybeInterject();
    this.write(this.verbose ? '\r\nOK\r\n' : '0\r');
  }

  // Huawei sticks print ^RSSI between a reply and its OK; do the same now and then so drivers meet it.
  private maybeInterject(): void {
    const periodic = this.profile.periodicUrc;
    if (!periodic?.interjects || !this.periodicUrcEnabled) return;
    this.repliesSinceUrc += 1;
    if (this.repliesSinceUrc >= 3) {
      this.repliesSinceUrc = 0;
      this.urc(periodic.line(this.rssi()));
    }
  }

  private error(): void {
    this.write(this.verbose ? '\r\nERROR\r\n' : '4\r');
  }

  private unknownCommand(): void {
    const words = this.profile.unknownCommandAnswer;
    if (words === 'ERROR' || !this.verbose) this.error();
    else this.write(`\r\n${words}\r\n`);
  }

  private cmeError(code: number): void {
    if (this.cmee === 0) return this.error();
    this.write(`\r\n+CME ERROR: ${this.cmee === 2 ? (cmeText[code] ?? String(code)) : code}\r\n`);
  }

  private cmsError(code: number): void {
    if (this.cmee === 0) return this.error();
    this.write(`\r\n+CMS ERROR: ${code}\r\n`);
  }

  private later(ms: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work();
    }, ms);
    this.timers.add(timer);
  }

  private finishBusy(): void {
    this.busy = false;
    const pending = this.pendingInput;
    this.pendingInput = '';
    if (pending) this.input(pending);
  }

  private rssi(): number {
    return this.networkAvailable ? (this.options.rssi ?? 21) : 99;
  }

  private get registered(): boolean {
    return this.networkAvailable && this.pinState === 'READY';
  }

  // --- commands -------------------------------------------------------------------------------

  private execute(line: string): void {
    if (!/^AT/i.test(line)) return; // real modems ignore line noise without a word
    const upper = line.toUpperCase();
    if (this.faults.silentCommands?.some((command) => upper.startsWith(command.toUpperCase()))) return;
    const late = this.lateAnswersLeft.find(
      (entry) => entry.left > 0 && upper.startsWith(entry.rule.command.toUpperCase()),
    );
    if (late) {
      late.left -= 1;
      this.holdAnswer(line, late.rule.afterMs);
      return;
    }
    this.executeNow(line);
  }

  // The answer is worked out now and held back; what the host types meanwhile waits its turn,
  // as on a modem whose command interpreter is busy.
  private holdAnswer(line: string, afterMs: number): void {
    const held: string[] = [];
    this.holding = held;
    try {
      this.executeNow(line);
    } finally {
      this.holding = null;
    }
    this.busy = true;
    this.later(afterMs, () => {
      if (this.unplugged) return;
      this.write(held.join(''));
      this.finishBusy();
    });
  }

  private executeNow(line: string): void {
    const body = line.slice(2);
    if (body === '') return this.final();
    if (/^[+^*!]/.test(body)) this.extended(body);
    else this.basic(body);
  }

  // V.250 basic commands may be chained: "ATE0V1", "AT&FE0", "ATS3?".
  private basic(body: string): void {
    let rest = body;
    const info: string[] = [];
    while (rest.length > 0) {
      const match = /^(&?[A-Z])(\d*)/i.exec(rest);
      if (!match?.[1]) return this.unknownCommand();
      const name = match[1].toUpperCase();
      const value = match[2] === '' ? 0 : Number(match[2]);
      rest = rest.slice(match[0].length);
      if (name === 'S') {
        // V.250 §5.3.2: "Sn?" reads, "Sn=v" sets; values print as three digits.
        const access = /^(\?|=(\d{1,3}))/.exec(rest);
        if (!access || !this.sRegisters.has(value)) return this.error();
        rest = rest.slice(access[0].length);
        if (access[2] === undefined) info.push(String(this.sRegisters.get(value) ?? 0).padStart(3, '0'));
        else this.sRegisters.set(value, Number(access[2]));
        continue;
      }
      if (name === 'E') this.echo = value === 1;
      else if (name === 'V') this.verbose = value === 1;
      else if (name === 'Z' || name === '&F') {
        this.echo = this.profile.echoByDefault;
        this.verbose = true;
        this.cmee = this.profile.errorVerbosityByDefault;
      } else if (name === 'I')
        info.push(...(value === 3 ? [this.profile.revision] : identificationLines(this.profile, this.imei)));
      else if (
        name === 'Q' ||
        name === 'H' ||
        name === '&W' ||
        name === '&D' ||
        name === '&C' ||
        name === 'X'
      )
        continue;
      else return this.unknownCommand();
      if (name === '&F' || name === 'Z') rest = rest.replace(/^\d+/, '');
    }
    this.reply(info);
    this.final();
  }

  private extended(body: string): void {
    const match = /^([+^*!][A-Z0-9]+)(=\?|\?|=(.*))?$/i.exec(body);
    if (!match?.[1]) return this.unknownCommand();
    const name = match[1].toUpperCase();
    const form =
      match[2] === undefined ? 'exec' : match[2] === '=?' ? 'test' : match[2] === '?' ? 'read' : 'set';
    const args = match[3] ?? '';
    const stopper = this.profile.periodicUrc?.stoppedBy;
    if (stopper && stopper.value === undefined && name === stopper.command) this.periodicUrcEnabled = false;
    // false means "not a command this modem knows": real modems answer a plain ERROR then.
    const handled = this.handle(name, form, args);
    if (!handled) this.unknownCommand();
  }

  /** Whether the SIM is usable; if not, the error is already written (the command counts as handled). */
  private needsSim(forSms: boolean): boolean {
    if (Date.now() < this.simReadyAt) {
      if (forSms) this.cmsError(314);
      else this.cmeError(this.profile.simBusyCode ?? 14);
      return false;
    }
    if (this.pinState === 'READY') return true;
    const code = this.pinState === 'SIM PIN' ? 11 : 12;
    if (forSms) this.cmsError(code + 300);
    else this.cmeError(code);
    return false;
  }

  private simStarted(): boolean {
    if (Date.now() >= this.simReadyAt) return true;
    this.cmeError(this.profile.simBusyCode ?? 14);
    return false;
  }

  private handle(name: string, form: 'exec' | 'read' | 'test' | 'set', args: string): boolean {
    const p = this.profile;
    const ok = (...lines: string[]): true => {
      this.reply(lines);
      this.final();
      return true;
    };
    switch (name) {
      case '+CGMI':
      case '+GMI':
        return form === 'exec' && ok(p.manufacturer);
      case '+CGMM':
      case '+GMM':
        return form === 'exec' && ok(p.model);
      case '+CGMR':
        return form === 'exec' && ok(p.revisionLine ?? p.revision);
      case '+GMR':
        return form === 'exec' && ok(p.revision);
      case '+CGSN':
      case '+GSN':
        return (form === 'exec' || form === 'test') && (form === 'test' ? ok() : ok(this.imei));
      case '+CIMI':
        if (form !== 'exec') return false;
        return this.needsSim(false) ? ok(this.imsi) : true;
      case '+CNUM':
        return form === 'exec' && (this.needsSim(false) ? ok() : true);
      case '+CMEE':
        if (form === 'read') return ok(`+CMEE: ${this.cmee}`);
        if (form === 'test') return ok('+CMEE: (0-2)');
        if (form === 'set' && /^[0-2]$/.test(args)) {
          this.cmee = Number(args);
          return ok();
        }
        return false;
      case '+CMGF':
        if (form === 'read') return ok(`+CMGF: ${this.cmgf}`);
        if (form === 'test') return ok('+CMGF: (0,1)');
        if (form === 'set' && /^[01]$/.test(args)) {
          this.cmgf = Number(args);
          return ok();
        }
        return false;
      case '+CSCS':
        if (form === 'read') return ok(`+CSCS: "${this.cscs}"`);
        if (form === 'test') return ok('+CSCS: ("IRA","GSM","UCS2")');
        if (form === 'set' && /^"(IRA|GSM|UCS2)"$/i.test(args)) {
          this.cscs = args.replaceAll('"', '').toUpperCase();
          return ok();
        }
        return false;
      case '+CNMI':
        return this.handleCnmi(form, args, ok);
      case '+CPMS':
        return this.handleCpms(form, args, ok);
      case '+CSMS':
        if (form === 'read') return ok('+CSMS: 0,1,1,1');
        if (form === 'test') return ok('+CSMS: (0,1)');
        if (form === 'set' && /^[01]$/.test(args)) return ok('+CSMS: 1,1,1');
        return false;
      case '+CSCA':
        if (form === 'read') return this.needsSim(true) ? ok('+CSCA: "+491722270333",145') : true;
        if (form === 'set') return ok();
        return false;
      case '+CPIN':
        return this.handleCpin(form, args, ok);
      case '+CSQ':
        if (form === 'test') return ok('+CSQ: (0-31,99),(0-7,99)');
        return form === 'exec' && ok(`+CSQ: ${this.rssi()},99`);
      case '+CREG':
      case '+CGREG':
      case '+CEREG':
        if (form === 'read') return ok(`${name}: ${this.cregMode},${this.registered ? 1 : 2}`);
        if (form === 'test') return ok(`${name}: (0-2)`);
        if (form === 'set' && /^[0-2]$/.test(args)) {
          if (name === '+CREG') this.cregMode = Number(args);
          return ok();
        }
        return false;
      case '+COPS':
        if (form === 'read')
          return ok(
            this.registered ? `+COPS: 0,0,"${this.options.operatorName ?? 'Fanout Mobile'}",0` : '+COPS: 0',
          );
        if (form === 'test')
          return ok(
            `+COPS: (2,"${this.options.operatorName ?? 'Fanout Mobile'}","Fanout","26299",0),,(0-4),(0-2)`,
          );
        return form === 'set' && ok();
      case '+CFUN':
        if (form === 'read') return ok('+CFUN: 1');
        if (form === 'test') return ok('+CFUN: (0,1,4),(0,1)');
        return form === 'set' && ok();
      case '+CBC':
        return form === 'exec' && ok('+CBC: 0,100,4200');
      case '+CMGS':
        if (form !== 'set') return false;
        this.startSubmit(args);
        return true;
      case '+CMGR':
        if (form !== 'set') return false;
        return this.needsSim(true) ? this.readMessage(args, ok) : true;
      case '+CMGL':
        if (form === 'test') return ok('+CMGL: (0-4)');
        if (form !== 'set' && form !== 'exec') return false;
        return this.needsSim(true) ? this.listMessages(form === 'exec' ? '4' : args, ok) : true;
      case '+CMGD':
        if (form === 'test') return ok(`+CMGD: (${this.storage.indexes().join(',')}),(0-4)`);
        if (form !== 'set') return false;
        return this.needsSim(true) ? this.deleteMessages(args, ok) : true;
      case '+CUSD':
        return this.handleUssd(form, args, ok);
      default:
        return this.handleVendor(name, form, args, ok);
    }
  }

  private handleVendor(
    name: string,
    form: 'exec' | 'read' | 'test' | 'set',
    args: string,
    ok: (...lines: string[]) => true,
  ): boolean {
    const p = this.profile;
    const stopper = p.periodicUrc?.stoppedBy;
    if (stopper?.value !== undefined && name === stopper.command) {
      if (form === 'set') {
        this.periodicUrcEnabled = args !== stopper.value;
        return ok();
      }
      if (form === 'read') return ok(`${name}: ${this.periodicUrcEnabled ? 1 : 0}`);
    }
    const spelled = form === 'read' ? `${name}?` : form === 'exec' ? name : null;
    if (spelled !== null) {
      // The ICCID is on the SIM but readable before the PIN, as on real modems.
      const iccid = p.iccidAnswer(spelled, this.iccid);
      if (iccid !== null) return ok(iccid);
      const answer = p.vendorQueries?.[spelled];
      if (answer) return ok(...answer);
    }
    return p.vendorCommands.includes(name) && form !== 'test' ? ok() : false;
  }

  private handleCnmi(form: string, args: string, ok: (...lines: string[]) => true): boolean {
    const c = this.cnmi;
    if (form === 'read') return ok(`+CNMI: ${c.mode},${c.mt},${c.bm},${c.ds},${c.bfr}`);
    if (form === 'test')
      return ok(`+CNMI: (0-3),(0-3),(0,2),(0-${this.profile.statusReportIndicationMax}),(0,1)`);
    if (form !== 'set') return false;
    const values = args.split(',').map((value) => (value.trim() === '' ? 0 : Number(value)));
    if (values.some((value) => !Number.isInteger(value))) return false;
    const [mode = 0, mt = 0, bm = 0, ds = 0, bfr = 0] = values;
    if (mode > 3 || mt > 3 || bm > 3 || ds > this.profile.statusReportIndicationMax || bfr > 1) {
      this.cmsError(303);
      return true;
    }
    this.cnmi = { mode, mt, bm, ds, bfr };
    return ok();
  }

  private handleCpms(form: string, args: string, ok: (...lines: string[]) => true): boolean {
    const used = this.storage.size;
    const memories = ['"SM"', '"ME"', '"MT"', '"SR"'];
    if (form === 'test') return ok('+CPMS: ("SM","ME","MT"),("SM","ME","MT"),("SM","ME","MT")');
    if (!this.needsSim(true)) return true;
    if (form === 'read') {
      const mem = `"${this.profile.storage}"`;
      return ok(
        `+CPMS: ${mem},${used},${this.storage.capacity},${mem},${used},${this.storage.capacity},${mem},${used},${this.storage.capacity}`,
      );
    }
    if (form !== 'set') return false;
    const requested = args.split(',').map((value) => value.trim().toUpperCase());
    if (requested.length === 0 || requested.some((mem) => !memories.includes(mem))) {
      this.cmsError(302);
      return true;
    }
    const counts = requested.map(() => `${used},${this.storage.capacity}`);
    return ok(`+CPMS: ${counts.join(',')}`);
  }

  private handleCpin(form: string, args: string, ok: (...lines: string[]) => true): boolean {
    if (form === 'read') return this.simStarted() ? ok(`+CPIN: ${this.pinState}`) : true;
    if (form === 'test') return ok();
    if (form !== 'set') return false;
    const [pin] = args.split(',').map((value) => value.replaceAll('"', '').trim());
    if (this.pinState === 'READY') {
      this.cmeError(3);
      return true;
    }
    if (this.pinState === 'SIM PUK') {
      this.cmeError(12);
      return true;
    }
    if (pin !== this.faults.pinRequired) {
      this.pinAttemptsLeft -= 1;
      if (this.pinAttemptsLeft <= 0) this.pinState = 'SIM PUK';
      this.cmeError(16);
      return true;
    }
    this.pinState = 'READY';
    ok();
    // The SIM comes up after the OK, announced the same way as at boot.
    this.later(30, () => {
      for (const { line, simReady } of this.profile.bootLines) if (simReady) this.urc(line);
    });
    return true;
  }

  private readMessage(args: string, ok: (...lines: string[]) => true): boolean {
    const stored = this.storage.read(Number(args.split(',')[0]));
    if (!stored) {
      this.cmsError(321);
      return true;
    }
    return ok(`+CMGR: ${stored.stat},,${stored.tpduLength}`, stored.pdu);
  }

  private listMessages(args: string, ok: (...lines: string[]) => true): boolean {
    const wanted = Number(args.replaceAll('"', ''));
    if (!Number.isInteger(wanted) || wanted < 0 || wanted > 4) {
      this.cmsError(302);
      return true;
    }
    return ok(
      ...this.storage
        .list(wanted)
        .flatMap((stored) => [`+CMGL: ${stored.index},${stored.stat},,${stored.tpduLength}`, stored.pdu]),
    );
  }

  private deleteMessages(args: string, ok: (...lines: string[]) => true): boolean {
    const [indexText, flagText] = args.split(',');
    const flag = Number(flagText ?? '0');
    if (flag === 4) this.storage.clear();
    else if (flag === 1) this.storage.deleteRead();
    else if (!this.storage.delete(Number(indexText))) {
      this.cmsError(321);
      return true;
    }
    return ok();
  }

  private handleUssd(form: string, args: string, ok: (...lines: string[]) => true): boolean {
    if (form === 'read') return ok('+CUSD: 1');
    if (form === 'test') return ok('+CUSD: (0-2)');
    if (form !== 'set') return false;
    const match = /^(\d)(?:,"([^"]*)"(?:,(\d+))?)?$/.exec(args);
    if (!match) return false;
    if (match[1] === '2') return ok();
    if (match[2] === undefined) return ok();
    if (!this.needsSim(false)) return true;
    if (!this.registered) {
      this.cmeError(30);
      return true;
    }
    const request = decodeUssdRequest(match[2], this.profile.ussdRequestPacked, this.cscs);
    if (request === null) {
      this.error();
      return true;
    }
    ok();
    const replyText = /^\*1\d\d#$/.test(request)
      ? (this.options.ussdReply ?? 'Your balance is 12.34 EUR.\nValid until 31.12.2026.')
      : `Unknown code ${request}`;
    const { payload, dcs } = encodeUssdReply(replyText, this.profile.ussdReply, this.cscs);
    // Plain-text answers are printed as they are, line breaks included.
    this.later(150, () => this.urc(`+CUSD: 0,"${payload.replaceAll('\n', '\r\n')}",${dcs}`));
    return true;
  }

  // --- sending --------------------------------------------------------------------------------

  private startSubmit(args: string): void {
    if (this.cmgf !== 0) {
      this.cmsError(302);
      return;
    }
    const length = Number(args);
    if (!Number.isInteger(length) || length < 7 || length > 175) {
      this.cmsError(304);
      return;
    }
    if (!this.needsSim(true)) return;
    if (this.promptsToLose > 0) {
      this.promptsToLose -= 1;
      this.pduEntry = { expectedLength: length, hex: '', promptShown: false };
      return;
    }
    this.pduEntry = { expectedLength: length, hex: '', promptShown: true };
    this.write('\r\n> ');
  }

  private submit(hex: string, expectedLength: number): void {
    const validHex = /^([0-9A-Fa-f]{2})+$/.test(hex);
    const smscLength = validHex ? parseInt(hex.slice(0, 2), 16) : 0;
    const tpduLength = validHex ? hex.length / 2 - 1 - smscLength : -1;
    // TS 27.005 §3.5.1: <length> counts the TPDU only, never the SMSC field.
    if (!validHex || tpduLength !== expectedLength) {
      this.cmsError(304);
      return;
    }
    const decoded = decodePdu(hex, { direction: 'mo' });
    if (!decoded.ok || decoded.value.type !== 'submit') {
      this.cmsError(304);
      return;
    }
    const submit = decoded.value;
    this.busy = true;
    const latency =
      typeof this.options.submitLatencyMs === 'function'
        ? this.options.submitLatencyMs()
        : (this.options.submitLatencyMs ?? 500);
    this.later(latency, () => {
      if (this.unplugged) return;
      const failure =
        this.faults.cmsErrorFor?.[submit.recipient.number] ?? (this.registered ? undefined : 331);
      if (failure !== undefined) {
        this.cmsError(failure);
        this.finishBusy();
        return;
      }
      const reference = this.nextReference;
      this.nextReference = (this.nextReference + 1) % 256;
      const submittedAt = new Date();
      this.network.record({
        modemImei: this.imei,
        messageReference: reference,
        pdu: hex.toUpperCase(),
        tpduLength,
        submit,
        receivedAt: submittedAt,
      });
      this.reply([`+CMGS: ${reference}`]);
      this.final();
      this.acceptedSubmits += 1;
      if (submit.statusReportRequested)
        this.scheduleStatusReport(reference, submit.recipient.number, submittedAt);
      this.maybeReply(submit.recipient.number, submit.text, submit.concat);
      this.afterAcceptedSubmit();
      this.finishBusy();
    });
  }

  private maybeReply(
    recipient: string,
    text: string,
    concat: { sequence: number; total: number } | undefined,
  ): void {
    if (!this.options.replyFrom || (concat && concat.sequence !== concat.total)) return;
    const reply = this.options.replyFrom(recipient, text);
    if (reply === null) return;
    this.later(this.options.replyDelayMs ?? 1000, () => {
      if (!this.unplugged) this.receiveSms({ from: recipient, text: reply });
    });
  }

  private afterAcceptedSubmit(): void {
    const { hangAfterSends, hangForMs, unplugAfterSends, replugAfterMs } = this.faults;
    if (hangAfterSends !== undefined && this.acceptedSubmits === hangAfterSends) {
      this.hung = true;
      if (hangForMs !== undefined) this.later(hangForMs, () => (this.hung = false));
    }
    if (unplugAfterSends !== undefined && this.acceptedSubmits === unplugAfterSends) {
      // Pulled just after the OK left the modem, so the host has it and only then loses the port.
      this.later(100, () => {
        this.unplugged = true;
        this.pendingInput = '';
        for (const listener of this.unplugListeners) listener(replugAfterMs);
      });
    }
  }

  private scheduleStatusReport(reference: number, recipient: string, submittedAt: Date): void {
    this.later(this.options.statusReportDelayMs ?? 1000, () => {
      if (this.unplugged) return;
      const report = encodeStatusReport({
        messageReference: reference,
        recipient,
        status: 0,
        submittedAt,
        dischargedAt: new Date(),
      });
      this.deliverToHost(report.pdu, report.tpduLength, 'status-report');
    });
  }

  // TS 27.005 §3.4.1 <mt> and <ds>: whether a new message or status report is stored and its
  // index indicated (+CMTI/+CDSI), stored silently, routed straight to the host (+CMT/+CDS), or
  // (status reports with ds=0) not passed on at all.
  private deliverToHost(pdu: string, tpduLength: number, kind: 'deliver' | 'status-report'): void {
    const route =
      kind === 'deliver'
        ? this.cnmi.mt === 2
          ? 'direct'
          : this.cnmi.mt === 0
            ? 'store'
            : 'store-and-indicate'
        : this.cnmi.ds === 1
          ? 'direct'
          : this.cnmi.ds === 2
            ? 'store-and-indicate'
            : 'drop';
    if (route === 'drop') return;
    if (route === 'direct') {
      this.urc(kind === 'deliver' ? `+CMT: ,${tpduLength}\r\n${pdu}` : `+CDS: ${tpduLength}\r\n${pdu}`);
      return;
    }
    const index = this.storage.add(pdu, tpduLength);
    if (index === null) return; // memory full: the network keeps the message and retries later
    if (route === 'store-and-indicate')
      this.urc(`${kind === 'deliver' ? '+CMTI' : '+CDSI'}: "${this.profile.storage}",${index}`);
  }
}
