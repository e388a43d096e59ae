import { create } from 'zustand';
import type { CampaignSummary } from '../../src-shared/api';
import { campaignProgress } from '../screens/campaigns/campaign-progress';

type Counts = CampaignSummary['counts'];

/** How many messages of a campaign were done at a moment: the monitor's ETA is drawn from these. */
export interface ProgressSample {
  at: number;
  done: number;
}

/** Samples older than this are dropped; the ETA looks at the last minute. */
const PROGRESS_HISTORY_MS = 120_000;

interface CampaignsState {
  campaigns: CampaignSummary[];
  loaded: boolean;
  /** Per campaign, the done count each time it changed recently (from campaign.progress). */
  progressHistory: Readonly<Record<number, readonly ProgressSample[]>>;
  setAll(campaigns: CampaignSummary[]): void;
  upsert(campaign: CampaignSummary): void;
  /** From campaign.progress: new counts for campaigns already shown. */
  applyCounts(updates: readonly { campaignId: number; counts: Counts }[], now?: number): void;
  /** From campaign.state. */
  applyState(campaignId: number, state: CampaignSummary['state']): void;
}

function withSample(history: readonly ProgressSample[] | undefined, sample: ProgressSample): ProgressSample[] {
  const recent = (history ?? []).filter((known) => known.at >= sample.at - PROGRESS_HISTORY_MS);
  return [...recent, sample];
}

export const useCampaignsStore = create<CampaignsState>((set) => ({
  campaigns: [],
  loaded: false,
  progressHistory: {},
  setAll: (campaigns) => set({ campaigns, loaded: true }),
  upsert: (campaign) =>
    set((state) => {
      const others = state.campaigns.filter((known) => known.id !== campaign.id);
      return { campaigns: [campaign, ...others].sort((a, b) => b.id - a.id) };
    }),
  applyCounts: (updates, now = Date.now()) =>
    set((state) => {
      const progressHistory = { ...state.progressHistory };
      for (const update of updates) {
        progressHistory[update.campaignId] = withSample(progressHistory[update.campaignId], { at: now, done: campaignProgress(update.counts).done });
      }
      return {
        progressHistory,
        campaigns: state.campaigns.map((campaign) => {
          const update = updates.find((candidate) => candidate.campaignId === campaign.id);
          return update ? { ...campaign, counts: update.counts } : campaign;
        }),
      };
    }),
  applyState: (campaignId, next) =>
    set((state) => ({ campaigns: state.campaigns.map((campaign) => (campaign.id === campaignId ? { ...campaign, state: next } : campaign)) })),
}));
