import { describe, expect, it } from 'vitest';
import { AtChannel, type Urc } from './at-channel';
import { AtCommandError, AtResyncError, AtTimeoutError, CmeError, CmsError, PromptLostError } from './errors';
import { identify } from './identify';
import { enableErrorCodes, initialiseModem } from './init';
import { InboundReceiver, type DeliveryReport, type InboundMessage } from './receive';
import { sendParts } from './send';
import { parseCsq } from './signal';
import { encodeDeliver, encodeStatusReport } from '../../src-shared/sms';
import { loadTranscript, TranscriptPort } from './testing/transcript-port';
import { parseCusd } from './ussd';

function open(name: string): { port: TranscriptPort; channel: AtChannel; urcs: Urc[] } {
  const port = new TranscriptPort(loadTranscript(name));
  const channel = new AtChannel(port, { path: name, defaultTimeoutMs: 2000, settleMs: 50 });
  const urcs: Urc[] = [];
  channel.onUrc((urc) => urcs.push(urc));
  port.start();
  return { port, channel, urcs };
}

describe('AT channel replaying reconstructed modem sessions byte by byte', () => {
  it('SIM800L: echo, boot URCs, a send, +CMTI inside a reply, read, delete, stored status report', async () => {
    const { port, channel, urcs } = open('sim800-send-and-receive.txt');
    expect((await channel.send('AT')).lines).toEqual([]);
    await channel.send('ATE0');
    await channel.send('AT+CMEE=1');
    expect((await channel.send('AT+CGMI')).lines).toEqual(['SIMCOM_Ltd']);
    expect((await channel.send('AT+CGSN')).lines).toEqual(['868345031234566']);
    await channel.send('AT+CMGF=0');
    await channel.send('AT+CNMI=2,1,0,2,0');

    const sent = await sendParts(channel, [
      {
        pdu: '0021000D91947110325476F8000014D4B2BC9D7683DA6FF9B9EC06C560A02A5A0E',
        tpduLength: 32,
        partNumber: 1,
        totalParts: 1,
      },
    ]);
    expect(sent).toMatchObject({ outcome: 'accepted', parts: [{ status: 'accepted', reference: 42 }] });

    const messages: InboundMessage[] = [];
    const reports: DeliveryReport[] = [];
    let reportArrived: () => void = () => undefined;
    const reportSeen = new Promise<void>((resolve) => (reportArrived = resolve));
    const receiver = new InboundReceiver(
      channel,
      {
        message: (message, ack) => {
          messages.push(message);
          void ack();
        },
        statusReport: (report, ack) => {
          reports.push(report);
          void ack().then(reportArrived);
        },
        problem: (description) => expect.fail(description),
      },
      'SM',
    );
    channel.onUrc((urc) => receiver.handleUrc(urc));

    // The +CMTI sits between "+CSQ: 18,0" and OK; the reply must not contain it.
    const csq = await channel.send('AT+CSQ');
    expect(csq.lines).toEqual(['+CSQ: 18,0']);
    expect(parseCsq(csq.lines[0] ?? '')).toEqual({ rssi: 18, dbm: -77, bars: 4 });
    await reportSeen;
    expect(messages).toEqual([
      expect.objectContaining({ from: '+4917612345678', text: 'STOP', totalParts: 1 }),
    ]);
    expect(reports).toEqual([
      expect.objectContaining({
        messageReference: 42,
        recipient: '+4917012345678',
        statusClass: 'delivered',
      }),
    ]);

    expect((await channel.send('AT+CREG?')).lines).toEqual(['+CREG: 0,1']);
    const pinError = await channel.send('AT+CPIN="0000"').catch((error: unknown) => error);
    expect(pinError).toBeInstanceOf(CmeError);
    expect((pinError as CmeError).code).toBe(3);

    expect(urcs.map((urc) => urc.name)).toEqual([
      'RDY',
      '+CFUN',
      '+CPIN',
      'Call Ready',
      'SMS Ready',
      '+CMTI',
      '+CDSI',
    ]);
    expect(port.mismatches).toEqual([]);
    expect(port.remaining).toEqual([]);
  });

  it('Huawei E173: ^RSSI between a reply and its OK, nibble-swapped ICCID, packed USSD answer after OK', async () => {
    const { port, channel, urcs } = open('huawei-e173-urcs-and-ussd.txt');
    await channel.send('AT');
    await channel.send('ATE0');
    await channel.send('AT+CMEE=1');
    expect((await channel.send('AT^ICCID?')).lines).toEqual(['^ICCID: 98940200200015432187']);
    expect((await channel.send('AT+COPS?')).lines).toEqual(['+COPS: 0,0,"Vodafone.de",2']);

    const ussd = new Promise<Urc>((resolve) => channel.onUrc((urc) => urc.name === '+CUSD' && resolve(urc)));
    await channel.send('AT+CUSD=1,"AA180C3602",15');
    const answer = parseCusd((await ussd).lines[0] ?? '');
    expect(answer?.text).toBe('Ihr Guthaben: 12,34 EUR');

    const unknown = await channel.send('AT+CPBS=?').catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(AtCommandError);
    expect(unknown).not.toBeInstanceOf(CmeError);
    const badLength = await channel.send('AT+CMGS=200', { payload: '00' }).catch((error: unknown) => error);
    expect(badLength).toBeInstanceOf(CmsError);
    expect((badLength as CmsError).code).toBe(304);

    expect(urcs.map((urc) => urc.name)).toEqual(['^BOOT', '^RSSI', '^RSSI', '^MODE', '^RSSI', '+CUSD']);
    expect(port.mismatches).toEqual([]);
    expect(port.remaining).toEqual([]);
  });

  it('Quectel EC25: a two-line +CDS cut out of a reply, numeric result codes, a lost prompt cancelled with ESC', async () => {
    const { port, channel, urcs } = open('quectel-ec25-report-numeric.txt');
    await channel.send('AT');
    await channel.send('ATE0');
    const cpms = await channel.send('AT+CPMS?');
    expect(cpms.lines).toEqual(['+CPMS: "ME",0,255,"ME",0,255,"ME",0,255']);
    const cds = urcs.find((urc) => urc.name === '+CDS');
    expect(cds?.lines).toEqual([
      '+CDS: 26',
      '0791947101670000062A0D91947110325476F8523041906235005230419072500000',
    ]);

    await channel.send('ATV0');
    expect((await channel.send('AT+CSQ')).lines).toEqual(['+CSQ: 25,99']);
    await expect(channel.send('AT+CMGL=5')).rejects.toBeInstanceOf(CmsError);
    await expect(channel.send('AT+XYZ')).rejects.toBeInstanceOf(AtCommandError);
    await channel.send('ATV1');

    const lost = await sendParts(
      channel,
      [
        {
          pdu: '0021000D91947110325476F8000014D4B2BC9D7683DA6FF9B9EC06C560A02A5A0E',
          tpduLength: 32,
          partNumber: 1,
          totalParts: 1,
        },
      ],
      { promptTimeoutMs: 300 },
    );
    expect(lost.outcome).toBe('unknown');
    expect(lost.error?.name).toBe(new PromptLostError('x').name);
    expect(urcs.map((urc) => urc.name)).toEqual([
      'RDY',
      '+CFUN',
      '+CPIN',
      '+QUSIM',
      '+QIND',
      '+QIND',
      '+CDS',
    ]);
    // ESC was written and nothing else: the PDU never went out, and AT+CMGS was not repeated.
    expect(port.mismatches).toEqual([]);
    expect(port.remaining).toEqual([]);
  });
});

