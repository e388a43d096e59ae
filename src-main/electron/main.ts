import { app, BrowserWindow, dialog, ipcMain, powerMonitor, safeStorage, session } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createService } from '../service/create-service';
import { startupDataLocation } from '../service/data-location';
import { defaultDatabasePath } from '../service/open-app-store';
import type { Store } from '../store';
import { buildContentSecurityPolicy } from '../transport/content-security-policy';
import { registerIpcTransport } from '../transport/electron-ipc';
import { createSafeStorageKeyProtector } from './key-protector';
import { openStoreAskingPassphrase } from './key-protector-passphrase-prompt';
import { isTrustedRendererUrl } from './trusted-sender';
import { createMainWindow } from './window';

// Bundled to dist/main/electron-main.cjs; the preload and the renderer sit beside it.
const preloadPath = path.join(__dirname, 'preload.cjs');
const rendererIndexPath = path.join(__dirname, '..', 'renderer', 'index.html');
const rendererIndexUrl = pathToFileURL(rendererIndexPath).href;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  // userData holds Electron's own files and data-location.json; the data may live elsewhere.
  const { dataDir, control: dataLocation } = startupDataLocation(undefined, process.env, app.getPath('userData'));
  const databasePath = defaultDatabasePath(dataDir);
  const keyProtector = createSafeStorageKeyProtector(safeStorage, process.platform);
  let store: Store;
  try {
    const opened = await openStoreAskingPassphrase(databasePath, keyProtector);
    if (!opened) {
      app.quit();
      return;
    }
    store = opened;
  } catch (error) {
    dialog.showErrorBox('Fanout cannot open its data', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }

  // Fanout never needs the camera, microphone, location or notifications permission prompts.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [buildContentSecurityPolicy()] },
    });
  });

  const service = createService({
    info: {
      version: app.getVersion(),
      transport: 'electron',
      dataDir,
      databasePath,
      platform: process.platform,
      startedAt: new Date(),
    },
    store,
    dataLocation,
    ...(keyProtector ? { keyProtector } : {}),
  });
  registerIpcTransport({
    ipcMain,
    service,
    isTrustedSender: (event) => {
      const frame = event.senderFrame;
      return frame !== null && frame === event.sender.mainFrame && isTrustedRendererUrl(frame.url, rendererIndexUrl);
    },
    listWindows: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
  });
  createMainWindow({ preloadPath, rendererIndexPath });
  // Someone walking up to an unattended PC must not find Fanout open (issue 8): lock with the OS.
  powerMonitor.on('lock-screen', () => service.auth.lockAllSessions('os-lock'));
  powerMonitor.on('suspend', () => service.auth.lockAllSessions('suspend'));

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow({ preloadPath, rendererIndexPath });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void service.close());
}
