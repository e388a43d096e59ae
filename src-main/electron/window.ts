import { BrowserWindow, shell } from 'electron';
import { buildWebPreferences } from './web-preferences';

export interface MainWindowOptions {
  preloadPath: string;
  rendererIndexPath: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Fanout',
    webPreferences: buildWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());

  // The window shows our bundled page and nothing else: no navigation, no new windows. Links to
  // the web (help pages) open in the user's browser, and only over https.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });

  void window.loadFile(options.rendererIndexPath);
  return window;
}
