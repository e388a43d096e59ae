// The driver against virtual modems on real pseudo-terminals, opened with the real serialport
// binding: every vendor profile, and every fault the simulator can show. The profiles run side
// by side (describe.concurrent): the tests mostly wait on the modems' timers, and seven
// profiles one after the other would take minutes. Each test cleans up after itself.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'vitest';
import type { FaultPlan } from '../simulator/faults';
import { modemProfileIds, type ModemProfileId } from '../simulator/profiles';
import { startPtySimulator, type PtySimulator } from '../simulator/pty-simulator';
import { AtChannel } from './at-channel';
import { AtTimeoutError, EssentialCommandSilentError, WrongPinError } from './errors';
import { Modem, type ModemEvents, type ModemState } from './modem';
import { probePorts } from './probe';
import { closeSerialPort, openSerialPort } from './serial-open';
import type { Acknowledge, DeliveryReport, InboundMessage } from './receive';
import { waitUntil } from '../testing/wait-until';

type Cleanup = () => Promise<void> | void;
type Defer = (cleanup: Cleanup) => void;

/** Cleanups run in reverse order when the test ends, pass or fail. */
function deferrer(onTestFinished: TestContext['onTestFinished']): Defer {
  const cleanups: Cleanup[] = [];
  onTestFinished(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return (cleanup) => cleanups.push(cleanup);
}

async function simulate(
  defer: Defer,
  options: {
    count?: number;
    profile?: ModemProfileId | ModemProfileId[];
    faults?: FaultPlan;
    replugPath?: (index: number) => string;
  },
): Promise<PtySimulator & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'fanout-pty-'));
  const sim = await startPtySimulator({
    count: options.count ?? 1,
    dir,
    profile: options.profile,
    faults: options.faults,
    submitLatencyMs: 60,
    statusReportDelayMs: 150,
    replugPath: options.replugPath,
  });
  defer(() => rmSync(dir, { recursive: true, force: true }));
  defer(() => sim.stop());
  return { ...sim, dir };
}

async function openModem(
  defer: Defer,
  path: string,
  extra: Partial<Parameters<typeof Modem.open>[0]> = {},
): Promise<Modem> {
  const modem = await Modem.open({
    path,
    healthIntervalMs: 0,
    reconnectIntervalMs: 300,
    promptTimeoutMs: 3000,
    submitTimeoutMs: 4000,
    ...extra,
  });
  defer(() => modem.close());
  return modem;
}

/** What the modem hands on of one kind, each item acknowledged at once (the modem's copy deleted). */
function acknowledged<E extends keyof HandedOn>(modem: Modem, event: E): HandedOn[E][] {
  const items: HandedOn[E][] = [];
  const listener = (item: HandedOn[E], ack: Acknowledge): void => {
    items.push(item);
    void ack();
  };
  // Each event's listener takes exactly this item type (ModemEvents), which TS cannot see through E.
  modem.on(event, listener as ModemEvents[E]);
  return items;
}

type HandedOn = { statusReport: DeliveryReport; message: InboundMessage };

function recordStates(modem: Modem): ModemState[] {
  const states: ModemState[] = [];
  modem.on('state', (state) => states.push(state));
  return states;
}

