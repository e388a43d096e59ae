import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { errorEnvelope, ipcChannels, type Envelope } from '../../src-shared/api';
import type { CallContext } from '../service/call-context';
import type { FanoutService } from '../service/create-service';
import { carriesNoData } from './public-events';

export interface IpcTransportOptions {
  ipcMain: IpcMain;
  service: FanoutService;
  /** True only for our own window showing our own page; everything else is refused. */
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
  /** The windows that receive pushed events. */
  listWindows(): WebContents[];
}

export function registerIpcTransport(options: IpcTransportOptions): () => void {
  const { service } = options;
  // A session belongs to the window that signed in (its webContents), never to what the page says.
  const sessionOfWindow = new Map<number, string>();
  const watchedWindows = new WeakSet<WebContents>();

  const contextOf = (contents: WebContents): CallContext => ({
    transport: 'electron',
    sessionId: sessionOfWindow.get(contents.id),
    bindSession(sessionId) {
      if (sessionId === null) {
        sessionOfWindow.delete(contents.id);
        return;
      }
      sessionOfWindow.set(contents.id, sessionId);
      if (!watchedWindows.has(contents)) {
        watchedWindows.add(contents);
        const id = contents.id;
        // A closed window signs out; a reload keeps the same webContents and so its session.
        contents.once('destroyed', () => {
          service.auth.endSession(sessionOfWindow.get(id));
          sessionOfWindow.delete(id);
        });
      }
    },
  });
  const signedIn = (contents: WebContents) => service.auth.canReceiveEvents(sessionOfWindow.get(contents.id));

  const refused = () => errorEnvelope('forbidden', 'This request did not come from a Fanout window and was refused.');
  const notSignedIn = () => errorEnvelope('not-signed-in', 'Please sign in to Fanout first.');
  options.ipcMain.handle(ipcChannels.call, async (event, method: unknown, args: unknown): Promise<Envelope<unknown>> =>
    options.isTrustedSender(event) ? service.call(method, args, contextOf(event.sender)) : refused(),
  );
  options.ipcMain.handle(ipcChannels.uploadChunk, async (event, uploadId: unknown, offset: unknown, bytes: unknown) => {
    if (!options.isTrustedSender(event)) return refused();
    return signedIn(event.sender) ? service.transfers.writeChunk(uploadId, offset, bytes) : notSignedIn();
  });
  options.ipcMain.handle(ipcChannels.download, async (event, downloadId: unknown) => {
    if (!options.isTrustedSender(event)) return refused();
    return signedIn(event.sender) ? service.transfers.readDownload(downloadId) : notSignedIn();
  });
  const unsubscribe = service.events.subscribe((event) => {
    const open = carriesNoData(event.name);
    for (const contents of options.listWindows()) {
      if (!contents.isDestroyed() && (open || signedIn(contents))) contents.send(ipcChannels.event, event.name, event.payload);
    }
  });
  return () => {
    unsubscribe();
    options.ipcMain.removeHandler(ipcChannels.call);
    options.ipcMain.removeHandler(ipcChannels.uploadChunk);
    options.ipcMain.removeHandler(ipcChannels.download);
  };
}
