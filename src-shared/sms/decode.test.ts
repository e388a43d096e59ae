import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePdu } from './decode';
import { packSeptets } from './gsm7';
import { bytesToHex } from './hex';
import { encodeDeliver } from './pdu-deliver';
import { encodeStatusReport } from './pdu-status-report';
import { encodeSubmit } from './pdu-submit';
import type { SmsDeliver, SmsStatusReport } from './types';

function deliver(hex: string, hasSmsc = true): SmsDeliver {
  const result = decodePdu(hex, { direction: 'mt', hasSmsc });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  if (result.value.type !== 'deliver') throw new Error(`decoded as ${result.value.type}`);
  return result.value;
}

function report(hex: string): SmsStatusReport {
  const result = decodePdu(hex, { direction: 'mt' });
  if (!result.ok || result.value.type !== 'status-report') throw new Error(JSON.stringify(result));
  return result.value;
}

describe('decodePdu: SMS-DELIVER', () => {
  it('decodes the classic "hellohello" delivery with its SMSC and time zone', () => {
    expect(deliver('07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37')).toEqual({
      type: 'deliver',
      smsc: { number: '+27381000015', type: 'international' },
      sender: { number: '27838890001', type: 'unknown' },
      text: 'hellohello',
      encoding: 'gsm7',
      serviceCentreTimestamp: '1999-03-29T15:16:59+02:00',
      protocolIdentifier: 0,
    });
  });

  it('decodes the same TPDU without an SMSC field when told so', () => {
    expect(deliver('040BC87238880900F10000993092516195800AE8329BFD4697D9EC37', false).text).toBe(
      'hellohello',
    );
  });

  it('decodes international, national and alphanumeric originators', () => {
    const tpdu = '0000' + '52104141650040' + '05E8329BFD06';
    expect(deliver('00040B917228195339F4' + tpdu).sender).toEqual({
      number: '+27829135934',
      type: 'international',
    });
    expect(deliver('00040AA11092997856' + tpdu).sender).toEqual({ number: '0129998765', type: 'national' });
    expect(deliver('00040ED04669D0397C26A7' + tpdu).sender).toEqual({
      number: 'FRANCOIS',
      type: 'alphanumeric',
    });
    expect(deliver('000406D061F118' + tpdu).sender).toEqual({ number: 'abc', type: 'alphanumeric' });
    // Default-alphabet letters beyond ASCII: 'Ümit' is septets 5E 6D 69 74.
    const umit = bytesToHex(packSeptets([0x5e, 0x6d, 0x69, 0x74]));
    expect(deliver('000407D0' + umit + tpdu).sender).toEqual({ number: 'Ümit', type: 'alphanumeric' });
    expect(
      deliver(encodeDeliver({ from: 'a@b', text: 'x', timestamp: new Date() })[0]?.pdu ?? '').sender.number,
    ).toBe('a@b');
    // A seven-character name whose length counts whole octets (14) must not grow an '@'.
    const sevenSeptets = bytesToHex(packSeptets([0x53, 0x4d, 0x53, 0x2d, 0x49, 0x6e, 0x66]));
    expect(deliver('00040ED0' + sevenSeptets + tpdu).sender.number).toBe('SMS-Inf');
    expect(deliver('00040DD0' + sevenSeptets + tpdu).sender.number).toBe('SMS-Inf');
  });

  it('reads negative time zones', () => {
    expect(deliver('0004038121F300007040213252242B' + '01' + '41').serviceCentreTimestamp).toBe(
      '2007-04-12T23:25:42-08:00',
    );
  });

  it('reads a concatenation header with fill bits, and class 0', () => {
    const [first] = encodeDeliver({
      from: '+491701',
      text: 'x'.repeat(170),
      timestamp: new Date('2025-06-01T12:00:00Z'),
      concatReference: 7,
    });
    const decoded = deliver(first?.pdu ?? '');
    expect(decoded.concat).toEqual({ reference: 7, total: 2, sequence: 1 });
    expect(decoded.text).toBe('x'.repeat(153));
    const flash = deliver(
      encodeDeliver({ from: '+491701', text: 'now', timestamp: new Date(), flash: true })[0]?.pdu ?? '',
    );
    expect(flash.messageClass).toBe(0);
  });

  it('reads a 16-bit concatenation reference', () => {
    const parts = encodeDeliver({
      from: 'Shop',
      text: 'ж'.repeat(80),
      timestamp: new Date(),
      concatReference: 0xbeef,
      use16BitReference: true,
    });
    expect(parts.map((part) => deliver(part.pdu).concat)).toEqual([
      { reference: 0xbeef, total: 2, sequence: 1 },
      { reference: 0xbeef, total: 2, sequence: 2 },
    ]);
  });

  it('hands 8-bit data over as octets', () => {
    // DCS 04: 8-bit data; UDHI with a port-addressing element (IEI 05) that Fanout ignores.
    const decoded = deliver('0044038121F30004' + '52106141650040' + '0B' + '0605040B8423F0' + 'CAFE0102');
    expect(decoded.encoding).toBe('8bit');
    expect(decoded.text).toBe('');
    expect(bytesToHex(decoded.data ?? [])).toBe('CAFE0102');
    expect(decoded.concat).toBeUndefined();
  });

  it('reads TP-DCS groups per TS 23.038 clause 4', () => {
    const withDcs = (dcs: string, ud: string) => deliver('0004038121F300' + dcs + '52106141650040' + ud);
    expect(withDcs('F0', '01' + '41')).toMatchObject({ encoding: 'gsm7', messageClass: 0 });
    expect(withDcs('F6', '01' + '41')).toMatchObject({ encoding: '8bit', messageClass: 2 });
    expect(withDcs('18', '02' + '0041')).toMatchObject({ encoding: 'ucs2', messageClass: 0, text: 'A' });
    expect(withDcs('E0', '02' + '0041')).toMatchObject({ encoding: 'ucs2', text: 'A' });
    expect(withDcs('C0', '01' + '41')).toMatchObject({ encoding: 'gsm7', text: 'A' });
    const compressed = decodePdu('0004038121F30020' + '52106141650040' + '0141', { direction: 'mt' });
    expect(compressed).toMatchObject({ ok: false, error: { code: 'unsupported-compression' } });
  });

  it('ignores a concatenation element whose sequence is out of range', () => {
    // Sequence 3 of 2 is invalid: TS 23.040 says to ignore the element.
    const decoded = deliver('0044038121F30008' + '52106141650040' + '08' + '050003010203' + '0041');
    expect(decoded.concat).toBeUndefined();
    expect(decoded.text).toBe('A');
  });

  it('decodes national language shift tables named in the header', () => {
    // UDH 03 24 01 01: Turkish single shift; ESC 0x73 = 'ş'.
    // Header 4 octets = 32 bits, so 3 fill bits; then ESC (0x1B) 0x73.
    expect(deliver('0044038121F30000' + '52106141650040' + '07' + '03240101' + 'D8CC01').text).toBe('ş');
    const parts = encodeDeliver({
      from: '+905321',
      text: 'ş'.repeat(100),
      timestamp: new Date(),
      nationalLanguages: ['turkish'],
    });
    expect(parts.map((part) => deliver(part.pdu).text).join('')).toBe('ş'.repeat(100));
  });
});

