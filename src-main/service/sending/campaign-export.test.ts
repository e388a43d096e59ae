import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../../store/testing';
import { csvCell, exportFileName, spreadsheetTime, sweepOldExports, writeCampaignResults } from './campaign-export';

describe('csvCell', () => {
  it('defuses what a spreadsheet would run as a formula (OWASP CSV injection)', () => {
    expect(csvCell('=HYPERLINK("http://evil","click")')).toBe(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(csvCell('+491605550012')).toBe(`"'+491605550012"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\t=1')).toBe(`"'\t=1"`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it('leaves ordinary text alone but quotes it, so delimiters, quotes and line breaks stay in the cell', () => {
    expect(csvCell('Jürgen')).toBe('"Jürgen"');
    expect(csvCell('a "b"; c,\r\nd = e')).toBe('"a ""b""; c,\r\nd = e"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(2)).toBe('"2"');
  });
});

describe('writeCampaignResults', () => {
  let temp: TempStore;
  beforeEach(() => {
    temp = openTempStore();
  });
  afterEach(() => temp.cleanup());

  it('writes every recipient, with BOM, header and the chosen delimiter, readable back cell for cell', async () => {
    const { store } = temp;
    const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
    const campaign = store.campaigns.create({ name: 'Test', template: 'x', listIds: [] }, T0);
    const evil = store.contacts.create({ phoneE164: '+491600000000', name: '=cmd|" /C calc"!A0' }, T0);
    const rows = Array.from({ length: 4_500 }, (_, i) => ({
      contactId: i === 0 ? (evil?.id ?? null) : null,
      recipientE164: `+49160${String(i).padStart(7, '0')}`,
      body: i === 1 ? 'Grüße; "Zitat"\nzweite Zeile' : `Hallo ${i}`,
      partCount: 1,
      dueAt: T0,
    }));
    store.queue.enqueueRecipients(campaign.id, rows, T0);
    store.campaigns.setState(campaign.id, 'running', { now: T0 });
    const sim = store.sims.recordSeen({ iccid: '8949000000000000001' }, T0);
    const first = store.queue.claimNext({ simId: sim.id, now: T0 });
    if (!first) throw new Error('nothing to claim');
    store.queue.recordHandover(first.id, [{ partNumber: 1, reference: 1 }], T0 + 1000);
    store.queue.recordPartStatus({ reference: 1, recipientE164: first.recipientE164, simId: sim.id, outcome: 'delivered', statusCode: 0, at: T0 + 5000 });

    const file = path.join(temp.dir, 'exports', 'results.csv');
    expect(await writeCampaignResults(store, campaign.id, file, ';')).toBe(4_500);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { delimiter: ';', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual(['Number', 'Name', 'State', 'Reason', 'Sent at', 'Delivered at', 'Parts', 'Text']);
    expect(parsed.data).toHaveLength(4_501);
    expect(parsed.data[1]).toEqual(["'+491600000000", `'=cmd|" /C calc"!A0`, 'delivered', '', spreadsheetTime(T0 + 1000), spreadsheetTime(T0 + 5000), '1', 'Hallo 0']);
    expect(parsed.data[2]).toEqual(["'+491600000001", '', 'waiting', '', '', '', '1', 'Grüße; "Zitat"\nzweite Zeile']);
    expect(parsed.data[4_500]?.[0]).toBe("'+491600004499");

    // In the reader's language: headings and states; the cells keep their formula defusing and the file its BOM.
    const german = path.join(temp.dir, 'exports', 'ergebnisse.csv');
    await writeCampaignResults(store, campaign.id, german, ';', 'de');
    const germanBytes = readFileSync(german);
    expect([...germanBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const germanRows = Papa.parse<string[]>(germanBytes.toString('utf8').slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(germanRows[0]).toEqual(['Nummer', 'Name', 'Status', 'Grund', 'Gesendet am', 'Zugestellt am', 'Teile', 'Text']);
    expect(germanRows[1]?.slice(0, 3)).toEqual(["'+491600000000", `'=cmd|" /C calc"!A0`, 'zugestellt']);
    expect(germanRows[2]?.[2]).toBe('wartet');
    const chinese = path.join(temp.dir, 'exports', 'jieguo.csv');
    await writeCampaignResults(store, campaign.id, chinese, ',', 'zh');
    const chineseRows = Papa.parse<string[]>(readFileSync(chinese, 'utf8').slice(1), { delimiter: ',', skipEmptyLines: true }).data;
    expect(chineseRows[0]).toEqual(['号码', '姓名', '状态', '原因', '发送时间', '送达时间', '条数', '文本']);
    expect(chineseRows[1]?.[2]).toBe('已送达');
  });
});

describe('exportFileName', () => {
  it('keeps the campaign name but not the characters Windows refuses', () => {
    expect(exportFileName('Termine: März/April?', new Date(2026, 2, 9, 12))).toBe('Termine_ März_April_ - results 2026-03-09.csv');
    expect(exportFileName('   ', new Date(2026, 2, 9, 12))).toBe('Campaign - results 2026-03-09.csv');
    expect(exportFileName('Termine', new Date(2026, 2, 9, 12), 'de')).toBe('Termine - Ergebnisse 2026-03-09.csv');
  });
});

describe('sweepOldExports', () => {
  it('deletes the CSV files older than the limit and leaves the rest', () => {
    const temp = openTempStore();
    try {
      const dir = path.join(temp.dir, 'exports');
      mkdirSync(dir);
      const now = Date.now();
      for (const [name, ageMs] of [['old.csv', 2 * 86_400_000], ['new.csv', 60_000], ['old.txt', 2 * 86_400_000]] as const) {
        writeFileSync(path.join(dir, name), 'x');
        utimesSync(path.join(dir, name), (now - ageMs) / 1000, (now - ageMs) / 1000);
      }
      expect(sweepOldExports(dir, 86_400_000, now)).toBe(1);
      expect(['old.csv', 'new.csv', 'old.txt'].map((name) => existsSync(path.join(dir, name)))).toEqual([false, true, true]);
      expect(sweepOldExports(path.join(temp.dir, 'missing'), 1, now)).toBe(0);
    } finally {
      temp.cleanup();
    }
  });
});
