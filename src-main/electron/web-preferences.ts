import type { WebPreferences } from 'electron';

/**
 * The window's security settings in one pure function, so a test can hold them to the rules:
 * the page runs sandboxed, isolated from the preload's world, with no Node.
 */
export function buildWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    // A middle click on a link would ask for a new window; the page has no use for it.
    disableBlinkFeatures: 'Auxclick',
  };
}