describe('decodePdu: SMS-STATUS-REPORT', () => {
  const sent = new Date('2025-03-01T10:00:00Z');
  const done = new Date('2025-03-01T10:00:07Z');

  it.each([
    [0x00, 'delivered'],
    [0x01, 'delivered'],
    [0x1f, 'delivered'],
    [0x20, 'pending'],
    [0x30, 'pending'],
    [0x3f, 'pending'],
    [0x40, 'failed'],
    [0x46, 'failed'],
    [0x5f, 'failed'],
    [0x60, 'failed'],
    [0x7f, 'failed'],
    [0x80, 'failed'],
  ] as const)('TP-ST 0x%s is %s', (status, statusClass) => {
    const pdu = encodeStatusReport({
      messageReference: 42,
      recipient: '+4917012345678',
      status,
      submittedAt: sent,
      dischargedAt: done,
    });
    expect(report(pdu.pdu)).toEqual({
      type: 'status-report',
      messageReference: 42,
      recipient: { number: '+4917012345678', type: 'international' },
      status,
      statusClass,
      serviceCentreTimestamp: '2025-03-01T10:00:00+00:00',
      dischargeTimestamp: '2025-03-01T10:00:07+00:00',
    });
  });

  it('decodes a report laid out by hand from TS 23.040 9.2.2.3', () => {
    // SMSC +49171076000, first octet 06, MR 0x1A, RA +4917012345678, SCTS/DT with +01:00, ST 0.
    const hex =
      '07919471016700F0' + '06' + '1A' + '0D91947110325476F8' + '52302101000040' + '52302101007040' + '00';
    expect(report(hex)).toMatchObject({
      smsc: { number: '+49171076000', type: 'international' },
      messageReference: 0x1a,
      recipient: { number: '+4917012345678' },
      serviceCentreTimestamp: '2025-03-12T10:00:00+01:00',
      dischargeTimestamp: '2025-03-12T10:00:07+01:00',
      statusClass: 'delivered',
    });
  });

  it('ignores the optional parameter indicator and what follows it', () => {
    const pdu = encodeStatusReport({
      messageReference: 1,
      recipient: '+491701',
      status: 0,
      submittedAt: sent,
      dischargedAt: done,
    });
    expect(report(pdu.pdu + '00').status).toBe(0);
  });
});

