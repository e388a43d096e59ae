import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAppSettings } from '../app-settings';
import { CLI_ACTOR, SYSTEM_ACTOR } from '../../store/repositories/audit';
import { openTempStore, type TempStore } from '../../store/testing';
import { ANNA, BERT, seedPerson } from './__fixtures__/seed-person';
import { readLastRetentionRun, runRetention } from './retention-run';
import { RetentionSchedule } from './retention-schedule';

const DAY = 24 * 3600_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const NOW = T0 + 40 * DAY;
let temp: TempStore;

beforeEach(() => {
  temp = openTempStore('fanout-retention-');
  seedPerson(temp.store, ANNA, T0);
  seedPerson(temp.store, BERT, NOW - 2 * DAY);
});
afterEach(() => temp.cleanup());

const bodies = (e164: string) => {
  const data = temp.store.personData.collect(e164);
  return { messages: data.messages.map((m) => m.body), replies: data.replies.map((r) => r.body), autoReplies: data.autoReplies.map((a) => a.body) };
};

describe('retention run', () => {
  it('deletes the texts older than the period, a batch at a time; states, counts and newer texts stay', async () => {
    const countsBefore = temp.store.queue.countByState();
    let pauses = 0;
    const result = await runRetention(temp.store, { days: 30, now: NOW, actor: SYSTEM_ACTOR, batchIds: 1, pause: async () => void pauses++ });
    expect(result).toMatchObject({ days: 30, cutoff: NOW - 30 * DAY, purged: { messages: 2, replies: 2, autoReplies: 1 }, walTruncated: true });
    expect(pauses).toBeGreaterThanOrEqual(4 + 4 + 2);
    expect(bodies(ANNA.e164)).toEqual({ messages: [null, null], replies: [null, null], autoReplies: [null] });
    expect(bodies(BERT.e164).messages[0]).toContain(BERT.name);
    expect(bodies(BERT.e164).replies).toHaveLength(2);
    expect(bodies(BERT.e164).replies.every((body) => body !== null)).toBe(true);
    expect(temp.store.queue.countByState()).toEqual(countsBefore);
    const anna = temp.store.personData.collect(ANNA.e164);
    expect(anna.messages.map((m) => m.state)).toEqual(['delivered', 'skipped']);
    expect(anna.messages[0]?.parts).toHaveLength(1);
  });

  it('keeps the text of a message still waiting to be sent, however old', async () => {
    const list = temp.store.lists.getByName('Kunden');
    const waiting = temp.store.campaigns.create({ name: 'Pausiert', template: 'x', listIds: [list?.id ?? 0] }, T0);
    temp.store.queue.enqueueRecipients(waiting.id, [{ contactId: null, recipientE164: '+4915155555555', body: 'Noch nicht gesendet', partCount: 1, dueAt: T0 }], T0);
    await runRetention(temp.store, { days: 30, now: NOW, actor: SYSTEM_ACTOR });
    expect(temp.store.personData.collect('+4915155555555').messages.map((m) => [m.state, m.body])).toEqual([['queued', 'Noch nicht gesendet']]);
  });

  it('keeps the text of a message cut off mid-send (unknown), so it can still be sent again; one to a person erased since stays unknown', async () => {
    const list = temp.store.lists.getByName('Kunden');
    const cutOff = temp.store.campaigns.create({ name: 'Abgebrochen', template: 'x', listIds: [list?.id ?? 0] }, T0);
    const recipients = ['+4915155555551', '+4915155555552'].map((recipientE164) => ({ contactId: null, recipientE164, body: `Termin für ${recipientE164}`, partCount: 1, dueAt: T0 }));
    temp.store.queue.enqueueRecipients(cutOff.id, recipients, T0);
    temp.store.campaigns.setState(cutOff.id, 'running', { now: T0 });
    const sim = temp.store.sims.recordSeen({ iccid: '8949000000000000077' }, T0);
    for (let i = 0; i < 2; i++) temp.store.queue.claimNext({ simId: sim.id, now: T0 });
    expect(temp.store.queue.markInterruptedAsUnknown(T0)).toBe(2);
    temp.store.erasure.erasePerson('+4915155555552', { reason: 'Art. 17', now: T0 + DAY });
    await runRetention(temp.store, { days: 30, now: NOW, actor: SYSTEM_ACTOR });
    expect(temp.store.personData.collect('+4915155555551').messages.map((m) => [m.state, m.body])).toEqual([['unknown', 'Termin für +4915155555551']]);
    expect(temp.store.queue.requeueUnknown(cutOff.id, NOW)).toBe(1);
    expect(temp.store.queue.countByState(cutOff.id)).toMatchObject({ queued: 1, unknown: 1 });
  });

  it('keeps the text of an old near miss until an operator has looked at it', async () => {
    const nearMiss = { simId: null, senderE164: '+4915155555553', senderRaw: null, body: 'bitte keine SMS mehr', sentAt: null, receivedAt: T0, keyword: 'near-miss' as const };
    const { id } = temp.store.inbound.record(nearMiss);
    await runRetention(temp.store, { days: 30, now: NOW, actor: SYSTEM_ACTOR });
    expect(temp.store.personData.collect('+4915155555553').replies.map((r) => r.body)).toEqual(['bitte keine SMS mehr']);
    temp.store.inbound.markReviewed(id, 'Anna Chefin', NOW);
    await runRetention(temp.store, { days: 30, now: NOW + 1, actor: SYSTEM_ACTOR });
    expect(temp.store.personData.collect('+4915155555553').replies.map((r) => r.body)).toEqual([null]);
  });

  it('leaves the deleted texts nowhere in the database file or its WAL', async () => {
    const secret = 'Ihr Termin ist am Montag';
    const onDisk = () => [temp.dbPath, `${temp.dbPath}-wal`].some((file) => {
      try {
        return readFileSync(file).toString('utf8').includes(`${ANNA.name}, ${secret}`);
      } catch {
        return false;
      }
    });
    temp.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(onDisk()).toBe(true);
    await runRetention(temp.store, { days: 30, now: NOW, actor: SYSTEM_ACTOR });
    expect(onDisk()).toBe(false);
  });

  it('is audited with its counts and remembered for Settings; a scheduled run that deletes nothing is not logged', async () => {
    await runRetention(temp.store, { days: 30, now: NOW, actor: SYSTEM_ACTOR });
    await runRetention(temp.store, { days: 30, now: NOW + 1, actor: SYSTEM_ACTOR });
    const entries = temp.store.audit.list({ action: 'retention.run', limit: 10 }).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'Fanout', details: { days: 30, messages: 2, replies: 2, autoReplies: 1 } });
    expect(readLastRetentionRun(temp.store)).toEqual({ ranAt: NOW + 1, days: 30, purged: { messages: 0, replies: 0, autoReplies: 0 } });
    await runRetention(temp.store, { days: 30, now: NOW + 2, actor: CLI_ACTOR, alwaysAudit: true });
    expect(temp.store.audit.list({ action: 'retention.run', limit: 10 }).entries[0]).toMatchObject({ actor: CLI_ACTOR.name });
  });
});

