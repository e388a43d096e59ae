import { create } from 'zustand';
import type { CampaignSummary } from '../../src-shared/api';

type Counts = CampaignSummary['counts'];

interface CampaignsState {
  campaigns: CampaignSummary[];
  loaded: boolean;
  setAll(campaigns: CampaignSummary[]): void;
  upsert(campaign: CampaignSummary): void;
  /** From campaign.progress: new counts for campaigns already shown. */
  applyCounts(updates: readonly { campaignId: number; counts: Counts }[]): void;
  /** From campaign.state. */
  applyState(campaignId: number, state: CampaignSummary['state']): void;
}

export const useCampaignsStore = create<CampaignsState>((set) => ({
  campaigns: [],
  loaded: false,
  setAll: (campaigns) => set({ campaigns, loaded: true }),
  upsert: (campaign) =>
    set((state) => {
      const others = state.campaigns.filter((known) => known.id !== campaign.id);
      return { campaigns: [campaign, ...others].sort((a, b) => b.id - a.id) };
    }),
  applyCounts: (updates) =>
    set((state) => ({
      campaigns: state.campaigns.map((campaign) => {
        const update = updates.find((candidate) => candidate.campaignId === campaign.id);
        return update ? { ...campaign, counts: update.counts } : campaign;
      }),
    })),
  applyState: (campaignId, next) =>
    set((state) => ({ campaigns: state.campaigns.map((campaign) => (campaign.id === campaignId ? { ...campaign, state: next } : campaign)) })),
}));
