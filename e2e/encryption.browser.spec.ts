import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { databaseFileState, readKeyFileHeader } from '../src-main/store/encryption';
import { startFanoutServe, type RunningServe } from './support/fanout-serve';
import { goToScreen, openFanout } from './support/office-steps';

let serve: RunningServe;

test.beforeAll(async () => {
  serve = await startFanoutServe();
});

test.afterAll(async () => {
  await serve.stop();
});

test('Settings shows how the data is encrypted, makes an encrypted backup, and protects the key with a passphrase', async ({ page }) => {
  await openFanout(page, serve);
  await goToScreen(page, 'Settings');
  const panel = page.getByTestId('encryption-panel');
  await expect(panel.getByTestId('encryption-cipher')).toHaveText('ChaCha20-Poly1305 (SQLite3MultipleCiphers)');
  await expect(panel.getByTestId('encryption-key-storage')).toHaveText('In the key file, readable only by your user account');
  await expect(panel).toContainText(path.join(serve.dataDir, 'fanout.key'));
  await expect(panel.getByTestId('encryption-basic-text')).toHaveCount(0);

  const download = page.waitForEvent('download');
  await panel.getByTestId('encryption-backup').click();
  const done = panel.getByTestId('encryption-backup-done');
  await expect(done).toContainText(path.join(serve.dataDir, 'backups', 'fanout-backup-'));
  expect((await download).suggestedFilename()).toMatch(/^fanout-backup-.*\.db$/);
  const backupPath = /Saved as (\S+\.db)/.exec((await done.textContent()) ?? '')?.[1] ?? '';
  expect(databaseFileState(backupPath)).toBe('encrypted');
  // The admin's name is in the database: not in the backup's bytes.
  expect(readFileSync(backupPath).includes(Buffer.from(serve.admin.displayName))).toBe(false);

  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/settings-encryption-light.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/settings-encryption-dark.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  await panel.getByTestId('encryption-protect').click();
  await page.locator('#encryption-new').fill('Zwetschgendatschi im August');
  await page.locator('#encryption-repeat').fill('Zwetschgendatschi im Juli');
  await expect(panel.getByText('The two passphrases differ.')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Protect the key' })).toBeDisabled();
  await page.locator('#encryption-repeat').fill('Zwetschgendatschi im August');
  await panel.getByRole('button', { name: 'Protect the key' }).click();
  await expect(panel.getByTestId('encryption-key-storage')).toHaveText('In the key file, locked with your passphrase');
  expect(readKeyFileHeader(path.join(serve.dataDir, 'fanout.key'))).toMatchObject({ protection: 'passphrase' });
  await expect(panel.getByTestId('encryption-protect')).toHaveText('Change passphrase');
});
