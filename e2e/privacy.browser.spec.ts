import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startFanoutServe, type OperatorLogin, type RunningServe } from './support/fanout-serve';
import { addDemoModems, goToScreen, importContacts, openFanout } from './support/office-steps';

// A person's rights from the Contacts screen: the privacy panel shows what is held, exports it
// as JSON and CSV, and erases the person after saying what goes and what stays; a later import
// of the same number keeps it blocked. And the composer's link warnings.
let serve: RunningServe;

const csv = () => Buffer.from('Vorname;Nachname;Handy\r\nAnna;Privat;0170 1234 5678\r\nBert;Bleibt;0170 9876 5432\r\n', 'latin1');

test.beforeAll(async () => {
  serve = await startFanoutServe();
});
test.afterAll(async () => {
  await serve.stop();
});
test.describe.configure({ mode: 'serial' });

async function openPrivacyPanel(page: Page, name: string) {
  await goToScreen(page, 'Contacts');
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill(name);
  const row = page.getByTestId('contacts-table').locator('[data-row-index="0"]');
  await expect(row).toContainText(name);
  await row.focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('contact-dialog').getByRole('button', { name: 'Privacy' }).click();
  const panel = page.getByTestId('privacy-panel');
  await expect(panel.getByTestId('privacy-messages')).toHaveText('0');
  return panel;
}

