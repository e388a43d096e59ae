import { expect, test, type Page } from '@playwright/test';
import { startFanoutServe, type RunningServe } from './support/fanout-serve';
import { addAnsweringDemoModems, composeFor, goToScreen, importContacts, openFanout, openNewCampaign, startCampaign } from './support/office-steps';

// Recipients answer a campaign with a near miss, HELP, an exact STOP and a thank-you: the Inbox
// says what each one meant, shows Fanout's automatic answers in the thread, and the near miss
// waits for a person until one opts the sender out.
let serve: RunningServe;
const ROWS = 8;
const REPLY_EVERY = 2;
const REPLIES = ['Bitte abmelden!!', 'HILFE', 'STOP', 'Danke, bis Montag'];

function contactsCsv(): Buffer {
  const lines = ['Vorname;Mobil'];
  for (let i = 0; i < ROWS; i++) lines.push(`Gast${i};0171 ${String(5_550_000 + i)}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

test.beforeAll(async () => {
  serve = await startFanoutServe();
});

test.afterAll(async () => {
  await serve.stop();
});

async function openThread(page: Page, lastReply: string) {
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button').filter({ hasText: lastReply }).click();
  return page.getByTestId('conversation');
}

test('a near miss waits in the Inbox for a person; STOP and HELP are answered by themselves', async ({ page, request }) => {
  test.setTimeout(120_000);
  await openFanout(page, serve);
  await addAnsweringDemoModems(request, serve, { replyStopEvery: REPLY_EVERY, replies: REPLIES });
  await importContacts(page, { name: 'Gäste.csv', csv: contactsCsv() }, ROWS);
  await composeFor(page, `Gäste (${ROWS} contacts)`, 'Hallo {{Vorname}}, Ihr Termin ist morgen um 10 Uhr.');
  await startCampaign(await openNewCampaign(page, 'Termine', 'service'));

  await goToScreen(page, 'Inbox');
  const threads = page.getByRole('navigation', { name: 'Conversations' });
  await expect(threads.getByRole('button')).toHaveCount(REPLIES.length, { timeout: 30_000 });
  await expect(page.getByText('Replies that need a look: 1')).toBeVisible();
  await expect(threads.getByRole('button').filter({ hasText: 'Needs a look' })).toHaveCount(1);

  // The exact STOP: on the opt-out list, its meaning said, and the confirmation in the thread once sent.
  const stop = await openThread(page, 'STOP');
  await expect(stop.getByTestId('reply')).toContainText('STOP – put on the opt-out list');
  await expect(stop.getByTestId('auto-reply')).toHaveAttribute('data-state', 'sent', { timeout: 15_000 });
  await expect(stop.getByTestId('auto-reply')).toContainText('Opt-out confirmation');
  await expect(stop.getByTestId('auto-reply')).toContainText('Sie sind abgemeldet');

  const help = await openThread(page, 'HILFE');
  await expect(help.getByTestId('reply')).toContainText('HELP – asked for help');
  await expect(help.getByTestId('auto-reply')).toContainText('Help text');
  await expect(help.getByText('On the opt-out list')).toHaveCount(0);

  const thanks = await openThread(page, 'Danke, bis Montag');
  await expect(thanks.getByTestId('auto-reply')).toHaveCount(0);

  // The near miss: flagged, nothing done yet, until a person decides.
  const nearMiss = await openThread(page, 'Bitte abmelden!!');
  await expect(nearMiss.getByTestId('reply')).toContainText('Needs a look');
  await expect(nearMiss.getByText('On the opt-out list')).toHaveCount(0);
  await expect(nearMiss.getByTestId('auto-reply')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/inbox-near-miss-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/inbox-near-miss-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  await nearMiss.getByRole('button', { name: 'Opt this person out' }).click();
  await expect(nearMiss.getByText('On the opt-out list – gets no more messages')).toBeVisible();
  await expect(nearMiss.getByTestId('reply')).toContainText('Looked at by Anna Admin');
  await expect(nearMiss.getByTestId('near-miss-decision')).toHaveCount(0);
  await expect(nearMiss.getByTestId('auto-reply')).toHaveAttribute('data-state', 'sent', { timeout: 15_000 });
  await expect(page.getByText('Replies that need a look')).toHaveCount(0);
  await expect(threads.getByRole('button').filter({ hasText: 'Needs a look' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/inbox-stop-answered-light.png' });

  await goToScreen(page, 'Contacts');
  await page.getByRole('button', { name: /Opt-out list/ }).click();
  // The exact STOP and the near miss an operator confirmed.
  await expect(page.getByTestId('opt-out-table').getByRole('row')).toHaveCount(2 + 1);
});

test('the keywords card in Settings: built-in words, your words, answers and their texts', async ({ page }) => {
  await openFanout(page, serve);
  await goToScreen(page, 'Settings');
  const card = page.getByTestId('settings-keywords');
  await expect(card.getByTestId('keywords-stop')).toContainText('ABMELDEN');
  await expect(card.getByTestId('keywords-stop')).toContainText('退订');
  await card.getByLabel('New word for STOP – opt out').fill('Raus');
  await card.getByTestId('keywords-stop').getByRole('button', { name: 'Add' }).click();
  await card.getByText('Spanish', { exact: true }).click();
  await expect(card.getByLabel('Help text', { exact: true })).toHaveValue(/BAJA/);
  await card.getByLabel('Answer HELP with the help text').uncheck();
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByRole('status')).toContainText('Saved');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: 'test-results/screenshots/settings-keywords-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await card.screenshot({ path: 'test-results/screenshots/settings-keywords-dark.png' });

  await openFanout(page, serve);
  await goToScreen(page, 'Settings');
  const reloaded = page.getByTestId('settings-keywords');
  await expect(reloaded.getByTestId('keywords-stop')).toContainText('Raus');
  await expect(reloaded.getByLabel('Answer HELP with the help text')).not.toBeChecked();
});
