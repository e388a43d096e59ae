import { expect, test, type Page } from '@playwright/test';
import { startFanoutServe, type RunningServe } from './support/fanout-serve';
import { addDemoModems, composeFor, goToScreen, importContacts, openFanout } from './support/office-steps';

// A campaign scheduled for later: the purpose must be chosen, a time in the past is refused, the
// card says when it starts, and "Start now" sends it at once. Marketing explains consent and warns
// live about a missing opt-out hint.
let serve: RunningServe;
const ROWS = 6;

function contactsCsv(): Buffer {
  const lines = ['Name;Handy', ...Array.from({ length: ROWS }, (_, i) => `Kundin ${i};0160 ${String(7_770_000 + i)}`)];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

function localFields(at: Date): { date: string; time: string } {
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`, time: `${two(at.getHours())}:${two(at.getMinutes())}` };
}

async function screenshotDialog(page: Page, name: string, inView: string): Promise<void> {
  // The dialog's body scrolls; show the part the screenshot is about.
  await page.getByTestId('new-campaign').getByTestId(inView).scrollIntoViewIfNeeded();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.getByTestId('new-campaign').screenshot({ path: `test-results/screenshots/${name}-${theme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test.beforeAll(async () => {
  serve = await startFanoutServe();
});

test.afterAll(async () => {
  await serve.stop();
});

test('schedule a campaign for later, see when it starts, then start it now', async ({ page }) => {
  test.setTimeout(120_000);
  await openFanout(page, serve);
  await addDemoModems(page);
  await importContacts(page, { name: 'Termine.csv', csv: contactsCsv() }, ROWS);
  await composeFor(page, `Termine (${ROWS} contacts)`, 'Sonderangebot: 20 % auf alles bis Samstag!');

  await goToScreen(page, 'Campaigns');
  await page.getByRole('button', { name: 'New campaign' }).click();
  const dialog = page.getByTestId('new-campaign');
  await dialog.getByLabel('Name').fill('Später senden');
  const create = dialog.getByRole('button', { name: /Create and/ });

  // No purpose is chosen for the user.
  await expect(dialog.getByRole('radio', { name: /Service/ })).not.toBeChecked();
  await expect(dialog.getByRole('radio', { name: /Marketing/ })).not.toBeChecked();
  await expect(dialog.getByText('Choose what the campaign is for.')).toBeVisible();
  await expect(create).toBeDisabled();

  // Marketing: consent explained, and the missing opt-out hint flagged while typing.
  await dialog.getByLabel(/Marketing \(offers, newsletters\)/).check();
  await expect(dialog.getByTestId('marketing-consent')).toContainText('Only contacts who agreed to receive marketing');
  await expect(dialog.getByTestId('opt-out-hint-missing')).toBeVisible();
  await dialog.getByLabel('Message', { exact: true }).fill('Sonderangebot: 20 % auf alles bis Samstag! Abmelden: STOP an 0151 12345678');
  await expect(dialog.getByTestId('opt-out-hint-missing')).toBeHidden();
  await dialog.getByLabel('Message', { exact: true }).fill('Sonderangebot: 20 % auf alles bis Samstag!');
  await expect(dialog.getByTestId('opt-out-hint-missing')).toBeVisible();
  await screenshotDialog(page, 'campaign-purpose-marketing', 'opt-out-hint-missing');

  // Service, later: a time in the past is refused, a time ahead is shown with the time zone.
  await dialog.getByLabel(/Service \(reminders, alerts\)/).check();
  await expect(dialog.getByTestId('marketing-consent')).toBeHidden();
  await dialog.getByLabel('Later, at a date and time').check();
  const past = localFields(new Date(Date.now() - 3_600_000));
  await dialog.getByLabel('Date', { exact: true }).fill(past.date);
  await dialog.getByLabel('Time', { exact: true }).fill(past.time);
  await expect(dialog.getByTestId('campaign-start-help')).toHaveText('This time has passed already. Choose a later date or time.');
  await expect(create).toBeDisabled();
  const later = new Date(Date.now() + 2 * 3_600_000);
  const ahead = localFields(later);
  await dialog.getByLabel('Date', { exact: true }).fill(ahead.date);
  await dialog.getByLabel('Time', { exact: true }).fill(ahead.time);
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await expect(dialog.getByTestId('campaign-start-help')).toContainText(`your time (${zone}`);
  await expect(create).toHaveText('Create and schedule');
  await screenshotDialog(page, 'campaign-schedule', 'campaign-start-help');
  await create.click();
  await expect(dialog).toBeHidden();

  const card = page.getByTestId('campaign-card').filter({ hasText: 'Später senden' });
  await expect(card).toHaveAttribute('data-state', 'scheduled');
  await expect(card.getByTestId('campaign-starts-at')).toContainText('Starts');
  await expect(card.getByTestId('campaign-starts-at')).toContainText(later.toLocaleTimeString('en', { hour: 'numeric', minute: '2-digit' }));
  await expect(card).toContainText('Service');
  await expect(card.getByRole('button', { name: 'Cancel campaign' })).toBeVisible();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await card.screenshot({ path: `test-results/screenshots/campaign-scheduled-card-${theme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  // Still waiting a moment later: nothing goes out before its time.
  await page.waitForTimeout(1_000);
  await expect(card.getByTestId('count-queued')).toContainText(String(ROWS));

  await card.getByRole('button', { name: 'Start now' }).click();
  await expect(card).toHaveAttribute('data-state', 'completed', { timeout: 60_000 });
  await expect(card.getByTestId('campaign-progress-text')).toHaveText(`${ROWS} of ${ROWS} done`);
});

test('Settings shows where the data is; a folder given to serve is not changed there', async ({ page }) => {
  await openFanout(page, serve);
  await goToScreen(page, 'Settings');
  const panel = page.getByTestId('settings-data-location');
  await expect(panel.getByTestId('data-dir')).toHaveText(serve.dataDir);
  await expect(panel).toContainText('This folder was set when Fanout was started (--data-dir)');
  await expect(panel.getByRole('button', { name: 'Change folder…' })).toHaveCount(0);
  await panel.scrollIntoViewIfNeeded();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await panel.screenshot({ path: `test-results/screenshots/settings-data-location-${theme}.png` });
  }
});