test('exports one person as JSON and CSV, then erases them; a re-import keeps the number blocked', async ({ page }) => {
  await openFanout(page, serve);
  await importContacts(page, { name: 'Kunden.csv', csv: csv() }, 2);
  const panel = await openPrivacyPanel(page, 'Privat');
  await expect(panel).toContainText('No consent is recorded');
  await page.screenshot({ path: 'test-results/screenshots/privacy-panel-light.png' });

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export as JSON' }).click()]);
  const document = JSON.parse(readFileSync((await jsonDownload.path()) ?? '', 'utf8')) as { phoneE164: string; contact: { fields: Record<string, string> } };
  expect(document).toMatchObject({ format: 'fanout-person-export', phoneE164: '+4917012345678', contact: { name: 'Anna Privat' } });
  expect(JSON.stringify(document)).not.toContain('Bleibt');
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export as CSV (Excel)' }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);
  const csvText = readFileSync((await csvDownload.path()) ?? '', 'utf8');
  expect(csvText).toContain('"Contact","","Number","","","\'+4917012345678"');
  await expect(panel.getByTestId('privacy-exported')).toBeVisible();

  await panel.getByRole('button', { name: 'Erase this person…' }).click();
  const confirm = panel.getByTestId('privacy-erase-confirm');
  await expect(confirm).toContainText('What goes');
  await expect(confirm).toContainText('What stays');
  await expect(confirm).toContainText('keyed fingerprint of the number on the opt-out list');
  await page.screenshot({ path: 'test-results/screenshots/privacy-erase-confirm-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/privacy-erase-confirm-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await confirm.getByLabel('Reason (kept with the fingerprint)').fill('Request by e-mail of 2 March');
  await confirm.getByRole('button', { name: 'Erase for good' }).click();
  await expect(page.getByText('Anna Privat was erased.')).toBeVisible();
  await expect(page.getByTestId('privacy-panel')).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Privat');
  await expect(page.getByTestId('contacts-count')).toHaveText('Contacts: 0');

  await page.getByRole('button', { name: /Opt-out list/ }).first().click();
  await expect(page.getByText('Erased person (number deleted)')).toBeVisible();

  // Imported again, written another way: she is back as a contact, flagged, never to be messaged.
  await goToScreen(page, 'Contacts');
  await page.getByRole('button', { name: 'Import CSV file' }).first().click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('import-file-input').setInputFiles({ name: 'Wieder.csv', mimeType: 'text/csv', buffer: Buffer.from('Name;Telefon\r\nAnna;0049 170 12345678\r\n', 'latin1') });
  await wizard.getByRole('button', { name: 'Import contacts' }).click();
  await expect(wizard.getByTestId('import-result')).toContainText('opt-out', { timeout: 30_000 });
});

test('the privacy panel in the dark', async ({ page }) => {
  await openFanout(page, serve);
  await page.emulateMedia({ colorScheme: 'dark' });
  await openPrivacyPanel(page, 'Bleibt');
  await page.screenshot({ path: 'test-results/screenshots/privacy-panel-dark.png' });
});

test('records a consent given on paper by hand, sees it in the history, and withdraws it', async ({ page }) => {
  await openFanout(page, serve);
  const panel = await openPrivacyPanel(page, 'Bleibt');
  await panel.getByRole('button', { name: 'Record consent by hand…' }).click();
  const form = panel.getByTestId('consent-form');
  await expect(form.getByRole('button', { name: 'Record consent' })).toBeDisabled();
  await form.getByLabel('Where it came from').fill('Paper form at the counter');
  await form.getByLabel('Wording shown to the person (optional)').fill('Ja, ich möchte Angebote per SMS erhalten (Version 3).');
  await form.getByLabel('Given on').fill('2026-03-02');
  await page.screenshot({ path: 'test-results/screenshots/consent-form-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/consent-form-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await form.getByRole('button', { name: 'Record consent' }).click();
  await expect(panel.getByTestId('consent-form')).toHaveCount(0);

  const record = panel.locator('.privacy-panel__consents li').first();
  await expect(record).toContainText('Marketing · Consent');
  await expect(record).toContainText('Paper form at the counter');
  await expect(record).toContainText('Version 3');
  await expect(record).toContainText('In force');
  await expect(record).toContainText('2026');
  await expect(panel).not.toContainText('No consent is recorded');
  await page.screenshot({ path: 'test-results/screenshots/consent-history-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/consent-history-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  await record.getByRole('button', { name: 'Withdraw…' }).click();
  const confirm = panel.getByTestId('consent-withdraw-confirm');
  await expect(confirm).toContainText('Withdraw the consent for Marketing?');
  await confirm.getByLabel('How the person objected').fill('Phone call');
  await page.screenshot({ path: 'test-results/screenshots/consent-withdraw-light.png' });
  await confirm.getByRole('button', { name: 'Withdraw', exact: true }).click();
  await expect(record).toContainText('Withdrawn');
  await expect(record.getByRole('button', { name: 'Withdraw…' })).toHaveCount(0);
});

test('the composer warns about links that look like phishing, and not about real ones', async ({ page }) => {
  await openFanout(page, serve);
  await goToScreen(page, 'Compose');
  const text = page.getByLabel('Text', { exact: true });
  await text.fill('Ihr Termin: https://www.dhl.de/termin');
  await expect(page.getByTestId('link-warnings')).toHaveCount(0);
  await text.fill('Paket wartet: http://dhl-paket-zustellung.info/x oder bit.ly/3abc und https://xn--pypal-4ve.com');
  const warnings = page.getByTestId('link-warnings');
  await expect(warnings).toContainText('not encrypted');
  await expect(warnings).toContainText('Puts the name DHL into a domain that does not belong to DHL');
  await expect(warnings).toContainText('link shortener');
  await expect(warnings).toContainText('Shown on phones as pаypal.com');
  await page.screenshot({ path: 'test-results/screenshots/compose-link-warnings-light.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/compose-link-warnings-dark.png', fullPage: true });
});

test("the office's own opt-out phrase is added in Settings and kept", async ({ page }) => {
  await openFanout(page, serve);
  await goToScreen(page, 'Settings');
  const panel = page.getByTestId('settings-opt-out-hints');
  await expect(panel.getByTestId('opt-out-hints-yours')).toContainText('No phrases of your own yet.');
  await panel.getByLabel('New opt-out phrase').fill('Antwort NEIN');
  await panel.getByRole('button', { name: 'Add' }).click();
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByRole('status')).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: 'test-results/screenshots/opt-out-hints-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await panel.screenshot({ path: 'test-results/screenshots/opt-out-hints-dark.png' });
  await goToScreen(page, 'Contacts');
  await goToScreen(page, 'Settings');
  await expect(page.getByTestId('settings-opt-out-hints').getByTestId('opt-out-hints-yours')).toContainText('Antwort NEIN');
});

test('a Viewer sees consent, settings and modems without the actions the service would refuse', async ({ page, browser }) => {
  const viewer: OperatorLogin = { username: 'vicky', displayName: 'Vicky Viewer', password: 'just reading 2026' };
  await openFanout(page, serve);
  await addDemoModems(page);
  await goToScreen(page, 'Settings');
  const operators = page.getByTestId('operators-panel');
  await operators.getByLabel('Name', { exact: true }).fill(viewer.displayName);
  await operators.getByLabel('User name').fill(viewer.username);
  await operators.getByLabel('Viewer').check();
  await operators.getByLabel('Password').fill(viewer.password);
  await operators.getByRole('button', { name: 'Add operator' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Vicky Viewer can now sign in' })).toBeVisible();

  const context = await browser.newContext();
  const viewerPage = await context.newPage();
  await openFanout(viewerPage, serve, viewer);
  const panel = await openPrivacyPanel(viewerPage, 'Bleibt');
  await expect(panel).toContainText('Marketing · Consent');
  await expect(panel.getByRole('button', { name: 'Record consent by hand…' })).toHaveCount(0);
  await viewerPage.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await viewerPage.keyboard.press('Escape');
  await expect(viewerPage.getByTestId('contact-dialog')).toHaveCount(0);

  await goToScreen(viewerPage, 'Settings');
  const hints = viewerPage.getByTestId('settings-opt-out-hints');
  await expect(hints).toContainText('Only an administrator can change these.');
  await expect(hints.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(hints.getByLabel('New opt-out phrase')).toBeDisabled();
  await expect(viewerPage.getByTestId('settings-country').getByRole('button', { name: 'Save' })).toHaveCount(0);

  await goToScreen(viewerPage, 'Modems');
  await expect(viewerPage.getByTestId('modem-card').first()).toBeVisible();
  await expect(viewerPage.getByRole('button', { name: /Scan/ })).toHaveCount(0);
  await expect(viewerPage.getByRole('button', { name: 'Check balance' })).toHaveCount(0);
  await expect(viewerPage.getByRole('button', { name: 'Edit limits' })).toHaveCount(0);
  await viewerPage.screenshot({ path: 'test-results/screenshots/modems-viewer-light.png' });
  await context.close();
});
