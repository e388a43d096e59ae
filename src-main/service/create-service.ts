import path from 'node:path';
import type { Envelope } from '../../src-shared/api';
import type { Store } from '../store';
import type { KeyProtector } from '../store/encryption';
import { createAppHandlers, type AppInfo } from './app-handlers';
import { createAuditHandlers } from './audit/audit-handlers';
import { AuditedDownloadRegistry, withDownloadAudit } from './audit/audited-downloads';
import { withImportAudit } from './audit/audited-import';
import { withAudit, withRefusalAudit } from './audit/with-audit';
import { createAuthHandlers } from './auth/auth-handlers';
import { OperatorAuth } from './auth/operator-auth';
import { createOperatorsHandlers } from './auth/operators-handlers';
import { createComposeHandlers } from './compose-handlers';
import { createConsentHandlers } from './consent-handlers';
import { createContactImportHandlers } from './contact-import-handlers';
import { createContactsHandlers } from './contacts-handlers';
import { createDataLocationHandlers, type DataLocationControl } from './data-location-handlers';
import { actorOf, type CallContext } from './call-context';
import { dispatchCall } from './dispatch';
import { createEncryptionHandlers } from './encryption/encryption-handlers';
import { EventHub } from './event-hub';
import type { DownloadRegistry } from './files/download-registry';
import { createFileTransfers, type FileTransfers } from './files/file-transfers';
import { createFilesHandlers } from './files/files-handlers';
import { UploadStore } from './files/upload-store';
import type { ApiHandlers } from './handlers';
import { createInboxHandlers } from './inbox-handlers';
import { createPrivacyHandlers } from './privacy/privacy-handlers';
import { RetentionSchedule } from './privacy/retention-schedule';
import { createKeywordsHandlers } from './keywords-handlers';
import { createCampaignsHandlers } from './sending/campaigns-handlers';
import { createModemsHandlers } from './sending/modems-handlers';
import { SendingRuntime } from './sending/sending-runtime';
import { createSettingsHandlers } from './settings-handlers';

export interface ServiceOptions {
  info: AppInfo;
  /** The open database; the service closes it when it closes. */
  store: Store;
  /** How often a heartbeat event is pushed; 0 turns it off (tests). */
  heartbeatMs?: number;
  /** Look for modems on the computer's serial ports at start and when plugged in. Default true. */
  scanSerialPorts?: boolean;
  /** How the data folder was chosen; without it Settings cannot change the folder. */
  dataLocation?: DataLocationControl;
  /** The desktop app's OS secret store that seals the database key (Settings → Encryption shows it). */
  keyProtector?: KeyProtector;
}

export interface FanoutService {
  call(method: unknown, args: unknown, context: CallContext): Promise<Envelope<unknown>>;
  readonly events: EventHub;
  readonly store: Store;
  /** Uploaded files, for the handlers that use them (e.g. contact import). */
  readonly uploads: UploadStore;
  /** Files offered to the window, registered by the handlers that create them. */
  readonly downloads: DownloadRegistry;
  /** The byte side of uploads and downloads, reached by the transports. */
  readonly transfers: FileTransfers;
  /** The campaign engine and the modems it sends through. */
  readonly sending: SendingRuntime;
  /** Who is signed in on which window or tab; transports end sessions and lock them through it. */
  readonly auth: OperatorAuth;
  close(): Promise<void>;
}

export function createService(options: ServiceOptions): FanoutService {
  const events = new EventHub();
  const uploads = new UploadStore(path.join(options.info.dataDir, 'uploads'));
  uploads.sweepLeftovers(24 * 3600_000);
  const downloads = new AuditedDownloadRegistry();
  // Files waiting for download (results, rejected rows, a person's data): emptied by every erasure and swept daily.
  const exportsDir = path.join(options.info.dataDir, 'exports');
  const sending = new SendingRuntime({ store: options.store, events, scanSerialPorts: options.scanSerialPorts ?? true });
  const auth = new OperatorAuth({ store: options.store, events });
  const retention = new RetentionSchedule(options.store);
  const handlers: ApiHandlers = withAudit({
    ...createAppHandlers(options.info, events),
    ...createAuthHandlers(options.store, auth),
    ...createOperatorsHandlers(options.store, auth),
    ...createFilesHandlers(uploads),
    ...createContactsHandlers(options.store),
    ...createConsentHandlers(options.store),
    ...createContactImportHandlers(withImportAudit(options.store), uploads, downloads, exportsDir),
    ...createComposeHandlers(options.store),
    ...createDataLocationHandlers(options.info.dataDir, options.dataLocation),
    ...createSettingsHandlers(options.store, (settings) => {
      sending.applySettings(settings);
      retention.settingsChanged();
    }),
    ...createInboxHandlers(options.store, { keywordPolicy: () => sending.keywordPolicy, answerQueued: () => sending.autoReplies.wake() }),
    ...createKeywordsHandlers(options.store, () => sending.applyKeywordSettings()),
    ...createModemsHandlers(sending),
    ...createCampaignsHandlers(options.store, sending.engine, { downloads, exportsDir }),
    ...createAuditHandlers(options.store),
    ...createPrivacyHandlers(options.store, { downloads, exportsDir }),
    ...createEncryptionHandlers({ store: options.store, dataDir: options.info.dataDir, downloads, ...(options.keyProtector ? { keyProtector: options.keyProtector } : {}) }),
  }, options.store);
  const admit = withRefusalAudit((name, caller) => auth.admit(name, caller), options.store, (caller) =>
    actorOf({ ...caller, operator: caller.operator ?? auth.resolve(caller.sessionId).operator }),
  );
  sending.start();
  retention.start();

  let heartbeatSequence = 0;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const heartbeat =
    heartbeatMs > 0
      ? setInterval(() => {
          events.emit('app.heartbeat', { at: new Date().toISOString(), sequence: heartbeatSequence++ });
        }, heartbeatMs)
      : null;
  heartbeat?.unref();

  return {
    call: (method, args, context) => dispatchCall(handlers, method, args, context, admit),
    events,
    store: options.store,
    uploads,
    downloads,
    transfers: withDownloadAudit(createFileTransfers(uploads, downloads), downloads, options.store),
    sending,
    auth,
    async close() {
      if (heartbeat) clearInterval(heartbeat);
      auth.close();
      await retention.stop();
      await sending.close();
      options.store.database.close();
    },
  };
}
