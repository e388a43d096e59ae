import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { errorEnvelope, ipcChannels, type Envelope } from '../../src-shared/api';
import type { FanoutService } from '../service/create-service';

export interface IpcTransportOptions {
  ipcMain: IpcMain;
  service: FanoutService;
  /** True only for our own window showing our own page; everything else is refused. */
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
  /** The windows that receive pushed events. */
  listWindows(): WebContents[];
}

export function registerIpcTransport(options: IpcTransportOptions): () => void {
  const refused = () => errorEnvelope('forbidden', 'This request did not come from a Fanout window and was refused.');
  options.ipcMain.handle(ipcChannels.call, async (event, method: unknown, args: unknown): Promise<Envelope<unknown>> =>
    options.isTrustedSender(event) ? options.service.call(method, args, { transport: 'electron' }) : refused(),
  );
  options.ipcMain.handle(ipcChannels.uploadChunk, async (event, uploadId: unknown, offset: unknown, bytes: unknown) =>
    options.isTrustedSender(event) ? options.service.transfers.writeChunk(uploadId, offset, bytes) : refused(),
  );
  options.ipcMain.handle(ipcChannels.download, async (event, downloadId: unknown) =>
    options.isTrustedSender(event) ? options.service.transfers.readDownload(downloadId) : refused(),
  );
  const unsubscribe = options.service.events.subscribe((event) => {
    for (const contents of options.listWindows()) {
      if (!contents.isDestroyed()) contents.send(ipcChannels.event, event.name, event.payload);
    }
  });
  return () => {
    unsubscribe();
    options.ipcMain.removeHandler(ipcChannels.call);
    options.ipcMain.removeHandler(ipcChannels.uploadChunk);
    options.ipcMain.removeHandler(ipcChannels.download);
  };
}