describe('identification and set-up, replaying reconstructed sessions of five more vendors', () => {
  it.each([
    {
      file: 'sim7600-identify-and-setup.txt',
      identity: {
        manufacturer: 'SIMCOM INCORPORATED',
        model: 'SIMCOM_SIM7600E-H',
        firmware: 'LE20B04SIM7600M22',
        imei: '862143045123457',
        iccid: '89490200001234567890',
        operator: 'Telekom.de',
        registration: 'home',
      },
      refused: [],
      urcs: ['*ATREADY', '+CPIN', 'SMS DONE', 'PB DONE'],
    },
    {
      file: 'huawei-e3372-identify-and-setup.txt',
      identity: {
        manufacturer: 'huawei',
        model: 'E3372',
        firmware: '21.286.03.01.209',
        imei: '867257039987654',
        iccid: '8949022001234567890',
        operator: 'Vodafone.de',
        registration: 'home',
      },
      refused: [],
      urcs: ['^SIMST', '^SRVST', '^HCSQ', '^HCSQ', '^HCSQ'],
    },
    {
      file: 'zte-mf626-identify-and-setup.txt',
      identity: {
        manufacturer: 'ZTE INCORPORATED',
        model: 'MF626',
        firmware: 'BD_P673A2V1.0.0B09',
        imei: '354218021122338',
        iccid: '8949011234567890123',
        operator: 'Telekom.de',
        registration: 'home',
      },
      refused: [],
      urcs: ['+ZUSIMR', '+ZDONR', '+ZPASR', '+ZUSIMR', '+ZUSIMR', '+ZUSIMR'],
    },
    {
      file: 'wavecom-q2406-identify-and-setup.txt',
      identity: {
        manufacturer: 'WAVECOM MODEM',
        model: 'MULTIBAND  900E  1800',
        firmware: '657e09gg.Q2406B 1266500 070307 17:04',
        imei: '352011004567898',
        iccid: '8933011234567890123',
        operator: 'Orange F',
        registration: 'roaming',
      },
      refused: ['AT+CNMI=2,1,0,2,0'],
      urcs: ['+WIND', '+WIND', '+WIND', '+WIND'],
    },
    {
      file: 'sierra-mc7710-identify-and-setup.txt',
      identity: {
        manufacturer: 'Sierra Wireless, Incorporated',
        model: 'MC7710',
        firmware: 'SWI9200X_03.05.29.03ap r6485 CNSHZ-ED-XP0031 2014/12/02 17:53:15',
        imei: '358178041234560',
        iccid: '89490200001122334455',
        operator: 'Vodafone.de',
        registration: 'home',
      },
      refused: [],
      urcs: ['+CMTI'],
    },
  ])('$file: identity, SIM start-up, URCs cut out, optional refusals tolerated', async (expected) => {
    const { port, channel, urcs } = open(expected.file);
    await enableErrorCodes(channel);
    const identity = await identify(channel);
    expect(identity).toMatchObject({
      ...expected.identity,
      sim: 'ready',
      signal: { bars: expect.any(Number) },
    });
    const setup = await initialiseModem(channel, { manufacturer: identity.manufacturer });
    expect(setup.readStorage).toBe('SM');
    expect(setup.refused.map((entry) => entry.command)).toEqual(expected.refused);
    expect(urcs.map((urc) => urc.name)).toEqual(expected.urcs);
    expect(port.mismatches).toEqual([]);
    // The Huawei session ends with an unknown command, answered in Huawei's own words.
    if (port.remaining.length > 0) {
      const unknown = await channel.send('AT+CPBS=?').catch((error: unknown) => error);
      expect(unknown).toBeInstanceOf(AtCommandError);
      expect((unknown as AtCommandError).result).toMatchObject({
        kind: 'error',
        line: 'COMMAND NOT SUPPORT',
      });
    }
    expect(port.remaining).toEqual([]);
  });
});

