import { useEffect } from 'react';
import { useCampaignsStore } from '../state/campaigns-store';
import { useApi } from './api-context';

/** Keeps the campaigns store current: loaded once, then fed by campaign.progress and campaign.state. */
export function useLiveCampaigns(): void {
  const api = useApi();
  useEffect(() => {
    const unsubscribe = api.onEvent((event) => {
      const store = useCampaignsStore.getState();
      if (event.name === 'campaign.progress') store.applyCounts(event.payload.campaigns);
      if (event.name === 'campaign.state') {
        const known = store.campaigns.some((campaign) => campaign.id === event.payload.campaignId);
        if (known) store.applyState(event.payload.campaignId, event.payload.state);
        else void api.call('campaigns.get', { campaignId: event.payload.campaignId }).then((campaign) => store.upsert(campaign));
      }
    });
    api.call('campaigns.list', {}).then(
      ({ campaigns }) => useCampaignsStore.getState().setAll(campaigns),
      (error: unknown) => console.warn('Fanout: could not load the campaigns', error),
    );
    return unsubscribe;
  }, [api]);
}
