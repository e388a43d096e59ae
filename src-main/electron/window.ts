import { BrowserWindow } from 'electron';
import { buildWebPreferences } from './web-preferences';

export interface MainWindowOptions {
  preloadPath: string;
  rendererIndexPath: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  // The security settings come from buildWebPreferences() (tested in web-preferences.test.ts);
  // electronegativity only reads an object literal written here, so these checks are off for this line.
  const window = new BrowserWindow({ /* eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK */
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Fanout',
    webPreferences: buildWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());

  // The window shows our bundled page and nothing else: no navigation, no new windows. The page
  // has no links to the web, so nothing is handed to the user's browser either (a compromised
  // page could otherwise open any phishing site there).
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));

  void window.loadFile(options.rendererIndexPath);
  return window;
}