describe('late answers after a timeout (reconstructed SIM800L session)', () => {
  const part = {
    pdu: '0021000D91947110325476F8000014D4B2BC9D7683DA6FF9B9EC06C560A02A5A0E',
    tpduLength: 32,
    partNumber: 1,
    totalParts: 1,
  };

  it('resynchronises with a marker before the next command, so no late answer is taken for a reply', async () => {
    const { port, channel } = open('sim800-late-answers.txt');
    await channel.send('ATE0');

    await expect(channel.send('AT+CPMS?', { timeoutMs: 300 })).rejects.toBeInstanceOf(AtTimeoutError);
    expect(channel.resynchronising).toBe(true);
    expect((await channel.send('AT+CREG?')).lines).toEqual(['+CREG: 0,1']);
    expect(channel.resynchronising).toBe(false);

    // The marker before AT+CMGS gets no answer: AT+CMGS is never written, so the part failed.
    await expect(channel.send('AT+CSQ', { timeoutMs: 300 })).rejects.toBeInstanceOf(AtTimeoutError);
    const refused = await sendParts(channel, [part], { promptTimeoutMs: 300 });
    expect(refused).toMatchObject({ outcome: 'failed', error: { name: new AtResyncError('x', 1).name } });
    expect((await channel.send('AT+COPS?')).lines).toEqual(['+COPS: 0,0,"Telekom.de"']);

    const lost = await sendParts(channel, [part], { promptTimeoutMs: 300 });
    expect(lost).toMatchObject({ outcome: 'unknown', error: { name: new PromptLostError('x').name } });
    expect((await channel.send('AT+CSQ')).lines).toEqual(['+CSQ: 18,0']);

    await expect(channel.send('AT+CUSD=1,"*100#",15', { timeoutMs: 300 })).rejects.toBeInstanceOf(
      AtTimeoutError,
    );
    expect((await channel.send('AT+CSQ')).lines).toEqual(['+CSQ: 18,0']);

    expect(port.mismatches).toEqual([]);
    expect(port.remaining).toEqual([]);
    expect(channel.log.exportText()).toMatch(/late answer to an abandoned command dropped/);
  });
});

