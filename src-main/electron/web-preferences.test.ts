import { describe, expect, it } from 'vitest';
import { isTrustedRendererUrl } from './trusted-sender';
import { buildWebPreferences } from './web-preferences';

describe('the window security settings', () => {
  const preferences = buildWebPreferences('/app/dist/main/preload.cjs');

  it('sandbox and isolate the page, with no Node anywhere', () => {
    expect(preferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/dist/main/preload.cjs',
    });
  });
});

describe('IPC sender check', () => {
  const index = 'file:///opt/Fanout/resources/app.asar/dist/renderer/index.html';

  it('trusts our bundled page, with or without a screen in the fragment', () => {
    expect(isTrustedRendererUrl(index, index)).toBe(true);
    expect(isTrustedRendererUrl(`${index}#/contacts`, index)).toBe(true);
  });

  it.each([
    'https://attacker.example/index.html',
    'file:///tmp/evil/index.html',
    'http://127.0.0.1:4000/index.html',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isTrustedRendererUrl(url, index)).toBe(false);
  });
});
