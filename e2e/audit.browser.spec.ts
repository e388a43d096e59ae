import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openAppStore } from '../src-main/service/open-app-store';
import { startFanoutServe, type RunningServe } from './support/fanout-serve';
import { addDemoModems, goToScreen, openFanout } from './support/office-steps';

let serve: RunningServe;

test.beforeAll(async () => {
  serve = await startFanoutServe();
});

test.afterAll(async () => {
  await serve.stop();
});

/** A call over serve's HTTP API as the run's admin, as a script would make it. */
async function callAsAdmin(method: string, args: unknown): Promise<void> {
  const response = await fetch(`${serve.origin}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await serve.adminHeaders()) },
    body: JSON.stringify({ method, args }),
  });
  const answer = (await response.json()) as { ok: boolean; error?: { message: string } };
  if (!answer.ok) throw new Error(`${method} failed: ${answer.error?.message}`);
}

test('the audit log shows who did what, filters it, and checks its integrity in plain words', async ({ page }) => {
  await openFanout(page, serve);
  await addDemoModems(page);
  await page.locator('.toasts').getByRole('button', { name: 'Close' }).click();
  await callAsAdmin('contacts.optOut', { phone: '+49 170 1234567' });
  await callAsAdmin('settings.update', { retentionDays: 90 });

  await goToScreen(page, 'Audit log');
  const table = page.getByTestId('audit-table');
  await expect(table.getByText('Operator added')).toBeVisible();
  await expect(table.getByText('Demo modems added')).toBeVisible();
  await expect(table.getByText('Number put on the opt-out list')).toBeVisible();
  await expect(table.getByText('Settings changed')).toBeVisible();
  await expect(table.locator('tbody tr').first()).toContainText('retentionDays');
  await expect(table.locator('tbody tr').first()).toContainText('Anna Admin');
  // No notation of the opted-out number reaches the log.
  await expect(table).not.toContainText('1234567');

  await page.getByRole('button', { name: 'Check integrity' }).click();
  const result = page.getByTestId('audit-integrity');
  await expect(result).toContainText('The audit log is intact');
  await page.screenshot({ path: 'test-results/screenshots/audit-log-light.png', fullPage: true });

  await page.getByLabel('Action').selectOption({ label: 'All: Operators and sign-in' });
  // Waits for the filtered page to replace the full one: no row of another kind is left.
  await expect(table.locator('tbody tr').filter({ hasNotText: /Signed in|Operator added/ })).toHaveCount(0);
  await expect(table.locator('tbody tr')).not.toHaveCount(0);
  await page.getByLabel('Action').selectOption({ label: 'All actions' });
  await page.getByLabel('Search').fill('SIM');
  await expect(table.getByText('Demo modems added')).toBeHidden();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(table.getByText('Demo modems added')).toBeVisible();

  // Someone edits the database file directly, with its key, behind Fanout's back.
  const store = openAppStore(path.join(serve.dataDir, 'fanout.db'));
  try {
    store.database.sqlite.exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'Somebody else' WHERE seq = 2;`);
  } finally {
    store.database.close();
  }
  await page.getByRole('button', { name: 'Check integrity' }).click();
  await expect(result).toContainText('The audit log was changed behind Fanout’s back');
  await expect(result).toContainText('Entry 2 was changed after it was written.');
  await page.screenshot({ path: 'test-results/screenshots/audit-log-broken-light.png', fullPage: true });
});

test('the audit log looks right in the dark and in German', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openFanout(page, serve);
  await goToScreen(page, 'Audit log');
  await page.getByRole('button', { name: 'Check integrity' }).click();
  await expect(page.getByTestId('audit-integrity')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/audit-log-dark.png', fullPage: true });

  await page.emulateMedia({ colorScheme: 'light' });
  await page.evaluate(() => localStorage.setItem('fanout.preferences', JSON.stringify({ state: { theme: 'system', language: 'de' }, version: 0 })));
  await page.reload();
  await page.getByRole('link', { name: 'Protokoll' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Protokoll' })).toBeVisible();
  // Independent of the test before (a retry gets a fresh serve): signing in is always there.
  await expect(page.getByTestId('audit-table')).toContainText('Angemeldet');
  await page.screenshot({ path: 'test-results/screenshots/audit-log-de-light.png', fullPage: true });
});
