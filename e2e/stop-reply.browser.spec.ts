import { expect, test } from '@playwright/test';
import { startFanoutServe, type RunningServe } from './support/fanout-serve';
import { addAnsweringDemoModems, composeFor, goToScreen, importContacts, openFanout, openNewCampaign, startCampaign } from './support/office-steps';

// Recipients answer STOP while the campaign runs: the window hears of each reply at once, the
// Inbox shows them as opt-outs, they land on the opt-out list, and the next campaign leaves them out.
let serve: RunningServe;
const ROWS = 16;
const STOP_EVERY = 4;

function contactsCsv(): Buffer {
  const lines = ['Vorname;Mobil'];
  for (let i = 0; i < ROWS; i++) lines.push(`Kunde${i};0171 ${String(4_440_000 + i)}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

test.beforeAll(async () => {
  serve = await startFanoutServe();
});

test.afterAll(async () => {
  await serve.stop();
});

test('STOP replies during a campaign: Inbox, opt-out list, and the next campaign leaves them out', async ({ page, request }) => {
  test.setTimeout(120_000);
  await openFanout(page, serve);
  await addAnsweringDemoModems(request, serve, { replyStopEvery: STOP_EVERY });
  await importContacts(page, { name: 'Newsletter.csv', csv: contactsCsv() }, ROWS);
  await composeFor(page, `Newsletter (${ROWS} contacts)`, 'Hallo {{Vorname}}, unser Frühjahrsangebot ist da. Abmelden: STOP');
  await startCampaign(await openNewCampaign(page, 'Frühjahr', 'service'));

  // Watch the Inbox while the campaign runs: the replies appear as they are pushed, well before
  // the Inbox's 15-second fallback refresh could have fetched them.
  await goToScreen(page, 'Inbox');
  const threads = page.getByRole('navigation', { name: 'Conversations' });
  await expect(threads.getByRole('button')).toHaveCount(ROWS / STOP_EVERY, { timeout: 12_000 });
  for (const thread of await threads.getByRole('button').all()) await expect(thread).toContainText('Opted out');
  await page.screenshot({ path: 'test-results/screenshots/inbox-stop-replies-light.png' });

  await goToScreen(page, 'Campaigns');
  const card = page.getByTestId('campaign-card').filter({ hasText: 'Frühjahr' });
  await expect(card).toHaveAttribute('data-state', 'completed', { timeout: 60_000 });

  await goToScreen(page, 'Contacts');
  await page.getByRole('button', { name: /Opt-out list/ }).click();
  await expect(page.getByTestId('opt-out-table').getByRole('row')).toHaveCount(ROWS / STOP_EVERY + 1);

  await goToScreen(page, 'Campaigns');
  await page.getByRole('button', { name: 'New campaign' }).click();
  await expect(page.getByTestId('new-campaign').getByTestId('campaign-estimate')).toContainText(
    `${ROWS - ROWS / STOP_EVERY} people will get ${ROWS - ROWS / STOP_EVERY} SMS in total; ${ROWS / STOP_EVERY} opted-out people are left out.`,
  );
});
