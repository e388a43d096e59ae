// Keyword replies through the engine and a virtual modem: what each keyword changes, all of it in
// the transaction that stores the reply, and the daily limit on answers.
import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../store/testing';
import type { Clock } from './clock';
import { createEngine, type Engine } from './engine';
import type { InboundNotice } from './events';
import { DEFAULT_ANSWER_TEXTS } from './keywords/built-in-keywords';
import { createKeywordPolicy, DEFAULT_KEYWORD_SETTINGS } from './keywords/keyword-policy';
import { waitUntil } from './testing/seed';
import { openVirtualModems, type VirtualModemSetup } from './testing/virtual-modems';

let temp: TempStore | undefined;
let modems: VirtualModemSetup | undefined;
let engine: Engine | undefined;

afterEach(async () => {
  await engine?.stop();
  await modems?.close();
  temp?.cleanup();
  engine = modems = temp = undefined;
});

const PERSON = '+4915123456789';

async function setUp(options: { clock?: Clock; answers?: { stop: boolean; start: boolean; help: boolean } } = {}) {
  temp = openTempStore('fanout-keywords-');
  modems = await openVirtualModems({ count: 1 });
  engine = createEngine({
    store: temp.store,
    clock: options.clock,
    keywords: createKeywordPolicy({ fallbackLanguage: 'de', settings: { ...DEFAULT_KEYWORD_SETTINGS, answers: options.answers ?? DEFAULT_KEYWORD_SETTINGS.answers } }),
  });
  const notices: InboundNotice[] = [];
  const problems: string[] = [];
  engine.on('inbound', (notice) => notices.push(notice));
  engine.on('problem', (problem) => problems.push(problem));
  engine.attachModem(modems.modems[0] as NonNullable<(typeof modems.modems)[0]>);
  engine.start();
  const virtualModem = modems.virtualModems[0];
  if (!virtualModem) throw new Error('no virtual modem');
  const reply = async (text: string, from = PERSON) => {
    const before = notices.length;
    virtualModem.receiveSms({ from, text });
    await waitUntil(() => notices.length > before, 10_000, `the reply "${text}" to be stored`);
    return notices[notices.length - 1] as InboundNotice;
  };
  return { store: temp.store, notices, problems, reply, virtualModem };
}