describe('InboundReceiver with directly routed messages (+CMT, AT+CNMI mt=2)', () => {
  it('reassembles parts that arrive out of order and interleaved with another sender, touching no storage', async () => {
    const long = `Hello! ${'The appointment, the parking, the weather and the bus timetable; '.repeat(6)}`;
    const parts = encodeDeliver({
      from: '+4917612345678',
      text: long,
      timestamp: new Date('2025-03-14T10:05:40Z'),
      concatReference: 0x3c,
    });
    expect(parts).toHaveLength(3);
    const stop = encodeDeliver({
      from: '+4917699999999',
      text: 'STOP',
      timestamp: new Date('2025-03-14T10:05:41Z'),
    });
    const order = [parts[2], stop[0], parts[0], parts[1]];
    const port = new TranscriptPort(
      order.map((part, index) => ({
        from: 'modem' as const,
        text: `\r\n+CMT: ,${part?.tpduLength}\r\n${part?.pdu}\r\n`,
        line: index + 1,
      })),
    );
    const channel = new AtChannel(port, { path: 'cmt' });
    const messages: InboundMessage[] = [];
    const receiver = new InboundReceiver(
      channel,
      {
        message: (message, ack) => void ack().then(() => messages.push(message)),
        statusReport: () => expect.fail('no reports here'),
        problem: (description) => expect.fail(description),
      },
      null,
    );
    channel.onUrc((urc) => receiver.handleUrc(urc));
    port.start();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (messages.length === 2) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    expect(messages.map((message) => [message.from, message.text, message.totalParts])).toEqual([
      ['+4917699999999', 'STOP', 1],
      ['+4917612345678', long, 3],
    ]);
    expect(port.mismatches).toEqual([]); // no AT+CMGR or AT+CMGD for routed messages
  });
});

