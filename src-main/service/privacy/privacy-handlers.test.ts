import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestService } from '../test-service';
import { ANNA, BERT, seedPerson } from './__fixtures__/seed-person';

const service = createTestService();
afterAll(() => service.close());
const context = { transport: 'test' } as const;
const T0 = Date.now() - 3_600_000;
seedPerson(service.store, ANNA, T0);
seedPerson(service.store, BERT, T0);

async function call<T = Record<string, unknown>>(method: string, args: unknown): Promise<T> {
  const envelope = await service.call(method, args, context);
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
  return envelope.value as T;
}

describe('privacy handlers', () => {
  it('shows the privacy panel what is held, for a number in national notation', async () => {
    const person = await call<{ phoneE164: string; consents: { purpose: string; withdrawnAt: string | null }[] }>('privacy.person', { phone: '0170 12345678' });
    expect(person).toMatchObject({ phoneE164: ANNA.e164, messages: 2, replies: 2, autoReplies: 1, optOutEvents: 1, onOptOutList: true });
    expect(person.consents.map((consent) => [consent.purpose, consent.withdrawnAt !== null])).toEqual([
      ['marketing', true],
      ['service', false],
    ]);
  });

  it('exports a contact as a JSON file offered for download, audited by hash', async () => {
    const contact = service.store.contacts.getByPhone(ANNA.e164);
    const result = await call<{ downloadId: string; name: string; phoneHash: string }>('privacy.exportPerson', { contactId: contact?.id, format: 'json' });
    expect(result.name).toMatch(/^Fanout data \+4917012345678 \d{4}-\d{2}-\d{2}\.json$/);
    const file = service.downloads.get(result.downloadId);
    expect(file?.contentType).toContain('application/json');
    expect(JSON.parse(readFileSync(file?.path ?? '', 'utf8'))).toMatchObject({ phoneE164: ANNA.e164, contact: { name: ANNA.name } });
    const [entry] = service.store.audit.list({ action: 'person.export', limit: 1 }).entries;
    expect(entry?.details).toMatchObject({ phoneHash: result.phoneHash, format: 'json' });
  });

  it('erases with a reason: the export waiting for download goes, the audit log has hash and reason only', async () => {
    const result = await call<{ phoneHash: string; exportFilesDeleted: number }>('privacy.erasePerson', { phone: '+49 170 1234 5678', reason: 'Request by letter' });
    expect(result).toMatchObject({ contactsDeleted: 1, consentsDeleted: 2, messagesScrubbed: 2, repliesScrubbed: 2, autoRepliesDeleted: 1, exportFilesDeleted: 1 });
    const [entry] = service.store.audit.list({ action: 'person.erase', limit: 1 }).entries;
    expect(entry?.details).toMatchObject({ phoneHash: result.phoneHash, reason: 'Request by letter' });
    expect(JSON.stringify(entry)).not.toContain('12345678');
    expect(await call('privacy.person', { phone: ANNA.e164 })).toMatchObject({ consents: [], replies: 2, autoReplies: 0, onOptOutList: true });
    expect(service.store.contacts.getByPhone(BERT.e164)?.name).toBe(BERT.name);
  });

  it('refuses a number it cannot read and a contact that is gone', async () => {
    const bad = await service.call('privacy.erasePerson', { phone: 'abc', reason: 'x' }, context);
    expect(bad.ok ? null : bad.error.code).toBe('bad-request');
    const gone = await service.call('privacy.person', { contactId: 999_999 }, context);
    expect(gone.ok ? null : gone.error.code).toBe('not-found');
  });
});