function count(store: TempStore['store'], table: string): number {
  return (store.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('keyword replies', () => {
  it('STOP: the reply, the opt-out, its history event, an audit entry and one confirmation, in the language of the word', async () => {
    const { store, reply } = await setUp();
    const notice = await reply(' Stopp ');
    expect(notice).toMatchObject({ keyword: 'stop', optedOut: true, optedIn: false, autoReplyId: expect.any(Number) });
    expect(store.suppressions.isSuppressed(PERSON)).toBe(true);
    expect(store.suppressions.sourceOf(PERSON)).toBe('stop-reply');
    const hash = store.suppressions.phoneHashOf(PERSON);
    expect(store.suppressions.eventsOf(hash)).toEqual([expect.objectContaining({ event: 'opt-out', source: 'stop-reply', actor: 'Fanout' })]);
    const audit = store.audit.list({ action: 'suppression', limit: 10 }).entries;
    expect(audit).toEqual([expect.objectContaining({ actor: 'Fanout', action: 'suppression.stop-reply', details: { phoneHash: hash } })]);
    expect(JSON.stringify(audit)).not.toContain(PERSON.slice(1));
    const answer = store.autoReplies.get(notice.autoReplyId ?? -1);
    expect(answer).toMatchObject({ kind: 'stop-confirmation', state: 'queued', recipientE164: PERSON, body: DEFAULT_ANSWER_TEXTS.de.stop, inboundId: notice.inboundId });
    expect(store.inbound.get(notice.inboundId)?.keyword).toBe('stop');
  });

  it('keeps nothing of a STOP when a step fails, and leaves the message on the modem to be read again', async () => {
    const { store, problems, virtualModem } = await setUp();
    // A real failure in the last step of the transaction: SQLite refuses the queued answer.
    store.database.sqlite.exec(`CREATE TRIGGER refuse_answers BEFORE INSERT ON auto_replies BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`);
    virtualModem.receiveSms({ from: PERSON, text: 'STOP' });
    await waitUntil(() => problems.length > 0, 10_000, 'the failure to be reported');
    expect(problems[0]).toContain('disk full (test)');
    for (const table of ['inbound_messages', 'suppressions', 'suppression_events', 'audit_log', 'auto_replies']) expect(count(store, table), table).toBe(0);
    expect(store.contacts.getByPhone(PERSON)).toBeUndefined();
    expect(virtualModem.storedMessageCount).toBe(1);
  });

  it('START takes the sender off the list (opt-in event, audited) and confirms; START from someone not on it changes and answers nothing', async () => {
    const { store, reply } = await setUp();
    await reply('STOP');
    const start = await reply('start');
    expect(start).toMatchObject({ keyword: 'start', optedIn: true, optedOut: false, autoReplyId: expect.any(Number) });
    expect(store.suppressions.isSuppressed(PERSON)).toBe(false);
    const hash = store.suppressions.phoneHashOf(PERSON);
    expect(store.suppressions.eventsOf(hash).map((event) => [event.event, event.source])).toEqual([
      ['opt-out', 'stop-reply'],
      ['opt-in', 'start-reply'],
    ]);
    expect(store.audit.list({ action: 'suppression', limit: 10 }).entries.map((entry) => entry.action).sort()).toEqual(['suppression.start-reply', 'suppression.stop-reply']);
    expect(store.autoReplies.get(start.autoReplyId ?? -1)).toMatchObject({ kind: 'start-confirmation', body: DEFAULT_ANSWER_TEXTS.de.start });

    const stranger = await reply('START', '+4915199990000');
    expect(stranger).toMatchObject({ keyword: 'start', optedIn: false, autoReplyId: null });
  });

  it('START does not lift the block on an erased person', async () => {
    const { store, reply } = await setUp();
    store.erasure.erasePerson(PERSON, { reason: 'asked to be forgotten', now: Date.now() });
    expect(store.suppressions.isSuppressed(PERSON)).toBe(true);
    const start = await reply('START');
    expect(start).toMatchObject({ optedIn: false, autoReplyId: null });
    expect(store.suppressions.isSuppressed(PERSON)).toBe(true);
  });

  it('HELP gets the help text; a near miss is only flagged; an ordinary reply is only stored', async () => {
    const { store, reply } = await setUp();
    const help = await reply('AYUDA');
    expect(store.autoReplies.get(help.autoReplyId ?? -1)).toMatchObject({ kind: 'help', body: DEFAULT_ANSWER_TEXTS.es.help });
    expect(store.suppressions.isSuppressed(PERSON)).toBe(false);

    const nearMiss = await reply('Bitte abmelden!!');
    expect(nearMiss).toMatchObject({ keyword: 'near-miss', optedOut: false, autoReplyId: null });
    expect(store.suppressions.isSuppressed(PERSON)).toBe(false);
    expect(store.inbound.countAwaitingReview()).toBe(1);

    const ordinary = await reply('Danke, bis Montag');
    expect(ordinary).toMatchObject({ keyword: null, autoReplyId: null });
    expect(count(store, 'auto_replies')).toBe(1);
  });

  it('answers each number at most once a day per keyword, so two auto-responders cannot loop', async () => {
    let now = Date.parse('2026-05-04T10:00:00Z');
    const { store, reply } = await setUp({ clock: { now: () => now } });
    const first = await reply('STOP');
    expect(first.autoReplyId).not.toBeNull();
    now += 60_000;
    expect((await reply('STOP')).autoReplyId).toBeNull();
    expect((await reply('HELP')).autoReplyId).not.toBeNull();
    now += 23 * 3600_000;
    expect((await reply('stop')).autoReplyId).toBeNull();
    expect((await reply('HELP')).autoReplyId).toBeNull();
    // A failed answer does not count: the next STOP may be answered.
    store.autoReplies.markFailed(first.autoReplyId ?? -1, 'no modem');
    expect((await reply('STOP')).autoReplyId).not.toBeNull();
    now += 24 * 3600_000 + 1;
    expect((await reply('STOP')).autoReplyId).not.toBeNull();
    expect(store.autoReplies.forRecipient(PERSON, 50).map((answer) => answer.kind)).toEqual(['stop-confirmation', 'help', 'stop-confirmation', 'stop-confirmation']);
    // Only the first STOP changed anything.
    expect(store.suppressions.eventsOf(store.suppressions.phoneHashOf(PERSON))).toHaveLength(1);
  });

  it('sends no answer that was turned off, and still acts on the keyword', async () => {
    const { store, reply } = await setUp({ answers: { stop: false, start: true, help: false } });
    expect(await reply('STOP')).toMatchObject({ optedOut: true, autoReplyId: null });
    expect(await reply('HELP')).toMatchObject({ keyword: 'help', autoReplyId: null });
    expect(store.suppressions.isSuppressed(PERSON)).toBe(true);
    expect(count(store, 'auto_replies')).toBe(0);
  });
});
