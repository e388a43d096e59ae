import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { startFanoutServe, type RunningServe } from './support/fanout-serve';
import { openFanout } from './support/office-steps';

// SIM PIN, balance and per-SIM limits on the Modems screen, and Compose's test send, against
// `fanout serve` with virtual modems. The PIN-locked modem comes from modems.startDemo's `pin`
// (a demo/testing feature): the UI's demo button adds unlocked ones.

let serve: RunningServe;

test.beforeAll(async () => {
  serve = await startFanoutServe();
});

test.afterAll(async () => {
  await serve.stop();
});

test.describe.configure({ mode: 'serial' });

async function callApi(request: APIRequestContext, method: string, args: unknown): Promise<unknown> {
  const response = await request.post(`${serve.origin}/api/call`, {
    data: { method, args },
    headers: { 'content-type': 'application/json', ...(await serve.adminHeaders()) },
  });
  const envelope = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value;
}

async function open(page: Page, screen: string) {
  await openFanout(page, serve);
  await page.getByRole('link', { name: screen }).click();
  await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
}

test('a SIM that asks for its PIN: a wrong PIN is refused once and never tried again, the right one unlocks it', async ({ page, request }) => {
  await callApi(request, 'modems.startDemo', { count: 1, pin: '2468' });
  await open(page, 'Modems');
  const card = page.getByTestId('modem-card');
  await expect(card).toHaveAttribute('data-state', 'pin-required');
  await expect(card.getByText('Needs SIM PIN')).toBeVisible();

  await card.getByRole('button', { name: 'Enter PIN' }).click();
  const dialog = page.getByTestId('pin-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('A SIM locks after 3 wrong PINs');
  const pin = dialog.getByLabel('PIN of the SIM card');
  await expect(pin).toHaveAttribute('type', 'password');
  await pin.fill('12ab');
  await expect(pin).toHaveValue('12');
  await expect(dialog.getByRole('button', { name: 'Unlock SIM' })).toBeDisabled();

  await pin.fill('1111');
  await dialog.getByRole('button', { name: 'Unlock SIM' }).click();
  await expect(dialog.getByRole('alert')).toContainText('The PIN was refused. 2 tries left before the SIM locks — check the PIN and enter it again.');
  await expect(card.getByTestId('pin-refused')).toHaveText('The PIN was refused. 2 tries left before the SIM locks — check the PIN and enter it again.');
  await page.screenshot({ path: 'test-results/screenshots/modems-pin-refused-light.png' });

  await pin.fill('1111');
  await dialog.getByRole('button', { name: 'Unlock SIM' }).click();
  await expect(dialog.getByRole('alert')).toContainText('did not try it again');
  await expect(card.getByTestId('pin-refused')).toContainText('2 tries left');

  await pin.fill('2468');
  await dialog.getByRole('button', { name: 'Unlock SIM' }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toHaveAttribute('data-state', 'ready');
  await expect(card.getByTestId('pin-refused')).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Enter PIN' })).toHaveCount(0);
});

test('checks the balance by USSD and shows the reply with when it was checked', async ({ page }) => {
  await open(page, 'Modems');
  const card = page.getByTestId('modem-card').first();
  const balance = card.getByTestId('balance');
  await expect(balance).toContainText('Not checked yet');
  await balance.getByRole('button', { name: 'Check balance' }).click();
  await expect(balance.getByTestId('balance-text')).toContainText('Your balance is 12.34 EUR.');
  await expect(balance).toContainText('checked ');

  await balance.getByLabel('USSD code for the balance').fill('100');
  await balance.getByRole('button', { name: 'Check balance' }).click();
  await expect(balance.getByRole('alert')).toContainText('*100#');
});

test("sets a SIM's limits and shows today's count against the daily limit", async ({ page }) => {
  await open(page, 'Modems');
  const card = page.getByTestId('modem-card').first();
  await expect(card.getByTestId('modem-sent-today')).toHaveText('0 SMS sent today (no daily limit)');
  await card.getByRole('button', { name: 'Edit limits' }).click();
  const form = card.getByTestId('limits-form');
  await form.getByLabel('Per day').fill('0');
  await expect(form).toContainText('Enter a whole number of 1 or more');
  await expect(form.getByRole('button', { name: 'Save limits' })).toBeDisabled();
  await form.getByLabel('Per minute').fill('6');
  await form.getByLabel('Per day').fill('500');
  await form.getByRole('button', { name: 'Save limits' }).click();
  await expect(form).toBeHidden();
  await expect(card.getByTestId('modem-sent-today')).toHaveText('0 of 500 SMS sent today');
  await expect(card.getByTestId('modem-limits')).toHaveText('6 per minute · no limit per hour · 500 per day');

  await page.reload();
  await expect(page.getByTestId('modem-card').first().getByTestId('modem-sent-today')).toHaveText('0 of 500 SMS sent today');
});

test('sends a test from Compose to one number, and refuses a number it cannot read', async ({ page, request }) => {
  const list = (await callApi(request, 'contacts.createList', { name: 'Testliste' })) as { id: number };
  await callApi(request, 'contacts.create', { phone: '0151 11112222', name: 'Jürgen', fields: { Vorname: 'Jürgen' }, listIds: [list.id] });
  await open(page, 'Compose');
  await page.locator('#compose-text').fill('Hallo {{Vorname}}, Ihr Termin steht 😀');
  const panel = page.getByTestId('test-send');
  await panel.getByLabel('Send a test to…').fill('12');
  await panel.getByRole('button', { name: 'Send test' }).click();
  await expect(panel.getByRole('alert')).toContainText('"12" cannot be used');

  await panel.getByLabel('Send a test to…').fill('0151 23456789');
  await panel.getByRole('button', { name: 'Send test' }).click();
  await expect(panel.getByTestId('test-send-result')).toContainText('Sent to +4915123456789 through');
  await expect(panel.getByTestId('test-send-result')).toContainText('1 part(s)');
  await page.screenshot({ path: 'test-results/screenshots/compose-test-send-light.png', fullPage: true });
});

for (const theme of ['light', 'dark'] as const) {
  test(`modem card with PIN, balance and limits looks right (${theme})`, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: theme });
    if (theme === 'light') await callApi(request, 'modems.startDemo', { count: 1, pin: '1357' });
    await open(page, 'Modems');
    await expect(page.getByTestId('modem-card').first().getByTestId('balance-text')).toBeVisible();
    await expect(page.locator('[data-testid="modem-card"][data-state="pin-required"]').first()).toBeVisible();
    // The rate needs a few seconds of watching before it says anything.
    await expect(page.getByTestId('modem-card').first().getByTestId('modem-rate')).toHaveText('0 SMS per minute', { timeout: 15_000 });
    await page.screenshot({ path: `test-results/screenshots/modems-pin-balance-${theme}.png`, fullPage: true });
    await page.locator('[data-testid="modem-card"][data-state="pin-required"]').first().getByRole('button', { name: 'Enter PIN' }).click();
    await expect(page.getByTestId('pin-dialog')).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/modems-pin-dialog-${theme}.png` });
    await page.keyboard.press('Escape');

    await page.getByTestId('modem-card').first().getByRole('button', { name: 'Edit limits' }).click();
    await expect(page.getByTestId('limits-form')).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/modems-limits-form-${theme}.png` });

    await page.getByRole('link', { name: 'Compose' }).click();
    await page.locator('#compose-text').fill('Hallo {{Vorname}}, Ihr Termin steht.');
    await page.getByTestId('test-send').getByLabel('Send a test to…').fill('+49 151 23456789');
    await page.getByTestId('test-send').getByRole('button', { name: 'Send test' }).click();
    await expect(page.getByTestId('test-send-result')).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/compose-test-send-${theme}.png`, fullPage: true });
  });
}