describe('decodePdu: direction decides TP-MTI', () => {
  it('reads MTI 01 as SMS-SUBMIT only for sent messages', () => {
    const [submit] = encodeSubmit({ to: '+491701', text: 'x' });
    expect(decodePdu(submit?.pdu ?? '', { direction: 'mo' })).toMatchObject({
      ok: true,
      value: { type: 'submit' },
    });
    expect(decodePdu(submit?.pdu ?? '', { direction: 'mt' })).toMatchObject({
      ok: false,
      error: { code: 'unsupported-message-type' },
    });
  });

  it('refuses a DELIVER as an outgoing message', () => {
    const [pdu] = encodeDeliver({ from: '+491701', text: 'x', timestamp: new Date() });
    expect(decodePdu(pdu?.pdu ?? '', { direction: 'mo' })).toMatchObject({
      ok: false,
      error: { code: 'unsupported-message-type' },
    });
  });
});

describe('decodePdu: garbage gives typed errors', () => {
  it.each([
    ['', 'truncated'],
    ['0', 'invalid-hex'],
    ['ZZ', 'invalid-hex'],
    ['00', 'truncated'],
    ['0004', 'truncated'],
    ['0C00', 'invalid-address'],
    ['00040B917228195339F4000052104141650040FF', 'invalid-user-data'],
    ['00040B917228195339F40000521041416500400AE832', 'truncated'],
    ['00040B917228195339F4000052314141650040' + '05E8329BFD06', 'invalid-timestamp'],
    ['00440B917228195339F400005210414165004005FFE8329BFD', 'invalid-user-data'],
  ])('%j → %s', (hex, code) => {
    expect(decodePdu(hex, { direction: 'mt' })).toMatchObject({ ok: false, error: { code } });
  });

  it('accepts lowercase hex and surrounding whitespace as modems print it', () => {
    expect(decodePdu(' 0011000b916407281553f80000aa0ae8329bfd4697d9ec37\r\n', { direction: 'mo' }).ok).toBe(
      true,
    );
  });
});

