import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../store/testing';
import { createCampaignFromLists, previewCampaign } from './campaign-builder';
import { seedList, testNumber } from './testing/seed';

let temp: TempStore | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

describe('campaign from lists', () => {
  it('renders per recipient, counts parts with the codec, and queues each number once across lists', async () => {
    temp = openTempStore('fanout-builder-');
    const { store } = temp;
    const a = seedList(store, 'A', 4, { fields: (i): Record<string, string> => (i === 1 ? {} : { Vorname: i === 2 ? 'Zoë 😀' : `P${i}` }) });
    // List B overlaps A in two numbers.
    const b = seedList(store, 'B', 4, { firstIndex: 2 });
    store.suppressions.add({ phoneE164: testNumber(5), reason: 'test', source: 'manual' }, Date.now());

    const { samples, estimate } = await previewCampaign(store, { template: 'Hallo {{Vorname}}, {{Stadt|bis bald}}', listIds: [a.listId, b.listId] }, 2);
    expect(samples).toHaveLength(2);
    expect(estimate).toMatchObject({ recipients: 6, optedOut: 1, totalParts: 5, ucs2Count: 1, withMissingFields: 1, tooLong: 0 });

    const created = await createCampaignFromLists(store, { name: 'X', template: 'Hallo {{Vorname}}, {{Stadt|bis bald}}', listIds: [a.listId, b.listId] }, Date.now());
    expect(created.enqueued).toBe(6);
    expect(created.estimate).toEqual(estimate);
    expect(created.campaign.state).toBe('draft');
    expect(store.queue.countByState(created.campaign.id).queued).toBe(6);
  });

  it('counts long texts in parts and flags texts longer than a phone reassembles', async () => {
    temp = openTempStore('fanout-builder-');
    const { store } = temp;
    const { listId } = seedList(store, 'L', 2);
    const long = await previewCampaign(store, { template: 'x'.repeat(161), listIds: [listId] });
    expect(long.estimate).toMatchObject({ totalParts: 4, maxParts: 2 });
    const huge = await previewCampaign(store, { template: 'x'.repeat(153 * 256), listIds: [listId] });
    expect(huge.estimate.tooLong).toBe(2);
  });

  it('refuses a campaign without lists', async () => {
    temp = openTempStore('fanout-builder-');
    await expect(createCampaignFromLists(temp.store, { name: 'none', template: 'x', listIds: [] }, 0)).rejects.toThrow(RangeError);
  });
});
