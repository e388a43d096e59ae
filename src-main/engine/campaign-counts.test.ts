import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../store/testing';
import { createCampaignFromLists } from './campaign-builder';
import { CampaignCounts } from './campaign-counts';
import { seedList } from './testing/seed';

let temp: TempStore | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

describe('CampaignCounts', () => {
  it('reuses a recent count, and says which campaigns were given one and when a fresh count is due', async () => {
    temp = openTempStore('fanout-counts-');
    const { store } = temp;
    const { listId } = seedList(store, 'Liste', 30);
    const { campaign } = await createCampaignFromLists(store, { name: 'C', template: 'Hallo', listIds: [listId] }, Date.now());
    store.campaigns.setState(campaign.id, 'running', { now: Date.now() });
    const counts = new CampaignCounts(store.queue);

    expect(counts.of(campaign.id).queued).toBe(30);
    expect(counts.takeReused()).toEqual([]);
    const message = store.queue.claimNext({ simId: store.sims.recordSeen({ iccid: '8949000000000000009' }, Date.now()).id, now: Date.now() });
    expect(message).toBeDefined();

    // Within the reuse window the change is not counted yet, and the campaign is named for a recount.
    expect(counts.of(campaign.id)).toMatchObject({ queued: 30, sending: 0 });
    const [reused, ...others] = counts.takeReused();
    expect(others).toEqual([]);
    expect(reused?.campaignId).toBe(campaign.id);
    expect(reused?.inMs).toBeGreaterThan(0);
    expect(reused?.inMs).toBeLessThanOrEqual(250);
    expect(counts.takeReused()).toEqual([]);

    expect(counts.of(campaign.id, { fresh: true })).toMatchObject({ queued: 29, sending: 1 });
    expect(counts.takeReused()).toEqual([]);
  });
});
