import { expect, test, type Locator, type Page } from '@playwright/test';
import { startFanoutServe, type RunningServe } from './support/fanout-serve';
import { addDemoModems, composeFor, goToScreen, importContacts, openFanout } from './support/office-steps';

// The new-campaign dialog's choice of modems and limits, end to end against `fanout serve` with
// two virtual modems: a campaign restricted to one of them at 4 SMS a minute goes only through
// that one and stops at 4 for the minute; a bad limit is refused beside its field in German.
let serve: RunningServe;
const ROWS = 10;
const PER_MINUTE = 4;

function contactsCsv(): Buffer {
  const lines = ['Name;Handy'];
  for (let i = 0; i < ROWS; i++) lines.push(`Kundin ${i};0171 ${String(4_440_000 + i)}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

test.beforeAll(async () => {
  serve = await startFanoutServe();
});

test.afterAll(async () => {
  await serve.stop();
});

async function callApi<T>(page: Page, method: string, args: unknown): Promise<T> {
  const response = await page.request.post(`${serve.origin}/api/call`, { headers: await serve.adminHeaders(), data: { method, args } });
  const envelope = (await response.json()) as { ok: boolean; value: T };
  expect(envelope.ok, `${method} answered ${JSON.stringify(envelope)}`).toBe(true);
  return envelope.value;
}

/** The whole dialog, light and dark, in a window tall enough that it does not scroll. */
async function screenshotDialog(page: Page, dialog: Locator, name: string): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 1800 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await dialog.screenshot({ path: `test-results/screenshots/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (viewport) await page.setViewportSize(viewport);
}

test('a campaign restricted to one modem at its own per-minute limit; a bad limit is refused beside the field, in German', async ({ page }) => {
  test.setTimeout(150_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await openFanout(page, serve);
  await addDemoModems(page);
  await importContacts(page, { name: 'Praxis.csv', csv: contactsCsv() }, ROWS);
  await composeFor(page, `Praxis (${ROWS} contacts)`, 'Ihre Brille ist abholbereit.');
  const { modems } = await callApi<{ modems: { simId: number; label: string; limits: { perMinute: number | null } }[] }>(page, 'modems.list', {});
  const [unused, chosen] = modems;
  if (!unused || !chosen) throw new Error('two demo modems expected');

  // In English first: the default is "all healthy modems", and both are listed.
  await goToScreen(page, 'Campaigns');
  await page.getByRole('button', { name: 'New campaign' }).click();
  let dialog = page.getByTestId('new-campaign');
  await expect(dialog.getByRole('radio', { name: /All healthy modems/ })).toBeChecked();
  await expect(dialog.getByTestId('campaign-sim')).toHaveCount(2);
  await expect(dialog.getByTestId('campaign-sending-time')).toBeVisible();
  await screenshotDialog(page, dialog.getByTestId('campaign-sims'), 'new-campaign-all-modems');
  await dialog.getByRole('radio', { name: /Only the modems I choose/ }).check();
  await expect(dialog.getByRole('checkbox', { name: new RegExp(chosen.label) })).toBeChecked();
  await dialog.getByRole('checkbox', { name: new RegExp(unused.label) }).uncheck();
  await dialog.getByLabel('Per minute').fill(String(PER_MINUTE));
  await expect(dialog.getByTestId('campaign-sending-time')).toContainText('with 1 modem(s)');
  await screenshotDialog(page, dialog, 'new-campaign-sims-limits');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Now in German, by the fields' ids: a limit of 0 goes to the service, which refuses it.
  await page.evaluate(() => localStorage.setItem('fanout.preferences', JSON.stringify({ state: { theme: 'system', language: 'de' }, version: 0 })));
  await page.reload();
  await expect(page.locator('nav.sidebar')).toBeVisible();
  await page.getByRole('link', { name: 'Kampagnen' }).click();
  await page.getByRole('button', { name: 'Neue Kampagne' }).click();
  dialog = page.getByTestId('new-campaign');
  await dialog.locator('#campaign-name').fill('Nur ein Modem');
  await dialog.locator('#campaign-list').selectOption({ index: 1 });
  await dialog.locator('#campaign-text').fill('Ihre Brille ist abholbereit.');
  await dialog.locator('input[name="campaign-purpose"][value="service"]').check();
  const quiet = dialog.locator('.checkbox', { hasText: 'Ruhezeit' }).locator('input');
  if ((await quiet.count()) > 0 && (await quiet.isChecked())) await quiet.uncheck();
  await dialog.locator('input[name="campaign-sims-mode"][value="chosen"]').check();
  await dialog.locator(`[data-sim-id="${unused.simId}"] input[type="checkbox"]`).uncheck();
  const perMinute = dialog.locator('#campaign-limit-perMinute');
  await expect(perMinute).toHaveAttribute('placeholder', chosen.limits.perMinute === null ? 'Kein SIM-Limit' : `SIM-Limit: ${chosen.limits.perMinute}`);

  // Text that is no number is marked at once, and "create" waits.
  await perMinute.fill('viele');
  await expect(dialog.locator('#campaign-limit-perMinute-error')).toHaveText('Eine ganze Zahl eingeben, z. B. 20.');
  const create = dialog.locator('.dialog__footer button').last();
  await expect(create).toBeDisabled();

  await perMinute.fill('0');
  await create.click();
  await expect(dialog.locator('#campaign-limit-perMinute-error')).toHaveText('Ein Limit ist 1 oder mehr. Lassen Sie das Feld leer, gilt das eigene Limit jeder SIM.');
  await expect(perMinute).toHaveAttribute('aria-invalid', 'true');
  await expect(perMinute).toBeFocused();
  await expect(dialog.getByRole('alert')).toContainText('Bitte prüfen Sie Ihre Eingabe');
  // Beside the field only; neither the English sentence nor a second copy in the notice.
  await expect(dialog).not.toContainText('Too small');
  await expect(dialog.getByText('Ein Limit ist 1 oder mehr', { exact: false })).toHaveCount(1);
  await screenshotDialog(page, dialog, 'new-campaign-limit-refused-de');
  expect((await callApi<{ campaigns: unknown[] }>(page, 'campaigns.list', {})).campaigns).toHaveLength(0);

  // Corrected, the field's text goes at once; the campaign is created and sends through the chosen modem only.
  await perMinute.fill(String(PER_MINUTE));
  await expect(dialog.locator('#campaign-limit-perMinute-error')).toHaveCount(0);
  await expect(perMinute).not.toHaveAttribute('aria-invalid', 'true');
  await create.click();
  await expect(dialog).toBeHidden();
  const card = page.getByTestId('campaign-card').filter({ hasText: 'Nur ein Modem' });
  await card.screenshot({ path: 'test-results/screenshots/campaign-sims-limits-card-de-light.png' });
  await expect(card.getByTestId('campaign-sending')).toHaveText(`Modems und Limits: Modems: ${chosen.label} · höchstens ${PER_MINUTE}/Min. je SIM`);

  await card.getByRole('button', { name: 'Nur ein Modem' }).click();
  const monitor = page.getByTestId('campaign-monitor');
  await expect(monitor.getByTestId('campaign-sending')).toContainText(chosen.label);
  // The limit holds the rest back for the minute, and the monitor says why.
  await expect(monitor.getByTestId('monitor-count-queued')).toContainText(String(ROWS - PER_MINUTE), { timeout: 30_000 });
  await expect(monitor).toContainText(`${PER_MINUTE} per minute`, { timeout: 30_000 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screenshots/campaign-sims-limits-monitor-de-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  const after = await callApi<{ modems: { simId: number; sentToday: number }[] }>(page, 'modems.list', {});
  expect(after.modems.find((modem) => modem.simId === chosen.simId)?.sentToday).toBe(PER_MINUTE);
  expect(after.modems.find((modem) => modem.simId === unused.simId)?.sentToday).toBe(0);
  const [campaign] = (await callApi<{ campaigns: { simIds: number[]; limits: unknown; counts: Record<string, number> }[] }>(page, 'campaigns.list', {})).campaigns;
  expect(campaign).toMatchObject({ simIds: [chosen.simId], limits: { perMinute: PER_MINUTE, perHour: null, perDay: null } });
  expect((campaign?.counts.sent ?? 0) + (campaign?.counts.delivered ?? 0)).toBe(PER_MINUTE);

  // The Modems screen shows the same: one card moved by the limit, the other did not move at all.
  await page.getByRole('link', { name: 'Modems' }).click();
  const sentToday = page.getByTestId('modem-sent-today');
  await expect(sentToday).toHaveCount(2);
  const texts = (await sentToday.allTextContents()).map((text) => /^(\d+) /.exec(text.trim())?.[1]).sort();
  expect(texts).toEqual(['0', String(PER_MINUTE)]);
  await page.screenshot({ path: 'test-results/screenshots/campaign-sims-limits-modems-de.png' });
  expect(pageErrors).toEqual([]);
});

test('the operators form marks a refused user name beside the field, in Chinese', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('fanout.preferences', JSON.stringify({ state: { theme: 'system', language: 'zh' }, version: 0 })));
  await openFanout(page, serve);
  await page.getByRole('link', { name: '设置' }).click();
  const form = page.locator('form.operators-panel__add');
  await form.locator('#operator-add-name').fill('Anna Maria');
  await form.locator('#operator-add-username').fill('anna maria');
  await form.locator('#operator-add-password').fill('ein langes Passwort');
  await form.locator('button[type="submit"]').click();
  await expect(form.locator('#operator-add-username-error')).toHaveText('请使用字母、数字和 . _ - @，不要有空格。');
  await expect(form.locator('#operator-add-username')).toHaveAttribute('aria-invalid', 'true');
  await expect(form).not.toContainText('A user name may contain');
  await form.scrollIntoViewIfNeeded();
  await form.screenshot({ path: 'test-results/screenshots/operators-username-refused-zh-light.png' });
});

test('the modem and limit choice fits at 125% zoom in German, without sideways scrolling', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 640 }, deviceScaleFactor: 1.25, colorScheme: 'light' });
  await context.addInitScript(() => localStorage.setItem('fanout.preferences', JSON.stringify({ state: { theme: 'system', language: 'de' }, version: 0 })));
  const page = await context.newPage();
  await openFanout(page, serve);
  // A third modem that waits for its PIN: listed, and said why it does not send.
  await callApi(page, 'modems.startDemo', { count: 1, pin: '1234' });
  await page.getByRole('link', { name: 'Kampagnen' }).click();
  await page.getByRole('button', { name: 'Neue Kampagne' }).first().click();
  const dialog = page.getByTestId('new-campaign');
  await expect(dialog.locator('.sim-checklist__why')).toHaveText(['Wartet auf die SIM-PIN. Geben Sie die PIN unter „Modems“ ein, um es zu nutzen.']);
  await dialog.locator('input[name="campaign-sims-mode"][value="chosen"]').check();
  // The one that cannot send is not ticked for the user.
  await expect(dialog.locator('.sim-checklist__item--idle input[type="checkbox"]')).not.toBeChecked();
  // Keyboard: from the choice of modems into the checklist and on to the limits.
  await dialog.locator('input[name="campaign-sims-mode"][value="chosen"]').focus();
  await page.keyboard.press('Tab');
  const firstBox = dialog.getByTestId('campaign-sim').first().locator('input[type="checkbox"]');
  await expect(firstBox).toBeFocused();
  const wasChecked = await firstBox.isChecked();
  await page.keyboard.press('Space');
  await expect(firstBox).toBeChecked({ checked: !wasChecked });
  for (let rows = await dialog.getByTestId('campaign-sim').count(); rows > 0; rows--) await page.keyboard.press('Tab');
  await expect(dialog.locator('#campaign-limit-perMinute')).toBeFocused();
  await dialog.getByTestId('campaign-sims').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/new-campaign-sims-de-light-125.png' });
  const overflow = await dialog.locator('.dialog__body').evaluate((body) => body.scrollWidth - body.clientWidth);
  expect(overflow).toBe(0);
  await context.close();
});
