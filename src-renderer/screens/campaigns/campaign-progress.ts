import type { CampaignSummary } from '../../../src-shared/api';

/** Messages whose fate is decided (the modem took them, or they will not be sent). */
export function campaignProgress(counts: CampaignSummary['counts']): { done: number; total: number } {
  const count = (state: keyof CampaignSummary['counts']) => counts[state] ?? 0;
  const done = count('sent') + count('delivered') + count('failed') + count('unknown') + count('skipped');
  return { done, total: done + count('queued') + count('sending') };
}
