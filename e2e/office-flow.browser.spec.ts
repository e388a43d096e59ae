import { expect, test, type Page } from '@playwright/test';
import { startFanoutServe, type RunningServe } from './support/fanout-serve';

// The whole day's work of an office user, through the screens only: virtual modems, a German
// Excel contact list, a message with a merge field and an emoji, a campaign sent and delivered.
let serve: RunningServe;
const people = ['Jürgen', 'Anna', 'Özlem', 'Björn', 'Chloé', 'Dara'];
const ROWS = 24;

function germanExcelCsv(): Buffer {
  const lines = ['Vorname;Handy'];
  for (let i = 0; i < ROWS; i++) lines.push(`${people[i % people.length]};0160 ${String(5_550_000 + i)}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
}

async function goTo(page: Page, screen: string) {
  await page.getByRole('link', { name: screen }).click();
  await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
}

test.beforeAll(async () => {
  serve = await startFanoutServe();
});

test.afterAll(async () => {
  await serve.stop();
});

test('demo modems, CSV import, compose, campaign: every message sent and delivered', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(serve.url);
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'connected');

  await goTo(page, 'Modems');
  await page.getByRole('button', { name: 'Add virtual modems (demo)' }).click();
  await expect(page.locator('[data-testid="modem-card"][data-state="ready"]')).toHaveCount(2);

  await goTo(page, 'Contacts');
  await page.getByRole('button', { name: 'Import CSV file' }).first().click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('import-file-input').setInputFiles({ name: 'Praxis.csv', mimeType: 'text/csv', buffer: germanExcelCsv() });
  await expect(wizard.getByTestId('import-delimiter')).toHaveValue(';');
  await wizard.getByRole('button', { name: 'Import contacts' }).click();
  await expect(wizard.getByTestId('import-imported')).toContainText(String(ROWS), { timeout: 30_000 });
  await wizard.getByRole('button', { name: 'Done' }).click();

  await goTo(page, 'Compose');
  await page.getByLabel('Send to').selectOption({ label: `Praxis (${ROWS} contacts)` });
  await page.getByLabel('Text', { exact: true }).fill('Hallo {{Vorname}}, Ihr Termin ist morgen um 9 Uhr 🦷');
  await expect(page.getByTestId('counter-encoding')).toHaveText('Unicode (special characters)');

  await goTo(page, 'Campaigns');
  await page.getByRole('button', { name: 'New campaign' }).click();
  const dialog = page.getByTestId('new-campaign');
  await dialog.getByLabel('Name').fill('Termine morgen');
  await expect(dialog.getByLabel('Send to')).toHaveValue(/\d+/);
  await expect(dialog.getByLabel('Message', { exact: true })).toHaveValue('Hallo {{Vorname}}, Ihr Termin ist morgen um 9 Uhr 🦷');
  await expect(dialog.getByTestId('campaign-estimate')).toContainText(`${ROWS} people will get ${ROWS} SMS`);
  // The test must not depend on the time of day: with quiet hours on, it would wait at night.
  const quiet = dialog.getByLabel(/No messages between 21:00 and 08:00/);
  await expect(quiet).toBeChecked();
  await quiet.uncheck();
  await page.screenshot({ path: 'test-results/screenshots/campaign-new-light.png' });
  await dialog.getByRole('button', { name: 'Create and start sending' }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByTestId('campaign-card').filter({ hasText: 'Termine morgen' });
  await expect(card).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/campaign-running-light.png' });
  await expect(card).toHaveAttribute('data-state', 'completed', { timeout: 60_000 });
  await expect(card.getByTestId('count-delivered')).toContainText(String(ROWS), { timeout: 30_000 });
  await expect(card.getByTestId('campaign-progress-text')).toHaveText(`${ROWS} of ${ROWS} done`);
  await expect(card.getByTestId('count-failed')).toContainText('0');
  await page.screenshot({ path: 'test-results/screenshots/campaign-done-light.png' });

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/campaign-done-dark.png' });

  await goTo(page, 'Modems');
  const sentTotals = await page.getByTestId('modem-parts-sent').allTextContents();
  const sent = sentTotals.map((text) => Number(/\d+/.exec(text)?.[0] ?? 0));
  expect(sent.reduce((a, b) => a + b, 0)).toBe(ROWS);
  // Round-robin: both modems did part of the work.
  expect(Math.min(...sent)).toBeGreaterThan(0);
});
