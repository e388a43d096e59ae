import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../testing';
import { AUDIT_GENESIS_HASH, hashAuditEntry } from './audit-chain';
import { CLI_ACTOR, SYSTEM_ACTOR, type AuditActor } from './audit';

const ANNA: AuditActor = { operatorId: 1, name: 'Anna Admin' };
const T0 = Date.UTC(2026, 10, 23, 9, 0);

let temp: TempStore | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

function storeWithEntries(count: number): TempStore {
  temp = openTempStore('fanout-audit-');
  for (let index = 1; index <= count; index += 1) {
    temp.store.audit.append({ actor: index % 2 ? ANNA : CLI_ACTOR, action: index % 3 ? 'campaign.start' : 'contacts.import', subject: `campaign ${index}`, details: { recipients: index * 10 } }, T0 + index * 1000);
  }
  return temp;
}

/** Another connection straight through the driver, as someone editing the file behind Fanout's back would. */
function tamper(dbPath: string, work: (sqlite: Database.Database) => void): void {
  const sqlite = new Database(dbPath);
  try {
    work(sqlite);
  } finally {
    sqlite.close();
  }
}

function dropTriggers(sqlite: Database.Database): void {
  sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

/** An entry forged with a correct hash, so only its place in the chain can give it away. */
function forge(sqlite: Database.Database, seq: number, prevHash: string): void {
  const content = { seq, at: T0 + seq * 1000 + 1, operatorId: null, actor: 'Fanout', action: 'campaign.cancel', subject: `campaign ${seq}`, details: {} };
  sqlite
    .prepare('INSERT INTO audit_log (seq, at, operator_id, actor, action, subject, details_json, prev_hash, hash) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?)')
    .run(seq, content.at, content.actor, content.action, content.subject, '{}', prevHash, hashAuditEntry(prevHash, content));
}

describe('audit log', () => {
  it('chains each entry to the one before and pages newest first', () => {
    const { store } = storeWithEntries(5);
    const first = store.audit.list({ limit: 2 });
    expect(first.entries.map((entry) => entry.seq)).toEqual([5, 4]);
    expect(first.nextBeforeSeq).toBe(4);
    const second = store.audit.list({ limit: 2, beforeSeq: first.nextBeforeSeq });
    expect(second.entries.map((entry) => entry.seq)).toEqual([3, 2]);
    const last = store.audit.list({ limit: 2, beforeSeq: second.nextBeforeSeq });
    expect(last.entries.map((entry) => entry.seq)).toEqual([1]);
    expect(last.nextBeforeSeq).toBeUndefined();

    const all = store.audit.list({ limit: 10 }).entries.reverse();
    expect(all[0]?.prevHash).toBe(AUDIT_GENESIS_HASH);
    for (let index = 1; index < all.length; index += 1) expect(all[index]?.prevHash).toBe(all[index - 1]?.hash);
    expect(all[2]).toMatchObject({ actor: 'Anna Admin', operatorId: 1, action: 'contacts.import', subject: 'campaign 3', details: { recipients: 30 }, at: T0 + 3000 });
  });

  it('filters by action domain, actor, time and text', () => {
    const { store } = storeWithEntries(6);
    const seqs = (query: Parameters<typeof store.audit.list>[0]) => store.audit.list(query).entries.map((entry) => entry.seq);
    expect(seqs({ limit: 10, action: 'contacts.import' })).toEqual([6, 3]);
    expect(seqs({ limit: 10, action: 'contacts' })).toEqual([6, 3]);
    expect(seqs({ limit: 10, action: 'contact' })).toEqual([]);
    expect(seqs({ limit: 10, actor: CLI_ACTOR.name })).toEqual([6, 4, 2]);
    expect(seqs({ limit: 10, from: T0 + 2000, to: T0 + 4000 })).toEqual([4, 3, 2]);
    expect(seqs({ limit: 10, text: 'campaign 5' })).toEqual([5]);
    expect(seqs({ limit: 10, text: '"recipients":60' })).toEqual([6]);
    expect(seqs({ limit: 10, text: '50%' })).toEqual([]);
    expect(store.audit.actors()).toEqual([ANNA.name, CLI_ACTOR.name]);
    expect(store.audit.actions()).toEqual(['campaign.start', 'contacts.import']);
  });

  it('two connections to one file append to one chain', () => {
    const { store, openAnother } = storeWithEntries(1);
    const other = openAnother();
    for (let index = 0; index < 10; index += 1) (index % 2 ? store : other).audit.append({ actor: SYSTEM_ACTOR, action: 'test.append' });
    const verification = other.audit.verify();
    expect(verification).toMatchObject({ ok: true, checked: 11, problems: [], head: { seq: 11 } });
  });

  it('an entry appended inside a rolled-back transaction leaves no trace and the chain stays intact', () => {
    const { store } = storeWithEntries(2);
    expect(() =>
      store.inTransaction(() => {
        store.audit.append({ actor: SYSTEM_ACTOR, action: 'test.rolled-back' });
        throw new Error('undo');
      }),
    ).toThrow('undo');
    store.inTransaction(() => store.audit.append({ actor: SYSTEM_ACTOR, action: 'test.committed' }));
    expect(store.audit.verify()).toMatchObject({ ok: true, checked: 3 });
    // The file is only written outside a caller's transaction, so here it lags, which is allowed.
    expect(JSON.parse(readFileSync(`${temp?.dbPath}-audit-head`, 'utf8'))).toMatchObject({ seq: 2 });
  });

  it('an intact log verifies, with its head recorded in the settings and beside the database', () => {
    const { store, dbPath } = storeWithEntries(4);
    const verification = store.audit.verify();
    expect(verification.ok).toBe(true);
    expect(verification.checked).toBe(4);
    expect(verification.anchors).toEqual([
      { where: 'settings', state: 'present', head: verification.head },
      { where: 'file', state: 'present', head: verification.head },
    ]);
    expect(existsSync(`${dbPath}-audit-head`)).toBe(true);
  });

  it('the triggers refuse UPDATE and DELETE through the driver', () => {
    const { dbPath, store } = storeWithEntries(3);
    tamper(dbPath, (sqlite) => {
      expect(() => sqlite.prepare("UPDATE audit_log SET subject = 'nothing' WHERE seq = 2").run()).toThrow(/append-only/);
      expect(() => sqlite.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    });
    expect(store.audit.verify().ok).toBe(true);
  });

  it('finds a row changed behind its back', () => {
    const { dbPath, store } = storeWithEntries(5);
    tamper(dbPath, (sqlite) => {
      dropTriggers(sqlite);
      sqlite.prepare(`UPDATE audit_log SET details_json = '{"recipients":1}' WHERE seq = 3`).run();
    });
    const verification = store.audit.verify();
    expect(verification.ok).toBe(false);
    expect(verification.problems).toEqual([expect.objectContaining({ seq: 3, kind: 'changed' })]);
  });

  it('finds a row changed and re-hashed, by the next entry that still points to the original', () => {
    const { dbPath, store } = storeWithEntries(5);
    tamper(dbPath, (sqlite) => {
      dropTriggers(sqlite);
      const row = sqlite.prepare<[], { prevHash: string; at: number }>('SELECT prev_hash AS prevHash, at FROM audit_log WHERE seq = 2').get();
      if (!row) throw new Error('entry 2 missing');
      const content = { seq: 2, at: row.at, operatorId: 1, actor: ANNA.name, action: 'campaign.start', subject: 'campaign 99', details: { recipients: 20 } };
      sqlite.prepare("UPDATE audit_log SET subject = 'campaign 99', operator_id = 1, actor = ?, hash = ? WHERE seq = 2").run(ANNA.name, hashAuditEntry(row.prevHash, content));
    });
    expect(store.audit.verify().problems).toEqual([expect.objectContaining({ seq: 2, kind: 'changed' })]);
  });

  it('finds a row inserted in the middle, the rows after it renumbered', () => {
    const { dbPath, store } = storeWithEntries(5);
    tamper(dbPath, (sqlite) => {
      dropTriggers(sqlite);
      sqlite.exec('UPDATE audit_log SET seq = -seq - 1 WHERE seq >= 3; UPDATE audit_log SET seq = -seq WHERE seq < 0;');
      const before = sqlite.prepare<[], { hash: string }>('SELECT hash FROM audit_log WHERE seq = 2').get();
      forge(sqlite, 3, before?.hash ?? '');
    });
    const verification = store.audit.verify();
    expect(verification.checked).toBe(6);
    expect(verification.problems).toEqual([expect.objectContaining({ seq: 3, kind: 'inserted' })]);
  });

  it('finds a row inserted at the end with a correct hash, by the recorded head', () => {
    const { dbPath, store } = storeWithEntries(3);
    tamper(dbPath, (sqlite) => {
      const last = sqlite.prepare<[], { hash: string }>('SELECT hash FROM audit_log WHERE seq = 3').get();
      forge(sqlite, 4, last?.hash ?? '');
    });
    expect(store.audit.verify().problems).toEqual([expect.objectContaining({ seq: 4, kind: 'inserted' })]);
  });

  it('finds a row deleted from the middle, with or without renumbering', () => {
    const { dbPath, store } = storeWithEntries(6);
    tamper(dbPath, (sqlite) => {
      dropTriggers(sqlite);
      sqlite.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    });
    expect(store.audit.verify().problems).toEqual([expect.objectContaining({ seq: 2, kind: 'deleted' })]);

    tamper(dbPath, (sqlite) => {
      sqlite.exec('UPDATE audit_log SET seq = -(seq - 1) WHERE seq >= 3; UPDATE audit_log SET seq = -seq WHERE seq < 0;');
    });
    const problems = store.audit.verify().problems;
    expect(problems.filter((problem) => problem.seq === 2)).toEqual([expect.objectContaining({ kind: 'deleted' })]);
    // The renumbered chain is one shorter than the recorded head: the end looks removed as well.
    expect(problems.map((problem) => problem.kind)).not.toContain('changed');
  });

  it('finds two rows swapped', () => {
    const { dbPath, store } = storeWithEntries(5);
    tamper(dbPath, (sqlite) => {
      dropTriggers(sqlite);
      sqlite.exec('UPDATE audit_log SET seq = 100 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 100;');
    });
    expect(store.audit.verify().problems).toEqual([expect.objectContaining({ seq: 2, kind: 'reordered' })]);
  });

  it('finds the tail truncated, even when the settings record was rewritten too, by the file beside the database', () => {
    const { dbPath, store } = storeWithEntries(5);
    tamper(dbPath, (sqlite) => {
      dropTriggers(sqlite);
      sqlite.prepare('DELETE FROM audit_log WHERE seq >= 4').run();
    });
    expect(store.audit.verify().problems).toEqual([expect.objectContaining({ seq: 4, kind: 'deleted' })]);

    tamper(dbPath, (sqlite) => {
      const head = sqlite.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log WHERE seq = 3').get();
      sqlite.prepare("UPDATE settings SET value_json = ? WHERE key = 'audit.head'").run(JSON.stringify(head));
    });
    const verification = store.audit.verify();
    expect(verification.problems).toEqual([expect.objectContaining({ seq: 4, kind: 'deleted' })]);
    expect(verification.problems[0]?.message).toContain('-audit-head');
  });

  it('a database deleted by hand and created again does not inherit the old head file', () => {
    const { dbPath } = storeWithEntries(3);
    writeFileSync(`${dbPath}-audit-head`, JSON.stringify({ seq: 40, hash: 'x' }));
    tamper(dbPath, (sqlite) => {
      dropTriggers(sqlite);
      sqlite.exec("DELETE FROM audit_log; DELETE FROM settings WHERE key = 'audit.head';");
    });
    temp?.store.audit.append({ actor: SYSTEM_ACTOR, action: 'test.fresh' });
    expect(temp?.store.audit.verify()).toMatchObject({ ok: true, checked: 1 });
  });
});
