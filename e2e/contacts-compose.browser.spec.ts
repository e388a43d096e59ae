import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openAppStore } from '../src-main/service/open-app-store';
import { startFanoutServe, type RunningServe } from './support/fanout-serve';
import { goToScreen, openFanout } from './support/office-steps';

// The office flow on the working screens: a German Excel CSV (Windows-1252, semicolons) imported
// through the wizard, searched and paged in the virtual table, edited, deleted and restored, then a
// message with a merge field and an emoji composed and previewed; settings saved and refused.
let serve: RunningServe;

const ROWS = 2500;
const firstNames = ['Jürgen', 'Anna', 'Özlem', 'Björn', 'Clara'];
const cities = ['Köln', 'Düsseldorf', 'München', 'Bonn'];

/** What German Excel writes for "CSV (Trennzeichen-getrennt)": Windows-1252 and semicolons. */
function germanExcelCsv(): Buffer {
  const lines = ['Vorname;Nachname;Handy;Ort'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`${firstNames[i % firstNames.length]};Muster${i};0151 ${String(10_000_000 + i)};${cities[i % cities.length]}`);
  }
  lines.push('Doppelt;Muster0;+49 151 10000000;Köln');
  lines.push('Falsch;Nummer;keine Nummer;Bonn');
  // Latin-1 covers every character above, and Windows-1252 agrees with it there.
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
}

async function open(page: Page, screen: string) {
  await openFanout(page, serve);
  await goToScreen(page, screen);
}

test.beforeAll(async () => {
  serve = await startFanoutServe();
});

test.afterAll(async () => {
  await serve.stop();
});

test.describe.configure({ mode: 'serial' });

test('imports a Windows-1252 CSV with semicolons through the wizard and offers the rejected rows', async ({ page }) => {
  await open(page, 'Contacts');
  await page.getByRole('button', { name: 'Import CSV file' }).first().click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('import-file-input').setInputFiles({ name: 'Kunden Köln.csv', mimeType: 'text/csv', buffer: germanExcelCsv() });

  await expect(wizard.getByTestId('import-encoding')).toHaveValue('windows-1252');
  await expect(wizard.getByTestId('import-delimiter')).toHaveValue(';');
  await expect(wizard.getByTestId('import-preview')).toContainText('Jürgen');
  await expect(wizard.getByTestId('import-preview')).toContainText('Köln');
  await expect(wizard.getByLabel('Phone numbers are in column')).toHaveValue('2');
  await expect(wizard.getByTestId('import-list-name')).toHaveValue('Kunden Köln');
  await expect(wizard).toContainText('{{Vorname}} {{Nachname}} {{Ort}}');
  await page.screenshot({ path: 'test-results/screenshots/import-mapping-light.png' });

  await wizard.getByRole('button', { name: 'Import contacts' }).click();
  const result = wizard.getByTestId('import-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result.getByTestId('import-imported')).toContainText('2,500');
  await expect(result.getByTestId('import-duplicates')).toContainText('1');
  await expect(result.getByTestId('import-invalid')).toContainText('1');
  await expect(result.getByTestId('import-optedOut')).toContainText('0');
  await page.screenshot({ path: 'test-results/screenshots/import-result-light.png' });

  const downloadStarted = page.waitForEvent('download');
  await result.getByRole('button', { name: 'Download rejected rows' }).click();
  const download = await downloadStarted;
  expect(download.suggestedFilename()).toBe('Kunden Köln - rejected rows.csv');
  const rejected = readFileSync(await download.path(), 'utf8');
  expect(rejected).toContain('keine Nummer');
  expect(rejected).toContain('duplicate');

  await result.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('navigation', { name: 'Lists' })).toContainText('Kunden Köln');
  await expect(page.getByTestId('contacts-count')).toHaveText('Contacts: 2,500');
});

test('renames a list', async ({ page }) => {
  await open(page, 'Contacts');
  await page.getByRole('navigation', { name: 'Lists' }).getByRole('button', { name: /Kunden Köln/ }).click();
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel('Name of the list').fill('Kunden Köln 2026');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('navigation', { name: 'Lists' })).toContainText('Kunden Köln 2026');
  await expect(page.getByRole('heading', { level: 2, name: 'Kunden Köln 2026' })).toBeVisible();
});

