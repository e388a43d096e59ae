// Every repository over one open database: what the engine, the import and the service use.
import type { FanoutDatabase } from './open-database';
import type { PhoneHasher } from './phone-hash';
import { createAuditRepository, type AuditRepository } from './repositories/audit';
import { createAutoRepliesRepository, type AutoRepliesRepository } from './repositories/auto-replies';
import { createCampaignsRepository, type CampaignsRepository } from './repositories/campaigns';
import { createConsentsRepository, type ConsentsRepository } from './repositories/consents';
import { createContactImportRepository, type ContactImportRepository } from './repositories/contact-import';
import { createContactListsRepository, type ContactListsRepository } from './repositories/contact-lists';
import { createContactsRepository, type ContactsRepository } from './repositories/contacts';
import { createEngineLeasesRepository, type EngineLeasesRepository } from './repositories/engine-leases';
import { createErasureRepository, type ErasureRepository } from './repositories/erasure';
import { createPersonDataRepository, type PersonDataRepository } from './repositories/person-data';
import { createRetentionRepository, type RetentionRepository } from './repositories/retention';
import { createInboundRepository, type InboundRepository } from './repositories/inbound';
import { createOperatorsRepository, type OperatorsRepository } from './repositories/operators';
import { createQueueRepository, type QueueRepository } from './repositories/queue';
import { createSettingsRepository, type SettingsRepository } from './repositories/settings';
import { createSimsRepository, type SimsRepository } from './repositories/sims';
import { createSuppressionsRepository, type SuppressionsRepository } from './repositories/suppressions';

export interface Store {
  readonly database: FanoutDatabase;
  readonly lists: ContactListsRepository;
  readonly contacts: ContactsRepository;
  readonly contactImport: ContactImportRepository;
  readonly suppressions: SuppressionsRepository;
  readonly consents: ConsentsRepository;
  readonly erasure: ErasureRepository;
  /** Everything about one number (right of access). */
  readonly personData: PersonDataRepository;
  /** Blanking old message texts (retention period). */
  readonly retention: RetentionRepository;
  readonly campaigns: CampaignsRepository;
  readonly queue: QueueRepository;
  readonly engineLeases: EngineLeasesRepository;
  readonly sims: SimsRepository;
  readonly inbound: InboundRepository;
  /** STOP/START confirmations and HELP answers, sent outside campaigns. */
  readonly autoReplies: AutoRepliesRepository;
  readonly settings: SettingsRepository;
  /** Append-only, hash-chained record of who did what. */
  readonly audit: AuditRepository;
  readonly operators: OperatorsRepository;
  /**
   * Runs `work` as one IMMEDIATE transaction: one commit (one fsync) for several repository calls,
   * all or nothing. Nested calls become savepoints. `work` must be synchronous (better-sqlite3).
   */
  inTransaction<T>(work: () => T): T;
}

export function createStore(database: FanoutDatabase, options: { phoneHasher: PhoneHasher }): Store {
  const hasher = options.phoneHasher;
  const suppressions = createSuppressionsRepository(database, hasher);
  const unitOfWork = database.sqlite.transaction((work: () => unknown) => work());
  const contactImport = createContactImportRepository(database, hasher);
  // An import cut short by a crash left hidden rows and perhaps a new, empty list: gone before anyone looks.
  contactImport.discardAbandoned();
  return {
    // The result is whatever `work` returned; better-sqlite3 types the wrapper's result as unknown.
    inTransaction: <T>(work: () => T) => unitOfWork.immediate(work) as T,
    database,
    lists: createContactListsRepository(database),
    contacts: createContactsRepository(database, hasher),
    contactImport,
    suppressions,
    consents: createConsentsRepository(database),
    erasure: createErasureRepository(database, hasher),
    personData: createPersonDataRepository(database, hasher),
    retention: createRetentionRepository(database),
    campaigns: createCampaignsRepository(database),
    queue: createQueueRepository(database, hasher),
    engineLeases: createEngineLeasesRepository(database),
    sims: createSimsRepository(database),
    inbound: createInboundRepository(database, hasher, suppressions),
    autoReplies: createAutoRepliesRepository(database, hasher),
    settings: createSettingsRepository(database),
    audit: createAuditRepository(database),
    operators: createOperatorsRepository(database),
  };
}