describe('retention schedule', () => {
  const scheduleRun = async () => {
    const outcomes: unknown[] = [];
    const schedule = new RetentionSchedule(temp.store, { startDelayMs: 0, now: () => NOW, onRun: (outcome) => outcomes.push(outcome) });
    await schedule.runNow();
    await schedule.stop();
    return outcomes;
  };

  it('does nothing while no retention period is set (the default)', async () => {
    expect(await scheduleRun()).toEqual([]);
    expect(bodies(ANNA.e164).messages[0]).not.toBeNull();
  });

  it('runs with the period from Settings', async () => {
    writeAppSettings(temp.store.settings, { retentionDays: 30 }, NOW);
    expect(await scheduleRun()).toEqual([{ result: expect.objectContaining({ purged: { messages: 2, replies: 2, autoReplies: 1 } }) }]);
  });

  it('runs again with the new period when it is shortened during a run, not a day later', async () => {
    writeAppSettings(temp.store.settings, { retentionDays: 60 }, NOW);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const outcomes: unknown[] = [];
    const schedule = new RetentionSchedule(temp.store, { settingsDelayMs: 0, now: () => NOW, pause: () => held, onRun: (outcome) => outcomes.push(outcome) });
    const first = schedule.runNow();
    // The period is shortened while the run with 60 days waits between two batches.
    writeAppSettings(temp.store.settings, { retentionDays: 30 }, NOW);
    schedule.settingsChanged();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await first;
    await expect.poll(() => outcomes.length).toBe(2);
    await schedule.stop();
    expect(outcomes).toEqual([{ result: expect.objectContaining({ days: 60 }) }, { result: expect.objectContaining({ days: 30, purged: { messages: 2, replies: 2, autoReplies: 1 } }) }]);
    expect(bodies(ANNA.e164).messages[0]).toBeNull();
  });

  it('runs on its own shortly after start', async () => {
    writeAppSettings(temp.store.settings, { retentionDays: 30 }, NOW);
    const ran = new Promise((resolve) => {
      const schedule = new RetentionSchedule(temp.store, { startDelayMs: 5, now: () => NOW, onRun: (outcome) => void schedule.stop().then(() => resolve(outcome)) });
      schedule.start();
    });
    expect(await ran).toEqual({ result: expect.objectContaining({ days: 30 }) });
  });
});