describe('decodePdu: fuzz', () => {
  const valid = [
    ...encodeSubmit({
      to: '+4917012345678',
      text: 'Grüße € [x] 😀'.repeat(12),
      requestStatusReport: true,
      validityPeriodMinutes: 60,
    }).map((p) => p.pdu),
    ...encodeSubmit({
      to: '01701234567',
      text: 'a{b}'.repeat(60),
      use16BitReference: true,
      concatReference: 999,
    }).map((p) => p.pdu),
    ...encodeDeliver({
      from: 'Bank',
      text: 'Ihr Code: 1234 ж',
      timestamp: new Date('2025-01-01T00:00:00Z'),
      timezoneOffsetMinutes: -300,
    }).map((p) => p.pdu),
    ...encodeDeliver({
      from: '+905321234567',
      text: 'ş'.repeat(300),
      timestamp: new Date(),
      nationalLanguages: ['turkish'],
    }).map((p) => p.pdu),
    encodeStatusReport({
      messageReference: 9,
      recipient: '+491701',
      status: 0x41,
      submittedAt: new Date(),
      dischargedAt: new Date(),
    }).pdu,
    '0044038121F30004' + '52106141650040' + '0B' + '0605040B8423F0' + 'CAFE0102',
  ];
  const directions = ['mt', 'mo'] as const;

  function decodeEverywhere(hex: string): void {
    for (const direction of directions) {
      for (const hasSmsc of [true, false]) {
        const result = decodePdu(hex, { direction, hasSmsc });
        // Typed either way, and an unexpected internal failure would show up as 'internal'.
        if (!result.ok) expect(result.error.code).not.toBe('internal');
        else expect(['deliver', 'submit', 'status-report']).toContain(result.value.type);
      }
    }
  }

  it('never throws on every truncation of valid PDUs', () => {
    for (const hex of valid) {
      for (let length = 0; length <= hex.length; length++) decodeEverywhere(hex.slice(0, length));
    }
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => decodeEverywhere(bytesToHex(bytes))),
      { numRuns: 5000 },
    );
  });

  it('never throws on valid PDUs with random octets changed', () => {
    const mutated = fc
      .tuple(
        fc.constantFrom(...valid),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      )
      .map(([hex, edits]) => {
        const bytes = Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        return bytesToHex(bytes);
      });
    fc.assert(fc.property(mutated, decodeEverywhere), { numRuns: 5000 });
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), decodeEverywhere), { numRuns: 2000 });
  });
});

describe('decodePdu: real modem captures (AT+CMGR output collected in gammu tests/at-sms)', () => {
  it('reads an Australian status report with its +10:00 zone', () => {
    expect(report('07911614786007F006060B911634092142F4019071011000040190710110450400060000')).toEqual({
      type: 'status-report',
      smsc: { number: '+61418706700', type: 'international' },
      messageReference: 6,
      recipient: { number: '+61439012244', type: 'international' },
      status: 0,
      statusClass: 'delivered',
      serviceCentreTimestamp: '2010-09-17T10:01:00+10:00',
      dischargeTimestamp: '2010-09-17T10:01:54+10:00',
    });
  });

  it('reads a stored UCS-2 SMS-SUBMIT with the maximum relative validity', () => {
    const result = decodePdu('07912480002143651100048121430008FF0C003100320033003400350036', {
      direction: 'mo',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        type: 'submit',
        smsc: { number: '+420800123456', type: 'international' },
        recipient: { number: '1234', type: 'unknown' },
        text: '123456',
        encoding: 'ucs2',
        messageReference: 0,
        statusReportRequested: false,
        validityPeriodMinutes: 63 * 7 * 24 * 60,
      },
    });
  });

  it('reads part 1 of 2 of a concatenated Czech message', () => {
    const hex =
      '0791246020099990400C91247042972767000070107031107440A005000301020182E8B71A040FDBD96516881E5E83DA65907D5C968741EEF49AFC06B9CBEFB53C4C66B34061771AE42EEBDDE1799AED4EB34161D0BA0E7F93D3F63A483D2FB74161771AE42ED7E7EE3A3BCC0285C720FABB5D07B5DF6390BB3C1FA3C3FA32FBAD4BB940D43219342F83C6E8FC9C1E6E83E0F2F0F86D0FD3416150FBAD77874169903B0CA2BF41';
    const decoded = deliver(hex);
    expect(decoded.concat).toEqual({ reference: 1, total: 2, sequence: 1 });
    expect(decoded.sender).toEqual({ number: '+420724797276', type: 'international' });
    expect(decoded.text.startsWith('Ahoj pavle, tak me vcera nikdo neokradl')).toBe(true);
    expect(decoded.text).toHaveLength(153);
  });
});
