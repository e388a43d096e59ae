import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startFanoutServe, type RunningServe } from './support/fanout-serve';
import { addDemoModems, composeFor, importContacts, openFanout, openNewCampaign, startCampaign } from './support/office-steps';

// A campaign watched from start to end in its monitor: progress, ETA, modems' throughput, the
// recipients table filtered and searched while it fills, and the results exported as CSV, with a
// contact whose name would be a spreadsheet formula.
let serve: RunningServe;
const ROWS = 40;
const FORMULA_NAME = '=HYPERLINK("http://example.com","Eve")';

function contactsCsv(): Buffer {
  const lines = ['Name;Handy'];
  for (let i = 0; i < ROWS; i++) {
    const name = i === 0 ? `"${FORMULA_NAME.replace(/"/g, '""')}"` : `Kunde ${i}`;
    lines.push(`${name};0160 ${String(5_550_000 + i)}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

test.beforeAll(async () => {
  serve = await startFanoutServe();
});

test.afterAll(async () => {
  await serve.stop();
});

test('the campaign monitor: live progress, filters, search and the results as CSV', async ({ page }) => {
  test.setTimeout(150_000);
  await openFanout(page, serve);
  await addDemoModems(page);
  await importContacts(page, { name: 'Kunden.csv', csv: contactsCsv() }, ROWS);
  await composeFor(page, `Kunden (${ROWS} contacts)`, 'Ihr Termin ist morgen um 9 Uhr. Bis dann!');

  const dialog = await openNewCampaign(page, 'Erinnerung Termin', 'service');
  await expect(dialog.getByTestId('campaign-estimate')).toContainText(`${ROWS} people will get ${ROWS} SMS`);
  await startCampaign(dialog);

  // The whole card opens the monitor; so does its name, from the keyboard.
  await page.getByTestId('campaign-card').filter({ hasText: 'Erinnerung Termin' }).getByRole('button', { name: 'Erinnerung Termin' }).focus();
  await page.keyboard.press('Enter');
  const monitor = page.getByTestId('campaign-monitor');
  await expect(monitor.getByRole('heading', { level: 1, name: 'Erinnerung Termin' })).toBeFocused();
  await expect(monitor.getByTestId('modem-throughput')).toHaveCount(2);
  await expect(monitor.getByTestId('recipients-table').getByRole('row').nth(1)).toContainText('Eve');

  // Pause and resume from the monitor: the same actions as on the card.
  await monitor.getByRole('button', { name: 'Pause' }).click();
  await expect(monitor).toHaveAttribute('data-state', 'paused');
  await expect(monitor.getByTestId('monitor-eta')).toHaveText('Paused: nothing is sent until you resume');
  await monitor.getByRole('button', { name: 'Resume' }).click();
  await expect(monitor).toHaveAttribute('data-state', 'running');
  // Once a few seconds of progress are seen, the ETA is a promise in words.
  await expect(monitor.getByTestId('monitor-eta')).toHaveText(/left|Finished/, { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/screenshots/campaign-monitor-running-light.png' });

  await expect(monitor).toHaveAttribute('data-state', 'completed', { timeout: 60_000 });
  await expect(monitor.getByTestId('monitor-count-delivered')).toContainText(String(ROWS), { timeout: 30_000 });
  await expect(monitor.getByTestId('monitor-percent')).toHaveText('100% done');
  await expect(monitor.getByTestId('monitor-eta')).toHaveText('Finished');
  // Both modems sent part of it, so both have a rate.
  for (const rate of await monitor.getByTestId('modem-throughput').allTextContents()) expect(rate).toMatch(/\d+\/min/);

  // The rows in view followed the message.status events on their own, without a click.
  const firstRow = monitor.getByTestId('recipients-table').getByRole('row').nth(1);
  await expect(firstRow).toContainText('Delivered', { timeout: 10_000 });
  await monitor.getByTestId('filter-delivered').click();
  await expect(monitor.getByTestId('filter-delivered')).toHaveAttribute('aria-pressed', 'true');
  await expect(monitor.getByTestId('recipients-count')).toHaveText(`Matching recipients: ${ROWS}`);
  await expect(monitor.getByTestId('recipients-table').getByRole('row').nth(1)).toContainText('Delivered');
  await monitor.getByTestId('filter-failed').click();
  await expect(monitor.getByText('No recipient is in this state.')).toBeVisible();
  await monitor.getByTestId('filter-delivered').click();

  // A number as people type it.
  await monitor.getByLabel('Search recipients').fill('0160 5550007');
  await expect(monitor.getByTestId('recipients-count')).toHaveText('Matching recipients: 1');
  const rows = monitor.getByTestId('recipients-table').getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Kunde 7');
  await monitor.getByLabel('Search recipients').fill('');
  await monitor.getByTestId('filter-all').click();
  await expect(monitor.getByTestId('recipients-count')).toHaveText(`Matching recipients: ${ROWS}`);
  await page.screenshot({ path: 'test-results/screenshots/campaign-monitor-done-light.png' });

  const downloading = page.waitForEvent('download');
  await monitor.getByRole('button', { name: 'Export results (CSV)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Erinnerung Termin - results \d{4}-\d\d-\d\d\.csv$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toBe('"Number","Name","State","Reason","Sent at","Delivered at","Parts","Text"');
  expect(lines).toHaveLength(ROWS + 1);
  // The formula is defused with a leading quote; so is the number's "+".
  expect(lines[1]).toMatch(/^"'\+491605550000","'=HYPERLINK\(""http:\/\/example.com"",""Eve""\)","delivered","","\d{4}-\d\d-\d\d \d\d:\d\d:\d\d","\d{4}-/);
  expect(lines.slice(1).every((line) => line.includes('"delivered"'))).toBe(true);
  await expect(page.getByText(`${ROWS} recipients exported`)).toBeVisible();

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/campaign-monitor-done-dark.png' });

  await monitor.getByRole('button', { name: 'All campaigns' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Campaigns' })).toBeVisible();

  // In German, where labels are longest, the monitor must still fit.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.evaluate(() => localStorage.setItem('fanout.preferences', JSON.stringify({ state: { theme: 'system', language: 'de' }, version: 0 })));
  await page.reload();
  await page.getByRole('link', { name: 'Kampagnen' }).click();
  await page.getByTestId('campaign-card').filter({ hasText: 'Erinnerung Termin' }).click();
  await expect(monitor.getByTestId('monitor-eta')).toHaveText('Fertig');
  await expect(monitor.getByTestId('recipients-count')).toHaveText(`Passende Empfänger: ${ROWS}`);
  await page.screenshot({ path: 'test-results/screenshots/campaign-monitor-done-de-light.png' });
});
