import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../testing';

const WORKER = fileURLToPath(new URL('../__fixtures__/claim-worker.ts', import.meta.url));
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

let temp: TempStore;
beforeEach(() => {
  temp = openTempStore();
});
afterEach(() => temp.cleanup());

function seedCampaign(count: number, options: { state?: 'running' | 'paused' | 'draft'; dueAt?: number; partCount?: number; firstNumber?: number } = {}) {
  const { store } = temp;
  const campaign = store.campaigns.create({ name: 'Test', template: 'Hallo {{Vorname}}', listIds: [] }, T0);
  const rows = Array.from({ length: count }, (_, i) => ({
    contactId: null,
    recipientE164: `+49170${String((options.firstNumber ?? 1000000) + i).padStart(7, '0')}`,
    body: `Hallo ${i}`,
    partCount: options.partCount ?? 1,
    dueAt: options.dueAt ?? T0,
  }));
  store.queue.enqueueRecipients(campaign.id, rows, T0);
  if (options.state !== 'draft') store.campaigns.setState(campaign.id, options.state ?? 'running', { now: T0 });
  return { campaign, rows };
}

function sim(iccid: string) {
  return temp.store.sims.recordSeen({ iccid, imsi: '262011234567890', imei: '860000000000001' }, T0);
}

function runWorker(simId: number, mode: 'drain' | 'hang'): { done: Promise<string>; firstLine: Promise<string>; kill(): void } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, temp.dbPath, String(simId), mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let resolveFirst: (line: string) => void = () => undefined;
  const firstLine = new Promise<string>((resolve) => (resolveFirst = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('\n')) resolveFirst(out.split('\n')[0] ?? '');
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const done = new Promise<string>((resolve, reject) => {
    child.on('exit', (code, signal) => (code === 0 || signal === 'SIGKILL' ? resolve(out) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
  return { done, firstLine, kill: () => child.kill('SIGKILL') };
}

describe('queue', () => {
  it('enqueues each recipient of a campaign once, even when asked twice', () => {
    const { campaign, rows } = seedCampaign(3);
    expect(temp.store.queue.enqueueRecipients(campaign.id, rows, T0)).toEqual({ enqueued: 0, alreadyQueued: 3 });
    expect(temp.store.queue.countByState(campaign.id).queued).toBe(3);
  });

  it('claims due messages in order, marks them sending on the SIM, and never hands out the same one twice', () => {
    const { campaign } = seedCampaign(3);
    const a = sim('8949000000000000001');
    const first = temp.store.queue.claimNext({ simId: a.id, now: T0 });
    const second = temp.store.queue.claimNext({ simId: a.id, now: T0 });
    expect(first).toMatchObject({ campaignId: campaign.id, recipientE164: '+491701000000', body: 'Hallo 0', attempts: 1, simId: a.id });
    expect(second?.recipientE164).toBe('+491701000001');
    expect(temp.store.queue.countByState(campaign.id)).toMatchObject({ queued: 1, sending: 2 });
  });

  it('does not claim messages that are not due yet, or of campaigns that are not running', () => {
    seedCampaign(2, { dueAt: T0 + 60_000, firstNumber: 1 });
    const paused = seedCampaign(2, { state: 'paused', firstNumber: 100 });
    const a = sim('8949000000000000001');
    expect(temp.store.queue.claimNext({ simId: a.id, now: T0 })).toBeUndefined();
    expect(temp.store.queue.nextDueAt()).toBe(T0 + 60_000);
    expect(temp.store.queue.claimNext({ simId: a.id, now: T0 + 60_000 })?.recipientE164).toBe('+491700000001');
    temp.store.campaigns.setState(paused.campaign.id, 'running', { from: ['paused'], now: T0 });
    expect(temp.store.queue.claimNext({ simId: a.id, now: T0, campaignIds: [paused.campaign.id] })?.campaignId).toBe(paused.campaign.id);
  });

  it('never hands out the same message to two connections', () => {
    const { campaign } = seedCampaign(50);
    const other = temp.openAnother();
    const a = sim('8949000000000000001');
    const claimed: number[] = [];
    for (let i = 0; i < 30; i++) {
      const x = temp.store.queue.claimNext({ simId: a.id, now: T0 });
      const y = other.queue.claimNext({ simId: a.id, now: T0 });
      for (const m of [x, y]) if (m) claimed.push(m.id);
    }
    expect(claimed).toHaveLength(50);
    expect(new Set(claimed).size).toBe(50);
    expect(temp.store.queue.countByState(campaign.id)).toMatchObject({ queued: 0, sending: 50 });
  });

  it('never hands out the same message to two processes claiming at the same time', async () => {
    const { campaign } = seedCampaign(400);
    const a = sim('8949000000000000001');
    const b = sim('8949000000000000002');
    const [outA, outB] = await Promise.all([runWorker(a.id, 'drain').done, runWorker(b.id, 'drain').done]);
    const idsA = outA.trim().split('\n').filter(Boolean).map(Number);
    const idsB = outB.trim().split('\n').filter(Boolean).map(Number);
    expect(idsA.length + idsB.length).toBe(400);
    expect(new Set([...idsA, ...idsB]).size).toBe(400);
    expect(temp.store.queue.countByState(campaign.id)).toMatchObject({ queued: 0, sending: 0, sent: 400 });
  });

  it('after a kill -9, the message the modem had becomes unknown, the sent one stays sent, the rest resume', async () => {
    const { campaign } = seedCampaign(5);
    const a = sim('8949000000000000001');
    const worker = runWorker(a.id, 'hang');
    const line = await worker.firstLine;
    worker.kill();
    await worker.done;
    const [, handedOver, , sending] = line.split(' ');

    // A fresh start of Fanout opens the same file again.
    temp.database.close();
    const { queue } = temp.openAnother();
    expect(queue.countByState(campaign.id)).toMatchObject({ sent: 1, sending: 1, queued: 3 });
    expect(queue.markInterruptedAsUnknown(T0)).toBe(1);
    expect(queue.countByState(campaign.id)).toMatchObject({ sent: 1, sending: 0, unknown: 1, queued: 3 });
    const resumed: number[] = [];
    for (let m = queue.claimNext({ simId: a.id, now: T0 }); m; m = queue.claimNext({ simId: a.id, now: T0 })) resumed.push(m.id);
    expect(resumed).toHaveLength(3);
    expect(resumed).not.toContain(Number(handedOver));
    expect(resumed).not.toContain(Number(sending));

    expect(queue.requeueUnknown(campaign.id, T0)).toBe(1);
    expect(queue.claimNext({ simId: a.id, now: T0 })?.id).toBe(Number(sending));
  });

  it('records a multi-part hand-over part by part: sent only when the last part is accepted', () => {
    const { campaign } = seedCampaign(1, { partCount: 3 });
    const a = sim('8949000000000000001');
    const m = temp.store.queue.claimNext({ simId: a.id, now: T0 });
    if (!m) throw new Error('nothing claimed');
    expect(temp.store.queue.recordPartHandover(m.id, { partNumber: 1, reference: 254 }, T0 + 1)).toBe('sending');
    expect(temp.store.queue.recordPartHandover(m.id, { partNumber: 2, reference: 255 }, T0 + 2)).toBe('sending');
    expect(temp.store.queue.recordPartHandover(m.id, { partNumber: 3, reference: 0 }, T0 + 3)).toBe('sent');
    expect(temp.store.queue.countByState(campaign.id).sent).toBe(1);
    expect(temp.store.queue.partsSentSince(a.id, T0)).toBe(3);
    expect(temp.store.queue.partsSentSince(a.id, T0 + 2)).toBe(2);
    expect(temp.store.queue.recordPartHandover(m.id, { partNumber: 3, reference: 0 }, T0 + 4)).toBeUndefined();
    // Records after a hand-over skip the fsync; the connection is back to FULL for the next claim.
    expect(temp.database.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('an interrupted long message says which parts went out; their status reports still match it', () => {
    const { campaign } = seedCampaign(3, { partCount: 3 });
    const a = sim('8949000000000000001');
    const { queue } = temp.store;
    const claimed = [1, 2, 3].map(() => queue.claimNext({ simId: a.id, now: T0 }));
    const [none = 0, one = 0, two = 0] = claimed.map((m) => m?.id ?? 0);
    queue.recordPartHandover(one, { partNumber: 1, reference: 40 }, T0 + 1);
    queue.recordPartHandover(two, { partNumber: 1, reference: 41 }, T0 + 2);
    queue.recordPartHandover(two, { partNumber: 2, reference: 42 }, T0 + 3);

    expect(queue.markInterruptedAsUnknown(T0 + 10)).toBe(3);
    const reasons = new Map(queue.listMessages({ campaignId: campaign.id }, { limit: 10 }).messages.map((m) => [m.id, [m.state, m.reason]]));
    expect(reasons.get(none)).toEqual(['unknown', 'Fanout stopped while the modem had this message; it may or may not have been sent']);
    expect(reasons.get(one)).toEqual(['unknown', 'Fanout stopped while the modem had part 2 of 3; part 1 was accepted by the network, part 2 may or may not have been sent']);
    expect(reasons.get(two)).toEqual(['unknown', 'Fanout stopped while the modem had part 3 of 3; parts 1–2 were accepted by the network, part 3 may or may not have been sent']);

    const recipient = claimed[2]?.recipientE164 ?? '';
    const report = { recipientE164: recipient, simId: a.id, outcome: 'delivered' as const, statusCode: 0, at: T0 + 60_000 };
    expect(queue.recordPartStatus({ ...report, reference: 42 })).toEqual({ messageId: two, campaignId: campaign.id, partNumber: 2, messageState: 'unknown' });
    expect(queue.recordPartStatus({ ...report, reference: 41 })).toMatchObject({ messageId: two, partNumber: 1, messageState: 'unknown' });
    // Part 3 was never recorded: its report has nothing to match.
    expect(queue.recordPartStatus({ ...report, reference: 43 })).toBeUndefined();
  });

  it('retries a transient error later on another SIM, but fails a message some of whose parts already went out', () => {
    seedCampaign(2, { partCount: 2 });
    const a = sim('8949000000000000001');
    const b = sim('8949000000000000002');
    const first = temp.store.queue.claimNext({ simId: a.id, now: T0 });
    if (!first) throw new Error('nothing claimed');
    expect(temp.store.queue.recordOutcome(first.id, { kind: 'retry', reason: '+CMS ERROR: 38', nextAttemptAt: T0 + 1000, avoidSimId: a.id }, T0)).toBe('queued');
    // On SIM a the other message comes first; on SIM b the retried one once it is due.
    expect(temp.store.queue.claimNext({ simId: a.id, now: T0 + 1000 })?.id).not.toBe(first.id);
    const retried = temp.store.queue.claimNext({ simId: b.id, now: T0 + 1000 });
    expect(retried).toMatchObject({ id: first.id, attempts: 2, simId: b.id });
    temp.store.queue.recordPartHandover(first.id, { partNumber: 1, reference: 7 }, T0 + 1001);
    expect(temp.store.queue.recordOutcome(first.id, { kind: 'retry', reason: '+CMS ERROR: 38', nextAttemptAt: T0 + 2000 }, T0 + 1002)).toBe('failed');
  });

  it('takes a message avoiding this SIM when nothing else is due', () => {
    seedCampaign(1);
    const a = sim('8949000000000000001');
    const m = temp.store.queue.claimNext({ simId: a.id, now: T0 });
    if (!m) throw new Error('nothing claimed');
    temp.store.queue.recordOutcome(m.id, { kind: 'retry', reason: 'busy', nextAttemptAt: T0, avoidSimId: a.id }, T0);
    expect(temp.store.queue.claimNext({ simId: a.id, now: T0 })?.id).toBe(m.id);
  });

  it('skips, at claim time, a recipient who opted out after the message was queued', () => {
    const { campaign, rows } = seedCampaign(3);
    const a = sim('8949000000000000001');
    // Directly, as another process would, so the suppression repository's own skip does not run.
    const other = temp.openAnother();
    other.database.sqlite
      .prepare("INSERT INTO suppressions (phone_hash, phone_e164, reason, source, created_at) VALUES (?, ?, 'STOP', 'stop-reply', 0)")
      .run(hashOf(rows[0]?.recipientE164 ?? ''), rows[0]?.recipientE164);
    const claimed = temp.store.queue.claimNext({ simId: a.id, now: T0 });
    expect(claimed?.recipientE164).toBe(rows[1]?.recipientE164);
    expect(temp.store.queue.countByState(campaign.id)).toMatchObject({ skipped: 1, sending: 1, queued: 1 });
  });

  it('matches status reports by reference, recipient and time, across the wrap from 255 to 0', () => {
    const { rows } = seedCampaign(2, { partCount: 2 });
    const a = sim('8949000000000000001');
    const { queue } = temp.store;
    const first = queue.claimNext({ simId: a.id, now: T0 });
    const second = queue.claimNext({ simId: a.id, now: T0 });
    if (!first || !second) throw new Error('nothing claimed');
    queue.recordHandover(first.id, [{ partNumber: 1, reference: 255 }, { partNumber: 2, reference: 0 }], T0 + 10);
    queue.recordHandover(second.id, [{ partNumber: 1, reference: 1 }, { partNumber: 2, reference: 2 }], T0 + 20);
    const recipient = rows[0]?.recipientE164 ?? '';

    // Reference 0 reused 256 messages later for the same recipient: the report goes to the newer part.
    expect(queue.recordPartStatus({ reference: 0, recipientE164: recipient, simId: a.id, outcome: 'delivered', statusCode: 0, at: T0 + 1000 })).toMatchObject({ messageId: first.id, partNumber: 2, messageState: 'sent' });
    expect(queue.recordPartStatus({ reference: 255, recipientE164: rows[1]?.recipientE164 ?? '', outcome: 'delivered', statusCode: 0, at: T0 + 1000 })).toBeUndefined();
    expect(queue.recordPartStatus({ reference: 255, recipientE164: recipient, outcome: 'pending', statusCode: 0x20, at: T0 + 1500 })?.messageState).toBe('sent');
    expect(queue.recordPartStatus({ reference: 255, recipientE164: recipient, outcome: 'delivered', statusCode: 0, at: T0 + 2000 })?.messageState).toBe('delivered');
    // Too late for the window: no match.
    expect(queue.recordPartStatus({ reference: 1, recipientE164: rows[1]?.recipientE164 ?? '', outcome: 'delivered', statusCode: 0, at: T0 + 4 * 86_400_000 })).toBeUndefined();
    expect(queue.recordPartStatus({ reference: 2, recipientE164: rows[1]?.recipientE164 ?? '', outcome: 'failed', statusCode: 0x41, at: T0 + 3000 })?.messageState).toBe('failed');
    const failed = temp.database.sqlite.prepare<[number], { reason: string }>('SELECT reason FROM messages WHERE id = ?').get(second.id);
    expect(failed?.reason).toMatch(/TP-Status 0x41/);
  });

  it('skips the queued messages of a cancelled campaign and counts every state', () => {
    const { campaign } = seedCampaign(4);
    const a = sim('8949000000000000001');
    const m = temp.store.queue.claimNext({ simId: a.id, now: T0 });
    if (!m) throw new Error('nothing claimed');
    temp.store.queue.recordOutcome(m.id, { kind: 'failed', reason: '+CMS ERROR: 21' }, T0);
    temp.store.campaigns.setState(campaign.id, 'cancelled', { now: T0 });
    expect(temp.store.queue.skipQueued(campaign.id, 'cancelled', T0)).toBe(3);
    expect(temp.store.queue.countByState(campaign.id)).toEqual({ queued: 0, sending: 0, sent: 0, delivered: 0, failed: 1, unknown: 0, skipped: 3 });
  });
});

function hashOf(e164: string): string {
  return temp.store.database.sqlite.prepare<[string], { h: string }>('SELECT recipient_hash AS h FROM messages WHERE recipient_e164 = ?').get(e164)?.h ?? '';
}

describe('store.inTransaction', () => {
  it('commits several queue records together, or none of them', () => {
    const { campaign } = seedCampaign(2);
    const a = sim('8949000000000000001');
    const { store } = temp;
    const [first, second] = store.inTransaction(() => [store.queue.claimNext({ simId: a.id, now: T0 }), store.queue.claimNext({ simId: a.id, now: T0 })]);
    expect(first?.id).not.toBe(second?.id);
    expect(() =>
      store.inTransaction(() => {
        if (first) store.queue.recordHandover(first.id, [{ partNumber: 1, reference: 1 }], T0);
        throw new Error('the modem vanished');
      }),
    ).toThrow('the modem vanished');
    expect(store.queue.countByState(campaign.id)).toMatchObject({ sending: 2, sent: 0 });
  });
});
