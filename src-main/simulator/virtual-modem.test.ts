// The virtual modem through its in-process serialport binding, driven by the AT channel: the
// behaviour drivers depend on, checked command by command.

import { SerialPortStream } from '@serialport/stream';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeSubmit } from '../../src-shared/sms';
import { AtChannel, type Urc } from '../modem/at-channel';
import { AtCommandError, CmeError, CmsError } from '../modem/errors';
import type { FaultPlan } from './faults';
import { huaweiE173, quectelEc25, sierraMc7710, sim800, type ModemProfile } from './profiles';
import { VirtualSerialBinding } from './virtual-binding';
import { VirtualModem } from './virtual-modem';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connect(
  options: { profile?: ModemProfile; faults?: FaultPlan; binding?: VirtualSerialBinding; path?: string } = {},
) {
  const binding = options.binding ?? new VirtualSerialBinding();
  const path = options.path ?? '/virtual/modem0';
  const modem = new VirtualModem({
    profile: options.profile,
    faults: options.faults,
    submitLatencyMs: 10,
    statusReportDelayMs: 20,
  });
  binding.attach(path, modem, { powerOn: false });
  cleanups.push(() => binding.dispose());
  const port = new SerialPortStream({ binding: binding as never, path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  cleanups.push(
    () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  );
  const channel = new AtChannel(port, { path, defaultTimeoutMs: 1000, settleMs: 20 });
  const urcs: Urc[] = [];
  channel.onUrc((urc) => urcs.push(urc));
  return { binding, modem, channel, urcs };
}

const part = encodeSubmit({ to: '+4915112345678', text: 'Hello', requestStatusReport: true })[0];
if (!part) throw new Error('encoding failed');

describe('VirtualModem', () => {
  it('answers ERROR to unknown commands, and CME errors as AT+CMEE asks', async () => {
    const { channel } = await connect();
    await expect(channel.send('AT+FANOUT')).rejects.toSatisfy(
      (error) => error instanceof AtCommandError && !(error instanceof CmeError),
    );
    await expect(channel.send('AT+CPIN="1234"')).rejects.toSatisfy(
      (error) => error instanceof AtCommandError && !(error instanceof CmeError),
    );
    await channel.send('AT+CMEE=1');
    await expect(channel.send('AT+CPIN="1234"')).rejects.toMatchObject({ code: 3 });
    await channel.send('AT+CMEE=2');
    await expect(channel.send('AT+CPIN="1234"')).rejects.toMatchObject({
      result: { text: 'operation not allowed' },
    });
  });

  it('checks the length given to AT+CMGS and the PDU itself', async () => {
    const { channel, modem } = await connect();
    await channel.send('AT+CMEE=1');
    await expect(channel.send(`AT+CMGS=${part.tpduLength + 1}`, { payload: part.pdu })).rejects.toMatchObject(
      { code: 304 },
    );
    await expect(
      channel.send(`AT+CMGS=${part.tpduLength}`, { payload: part.pdu.slice(2) + '00' }),
    ).rejects.toBeInstanceOf(CmsError);
    await expect(
      channel.send(`AT+CMGS=${part.tpduLength}`, { payload: part.pdu.replace(/.$/, 'X') }),
    ).rejects.toMatchObject({ code: 304 });
    const accepted = await channel.send(`AT+CMGS=${part.tpduLength}`, { payload: part.pdu });
    expect(accepted.lines).toEqual(['+CMGS: 0']);
    expect(modem.network.submittedMessages().map((message) => [message.to, message.text])).toEqual([
      ['+4915112345678', 'Hello'],
    ]);
  });

  it('routes status reports and inbound messages as AT+CNMI says: direct (+CDS, +CMT) or stored (+CDSI, +CMTI)', async () => {
    const { channel, modem, urcs } = await connect();
    await channel.send('AT+CNMI=2,2,0,1,0');
    await channel.send(`AT+CMGS=${part.tpduLength}`, { payload: part.pdu });
    modem.receiveSms({ from: '+4917612345678', text: 'STOP' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(urcs.map((urc) => [urc.name, urc.lines.length])).toEqual([
      ['+CMT', 2],
      ['+CDS', 2],
    ]);
    expect(modem.storedMessageCount).toBe(0);

    urcs.length = 0;
    await channel.send('AT+CNMI=2,1,0,2,0');
    await channel.send(`AT+CMGS=${part.tpduLength}`, { payload: part.pdu });
    modem.receiveSms({ from: '+4917612345678', text: 'x'.repeat(200) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(urcs.map((urc) => urc.name)).toEqual(['+CMTI', '+CMTI', '+CDSI']);
    expect(modem.storedMessageCount).toBe(3);
    const listed = await channel.send('AT+CMGL=4');
    expect(listed.lines.filter((line) => line.startsWith('+CMGL:'))).toHaveLength(3);
    await channel.send('AT+CMGD=1,4');
    expect(modem.storedMessageCount).toBe(0);
  });

  it.each([
    ['sim800', sim800],
    ['huawei-e173', huaweiE173],
    ['quectel-ec25', quectelEc25],
  ] as const)(
    '%s: a lost prompt, cancelled with ESC, sends nothing and leaves the modem usable',
    async (_name, profile) => {
      const { channel, modem } = await connect({ profile, faults: { losePromptTimes: 1 } });
      await expect(
        channel.send(`AT+CMGS=${part.tpduLength}`, { payload: part.pdu, promptTimeoutMs: 100 }),
      ).rejects.toMatchObject({ name: 'PromptLostError' });
      // Quectel answers the ESC with OK, the others with nothing; the channel drops the late OK.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await channel.send('AT');
      expect(modem.network.submittedParts()).toHaveLength(0);
      expect((await channel.send(`AT+CMGS=${part.tpduLength}`, { payload: part.pdu })).lines).toEqual([
        '+CMGS: 0',
      ]);
    },
  );

  it('keeps each binding instance separate, so tests can run side by side', async () => {
    const first = await connect({ path: '/virtual/same' });
    const second = await connect({ path: '/virtual/same' });
    expect((await first.channel.send('AT+CGSN')).lines).toEqual([first.modem.imei]);
    expect((await second.channel.send('AT+CGSN')).lines).toEqual([second.modem.imei]);
    expect(first.modem.imei).not.toBe(second.modem.imei);
    await expect(first.binding.open({ path: '/virtual/same', baudRate: 115200 })).rejects.toThrow(/lock/);
  });

  it('answers exactly one final result code, also when the SIM is locked or still starting', async () => {
    for (const modem of [
      new VirtualModem({ faults: { pinRequired: '1234' } }),
      new VirtualModem({ profile: { ...sim800, simReadyAfterMs: 60_000 } }),
    ]) {
      let output = '';
      modem.connect((data) => (output += data));
      modem.powerOn();
      output = '';
      modem.input('ATE0\rAT+CMEE=1\rAT+CIMI\rAT+CMGL=4\rAT+CPMS?\r');
      const finals = output.split('\r\n').filter((line) => /^(OK|ERROR|\+CM[ES] ERROR: \d+)$/.test(line));
      expect(finals).toHaveLength(5);
      expect(finals.slice(0, 2)).toEqual(['OK', 'OK']);
      modem.dispose();
    }
  });

  it('prints the vendor boot messages at power-on', async () => {
    const { modem, urcs } = await connect({ profile: quectelEc25 });
    modem.powerOn();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(urcs.map((urc) => urc.lines[0])).toEqual([
      'RDY',
      '+CFUN: 1',
      '+CPIN: READY',
      '+QUSIM: 1',
      '+QIND: SMS DONE',
      '+QIND: PB DONE',
    ]);
  });

  it('answers ATI with labelled fields from the shared form, and a fixed form where the vendor prints one', async () => {
    const sierra = await connect({ profile: sierraMc7710 });
    expect((await sierra.channel.send('ATI')).lines).toEqual([
      'Manufacturer: Sierra Wireless, Incorporated',
      'Model: MC7710',
      'Revision: SWI9200X_03.05.29.03ap r6485 CNSHZ-ED-XP0031 2014/12/02 17:53:15',
      `IMEI: ${sierra.modem.imei}`,
      'IMEI SV: 16',
      'FSN: J8303500601210',
      '+GCAP: +CGSM',
    ]);
    const simcom = await connect({ profile: sim800, path: '/virtual/modem1' });
    expect((await simcom.channel.send('ATI')).lines).toEqual(['SIM800 R14.18']);
  });

  it('Sierra MC7710: AT!GSTATUS? and AT!ICCID? answer, the other ICCID spellings do not', async () => {
    const { channel, modem } = await connect({ profile: sierraMc7710 });
    const status = await channel.send('AT!GSTATUS?');
    expect(status.lines[0]).toBe('!GSTATUS:');
    expect(status.lines).toContain('System mode:   LTE        \tPS state:    Attached');
    expect((await channel.send('AT!ICCID?')).lines).toEqual([`ICCID: ${modem.iccid}`]);
    await expect(channel.send('AT+CCID')).rejects.toBeInstanceOf(AtCommandError);
    await expect(channel.send('AT+ICCID')).rejects.toBeInstanceOf(AtCommandError);
  });
});
