// The store's public surface. Other layers import from here, never from repositories/ directly.
export { openDatabase, defaultMigrationsFolder, DatabaseOpenError, type FanoutDatabase, type OpenDatabaseOptions, type DatabaseOpenFailure } from './open-database';
export { createStore, type Store } from './store';
export { createPhoneHasher, type PhoneHasher } from './phone-hash';
export * from './schema';
export type { Campaign, NewCampaign, CampaignDraftPatch, CampaignsRepository } from './repositories/campaigns';
export type { Contact, NewContact, ContactPatch, ContactQuery, ContactPage, ContactsRepository } from './repositories/contacts';
export type { ContactList, ContactListWithCount, ContactListsRepository } from './repositories/contact-lists';
export { ImportInProgressError, StagingLostError } from './repositories/contact-import';
export { toStagedContacts } from './staged-contacts';
export type { ContactImportRepository, ContactImportSession, ImportTarget, StagedContact, StagedContacts, StagedBatch, StagingRejection, ImportCommitResult, ImportConsentRecording } from './repositories/contact-import';
export type { ConsentRecord, NewConsent, ConsentWithdrawal, ConsentsRepository } from './repositories/consents';
export type { SuppressionEntry, NewSuppression, SuppressionsRepository, SuppressionEvent, SuppressionEventKind } from './repositories/suppressions';
export type { ErasureRepository, ErasureResult, ErasureRequest } from './repositories/erasure';
export type { PersonData, PersonCounts, PersonDataRepository, PersonMessage, PersonReply, PersonAutoReply, PersonConsent } from './repositories/person-data';
export { RETENTION_TABLES, type RetentionRepository, type RetentionTable } from './repositories/retention';
export type {
  QueueRepository,
  RecipientToEnqueue,
  ClaimRequest,
  ClaimedMessage,
  PartHandover,
  MessageOutcome,
  ReportOutcome,
  PartStatusReport,
  PartStatusMatch,
  StateCounts,
  BlockedCount,
  WaitingMessage,
  WaitingCursor,
} from './repositories/queue';
export type { EngineLease, EngineLeasesRepository } from './repositories/engine-leases';
export type { Sim, SeenSim, SimSettings, SimsRepository } from './repositories/sims';
export type { InboundMessage, NewInboundMessage, InboundRepository } from './repositories/inbound';
export { INTERRUPTED_REASON as AUTO_REPLY_INTERRUPTED_REASON } from './repositories/auto-replies';
export type { AutoReply, AutoReplyKind, AutoReplyState, DueAutoReply, AutoRepliesRepository } from './repositories/auto-replies';
export type { SettingsRepository } from './repositories/settings';
export { CLI_ACTOR, SYSTEM_ACTOR, AUDIT_GENESIS_HASH, AUDIT_HEAD_SETTING } from './repositories/audit';
export type { AuditActor, AuditRecord, AuditEntry, AuditQuery, AuditPage, AuditVerification, AuditHeadRecord, AuditProblem, AuditProblemKind, AuditRepository } from './repositories/audit';
export { normalizeUsername, type Operator, type NewOperator, type OperatorsRepository, type FailedLoginOutcome } from './repositories/operators';