test('searches in the database and pages through the virtual table', async ({ page }) => {
  await open(page, 'Contacts');
  const table = page.getByTestId('contacts-table');
  await expect(table.getByRole('row').nth(1)).toContainText('+49 1511 0000000');
  // Only the rows in view are in the page, not 2,500.
  expect(await table.getByRole('row').count()).toBeLessThan(60);

  const search = page.getByRole('searchbox', { name: 'Search contacts' });
  await search.fill('Muster2042');
  await expect(page.getByTestId('contacts-count')).toHaveText('Contacts: 1');
  await expect(table.getByRole('row').nth(1)).toContainText('Muster2042');
  // People search the way they dial: the national number finds the international one.
  await search.fill('0151 10002043');
  await expect(page.getByTestId('contacts-count')).toHaveText('Contacts: 1');
  await expect(table.getByRole('row').nth(1)).toContainText('+49 1511 0002043');
  await search.fill('München');
  await expect(page.getByTestId('contacts-count')).toHaveText('Contacts: 625');
  await search.fill('');
  await expect(page.getByTestId('contacts-count')).toHaveText('Contacts: 2,500');

  // Keyboard: focus the first row, End jumps to the last contact, fetched page-wise from the service.
  await table.getByRole('row').nth(1).focus();
  await page.keyboard.press('End');
  await expect(table.locator('[data-row-index="2499"]')).toContainText('+49 1511 0002499');
  await expect(table.locator('[data-row-index="2499"]')).toBeFocused();
  await page.keyboard.press('PageUp');
  await expect(table.locator('.vtable__row--active')).not.toContainText('+49 1511 0002499');
});

test('edits a contact, deletes it with a confirmation, and undoes the delete', async ({ page }) => {
  await open(page, 'Contacts');
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Muster7');
  await expect(page.getByTestId('contacts-count')).toHaveText(/Contacts: \d+/);
  const row = page.getByTestId('contacts-table').locator('[data-row-index="0"]');
  await expect(row).toContainText('Muster7');
  await row.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('contact-dialog');
  await dialog.getByLabel('Name', { exact: true }).fill('Clara Beispiel');
  // Escape does not throw away what was typed without asking.
  await page.keyboard.press('Escape');
  await expect(dialog.getByTestId('discard-changes')).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Clara Beispiel was saved.')).toBeVisible();

  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Clara Beispiel');
  await expect(page.getByTestId('contacts-count')).toHaveText('Contacts: 1');
  await page.getByRole('button', { name: 'Delete Clara Beispiel' }).click();
  await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('contacts-count')).toHaveText('Contacts: 0');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('Clara Beispiel is back.')).toBeVisible();
  await expect(page.getByTestId('contacts-count')).toHaveText('Contacts: 1');
});

test('puts a number on the opt-out list and shows it flagged', async ({ page }) => {
  await open(page, 'Contacts');
  await page.getByRole('button', { name: /Opt-out list/ }).click();
  await page.getByLabel('Add a number').fill('0151 10000001');
  await page.getByRole('button', { name: 'Add to opt-out list' }).click();
  await expect(page.getByTestId('opt-out-table')).toContainText('+49 1511 0000001');
  await expect(page.getByTestId('opt-out-table')).toContainText('Added by hand');
  await page.getByRole('button', { name: /All contacts/ }).click();
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('10000001');
  await expect(page.getByTestId('contacts-table').locator('[data-row-index="0"]')).toContainText('Opted out');
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('');
  await page.getByText('Opted out only').click();
  await expect(page.getByTestId('contacts-count')).toHaveText('Contacts: 1');
  await expect(page.getByTestId('contacts-table').locator('[data-row-index="0"]')).toContainText('Anna Muster1');
});

test('a CSV dropped anywhere on the Contacts screen starts the import', async ({ page }) => {
  await open(page, 'Contacts');
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['Name,Telefon\nMax Praxis,+49 170 1234567\n'], 'Praxis.csv', { type: 'text/csv' }));
    return transfer;
  });
  await page.dispatchEvent('.drop-target', 'dragover', { dataTransfer });
  await page.dispatchEvent('.drop-target', 'drop', { dataTransfer });
  const wizard = page.getByTestId('import-wizard');
  await expect(wizard.getByTestId('import-delimiter')).toHaveValue(',');
  await expect(wizard.getByTestId('import-encoding')).toHaveValue('utf-8');
  await expect(wizard.getByTestId('import-list-name')).toHaveValue('Praxis');
  await wizard.getByRole('button', { name: 'Import contacts' }).click();
  await expect(wizard.getByTestId('import-imported')).toContainText('1');
  await expect(wizard.getByRole('button', { name: 'Download rejected rows' })).toHaveCount(0);
  await wizard.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Praxis' })).toBeVisible();
  await expect(page.getByTestId('contacts-table').locator('[data-row-index="0"]')).toContainText('Max Praxis');
});

