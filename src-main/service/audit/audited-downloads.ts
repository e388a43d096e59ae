// Files leave Fanout when the window downloads them (rejected rows, campaign results, a person's
// data, backups): the first download of each is audited as whoever had the file made, named by
// the request that made it. Never by its file name: a person's export is named after the number.
import type { ApiMethodName } from '../../../src-shared/api';
import type { Store } from '../../store';
import type { AuditActor } from '../../store/repositories/audit';
import { DownloadRegistry } from '../files/download-registry';
import type { FileTransfers } from '../files/file-transfers';
import { currentActor, currentMethod } from './audit-scope';

interface DownloadOrigin {
  actor: AuditActor;
  method: ApiMethodName | undefined;
  contentType: string;
}

/** The registry, remembering who had each file made. */
export class AuditedDownloadRegistry extends DownloadRegistry {
  private readonly origins = new Map<string, DownloadOrigin>();

  override register(file: string, name: string, contentType = 'text/csv; charset=utf-8'): string {
    const downloadId = super.register(file, name, contentType);
    this.origins.set(downloadId, { actor: currentActor(), method: currentMethod(), contentType });
    return downloadId;
  }

  /** Who had it made, the first time it is asked for; afterwards undefined (one entry per file). */
  takeOrigin(downloadId: string): DownloadOrigin | undefined {
    const origin = this.origins.get(downloadId);
    this.origins.delete(downloadId);
    return origin;
  }
}

export function withDownloadAudit(transfers: FileTransfers, downloads: AuditedDownloadRegistry, store: Store): FileTransfers {
  const audit = (downloadId: unknown) => {
    if (typeof downloadId !== 'string') return;
    const origin = downloads.takeOrigin(downloadId);
    if (!origin) return;
    try {
      store.audit.append({ actor: origin.actor, action: 'file.download', subject: origin.method ?? null, details: { contentType: origin.contentType } });
    } catch (error) {
      console.error('Fanout: the audit entry for a download could not be written:', error);
    }
  };
  return {
    writeChunk: (uploadId, offset, bytes) => transfers.writeChunk(uploadId, offset, bytes),
    findDownload(downloadId) {
      const found = transfers.findDownload(downloadId);
      if (found) audit(downloadId);
      return found;
    },
    async readDownload(downloadId) {
      const envelope = await transfers.readDownload(downloadId);
      if (envelope.ok) audit(downloadId);
      return envelope;
    },
  };
}