describe('InboundReceiver and a reused storage index', () => {
  it('reads a new message whose +CMTI names the index being deleted, in the same burst as the OK', async () => {
    const report = encodeStatusReport({
      messageReference: 7,
      recipient: '+4917012345678',
      status: 0,
      submittedAt: new Date('2025-03-14T10:05:00Z'),
      dischargedAt: new Date('2025-03-14T10:05:09Z'),
    });
    const [stop] = encodeDeliver({
      from: '+4917612345678',
      text: 'STOP',
      timestamp: new Date('2025-03-14T10:05:40Z'),
    });
    if (!stop) throw new Error('encoding failed');
    const port = new TranscriptPort(
      [
        { from: 'modem', text: '\r\n+CDSI: "SM",1\r\n', line: 1 },
        { from: 'host', text: 'AT+CMGR=1\r', line: 2 },
        { from: 'modem', text: `\r\n+CMGR: 0,,${report.tpduLength}\r\n${report.pdu}\r\n\r\nOK\r\n`, line: 3 },
        { from: 'host', text: 'AT+CMGD=1\r', line: 4 },
        // The freed index is reused at once; the indication rides in the same USB packet.
        { from: 'modem', text: '\r\nOK\r\n\r\n+CMTI: "SM",1\r\n', line: 5 },
        { from: 'host', text: 'AT+CMGR=1\r', line: 6 },
        { from: 'modem', text: `\r\n+CMGR: 0,,${stop.tpduLength}\r\n${stop.pdu}\r\n\r\nOK\r\n`, line: 7 },
      ],
      'entry',
    );
    const channel = new AtChannel(port, { path: 'reuse' });
    const texts: string[] = [];
    const receiver = new InboundReceiver(
      channel,
      {
        message: (message) => texts.push(message.text),
        statusReport: (_report, ack) => void ack(),
        problem: (description) => expect.fail(description),
      },
      'SM',
    );
    channel.onUrc((urc) => receiver.handleUrc(urc));
    port.start();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (texts.length > 0) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    expect(texts).toEqual(['STOP']);
    expect(port.mismatches).toEqual([]);
  });
});

describe('InboundReceiver and the order of indications', () => {
  it('hands on a message in a reused index before one indicated after it', async () => {
    const report = encodeStatusReport({
      messageReference: 8,
      recipient: '+4917012345678',
      status: 0,
      submittedAt: new Date('2025-03-14T10:05:00Z'),
      dischargedAt: new Date('2025-03-14T10:05:09Z'),
    });
    const [stop] = encodeDeliver({
      from: '+4917612345678',
      text: 'STOP',
      timestamp: new Date('2025-03-14T10:05:40Z'),
    });
    const [later] = encodeDeliver({
      from: '+4917611111111',
      text: 'Thanks',
      timestamp: new Date('2025-03-14T10:05:41Z'),
    });
    if (!stop || !later) throw new Error('encoding failed');
    const port = new TranscriptPort(
      [
        { from: 'modem', text: '\r\n+CDSI: "SM",1\r\n', line: 1 },
        { from: 'host', text: 'AT+CMGR=1\r', line: 2 },
        { from: 'modem', text: `\r\n+CMGR: 0,,${report.tpduLength}\r\n${report.pdu}\r\n\r\nOK\r\n`, line: 3 },
        { from: 'host', text: 'AT+CMGD=1\r', line: 4 },
        // STOP takes the freed index 1, the next message index 2, both announced with the OK.
        { from: 'modem', text: '\r\nOK\r\n\r\n+CMTI: "SM",1\r\n\r\n+CMTI: "SM",2\r\n', line: 5 },
        { from: 'host', text: 'AT+CMGR=1\r', line: 6 },
        { from: 'modem', text: `\r\n+CMGR: 0,,${stop.tpduLength}\r\n${stop.pdu}\r\n\r\nOK\r\n`, line: 7 },
        { from: 'host', text: 'AT+CMGR=2\r', line: 8 },
        { from: 'modem', text: `\r\n+CMGR: 0,,${later.tpduLength}\r\n${later.pdu}\r\n\r\nOK\r\n`, line: 9 },
      ],
      'entry',
    );
    const channel = new AtChannel(port, { path: 'order' });
    const texts: string[] = [];
    const receiver = new InboundReceiver(
      channel,
      {
        message: (message) => texts.push(message.text),
        statusReport: (_report, ack) => void ack(),
        problem: (description) => expect.fail(description),
      },
      'SM',
    );
    channel.onUrc((urc) => receiver.handleUrc(urc));
    port.start();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (texts.length === 2 || port.mismatches.length > 0) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    expect(port.mismatches).toEqual([]);
    expect(texts).toEqual(['STOP', 'Thanks']);
  });
});