test('composes with a merge field and an emoji: Unicode, the right part count, per-recipient preview and cost', async ({ page }) => {
  await open(page, 'Compose');
  const text = page.getByLabel('Text', { exact: true });
  await text.fill('Hallo ');
  await page.getByRole('button', { name: '{{Vorname}}' }).click();
  await text.press('End');
  await text.pressSequentially(', Ihr Termin in {{Ort}} ist bestätigt 😀');
  await expect(text).toHaveValue('Hallo {{Vorname}}, Ihr Termin in {{Ort}} ist bestätigt 😀');

  const counter = page.getByTestId('message-counter');
  await expect(counter.getByTestId('counter-encoding')).toHaveText('Unicode (special characters)');
  // Counted for the first recipient, Jürgen in Köln: "Hallo Jürgen, Ihr Termin in Köln ist bestätigt 😀" is 49 UTF-16 units.
  await expect(counter.getByTestId('counter-parts')).toHaveText('1 SMS');
  await expect(counter.getByTestId('counter-left')).toHaveText('21 characters left in this SMS');
  await expect(page.getByTestId('unicode-warning')).toContainText('😀');

  const previews = page.getByTestId('recipient-previews');
  await expect(previews.locator('li').first()).toContainText('Hallo Jürgen, Ihr Termin in Köln ist bestätigt 😀');
  await expect(previews.locator('li')).toHaveCount(10);

  // Longer than one Unicode SMS (70): two parts of 67.
  await text.press('End');
  await text.pressSequentially(' Bitte bringen Sie Ihre Karte mit.');
  await expect(counter.getByTestId('counter-parts')).toHaveText('2 SMS');
  await expect(previews.locator('li').first()).toContainText('2 SMS');
  // 2,500 recipients, one opted out: 2,499 × 2 parts at the default 0.09 EUR.
  await expect(page.getByTestId('estimate-parts')).toHaveText('4,998');
  await expect(page.getByTestId('estimate-cost')).toHaveText('€449.82');

  // The typographic quote has a plain look-alike; the emoji has none and stays.
  await text.press('End');
  await text.pressSequentially(' „Danke“');
  await page.getByRole('button', { name: /Replace with plain characters/ }).click();
  await expect(text).toHaveValue(/"Danke"$/);
  await expect(page.getByTestId('unicode-warning')).toContainText('has no plain replacement');
});

test('saves settings and refuses nonsense with a clear message', async ({ page }) => {
  await open(page, 'Settings');
  const price = page.getByTestId('settings-price');
  await price.getByLabel('Price for one SMS').fill('0.12');
  await price.getByRole('button', { name: 'Save' }).click();
  await expect(price.getByText('Saved')).toBeVisible();

  const retention = page.getByTestId('settings-retention');
  await retention.getByText('Delete message texts after').click();
  await retention.getByLabel('Number of days').fill('0');
  await retention.getByRole('button', { name: 'Save' }).click();
  await expect(retention.getByRole('alert')).toContainText('Keep message texts for at least 1 day');
  await retention.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/settings-refused-light.png' });

  const keywords = page.getByTestId('settings-keywords');
  await keywords.getByLabel('New word for STOP').fill('RAUS');
  await keywords.getByTestId('keywords-stop').getByRole('button', { name: 'Add' }).click();
  await keywords.getByRole('button', { name: 'Save' }).click();
  await expect(keywords.getByText('Saved')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('settings-price').getByLabel('Price for one SMS')).toHaveValue('0.12');
  await expect(page.getByTestId('keywords-stop')).toContainText('RAUS');
});

test('erases a person completely on request, leaving only a fingerprint on the opt-out list', async ({ page }) => {
  await open(page, 'Contacts');
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Muster2498');
  await expect(page.getByTestId('contacts-count')).toHaveText('Contacts: 1');
  await page.getByRole('button', { name: 'Edit Björn Muster2498' }).click();
  // The contact dialog's "Erase completely" opens the privacy panel at its confirmation: one way
  // to erase, always with a reason kept beside the fingerprint.
  await page.getByTestId('contact-dialog').getByRole('button', { name: 'Erase completely' }).click();
  const confirm = page.getByTestId('privacy-erase-confirm');
  await expect(confirm).toContainText('What stays');
  await expect(confirm.getByLabel('Reason (kept with the fingerprint)')).toHaveValue('Erasure request (GDPR Art. 17)');
  await confirm.getByRole('button', { name: 'Erase for good' }).click();
  await expect(page.getByText('Björn Muster2498 was erased.')).toBeVisible();
  await expect(page.getByTestId('contacts-count')).toHaveText('Contacts: 0');
  await page.getByRole('button', { name: /Opt-out list/ }).click();
  await expect(page.getByTestId('opt-out-table')).toContainText('Erased person (number deleted)');
  await expect(page.getByTestId('opt-out-table')).toContainText('Erased on request');
});

