import { expect, test, type Page } from '@playwright/test';
import { startFanoutServe, type OperatorLogin, type RunningServe } from './support/fanout-serve';
import { goToScreen, openFanout, signIn } from './support/office-steps';

// Operator accounts over `serve`: no default account (the first start creates the admin), the
// lock screen, the login with its lock-out, and roles enforced by the service, not the page.

const viewer: OperatorLogin = { username: 'vera', displayName: 'Vera Viewer', password: 'only looking 2026' };

for (const theme of ['light', 'dark'] as const) {
  test(`first start creates the admin; lock, unlock, sign out and in again (${theme})`, async ({ page }) => {
    const serve = await startFanoutServe();
    try {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(serve.url);
      const firstRun = page.getByTestId('first-admin-screen');
      await expect(firstRun.getByRole('heading', { name: 'Create the administrator account' })).toBeVisible();
      await expect(firstRun).toContainText('there is no default password');
      await expect(page.getByRole('navigation', { name: 'Main menu' })).toHaveCount(0);
      await firstRun.getByLabel('Your name').fill(serve.admin.displayName);
      await firstRun.getByLabel('User name').fill(serve.admin.username);
      await firstRun.getByLabel('Password', { exact: true }).fill(serve.admin.password);
      await firstRun.getByLabel('Repeat the password').fill(`${serve.admin.password}x`);
      await expect(firstRun.getByRole('alert')).toHaveText('The two passwords are not the same.');
      await expect(firstRun.getByRole('button', { name: 'Create account and sign in' })).toBeDisabled();
      await page.screenshot({ path: `test-results/screenshots/operators-first-run-${theme}.png` });
      await firstRun.getByLabel('Repeat the password').fill(serve.admin.password);
      await firstRun.getByRole('button', { name: 'Create account and sign in' }).click();

      const who = page.getByTestId('signed-in-operator');
      await expect(who).toContainText('Anna Admin');
      await expect(who).toContainText('Admin');
      await page.screenshot({ path: `test-results/screenshots/operators-signed-in-${theme}.png` });

      await who.getByRole('button', { name: 'Lock' }).click();
      const lock = page.getByTestId('lock-screen');
      await expect(lock.getByRole('heading', { name: 'Fanout is locked' })).toBeVisible();
      await expect(lock).toContainText('Signed in as Anna Admin');
      await lock.getByLabel('Password').fill('not the password');
      await lock.getByRole('button', { name: 'Unlock' }).click();
      await expect(lock.getByRole('alert')).toContainText('That password is wrong.');
      await page.screenshot({ path: `test-results/screenshots/operators-lock-${theme}.png` });
      await lock.getByLabel('Password').fill(serve.admin.password);
      await lock.getByRole('button', { name: 'Unlock' }).click();
      await expect(who).toBeVisible();

      // A reload keeps the tab signed in; signing out shows the login screen.
      await page.reload();
      await expect(who).toBeVisible();
      await who.getByRole('button', { name: 'Sign out' }).click();
      const login = page.getByTestId('login-screen');
      await expect(login.getByRole('heading', { name: 'Sign in to Fanout' })).toBeVisible();
      await login.getByLabel('User name').fill('chefin');
      await login.getByLabel('Password').fill('admin');
      await login.getByRole('button', { name: 'Sign in' }).click();
      await expect(login.getByRole('alert')).toContainText('The user name or the password is wrong.');
      await page.screenshot({ path: `test-results/screenshots/operators-login-${theme}.png` });
      await signIn(page, serve.admin);
      await expect(who).toContainText('Anna Admin');
    } finally {
      await serve.stop();
    }
  });
}

