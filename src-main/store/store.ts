// Every repository over one open database: what the engine, the import and the service use.
import type { FanoutDatabase } from './open-database';
import type { PhoneHasher } from './phone-hash';
import { createCampaignsRepository, type CampaignsRepository } from './repositories/campaigns';
import { createContactImportRepository, type ContactImportRepository } from './repositories/contact-import';
import { createContactListsRepository, type ContactListsRepository } from './repositories/contact-lists';
import { createContactsRepository, type ContactsRepository } from './repositories/contacts';
import { createErasureRepository, type ErasureRepository } from './repositories/erasure';
import { createInboundRepository, type InboundRepository } from './repositories/inbound';
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
  readonly erasure: ErasureRepository;
  readonly campaigns: CampaignsRepository;
  readonly queue: QueueRepository;
  readonly sims: SimsRepository;
  readonly inbound: InboundRepository;
  readonly settings: SettingsRepository;
}

export function createStore(database: FanoutDatabase, options: { phoneHasher: PhoneHasher }): Store {
  const hasher = options.phoneHasher;
  const suppressions = createSuppressionsRepository(database, hasher);
  return {
    database,
    lists: createContactListsRepository(database),
    contacts: createContactsRepository(database, hasher),
    contactImport: createContactImportRepository(database, hasher),
    suppressions,
    erasure: createErasureRepository(database, hasher),
    campaigns: createCampaignsRepository(database),
    queue: createQueueRepository(database, hasher),
    sims: createSimsRepository(database),
    inbound: createInboundRepository(database, hasher, suppressions),
    settings: createSettingsRepository(database),
  };
}
