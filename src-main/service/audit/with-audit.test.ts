import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallContext } from '../call-context';
import { createTestService } from '../test-service';

const service = createTestService();
afterAll(() => service.close());
const admin: CallContext = { transport: 'test' };
const viewer: CallContext = { transport: 'test', operator: { id: 7, username: 'vera', displayName: 'Vera Viewer', role: 'viewer' } };

async function call<T = Record<string, unknown>>(method: string, args: unknown, context: CallContext = admin): Promise<T> {
  const envelope = await service.call(method, args, context);
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
  return envelope.value as T;
}

interface Entry {
  seq: number;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

async function entries(): Promise<Entry[]> {
  return (await call<{ entries: Entry[] }>('audit.list', { limit: 200 })).entries;
}

async function upload(name: string, text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const { uploadId } = await call<{ uploadId: string }>('files.beginUpload', { name, size: bytes.byteLength });
  await service.uploads.writeChunk(uploadId, 0, bytes);
  await call('files.finishUpload', { uploadId });
  return uploadId;
}

// The national digits of the number in every test below: no notation of it may reach the log.
const NATIONAL_DIGITS = '15123456789';

describe('audited API calls', () => {
  it('records an erasure, an opt-out and a settings change with counts and keys, never the number', async () => {
    const list = await call<{ id: number }>('contacts.createList', { name: 'Kunden' });
    const anna = await call<{ id: number }>('contacts.create', { phone: '0151 2345 6789', name: 'Anna Muster', fields: {}, listIds: [list.id] });
    await call('contacts.optOut', { phone: '+49 151 23456789' });
    await call('privacy.erasePerson', { contactId: anna.id, reason: 'Request by letter' });
    await call('settings.update', { retentionDays: 30, currency: 'EUR' });

    const log = await entries();
    expect(log.map((entry) => entry.action)).toEqual(['settings.update', 'person.erase', 'suppression.add', 'contact.create', 'list.create']);
    expect(log[0]).toMatchObject({ actor: 'Fanout', details: { keys: ['currency', 'retentionDays'] } });
    expect(log[1]).toMatchObject({ details: { contactsDeleted: 1, reason: 'Request by letter' } });

    const everything = JSON.stringify(log);
    expect(everything).not.toContain(NATIONAL_DIGITS);
    expect(everything).not.toContain('Anna Muster');
    // The raw table too, through the driver: nothing in any column.
    const raw = JSON.stringify(service.store.database.sqlite.prepare('SELECT * FROM audit_log').all());
    expect(raw).not.toContain(NATIONAL_DIGITS);
    expect(raw).not.toContain('2345');
  });

  it('records a committed import, in the background, as the caller who started it, with counts', async () => {
    const uploadId = await upload('kunden.csv', 'Name,Handy\nJürgen,0151 11111111\nAnna,0151 22222222\nKeine,keine Nummer\n');
    const operator: CallContext = { transport: 'test', operator: { id: 3, username: 'sam', displayName: 'Sam Sender', role: 'sender' } };
    const { importId } = await call<{ importId: string }>(
      'contacts.startImport',
      { uploadId, list: { listName: 'Import' }, country: 'DE', phoneColumn: 1, nameColumns: [0], hasHeader: true, encoding: 'utf-8', delimiter: ',' },
      operator,
    );
    let rejectedDownloadId: string | null = null;
    for (;;) {
      const status = await call<{ state: string; result: { rejectedDownloadId: string | null } | null }>('contacts.importStatus', { importId });
      if (status.state !== 'running') {
        rejectedDownloadId = status.result?.rejectedDownloadId ?? null;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [entry] = await entries();
    expect(entry).toMatchObject({ action: 'contacts.import', actor: 'Sam Sender', details: { added: 2, newContacts: 2, invalid: 1 } });
    expect(JSON.stringify(entry)).not.toMatch(/11111111|22222222/);

    // The rejected rows leave Fanout when downloaded: once, as the one who ran the import.
    expect(rejectedDownloadId).not.toBeNull();
    expect((await service.transfers.readDownload(rejectedDownloadId)).ok).toBe(true);
    expect((await service.transfers.readDownload(rejectedDownloadId)).ok).toBe(true);
    const [download, before] = await entries();
    expect(download).toMatchObject({ action: 'file.download', actor: 'Sam Sender', subject: 'contacts.startImport', details: { contentType: 'text/csv; charset=utf-8' } });
    expect(before?.action).toBe('contacts.import');
  });

  it('records a call refused for its role, and nothing for a call that failed', async () => {
    const refused = await service.call('campaigns.start', { campaignId: 1 }, viewer);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const missing = await service.call('campaigns.start', { campaignId: 999 }, admin);
    expect(missing.ok).toBe(false);
    const [entry, before] = await entries();
    expect(entry).toMatchObject({ action: 'access.refused', actor: 'Vera Viewer', subject: 'campaigns.start' });
    expect(before?.action).not.toBe('campaign.start');
  });

  it('the log stays one intact chain, and the head file sits beside the database', async () => {
    const verification = await call<{ ok: boolean; checked: number; problems: unknown[] }>('audit.verify', {});
    expect(verification).toMatchObject({ ok: true, problems: [] });
    expect(verification.checked).toBe((await entries()).length);
    expect(JSON.parse(readFileSync(`${service.store.database.path}-audit-head`, 'utf8'))).toMatchObject({ seq: verification.checked });
  });
});
