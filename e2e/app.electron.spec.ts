import { _electron as electron, expect, test } from '@playwright/test';
import path from 'node:path';
import { findElectronBinary } from '../src-main/cli/electron-binary';
import { projectRoot } from './support/fanout-serve';

const electronBinary = findElectronBinary(projectRoot);

const skipReason =
  'Electron is not installed here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1): the desktop window cannot be tested. The same UI and service are tested in the browser project.';
if (electronBinary === null) console.log(`[electron] skipped: ${skipReason}`);

test.skip(
  electronBinary === null,
  skipReason,
);

test('the desktop window shows the app and reaches the service over IPC', async () => {
  const app = await electron.launch({
    executablePath: electronBinary ?? undefined,
    args: [path.join(projectRoot, 'dist/main/electron-main.cjs')],
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'connected');
    await window.getByRole('link', { name: 'Settings' }).click();
    await window.getByRole('button', { name: 'Check connection' }).click();
    await expect(window.getByTestId('ping-answer')).toContainText('Answer received');
    await expect(window.getByTestId('ping-event')).toContainText('Notice received by this window');
    // The page has no Node: the sandbox and context isolation hold.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  } finally {
    await app.close();
  }
});
