import { expect, test } from '@playwright/test';
import { startFanoutServe, type RunningServe } from './support/fanout-serve';
import { addDemoModems, composeFor, goToScreen, openFanout, openNewCampaign, startCampaign } from './support/office-steps';

// Consent end to end: a file whose "Newsletter" column says who agreed is imported with that
// column chosen in the wizard; a marketing campaign then reaches only them, and the monitor says
// how many were held back and why. Settings show quiet hours per purpose.
let serve: RunningServe;

test.beforeAll(async () => {
  serve = await startFanoutServe();
});

test.afterAll(async () => {
  await serve.stop();
});

const csv = Buffer.from(
  ['Name;Handy;Newsletter', 'Anna;0160 5551001;ja', 'Ben;0160 5551002;nein', 'Cem;0160 5551003;01.02.2025', 'Dora;0160 5551004;', 'Emil;0160 5551005;x'].join('\r\n') + '\r\n',
  'utf8',
);

test('consent column at import, marketing only to those who agreed, held-back reasons in the monitor', async ({ page }) => {
  test.setTimeout(150_000);
  await openFanout(page, serve);
  await addDemoModems(page);

  await goToScreen(page, 'Contacts');
  await page.getByRole('button', { name: 'Import CSV file' }).first().click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('import-file-input').setInputFiles({ name: 'Newsletter.csv', mimeType: 'text/csv', buffer: csv });
  const consent = wizard.getByTestId('import-consent');
  await consent.getByTestId('import-consent-column-choice').check();
  await expect(consent.getByTestId('import-consent-column')).toHaveValue('2');
  await consent.getByTestId('import-consent-wording').fill('Newsletter-Anmeldung im Laden, Version 2');
  await consent.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/import-consent-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/import-consent-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await wizard.getByRole('button', { name: 'Import contacts' }).click();
  await expect(wizard.getByTestId('import-imported')).toContainText('5', { timeout: 30_000 });
  await expect(wizard.getByTestId('import-consents')).toContainText('3');
  await wizard.getByRole('button', { name: 'Done' }).click();

  await composeFor(page, 'Newsletter (5 contacts)', 'Frühlingsangebot: 20 % auf alles. Abmelden: STOP an 0160 5550000');
  await startCampaign(await openNewCampaign(page, 'Frühling', 'marketing'));

  await page.getByTestId('campaign-card').filter({ hasText: 'Frühling' }).getByRole('button', { name: 'Frühling' }).click();
  const monitor = page.getByTestId('campaign-monitor');
  await expect(monitor).toHaveAttribute('data-state', 'completed', { timeout: 60_000 });
  const blocked = monitor.getByTestId('monitor-blocked');
  await expect(blocked.getByTestId('blocked-reason')).toHaveCount(1);
  await expect(blocked.getByTestId('blocked-reason')).toHaveText(/No consent for marketing\s*2/);
  await expect(monitor.getByTestId('monitor-count-sent').or(monitor.getByTestId('monitor-count-delivered')).first()).toBeVisible();
  await blocked.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/monitor-blocked-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/monitor-blocked-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  await goToScreen(page, 'Settings');
  const panel = page.locator('#quiet-hours').or(page.getByTestId('quiet-marketing-window').locator('..')).first();
  await expect(page.getByTestId('quiet-marketing-window').getByRole('checkbox')).toBeChecked();
  await expect(page.getByTestId('quiet-window').getByRole('checkbox')).not.toBeChecked();
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/settings-quiet-hours-light.png' });
});
