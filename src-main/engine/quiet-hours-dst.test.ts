// Quiet hours across the daylight-saving changes of 2026 in three zones whose clocks change on
// different days and in opposite directions: Berlin (29 March forward, 25 October back), New York
// (8 March forward, 1 November back) and Sydney (southern hemisphere: 5 April back, 4 October
// forward). First the window arithmetic alone, then whole campaigns on a fake clock through the
// engine and virtual modems, with the zone taken from the number or from the contact.
import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../store/testing';
import type { Clock } from './clock';
import { createEngine, type Engine } from './engine';
import { quietHoursEnd } from './quiet-hours';
import { recipientTimeZone } from './recipient-time-zone';
import { seedNumbers, waitUntil } from './testing/seed';
import { openVirtualModems, type VirtualModemSetup } from './testing/virtual-modems';

const night = { start: '21:00', end: '08:00' };
const at = (iso: string) => Date.parse(iso);

interface Night {
  zone: string;
  change: string;
  /** 22:00 local on the evening before the change. */
  evening: string;
  /** 08:00 local on the morning after, in UTC: the offset differs from the evening's by an hour. */
  morning: string;
}

const NIGHTS: Night[] = [
  { zone: 'Europe/Berlin', change: 'spring forward', evening: '2026-03-28T21:00:00Z', morning: '2026-03-29T06:00:00Z' },
  { zone: 'Europe/Berlin', change: 'fall back', evening: '2026-10-24T20:00:00Z', morning: '2026-10-25T07:00:00Z' },
  { zone: 'America/New_York', change: 'spring forward', evening: '2026-03-08T03:00:00Z', morning: '2026-03-08T12:00:00Z' },
  { zone: 'America/New_York', change: 'fall back', evening: '2026-11-01T02:00:00Z', morning: '2026-11-01T13:00:00Z' },
  { zone: 'Australia/Sydney', change: 'fall back', evening: '2026-04-04T11:00:00Z', morning: '2026-04-04T22:00:00Z' },
  { zone: 'Australia/Sydney', change: 'spring forward', evening: '2026-10-03T12:00:00Z', morning: '2026-10-03T21:00:00Z' },
];

describe('quiet hours across daylight-saving changes', () => {
  it.each(NIGHTS)('$zone, $change: a message at 22:00 waits until 08:00 local the next morning', ({ zone, evening, morning }) => {
    expect(quietHoursEnd(at(evening), zone, night)).toBe(at(morning));
    // From any minute of that night, the same morning.
    for (let instant = at(evening); instant < at(morning); instant += 17 * 60_000) expect(quietHoursEnd(instant, zone, night)).toBe(at(morning));
    expect(quietHoursEnd(at(morning), zone, night)).toBeUndefined();
    expect(quietHoursEnd(at(morning) - 1, zone, night)).toBe(at(morning));
  });

  it('starts the window at 21:00 local on the day after a change, with the new offset', () => {
    // Berlin, 29 March 2026 (now CEST, UTC+2): 20:59 local is 18:59 UTC.
    expect(quietHoursEnd(at('2026-03-29T18:59:00Z'), 'Europe/Berlin', night)).toBeUndefined();
    expect(quietHoursEnd(at('2026-03-29T19:00:00Z'), 'Europe/Berlin', night)).toBe(at('2026-03-30T06:00:00Z'));
    // New York, 1 November 2026 (now EST, UTC-5): 21:00 local is 02:00 UTC the next day.
    expect(quietHoursEnd(at('2026-11-02T01:59:00Z'), 'America/New_York', night)).toBeUndefined();
    expect(quietHoursEnd(at('2026-11-02T02:00:00Z'), 'America/New_York', night)).toBe(at('2026-11-02T13:00:00Z'));
    // Sydney, 4 October 2026 (now AEDT, UTC+11): 21:00 local is 10:00 UTC.
    expect(quietHoursEnd(at('2026-10-04T09:59:00Z'), 'Australia/Sydney', night)).toBeUndefined();
    expect(quietHoursEnd(at('2026-10-04T10:00:00Z'), 'Australia/Sydney', night)).toBe(at('2026-10-04T21:00:00Z'));
  });

  it('handles a window that starts in the hour a spring-forward skips', () => {
    // Berlin has no 02:00–02:59 on 29 March 2026; 03:00 CEST (01:00 UTC) is inside 02:30–05:00.
    const early = { start: '02:30', end: '05:00' };
    expect(quietHoursEnd(at('2026-03-29T00:59:00Z'), 'Europe/Berlin', early)).toBeUndefined();
    expect(quietHoursEnd(at('2026-03-29T01:00:00Z'), 'Europe/Berlin', early)).toBe(at('2026-03-29T03:00:00Z'));
  });

  it('takes the contact’s own zone first, then the number’s, then the fallback', () => {
    expect(recipientTimeZone({ e164: '+4915112340001', contactZone: null, fallback: 'UTC' })).toBe('Europe/Berlin');
    expect(recipientTimeZone({ e164: '+4915112340001', contactZone: 'America/New_York', fallback: 'UTC' })).toBe('America/New_York');
    expect(recipientTimeZone({ e164: '+61412345678', contactZone: null, fallback: 'Europe/London' })).toBe('Europe/London');
    expect(recipientTimeZone({ e164: '+61412345678', contactZone: 'Not/AZone', fallback: 'Europe/London' })).toBe('Europe/London');
  });
});

