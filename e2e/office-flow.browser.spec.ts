import { expect, test } from '@playwright/test';
import { startFanoutServe, type RunningServe } from './support/fanout-serve';
import { addDemoModems, composeFor, goToScreen, importContacts, openFanout, openNewCampaign, startCampaign } from './support/office-steps';

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

test.beforeAll(async () => {
  serve = await startFanoutServe();
});

test.afterAll(async () => {
  await serve.stop();
});

test('demo modems, CSV import, compose, campaign: every message sent and delivered', async ({ page }) => {
  test.setTimeout(120_000);
  await openFanout(page, serve);
  await addDemoModems(page);
  await importContacts(page, { name: 'Praxis.csv', csv: germanExcelCsv() }, ROWS);
  await composeFor(page, `Praxis (${ROWS} contacts)`, 'Hallo {{Vorname}}, Ihr Termin ist morgen um 9 Uhr 🦷');
  await expect(page.getByTestId('counter-encoding')).toHaveText('Unicode (special characters)');

  const dialog = await openNewCampaign(page, 'Termine morgen', 'service');
  await expect(dialog.getByLabel('Send to')).toHaveValue(/\d+/);
  await expect(dialog.getByLabel('Message', { exact: true })).toHaveValue('Hallo {{Vorname}}, Ihr Termin ist morgen um 9 Uhr 🦷');
  await expect(dialog.getByTestId('campaign-estimate')).toContainText(`${ROWS} people will get ${ROWS} SMS`);
  await page.screenshot({ path: 'test-results/screenshots/campaign-new-light.png' });
  await startCampaign(dialog);

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

  await goToScreen(page, 'Modems');
  const sentTotals = await page.getByTestId('modem-parts-sent').allTextContents();
  const sent = sentTotals.map((text) => Number(/\d+/.exec(text)?.[0] ?? 0));
  expect(sent.reduce((a, b) => a + b, 0)).toBe(ROWS);
  // Round-robin: both modems did part of the work.
  expect(Math.min(...sent)).toBeGreaterThan(0);
});