test('shows replies threaded per person, with a STOP reply highlighted', async ({ page }) => {
  // Replies arrive through the modems; here they are stored the way the engine stores them.
  const store = openAppStore(path.join(serve.dataDir, 'fanout.db'));
  try {
    const reply = (senderE164: string, body: string, minutesAgo: number) => ({
      simId: null,
      senderE164,
      senderRaw: null,
      body,
      sentAt: null,
      receivedAt: Date.now() - minutesAgo * 60_000,
      keyword: body === 'STOP' ? ('stop' as const) : null,
    });
    store.inbound.record(reply('+4915110000000', 'Danke, ich komme!', 30));
    store.inbound.record(reply('+4915110000002', 'Kann ich den Termin verschieben?', 20));
    store.inbound.record(reply('+4915110000000', 'STOP', 5), { optOut: { reason: 'replied "STOP"', source: 'stop-reply' } });
  } finally {
    store.database.close();
  }
  await open(page, 'Inbox');
  const threads = page.getByRole('navigation', { name: 'Conversations' });
  await expect(threads.getByRole('button')).toHaveCount(2);
  await expect(threads.getByRole('button').first()).toContainText('Jürgen Muster0');
  await expect(threads.getByRole('button').first()).toContainText('Opted out');
  const conversation = page.getByTestId('conversation');
  await expect(conversation.locator('.bubble')).toHaveText([/Danke, ich komme!/, /STOP.*put on the opt-out list/]);
  await threads.getByRole('button', { name: /Özlem Muster2/ }).click();
  await expect(conversation).toContainText('Kann ich den Termin verschieben?');
  await expect(conversation).not.toContainText('On the opt-out list');
  await page.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: /Opt-out list/ }).click();
  await expect(page.getByTestId('opt-out-table')).toContainText('Replied STOP – wrote “STOP”');
});

for (const theme of ['light', 'dark'] as const) {
  for (const zoom of [1, 1.25]) {
    test(`screenshots of the working screens (${theme}, ${zoom * 100}%)`, async ({ browser }) => {
      // 125% zoom: the same window with CSS pixels 1.25 times larger, as the browser's zoom does.
      const context = await browser.newContext({
        viewport: { width: Math.round(1280 / zoom), height: Math.round(800 / zoom) },
        deviceScaleFactor: zoom,
        colorScheme: theme,
      });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      const suffix = `${theme}${zoom === 1 ? '' : '-125'}`;
      await open(page, 'Contacts');
      await expect(page.getByTestId('contacts-table').locator('[data-row-index="0"]')).toContainText('+49');
      await page.screenshot({ path: `test-results/screenshots/contacts-${suffix}.png` });
      await page.getByRole('button', { name: /Opt-out list/ }).click();
      await expect(page.getByTestId('opt-out-table')).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/opt-outs-${suffix}.png` });
      await page.getByRole('button', { name: /All contacts/ }).click();
      await expect(page.getByTestId('contacts-table').locator('[data-row-index="0"]')).toContainText('+49');
      await page.getByTestId('contacts-table').locator('[data-row-index="0"]').focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('contact-dialog')).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/contact-edit-${suffix}.png` });
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Import CSV file' }).click();
      await expect(page.getByTestId('drop-zone')).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/import-file-${suffix}.png` });
      await page.keyboard.press('Escape');

      await page.getByRole('link', { name: 'Compose' }).click();
      await page.getByLabel('Text', { exact: true }).fill('Hallo {{Vorname}}, Ihr Termin in {{Ort}} ist am Montag um 9 Uhr. Bitte sagen Sie ab, falls Sie nicht kommen können – danke! 😀');
      await expect(page.getByTestId('recipient-previews').locator('li').first()).toContainText('Hallo Jürgen');
      await expect(page.getByTestId('cost-estimate')).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/compose-${suffix}.png` });

      await page.getByRole('link', { name: 'Inbox' }).click();
      await expect(page.getByTestId('conversation').locator('.bubble').first()).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/inbox-${suffix}.png` });

      await page.getByRole('link', { name: 'Settings' }).click();
      await expect(page.getByTestId('settings-price')).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/settings-${suffix}.png`, fullPage: true });
      // Nothing may stick out sideways at this size.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBe(0);
      // No script error, React warning or refused style on the way.
      expect(problems).toEqual([]);
      await context.close();
    });
  }
}

for (const language of ['de', 'zh'] as const) {
  test(`${language} at 125%: every screen fits`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 640 }, deviceScaleFactor: 1.25, colorScheme: 'light' });
    await context.addInitScript((chosen) => localStorage.setItem('fanout.preferences', JSON.stringify({ state: { theme: 'system', language: chosen }, version: 0 })), language);
    const page = await context.newPage();
    await openFanout(page, serve);
    for (const screen of ['contacts', 'compose', 'inbox', 'settings']) {
      await page.goto(`${serve.origin}/#/${screen}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `test-results/screenshots/${language}-${screen}-light-125.png`, fullPage: screen === 'settings' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, screen).toBe(0);
    }
    await context.close();
  });
}
