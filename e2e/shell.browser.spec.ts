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

test('the printed address opens the app shell, connected, with the key out of the address bar', async ({ page }) => {
  await openFanout(page, serve);
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'connected');
  expect(page.url()).not.toContain('token');
  for (const screen of ['Modems', 'Contacts', 'Compose', 'Campaigns', 'Inbox', 'Settings']) {
    await page.getByRole('link', { name: screen }).click();
    await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
  }
});

test('a request and a pushed event travel over the bridge', async ({ page }) => {
  await openFanout(page, serve);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('app-version')).toHaveText(/\d+\.\d+\.\d+/);
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByTestId('ping-answer')).toContainText('Answer received');
  await expect(page.getByTestId('ping-event')).toContainText('Notice received by this window');
});

test('the connection indicator notices when serve goes away and the page never sees the key again', async ({ page }) => {
  const other = await startFanoutServe();
  await openFanout(page, other);
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'connected');
  await page.reload();
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'connected');
  await other.stop();
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', /disconnected|connecting/);
});

test('without the access key the page explains what to open instead', async ({ page }) => {
  await page.goto(serve.origin + '/');
  await expect(page.getByRole('heading', { name: 'This window needs its access key' })).toBeVisible();
});

test('calls without the key, from another origin, or malformed never reach the service', async ({ request }) => {
  const call = (body: unknown, headers: Record<string, string>) =>
    request.post(`${serve.origin}/api/call`, { data: body, headers: { 'content-type': 'application/json', ...headers } });
  const auth = { authorization: `Bearer ${serve.token}` };

  const missingToken = await call({ method: 'app.ping', args: { message: 'x' } }, {});
  expect(missingToken.status()).toBe(401);
  expect((await missingToken.json()).error.code).toBe('unauthorized');

  const foreignOrigin = await call({ method: 'app.ping', args: { message: 'x' } }, { ...auth, origin: 'http://evil.example' });
  expect(foreignOrigin.status()).toBe(403);

  const unknown = await call({ method: 'campaign.nuke', args: {} }, auth);
  expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown-method' } });

  const wrongTypes = await call({ method: 'app.ping', args: { message: 42 } }, auth);
  const wrong = await wrongTypes.json();
  expect(wrong).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  expect(wrong.error.details.join('\n')).toContain('args.message');
});

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots of every screen (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openFanout(page, serve);
    for (const screen of ['modems', 'contacts', 'compose', 'campaigns', 'inbox', 'settings']) {
      await page.goto(`${serve.origin}/#/${screen}`);
      await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'connected');
      await page.waitForFunction(() => Array.from(document.images).every((image: HTMLImageElement) => image.complete));
      await page.screenshot({ path: `test-results/screenshots/${theme}-${screen}.png` });
    }
  });
}