test.describe('roles over serve', () => {
  test.describe.configure({ mode: 'serial' });
  let serve: RunningServe;
  test.beforeAll(async () => {
    serve = await startFanoutServe();
  });
  test.afterAll(async () => {
    await serve.stop();
  });

  async function callAsAdmin(method: string, args: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${serve.origin}/api/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await serve.adminHeaders()) },
      body: JSON.stringify({ method, args }),
    });
    const envelope = (await response.json()) as { ok: boolean; value: Record<string, unknown>; error?: { message: string } };
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
    return envelope.value;
  }

  /** A raw call from inside the page, with the token and the session this tab holds, as its bridge sends them. */
  function callFromPage(page: Page, method: string, args: unknown) {
    return page.evaluate(
      async ({ method, args }) => {
        const response = await fetch('/api/call', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${sessionStorage.getItem('fanout.accessToken')}`,
            'x-fanout-session': sessionStorage.getItem('fanout.session') ?? '',
          },
          body: JSON.stringify({ method, args }),
        });
        return (await response.json()) as unknown;
      },
      { method, args },
    );
  }

  test('the admin adds a Viewer in Settings → Operators', async ({ page }) => {
    await openFanout(page, serve);
    await goToScreen(page, 'Settings');
    const panel = page.getByTestId('operators-panel');
    await expect(panel.getByTestId('operator-row')).toHaveCount(1);
    await panel.getByLabel('Name', { exact: true }).fill(viewer.displayName);
    await panel.getByLabel('User name').fill(viewer.username);
    await panel.getByLabel('Viewer').check();
    await panel.getByLabel('Password').fill(viewer.password);
    await panel.getByRole('button', { name: 'Add operator' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Vera Viewer can now sign in as “vera”' })).toBeVisible();
    const row = panel.locator('[data-testid="operator-row"][data-username="vera"]');
    await expect(row.getByRole('combobox')).toHaveValue('viewer');
    await expect(row).toContainText('Active');
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: 'test-results/screenshots/operators-panel-light.png' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: 'test-results/screenshots/operators-panel-dark.png' });
  });

  test("a Viewer's request to start a campaign is refused over serve, and the campaign stays a draft", async ({ browser }) => {
    const list = (await callAsAdmin('contacts.createList', { name: 'Kunden' })) as { id: number };
    await callAsAdmin('contacts.create', { phone: '+49 170 1234567', name: 'Erika', listIds: [list.id] });
    const created = (await callAsAdmin('campaigns.create', { name: 'Frühjahr', template: 'Hallo!', listIds: [list.id] })) as {
      campaign: { id: number; state: string };
    };
    expect(created.campaign.state).toBe('draft');

    const context = await browser.newContext();
    const page = await context.newPage();
    await openFanout(page, serve, viewer);
    await expect(page.getByTestId('signed-in-operator')).toContainText('Viewer');
    await goToScreen(page, 'Settings');
    await expect(page.getByTestId('operators-panel')).toHaveCount(0);
    // The screens offer a Viewer nothing that changes data; the service below refuses it anyway.
    await goToScreen(page, 'Campaigns');
    await expect(page.getByText('Frühjahr')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start sending' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'New campaign' })).toHaveCount(0);
    await goToScreen(page, 'Contacts');
    await expect(page.getByRole('button', { name: 'Import CSV file' })).toHaveCount(0);

    const refused = await callFromPage(page, 'campaigns.start', { campaignId: created.campaign.id });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'This needs the Sender role or higher; you are signed in as Viewer. Ask an administrator if you need it.',
        details: ['campaigns.start needs Sender'],
      },
    });
    // The same tab may read: the refusal is about the role, not a broken session.
    expect(await callFromPage(page, 'campaigns.list', {})).toMatchObject({ ok: true });
    const after = (await callAsAdmin('campaigns.get', { campaignId: created.campaign.id })) as { state: string };
    expect(after.state).toBe('draft');
    // Without the session the access token alone is not enough.
    const anonymous = await page.evaluate(async () => {
      const response = await fetch('/api/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('fanout.accessToken')}` },
        body: JSON.stringify({ method: 'campaigns.list', args: {} }),
      });
      return (await response.json()) as unknown;
    });
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'not-signed-in' } });
    await context.close();
  });

  test('five wrong passwords lock the account out until an admin unlocks it', async ({ browser, page }) => {
    const context = await browser.newContext();
    const viewerPage = await context.newPage();
    await viewerPage.goto(serve.url);
    const login = viewerPage.getByTestId('login-screen');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await login.getByLabel('User name').fill(viewer.username);
      await login.getByLabel('Password').fill(`wrong ${attempt}`);
      await login.getByRole('button', { name: 'Sign in' }).click();
      await expect(login.getByRole('alert')).toContainText(attempt < 5 ? 'The user name or the password is wrong.' : 'locked after 5 wrong passwords');
    }
    await expect(login.getByRole('alert')).toContainText('Ask an administrator to unlock it, or try again in 15 minutes.');

    await openFanout(page, serve);
    await goToScreen(page, 'Settings');
    const row = page.locator('[data-testid="operator-row"][data-username="vera"]');
    await expect(row).toContainText('Locked out');
    await row.getByRole('button', { name: 'Unlock' }).click();
    await expect(row).toContainText('Active');

    await signIn(viewerPage, viewer);
    await expect(viewerPage.getByTestId('signed-in-operator')).toContainText('Vera Viewer');
    await context.close();
  });
});
