import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestService } from './test-service';

const service = createTestService();
afterAll(() => service.close());
const context = { transport: 'test' } as const;

async function call<T>(method: string, args: unknown): Promise<T> {
  const envelope = await service.call(method, args, context);
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
  return envelope.value as T;
}

/** Uploads the bytes as the window does: begin, chunks, finish. */
async function upload(name: string, bytes: Uint8Array): Promise<string> {
  const { uploadId, chunkBytes } = await call<{ uploadId: string; chunkBytes: number }>('files.beginUpload', {
    name,
    size: bytes.byteLength,
  });
  for (let offset = 0; offset < bytes.byteLength; offset += chunkBytes) {
    await service.uploads.writeChunk(uploadId, offset, bytes.subarray(offset, offset + chunkBytes));
  }
  await call('files.finishUpload', { uploadId });
  return uploadId;
}

async function finished(importId: string) {
  for (;;) {
    const status = await call<{
      state: string;
      result: Record<string, unknown> | null;
      error: string | null;
    }>('contacts.importStatus', { importId });
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// As German Excel saves "CSV (Trennzeichen-getrennt)": Windows-1252 and semicolons.
const germanExcelCsv = iconv.encode(
  [
    'Vorname;Nachname;Handy;Ort',
    'Jürgen;Müller;0151 11111111;Köln',
    'Anna;Groß;0151 22222222;Düsseldorf',
    'Bad;Row;keine Nummer;Bonn',
    'Jürgen;Doppelt;0151-11111111;Köln',
    '',
  ].join('\r\n'),
  'win1252',
);

describe('contact import handlers', () => {
  it('previews an uploaded Windows-1252 file with semicolons and guesses the phone column', async () => {
    const uploadId = await upload('kunden.csv', germanExcelCsv);
    const preview = await call<Record<string, unknown>>('contacts.previewImport', { uploadId });
    expect(preview).toMatchObject({
      fileName: 'kunden.csv',
      encoding: 'windows-1252',
      delimiter: ';',
      hasHeader: true,
      columns: ['Vorname', 'Nachname', 'Handy', 'Ort'],
      guessedPhoneColumn: 2,
    });
    expect((preview.rows as string[][])[0]).toEqual(['Jürgen', 'Müller', '0151 11111111', 'Köln']);
  });

  it('imports into a new list, counts duplicates and invalid rows, and offers the rejected rows', async () => {
    const uploadId = await upload('kunden.csv', germanExcelCsv);
    const { importId } = await call<{ importId: string }>('contacts.startImport', {
      uploadId,
      list: { listName: 'Kunden Köln' },
      country: 'DE',
      phoneColumn: 2,
      nameColumns: [0, 1],
      hasHeader: true,
      encoding: 'windows-1252',
      delimiter: ';',
    });
    const status = await finished(importId);
    expect(status).toMatchObject({
      state: 'done',
      error: null,
      result: { imported: 2, duplicates: 1, invalid: 1, optedOut: 0, rows: 4 },
    });
    const downloadId = status.result?.rejectedDownloadId as string;
    const download = service.downloads.get(downloadId);
    expect(download?.name).toBe('kunden - rejected rows.csv');
    const rejected = readFileSync(download?.path ?? '', 'utf8');
    expect(rejected).toContain('keine Nummer');
    expect(rejected).toContain('duplicate');
    // It waits in the data folder's exports/, which every erasure empties; the upload is gone.
    expect(path.dirname(download?.path ?? '')).toBe(path.join(service.dataDir, 'exports'));
    expect(() => service.uploads.resolve(uploadId)).toThrow(/no longer available/);

    const lists = await call<{ lists: { id: number; name: string; memberCount: number }[] }>('contacts.lists', {});
    const list = lists.lists.find((candidate) => candidate.name === 'Kunden Köln');
    expect(list?.memberCount).toBe(2);
    // Every column but the phone number became a merge field.
    expect(await call('contacts.listFields', { listId: list?.id })).toEqual({ fields: ['Vorname', 'Nachname', 'Ort'] });
    const { contacts } = await call<{ contacts: { name: string }[] }>('contacts.search', {
      text: 'Jürgen',
      offset: 0,
      limit: 5,
    });
    expect(contacts.map((c) => c.name)).toEqual(['Jürgen Müller']);

    // The rejected rows name Jürgen (his number twice): erasing him takes the file too.
    await call('privacy.erasePerson', { phone: '+4915111111111', reason: 'Request by phone' });
    expect(existsSync(download?.path ?? '')).toBe(false);
  });

  it('imports files started one after the other while the first still runs, each in turn', async () => {
    // Big enough that the second is started while the first is still being written.
    const rows = (first: number) => Array.from({ length: 20_000 }, (_, i) => `+49152${String(first + i)};Name ${i}`);
    const start = async (name: string, listName: string, first: number) => {
      const uploadId = await upload(name, Buffer.from(`Handy;Name\n${rows(first).join('\n')}\n`));
      return (await call<{ importId: string }>('contacts.startImport', { uploadId, list: { listName }, country: 'DE', phoneColumn: 0, nameColumns: [1], hasHeader: true, encoding: 'utf-8', delimiter: ';' })).importId;
    };
    const [a, b] = await Promise.all([start('a.csv', 'Welle A', 10_000_000), start('b.csv', 'Welle B', 20_000_000)]);
    const [doneA, doneB] = await Promise.all([finished(a), finished(b)]);
    expect(doneA).toMatchObject({ state: 'done', result: { imported: 20_000 } });
    expect(doneB).toMatchObject({ state: 'done', result: { imported: 20_000 } });
    const { lists } = await call<{ lists: { name: string; memberCount: number }[] }>('contacts.lists', {});
    expect(lists.filter((list) => list.name.startsWith('Welle')).map((list) => [list.name, list.memberCount])).toEqual([
      ['Welle A', 20_000],
      ['Welle B', 20_000],
    ]);
  });

  it('stops an import on request and keeps nothing of it', async () => {
    const lines = ['Name;Handy'];
    for (let i = 0; i < 200_000; i++) lines.push(`Person ${i};0170 ${3_000_000 + i}`);
    const uploadId = await upload('gross.csv', new TextEncoder().encode(lines.join('\n')));
    const before = await call<{ allContacts: number }>('contacts.lists', {});
    const { importId } = await call<{ importId: string }>('contacts.startImport', {
      uploadId,
      list: { listName: 'Groß' },
      country: 'DE',
      phoneColumn: 1,
      nameColumns: [0],
      hasHeader: true,
      encoding: 'utf-8',
      delimiter: ';',
    });
    expect(await call('contacts.cancelImport', { importId })).toEqual({ cancelled: true });
    expect(await finished(importId)).toMatchObject({ state: 'cancelled', result: null });
    const after = await call<{ allContacts: number; lists: { name: string }[] }>('contacts.lists', {});
    expect(after.allContacts).toBe(before.allContacts);
    expect(after.lists.map((list) => list.name)).not.toContain('Groß');
    expect(await call('contacts.cancelImport', { importId })).toEqual({ cancelled: false });
  });

  it('reports an unusable file as a failed import with a plain message', async () => {
    const uploadId = await upload('leer.csv', new Uint8Array());
    const envelope = await service.call('contacts.previewImport', { uploadId }, context);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('says so when an upload or an import id is unknown', async () => {
    expect(await service.call('contacts.previewImport', { uploadId: 'f'.repeat(32) }, context)).toMatchObject(
      { ok: false, error: { code: 'not-found' } },
    );
    expect(await service.call('contacts.importStatus', { importId: 'nope' }, context)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