describe.concurrent.each(modemProfileIds)('driver over a pseudo-terminal: %s', (profile) => {
  it('identifies, sends short and long Unicode messages with reports, receives and deletes, checks the balance', async ({
    onTestFinished,
    expect,
  }) => {
    const defer = deferrer(onTestFinished);
    const sim = await simulate(defer, { profile });
    const handle = sim.modems[0];
    if (!handle) throw new Error('no modem');
    const modem = await openModem(defer, handle.path);
    expect(modem.state).toBe('ready');
    expect(modem.identity).toMatchObject({
      imei: handle.modem.imei,
      imsi: handle.modem.imsi,
      iccid: handle.modem.iccid,
      manufacturer: handle.modem.profile.manufacturer,
      sim: 'ready',
      registration: 'home',
    });
    expect(modem.identity?.signal?.dbm).toBe(-71);

    const reports = acknowledged(modem, 'statusReport');
    const short = await modem.send({
      to: '+4915112345678',
      text: 'Your appointment is tomorrow at 10:00.',
      requestStatusReport: true,
    });
    const longText = `Grüße aus Köln ✓ ${'Привет мир! '.repeat(15)}`;
    const long = await modem.send({ to: '+4917098765432', text: longText, requestStatusReport: true });
    expect(short.outcome).toBe('accepted');
    expect(long.outcome).toBe('accepted');
    expect(long.parts.length).toBeGreaterThan(2);
    expect(sim.network.submittedMessages().map(({ to, text, complete }) => ({ to, text, complete }))).toEqual(
      [
        { to: '+4915112345678', text: 'Your appointment is tomorrow at 10:00.', complete: true },
        { to: '+4917098765432', text: longText, complete: true },
      ],
    );

    const references = [...short.parts, ...long.parts].map((part) => part.reference);
    await waitUntil(() => reports.length === references.length, 5000, 'a status report per part');
    expect(reports.map((report) => report.messageReference).sort((a, b) => a - b)).toEqual(
      [...references].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    expect(reports.every((report) => report.statusClass === 'delivered')).toBe(true);

    const messages = acknowledged(modem, 'message');
    handle.modem.receiveSms({ from: '+4917612345678', text: 'STOP' });
    const longReply =
      'Thanks for the reminder. I will be about fifteen minutes late because the trains are on strike again; please tell the doctor. Best regards, Jana Novák';
    handle.modem.receiveSms({ from: '+4917611111111', text: longReply });
    await waitUntil(() => messages.length === 2, 5000, 'two inbound messages');
    expect(messages).toEqual([
      expect.objectContaining({ from: '+4917612345678', text: 'STOP', totalParts: 1 }),
      expect.objectContaining({ from: '+4917611111111', text: longReply }),
    ]);
    expect(messages[1]?.totalParts).toBe(3); // 'á' makes it UCS-2: 67 characters a part
    await waitUntil(
      () => handle.modem.storedMessageCount === 0,
      3000,
      'the modem store to be emptied after ack',
    );

    // Driver and modem stayed in step: no answer arrived that no command was waiting for.
    expect(modem.exportLog()).not.toMatch(/no command in flight|abandoned command/);

    const balance = await modem.checkBalance('*100#', 5000);
    // The plain-text style (SIM800) prints the line break raw; the channel keeps it in the answer.
    expect(balance.text).toBe('Your balance is 12.34 EUR.\nValid until 31.12.2026.');
  });

  it('reads messages that arrived before it started, and deletes them only after ack', async ({
    onTestFinished,
    expect,
  }) => {
    const defer = deferrer(onTestFinished);
    const sim = await simulate(defer, { profile });
    const handle = sim.modems[0];
    if (!handle) throw new Error('no modem');
    handle.modem.receiveSms({ from: '+4917612345678', text: 'Stored while Fanout was closed' });
    const modem = await openModem(defer, handle.path);
    const received: { message: InboundMessage; ack: () => Promise<void> }[] = [];
    modem.on('message', (message, ack) => received.push({ message, ack }));
    expect(received.map((item) => item.message.text)).toEqual(['Stored while Fanout was closed']);
    expect(handle.modem.storedMessageCount).toBe(1);
    await received[0]?.ack();
    expect(handle.modem.storedMessageCount).toBe(0);
  });
});

describe.concurrent.each(modemProfileIds)('faults over a pseudo-terminal: %s', (profile) => {
  it('CMS error for a given number: that message fails as permanent for the recipient, others go through', async ({
    onTestFinished,
    expect,
  }) => {
    const defer = deferrer(onTestFinished);
    const sim = await simulate(defer, { profile, faults: { cmsErrorFor: { '+4915100000001': 1 } } });
    const modem = await openModem(defer, sim.modems[0]?.path ?? '');
    const bad = await modem.send({ to: '+4915100000001', text: 'hello' });
    expect(bad).toMatchObject({ outcome: 'failed', error: { failureClass: 'permanent-recipient', code: 1 } });
    expect((await modem.send({ to: '+4915100000002', text: 'hello' })).outcome).toBe('accepted');
    expect(sim.network.submittedMessages().map((message) => message.to)).toEqual(['+4915100000002']);
  });

  it('hang after N sends: the next send is "unknown", never repeated, and the modem is woken again', async ({
    onTestFinished,
    expect,
  }) => {
    const defer = deferrer(onTestFinished);
    const sim = await simulate(defer, { profile, faults: { hangAfterSends: 1, hangForMs: 2500 } });
    const modem = await openModem(defer, sim.modems[0]?.path ?? '');
    const states = recordStates(modem);
    expect((await modem.send({ to: '+4915100000001', text: 'first' })).outcome).toBe('accepted');
    const second = await modem.send({ to: '+4915100000002', text: 'second' });
    expect(second.outcome).toBe('unknown');
    await waitUntil(() => modem.state === 'ready', 15_000, 'recovery');
    expect(states).toContain('recovering');
    expect(sim.network.submittedMessages().map((message) => message.text)).toEqual(['first']);
    expect((await modem.send({ to: '+4915100000003', text: 'third' })).outcome).toBe('accepted');
  });

  it('unplug after N sends: noticed at once, re-attached by IMEI when it comes back on the same path', async ({
    onTestFinished,
    expect,
  }) => {
    const defer = deferrer(onTestFinished);
    const sim = await simulate(defer, { profile, faults: { unplugAfterSends: 1, replugAfterMs: 800 } });
    const modem = await openModem(defer, sim.modems[0]?.path ?? '');
    const states = recordStates(modem);
    expect((await modem.send({ to: '+4915100000001', text: 'before' })).outcome).toBe('accepted');
    await waitUntil(() => modem.state === 'unplugged', 3000, 'the unplug');
    expect((await modem.send({ to: '+4915100000002', text: 'while away' })).outcome).toBe('failed');
    await waitUntil(() => modem.state === 'ready', 10_000, 're-attach');
    expect(states).toEqual(['unplugged', 'ready']);
    expect((await modem.send({ to: '+4915100000003', text: 'after' })).outcome).toBe('accepted');
    expect(sim.network.submittedMessages().map((message) => message.text)).toEqual(['before', 'after']);
  });

  it('unplug and replug under another name: re-attached there, and not to a different modem', async ({
    onTestFinished,
    expect,
  }) => {
    const defer = deferrer(onTestFinished);
    const sim = await simulate(defer, {
      profile,
      count: 2,
      faults: { unplugAfterSends: 1, replugAfterMs: 300 },
      replugPath: (index) => join(tmpdir(), `fanout-replug-${process.pid}-${profile}-${index}`),
    });
    const [first, second] = sim.modems;
    if (!first || !second) throw new Error('two modems expected');
    const modem = await openModem(defer, first.path);
    await modem.send({ to: '+4915100000001', text: 'before' });
    await waitUntil(() => modem.state === 'unplugged', 3000, 'the unplug');
    await waitUntil(() => first.path !== join(sim.dir, 'modem0'), 5000, 'the replug under a new name');
    expect(await modem.reattach(second.path)).toBe(false);
    expect(await modem.reattach(first.path)).toBe(true);
    expect(modem.path).toBe(first.path);
    expect(modem.state).toBe('ready');
  });

  it('no network: opens in the no-network state and refuses to send', async ({ onTestFinished, expect }) => {
    const defer = deferrer(onTestFinished);
    const sim = await simulate(defer, { profile, faults: { noNetwork: true } });
    const modem = await openModem(defer, sim.modems[0]?.path ?? '');
    expect(modem.state).toBe('no-network');
    expect(modem.identity?.registration).toBe('searching');
    expect(await modem.send({ to: '+4915100000001', text: 'hello' })).toMatchObject({
      outcome: 'failed',
      error: { failureClass: 'sim-or-modem' },
    });
  });

  it('PIN required: reported, a given PIN entered once, a wrong PIN never retried on its own', async ({
    onTestFinished,
    expect,
  }) => {
    const defer = deferrer(onTestFinished);
    const sim = await simulate(defer, { profile, count: 3, faults: { pinRequired: '1234' } });
    const [noPin, rightPin, wrongPin] = sim.modems;
    if (!noPin || !rightPin || !wrongPin) throw new Error('three modems expected');

    const locked = await openModem(defer, noPin.path);
    expect(locked.state).toBe('pin-required');
    // Whatever CSQ says while the SIM is locked, the card must not show bars for a network
    // the modem cannot use: the signal is unknown until the PIN is in.
    expect(locked.identity?.signal).toBeNull();
    await expect(locked.enterPin('0000')).rejects.toBeInstanceOf(WrongPinError);
    expect(locked.state).toBe('pin-required');
    await locked.enterPin('1234');
    expect(locked.state).toBe('ready');
    expect(locked.identity?.signal?.dbm).toBe(-71);

    const unlocked = await openModem(defer, rightPin.path, { pin: '1234' });
    expect(unlocked.state).toBe('ready');
    expect(unlocked.identity?.imsi).toBe(rightPin.modem.imsi);

    const refused = await openModem(defer, wrongPin.path, { pin: '9999' });
    expect(refused.state).toBe('pin-required');
    expect(wrongPin.modem.remainingPinAttempts).toBe(2);
  });

  it('late answer: an answer after the timeout is dropped, not taken for the next reply', async ({
    onTestFinished,
    expect,
  }) => {
    const defer = deferrer(onTestFinished);
    const sim = await simulate(defer, { profile });
    const handle = sim.modems[0];
    if (!handle) throw new Error('no modem');
    const modem = await openModem(defer, handle.path, { commandTimeoutMs: 800 });
    handle.modem.answerLate('AT+CSQ', 1600);
    await expect(modem.checkHealth()).rejects.toBeInstanceOf(AtTimeoutError);
    await waitUntil(() => modem.state === 'ready', 8000, 'recovery after the timeout');
    expect(await modem.checkHealth()).toMatchObject({ registration: 'home', signal: { dbm: -71 } });
    expect((await modem.send({ to: '+4915100000002', text: 'next' })).outcome).toBe('accepted');
    expect(modem.exportLog()).toMatch(/late answer to an abandoned command dropped/);
  });

  it('optional commands never answered: the modem opens after short timeouts, warns, stays in step, sends and receives', async ({
    onTestFinished,
    expect,
  }) => {
    const defer = deferrer(onTestFinished);
    const sim = await simulate(defer, {
      profile,
      faults: { silentCommands: ['AT+CSCS', 'AT+CNMI=2,1,0,2', 'AT^CURC', 'AT+CPMS="'] },
    });
    const handle = sim.modems[0];
    if (!handle) throw new Error('no modem');
    const modem = await openModem(defer, handle.path);
    expect(modem.state).toBe('ready');
    const store = handle.modem.profile.storage;
    const unanswered = [
      'AT+CSCS="GSM"',
      'AT+CNMI=2,1,0,2,0',
      ...(handle.modem.profile.manufacturer === 'huawei' ? ['AT^CURC=0'] : []),
      `AT+CPMS="${store}","${store}","${store}"`,
      `AT+CPMS="${store}"`,
    ];
    expect(modem.setup?.unanswered).toEqual(unanswered);
    expect(modem.setup?.warnings).toEqual(
      unanswered.map((command) => expect.stringContaining(`did not answer ${command} within 2000 ms`)),
    );
    // The next choice of indications was taken after the silent one, and the store was found.
    expect(modem.setup?.applied).toContain('AT+CNMI=2,1,0,1,0');
    expect(modem.setup?.readStorage).toBe(store);
    const log = modem.exportLog();
    for (const command of unanswered) expect(log).toContain(`no answer to ${command} within 2000 ms`);
    expect(log).toMatch(/in step with the modem again/);

    const reports = acknowledged(modem, 'statusReport');
    const sent = await modem.send({
      to: '+4915112345678',
      text: 'after the silence',
      requestStatusReport: true,
    });
    expect(sent.outcome).toBe('accepted');
    await waitUntil(() => reports.length === 1, 5000, 'the status report, routed as +CDS');
    expect(reports[0]?.messageReference).toBe(sent.parts[0]?.reference);

    const messages = acknowledged(modem, 'message');
    handle.modem.receiveSms({ from: '+4917612345678', text: 'STOP' });
    await waitUntil(() => messages.length === 1, 5000, 'the inbound message');
    expect(messages[0]).toMatchObject({ from: '+4917612345678', text: 'STOP' });
    // Nothing the modem said after a silence was taken for another command's answer.
    expect(modem.exportLog()).not.toMatch(/no command in flight|abandoned command/);
  });

  it('PDU mode never answered: the open fails with an error naming the command', async ({
    onTestFinished,
    expect,
  }) => {
    const defer = deferrer(onTestFinished);
    const sim = await simulate(defer, { profile, faults: { silentCommands: ['AT+CMGF'] } });
    const failed = await Modem.open({
      path: sim.modems[0]?.path ?? '',
      healthIntervalMs: 0,
      commandTimeoutMs: 1500,
    }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(EssentialCommandSilentError);
    expect(failed).toMatchObject({ command: 'AT+CMGF=0', timeoutMs: 1500 });
    expect((failed as EssentialCommandSilentError).userMessage).toMatch(
      /AT\+CMGF=0 \(switching to PDU mode\)/,
    );
  });

  it('lost prompt: ESC, outcome unknown, nothing reached the network, the next send works', async ({
    onTestFinished,
    expect,
  }) => {
    const defer = deferrer(onTestFinished);
    const sim = await simulate(defer, { profile, faults: { losePromptTimes: 1 } });
    const modem = await openModem(defer, sim.modems[0]?.path ?? '');
    const lost = await modem.send({ to: '+4915100000001', text: 'lost' });
    expect(lost).toMatchObject({ outcome: 'unknown', error: { name: 'PromptLostError' } });
    await waitUntil(() => modem.state === 'ready', 8000, 'recovery after the lost prompt');
    expect((await modem.send({ to: '+4915100000002', text: 'next' })).outcome).toBe('accepted');
    expect(sim.network.submittedMessages().map((message) => message.text)).toEqual(['next']);
    expect(modem.exportLog()).toMatch(/<ESC>/);
  });
});

describe('late answers over a pseudo-terminal, at the AT channel', () => {
  it('the answer to a timed-out command, arriving >500 ms later, is never taken for the next reply', async ({
    onTestFinished,
    expect,
  }) => {
    const defer = deferrer(onTestFinished);
    const sim = await simulate(defer, {
      faults: {
        lateAnswers: [
          { command: 'AT+CSQ', afterMs: 2000 },
          { command: 'AT+COPS?', afterMs: 2500 },
        ],
      },
    });
    const path = sim.modems[0]?.path ?? '';
    const port = await openSerialPort({ path });
    defer(() => closeSerialPort(port));
    const channel = new AtChannel(port, { path, defaultTimeoutMs: 4000 });
    defer(() => channel.detach());
    await channel.send('ATE0');

    // The answer comes 1.6 s after the driver gave up: well past the old 500 ms settling time.
    await expect(channel.send('AT+CSQ', { timeoutMs: 400 })).rejects.toBeInstanceOf(AtTimeoutError);
    expect((await channel.send('AT+CREG?')).lines).toEqual(['+CREG: 0,1']);
    expect((await channel.send('AT+CSQ')).lines).toEqual(['+CSQ: 21,99']);

    // Without resynchronising, this late OK would end AT+COPS=3,0, and that command's OK AT+CGMI.
    await expect(channel.send('AT+COPS?', { timeoutMs: 400 })).rejects.toBeInstanceOf(AtTimeoutError);
    await channel.send('AT+COPS=3,0');
    expect((await channel.send('AT+CGMI')).lines).toEqual(['SIMCOM_Ltd']);
    expect(channel.log.exportText()).toMatch(/\+COPS: 0,0,"Fanout Mobile",0/);
    expect(channel.log.exportText()).toMatch(/late answer to an abandoned command dropped/);
  });
});

describe('ports and lasting hangs over a pseudo-terminal', () => {
  it('probes ports in parallel; a silent port fails within a few seconds', async ({
    onTestFinished,
    expect,
  }) => {
    const defer = deferrer(onTestFinished);
    const sim = await simulate(defer, { count: 3, profile: ['sim800', 'huawei-e173', 'quectel-ec25'] });
    const silentPath = join(sim.dir, 'silent');
    const socat = spawn(
      'socat',
      [`pty,raw,echo=0,link=${silentPath}`, `pty,raw,echo=0,link=${silentPath}-far`],
      { stdio: 'ignore' },
    );
    defer(
      () =>
        new Promise<void>((resolve) => {
          if (socat.exitCode !== null) return resolve();
          socat.once('exit', () => resolve());
          socat.kill('SIGTERM');
        }),
    );
    await waitUntil(() => existsSync(silentPath), 3000, 'the silent pty');
    const started = Date.now();
    const results = await probePorts([...sim.modems.map((handle) => handle.path), silentPath]);
    const elapsed = Date.now() - started;
    expect(results.map((result) => [result.ok, result.identity?.model ?? null])).toEqual([
      [true, 'SIMCOM_SIM800L'],
      [true, 'E173'],
      [true, 'EC25'],
      [false, null],
    ]);
    expect(results[3]?.error?.name).toBe('NotAModemError');
    expect(elapsed).toBeLessThan(6000);
  });

  it('a modem that stays hung is reported as hung, and sends fail fast so work can move on', async ({
    onTestFinished,
    expect,
  }) => {
    const defer = deferrer(onTestFinished);
    const sim = await simulate(defer, { faults: { hangAfterSends: 1 } });
    const modem = await openModem(defer, sim.modems[0]?.path ?? '');
    await modem.send({ to: '+4915100000001', text: 'first' });
    expect((await modem.send({ to: '+4915100000002', text: 'second' })).outcome).toBe('unknown');
    await waitUntil(() => modem.state === 'hung', 20_000, 'the hung state');
    const refused = await modem.send({ to: '+4915100000003', text: 'third' });
    expect(refused).toMatchObject({ outcome: 'failed', parts: [], error: { failureClass: 'sim-or-modem' } });
  });
});
