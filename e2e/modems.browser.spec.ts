import { expect, test } from '@playwright/test';
import { startFanoutServe, type RunningServe } from './support/fanout-serve';
import { openFanout } from './support/office-steps';

let serve: RunningServe;

test.beforeAll(async () => {
  serve = await startFanoutServe();
});

test.afterAll(async () => {
  await serve.stop();
});

test('first run offers the demo, whose virtual modems come up ready and show their AT traffic', async ({ page }) => {
  await openFanout(page, serve);
  await page.getByRole('link', { name: 'Modems' }).click();
  await expect(page.getByRole('heading', { name: 'No modems connected' })).toBeVisible();
  await expect(page.getByText('Try Fanout with virtual modems')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/modems-first-run-light.png' });

  await page.getByRole('button', { name: 'Add virtual modems (demo)' }).click();
  const cards = page.getByTestId('modem-card');
  await expect(cards).toHaveCount(2);
  for (const card of await cards.all()) {
    await expect(card).toHaveAttribute('data-state', 'ready');
    await expect(card.getByText('Demo', { exact: true })).toBeVisible();
    await expect(card.getByText('Ready', { exact: true })).toBeVisible();
    await expect(card.getByText(/^\d{15}$/)).toBeVisible();
  }
  await expect(page.getByRole('status').filter({ hasText: 'virtual modems added' })).toBeVisible();

  await cards.first().getByRole('button', { name: 'Show AT log' }).click();
  const log = page.getByTestId('traffic-log');
  await expect(log).toBeVisible();
  await expect(log.locator('pre')).toContainText('AT+CGSN');
  await page.screenshot({ path: 'test-results/screenshots/modems-log-light.png' });
  await page.keyboard.press('Escape');
  await expect(log).toBeHidden();
});

for (const theme of ['light', 'dark'] as const) {
  test(`modem cards look right (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openFanout(page, serve);
    await page.getByRole('link', { name: 'Modems' }).click();
    await expect(page.getByTestId('modem-card').first()).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/modems-${theme}.png` });
  });
}
