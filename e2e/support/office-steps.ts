import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { OperatorLogin, RunningServe } from './fanout-serve';

// The steps an office user takes on the way to a campaign, shared by the end-to-end flows so
// each spec reads as what it checks, not how to get there.

/**
 * Opens the address `serve` printed and signs in as the run's admin: on the first-run screen
 * the admin account is created (Fanout has no default one), later the login screen is used. A
 * tab that is already signed in (reload, another screen's address) goes straight on.
 */
export async function openFanout(page: Page, serve: RunningServe, as: OperatorLogin = serve.admin): Promise<void> {
  await page.goto(serve.url);
  await signIn(page, as);
}

/** Whatever sign-in screen shows, gets past it as `as`; ends on the app, connected. In any language (ids, not labels). */
export async function signIn(page: Page, as: OperatorLogin): Promise<void> {
  const firstRun = page.getByTestId('first-admin-screen');
  const login = page.getByTestId('login-screen');
  const app = page.locator('nav.sidebar');
  await expect(firstRun.or(login).or(app)).toBeVisible({ timeout: 15_000 });
  if (await firstRun.isVisible()) {
    await page.locator('#first-admin-name').fill(as.displayName);
    await page.locator('#first-admin-username').fill(as.username);
    await page.locator('#first-admin-password').fill(as.password);
    await page.locator('#first-admin-repeat').fill(as.password);
    await firstRun.locator('button[type="submit"]').click();
  } else if (await login.isVisible()) {
    await page.locator('#login-username').fill(as.username);
    await page.locator('#login-password').fill(as.password);
    await login.locator('button[type="submit"]').click();
  }
  await expect(app).toBeVisible();
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'connected');
}

export async function goToScreen(page: Page, screen: string): Promise<void> {
  await page.getByRole('link', { name: screen }).click();
  await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
}

/** Two virtual modems from the Modems screen, waited for until both are ready. */
export async function addDemoModems(page: Page): Promise<void> {
  await goToScreen(page, 'Modems');
  await page.getByRole('button', { name: 'Add virtual modems (demo)' }).click();
  await expect(page.locator('[data-testid="modem-card"][data-state="ready"]')).toHaveCount(2);
}

/** A CSV through the import wizard with its guesses accepted; checks how many were imported. */
export async function importContacts(page: Page, file: { name: string; csv: Buffer }, expectedImported: number): Promise<void> {
  await goToScreen(page, 'Contacts');
  await page.getByRole('button', { name: 'Import CSV file' }).first().click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('import-file-input').setInputFiles({ name: file.name, mimeType: 'text/csv', buffer: file.csv });
  await expect(wizard.getByTestId('import-delimiter')).toHaveValue(';');
  await wizard.getByRole('button', { name: 'Import contacts' }).click();
  await expect(wizard.getByTestId('import-imported')).toContainText(String(expectedImported), { timeout: 30_000 });
  await wizard.getByRole('button', { name: 'Done' }).click();
}

export async function composeFor(page: Page, listLabel: string, text: string): Promise<void> {
  await goToScreen(page, 'Compose');
  await page.getByLabel('Send to').selectOption({ label: listLabel });
  await page.getByLabel('Text', { exact: true }).fill(text);
}

/**
 * Two demo modems whose recipients answer (every Nth with STOP, or with the given replies in
 * turn). Through the API after the window has signed in: no button offers answering recipients.
 */
export async function addAnsweringDemoModems(
  request: APIRequestContext,
  serve: RunningServe,
  answers: { replyStopEvery: number; replies?: readonly string[] },
): Promise<void> {
  const demo = await request.post(`${serve.origin}/api/call`, {
    headers: await serve.adminHeaders(),
    data: { method: 'modems.startDemo', args: { count: 2, ...answers } },
  });
  expect(await demo.json()).toEqual({ ok: true, value: { added: 2 } });
}

/**
 * Opens "New campaign" on the Campaigns screen, names it and chooses its purpose. Quiet hours
 * are turned off so a test does not depend on the time of day it runs at.
 */
export async function openNewCampaign(page: Page, name: string, purpose: 'service' | 'marketing'): Promise<Locator> {
  await goToScreen(page, 'Campaigns');
  await page.getByRole('button', { name: 'New campaign' }).click();
  const dialog = page.getByTestId('new-campaign');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel(purpose === 'service' ? 'Service (reminders, alerts)' : 'Marketing (offers, newsletters)').check();
  const quiet = dialog.getByLabel(/No messages between/);
  if ((await quiet.count()) > 0 && (await quiet.isChecked())) await quiet.uncheck();
  return dialog;
}

/** "Create and start sending" in an open new-campaign dialog. */
export async function startCampaign(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Create and start sending' }).click();
  await expect(dialog).toBeHidden();
}