describe('USSD answers printed as plain text', () => {
  it('keeps a line break inside the quoted text as part of one +CUSD, even in the middle of a reply', async () => {
    const port = new TranscriptPort([
      { from: 'host', text: 'AT+CSQ\r', line: 1 },
      {
        from: 'modem',
        text: '\r\n+CSQ: 20,0\r\n\r\n+CUSD: 0,"Guthaben: 5,00 EUR\r\nBonus: 1,00 EUR",15\r\n\r\nOK\r\n',
        line: 2,
      },
    ]);
    const channel = new AtChannel(port, { path: 'cusd' });
    const urcs: Urc[] = [];
    channel.onUrc((urc) => urcs.push(urc));
    expect((await channel.send('AT+CSQ')).lines).toEqual(['+CSQ: 20,0']);
    expect(urcs).toHaveLength(1);
    expect(parseCusd(urcs[0]?.lines[0] ?? '')).toMatchObject({
      status: 0,
      text: 'Guthaben: 5,00 EUR\nBonus: 1,00 EUR',
      dcs: 15,
    });
  });
});

describe('InboundReceiver and two message stores', () => {
  it('deletes a reply in its own store while a status report is read from another', async () => {
    const [reply] = encodeDeliver({ from: '+4917612345678', text: 'Danke', timestamp: new Date('2025-03-14T10:05:40Z') });
    const report = encodeStatusReport({
      messageReference: 9,
      recipient: '+4917012345678',
      status: 0,
      submittedAt: new Date('2025-03-14T10:05:00Z'),
      dischargedAt: new Date('2025-03-14T10:05:09Z'),
    });
    if (!reply) throw new Error('encoding failed');
    // The status report is stored in "SR", the reply in "SM": each command runs in its own store.
    const port = new TranscriptPort(
      [
        { from: 'host', text: 'AT+CMGL=4\r', line: 1 },
        { from: 'modem', text: `\r\n+CMGL: 1,1,,${reply.tpduLength}\r\n${reply.pdu}\r\n\r\nOK\r\n`, line: 2 },
        { from: 'host', text: 'AT+CPMS="SR"\r', line: 3 },
        { from: 'modem', text: '\r\n+CPMS: 1,50,1,50,1,50\r\n\r\nOK\r\n', line: 4 },
        { from: 'host', text: 'AT+CMGR=1\r', line: 5 },
        { from: 'modem', text: `\r\n+CMGR: 0,,${report.tpduLength}\r\n${report.pdu}\r\n\r\nOK\r\n`, line: 6 },
        { from: 'host', text: 'AT+CPMS="SM"\r', line: 7 },
        { from: 'modem', text: '\r\n+CPMS: 1,50,1,50,1,50\r\n\r\nOK\r\n', line: 8 },
        { from: 'host', text: 'AT+CMGD=1\r', line: 9 },
        { from: 'modem', text: '\r\nOK\r\n', line: 10 },
      ],
      'entry',
    );
    const channel = new AtChannel(port, { path: 'stores' });
    const acks: (() => Promise<void>)[] = [];
    const reports: number[] = [];
    const receiver = new InboundReceiver(
      channel,
      {
        message: (_message, ack) => acks.push(ack),
        statusReport: (statusReport) => reports.push(statusReport.messageReference),
        problem: (description) => expect.fail(description),
      },
      'SM',
    );
    port.start();
    await receiver.readAll();
    expect(acks).toHaveLength(1);
    // The report's indication comes, and its read switches to "SR"; the reply is acknowledged meanwhile.
    receiver.handleUrc({ name: '+CDSI', lines: ['+CDSI: "SR",1'] });
    // Promise steps only: AT+CPMS="SR" is written, its answer (a later event) not yet read.
    for (let step = 0; step < 20; step++) await Promise.resolve();
    expect(port.remaining[0]?.line).toBe(5);
    await acks[0]?.();
    expect(reports).toEqual([9]);
    expect(port.mismatches).toEqual([]);
    expect(port.remaining).toEqual([]);
  });
});