let temp: TempStore | undefined;
let modems: VirtualModemSetup | undefined;
const engines: Engine[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
  await modems?.close();
  temp?.cleanup();
  modems = temp = undefined;
});

describe('campaigns on a fake clock across daylight-saving nights', () => {
  it('defers each recipient to 08:00 in their own zone (number or contact), counts no attempt for the wait, and sends then', async () => {
    temp = openTempStore('fanout-dst-');
    const { store } = temp;
    // Berlin from the number; New York and Sydney only from the contact (+1 and +61 span several
    // zones, so without it they would fall back to the engine's zone, London).
    const recipients: Record<string, string> = {
      'Europe/Berlin': '+4915112340001',
      'America/New_York': '+12125550101',
      'Australia/Sydney': '+61412345678',
    };
    seedNumbers(store, 'Alle', Object.values(recipients));
    for (const [zone, number] of Object.entries(recipients)) {
      const contact = store.contacts.getByPhone(number);
      if (zone !== 'Europe/Berlin' && contact) store.contacts.update(contact.id, { timeZone: zone }, Date.now());
    }
    let now = 0;
    const clock: Clock = { now: () => now };
    modems = await openVirtualModems({ count: 1 });
    const engine = createEngine({ store, clock, defaultTimeZone: 'Europe/London' });
    engines.push(engine);
    engine.attachModem(modems.modems[0] as NonNullable<(typeof modems.modems)[0]>);
    engine.start();
    const network = modems.network;

    for (const [index, { zone, change, evening, morning }] of NIGHTS.entries()) {
      const number = recipients[zone] as string;
      const list = store.lists.ensure(`${zone} ${change}`, Date.now());
      const contact = store.contacts.getByPhone(number);
      store.contacts.addToList(contact?.id ?? 0, list.id, Date.now());
      now = at(evening);
      const { campaign } = await engine.createCampaign({ name: `${zone} ${change}`, template: `Nacht ${index}`, listIds: [list.id], quietHours: night });
      engine.startCampaign(campaign.id);
      const row = () => store.queue.listMessages({ campaignId: campaign.id }, { limit: 1 }).messages[0];
      await waitUntil(() => row()?.reason?.startsWith('quiet hours') === true, 5_000, `the ${zone} message to be deferred`);
      expect(row()).toMatchObject({ state: 'queued', attempts: 0 });
      expect(store.queue.nextDueAt([campaign.id]), `${zone} ${change}`).toBe(at(morning));

      // A minute before 08:00 local: the engine looks again, and still waits, without an attempt.
      now = at(morning) - 60_000;
      engine.wake();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(row()).toMatchObject({ state: 'queued', attempts: 0 });
      expect(network.submittedMessages().filter((m) => m.text === `Nacht ${index}`)).toEqual([]);

      now = at(morning);
      engine.wake();
      await expect(engine.whenFinished(campaign.id)).resolves.toBe('completed');
      expect(row()).toMatchObject({ state: 'sent', attempts: 1 });
      expect(network.submittedMessages().filter((m) => m.text === `Nacht ${index}`).map((m) => m.to)).toEqual([number]);
    }
  });
});
