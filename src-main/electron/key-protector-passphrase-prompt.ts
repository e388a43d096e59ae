// When the database key file is locked with a passphrase, the desktop app asks for it in a small
// window before anything else opens. The page is static HTML without script: submitting the form
// navigates to fanout-unlock:…, which main intercepts (will-navigate) and never lets load.
import { app, BrowserWindow } from 'electron';
import { PASSPHRASE_VARIABLE } from '../service/encryption/passphrase-source';
import { openAppStore } from '../service/open-app-store';
import { DatabaseOpenError, type Store } from '../store';
import { keyFilePathFor, readKeyFileHeader, type KeyProtector } from '../store/encryption';

const UNLOCK_SCHEME = 'fanout-unlock:';

export interface PassphrasePromptTexts {
  title: string;
  question: string;
  wrong: string;
  submit: string;
}

export const englishPromptTexts: PassphrasePromptTexts = {
  title: 'Unlock Fanout',
  question: 'Fanout’s data is protected by a passphrase. Type it to open it.',
  wrong: 'That passphrase did not unlock the data. Try again.',
  submit: 'Unlock',
};

/** Resolves with what was typed, or undefined when the window was closed. */
export function askPassphrase(texts: PassphrasePromptTexts, retry: boolean): Promise<string | undefined> {
  const window = new BrowserWindow({
    width: 460,
    height: 260,
    resizable: false,
    minimizable: false,
    title: texts.title,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, disableBlinkFeatures: 'Auxclick' },
  });
  window.setMenu(null);
  return new Promise((resolve) => {
    let answered = false;
    window.webContents.on('will-navigate', (event, url) => {
      event.preventDefault();
      if (!url.startsWith(UNLOCK_SCHEME)) return;
      answered = true;
      resolve(new URL(url).searchParams.get('passphrase') ?? '');
      window.close();
    });
    window.on('closed', () => {
      if (!answered) resolve(undefined);
    });
    void window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(page(texts, retry))}`);
  });
}

function page(texts: PassphrasePromptTexts, retry: boolean): string {
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action ${UNLOCK_SCHEME}">
<title>${escape(texts.title)}</title>
<style>body{font:15px system-ui,sans-serif;margin:24px;color:#1f2933}@media(prefers-color-scheme:dark){body{background:#15191e;color:#e4e7eb}}
input{width:100%;box-sizing:border-box;font:inherit;padding:8px;margin:12px 0}button{font:inherit;padding:6px 16px}.wrong{color:#c53030}</style>
</head><body><p>${escape(texts.question)}</p>${retry ? `<p class="wrong">${escape(texts.wrong)}</p>` : ''}
<form action="${UNLOCK_SCHEME}unlock" method="get"><input type="password" name="passphrase" autofocus required autocomplete="current-password">
<button type="submit">${escape(texts.submit)}</button></form></body></html>`;
}

/**
 * Opens the app's store, asking for the passphrase as long as the key file needs one and the
 * answer is wrong; undefined when the person closed the window (the app then quits).
 */
export async function openStoreAskingPassphrase(databasePath: string, keyProtector: KeyProtector | undefined, texts = englishPromptTexts): Promise<Store | undefined> {
  let typed: string | undefined = process.env[PASSPHRASE_VARIABLE] || undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      return openAppStore(databasePath, { ...(keyProtector ? { keyProtector } : {}), passphrase: () => typed });
    } catch (error) {
      const needsPassphrase = error instanceof DatabaseOpenError && error.kind === 'key-locked' && readKeyFileHeader(keyFilePathFor(databasePath))?.protection === 'passphrase';
      if (!needsPassphrase) throw error;
      // Without a listener Electron quits when the prompt closes, before the main window exists.
      if (attempt === 0) app.on('window-all-closed', keepRunningWhilePrompting);
      typed = await askPassphrase(texts, attempt > 0 || typed !== undefined);
      if (typed === undefined) return undefined;
    }
  }
}

function keepRunningWhilePrompting(): void {
  // main.ts adds the listener that quits once the app's own windows are closed.
}
