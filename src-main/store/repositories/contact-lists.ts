import { asc, eq } from 'drizzle-orm';
import type { FanoutDatabase } from '../open-database';
import { contactLists } from '../schema';
import { visibleContactSql } from './contact-import-visibility';

export interface ContactList {
  id: number;
  name: string;
  createdAt: number;
  updatedAt: number;
}

export interface ContactListWithCount extends ContactList {
  memberCount: number;
  optedOutCount: number;
}

export interface ContactListsRepository {
  create(name: string, now: number): ContactList;
  /** The list called `name`, created if there is none. */
  ensure(name: string, now: number): ContactList;
  get(id: number): ContactList | undefined;
  getByName(name: string): ContactList | undefined;
  list(): ContactListWithCount[];
  rename(id: number, name: string, now: number): boolean;
  /** Removes the list and its memberships; the contacts themselves stay. */
  delete(id: number): boolean;
}

export function createContactListsRepository(db: FanoutDatabase): ContactListsRepository {
  const { orm, sqlite } = db;
  const listWithCounts = sqlite.prepare<[], { id: number; name: string; createdAt: number; updatedAt: number; memberCount: number; optedOutCount: number }>(
    `SELECT l.id, l.name, l.created_at AS createdAt, l.updated_at AS updatedAt,
            count(c.id) AS memberCount, coalesce(sum(c.opted_out), 0) AS optedOutCount
       FROM contact_lists l
       LEFT JOIN list_members m ON m.list_id = l.id
       LEFT JOIN contacts c ON c.id = m.contact_id AND ${visibleContactSql('c')}
      GROUP BY l.id
      ORDER BY l.name COLLATE NOCASE, l.id`,
  );

  const repo: ContactListsRepository = {
    create(name, now) {
      return orm.insert(contactLists).values({ name, createdAt: now, updatedAt: now }).returning().get();
    },
    ensure(name, now) {
      return repo.getByName(name) ?? repo.create(name, now);
    },
    get(id) {
      return orm.select().from(contactLists).where(eq(contactLists.id, id)).get();
    },
    getByName(name) {
      return orm.select().from(contactLists).where(eq(contactLists.name, name)).orderBy(asc(contactLists.id)).get();
    },
    list() {
      return listWithCounts.all();
    },
    rename(id, name, now) {
      return orm.update(contactLists).set({ name, updatedAt: now }).where(eq(contactLists.id, id)).run().changes > 0;
    },
    delete(id) {
      return orm.delete(contactLists).where(eq(contactLists.id, id)).run().changes > 0;
    },
  };
  return repo;
}
