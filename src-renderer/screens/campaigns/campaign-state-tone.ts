import type { CampaignSummary } from '../../../src-shared/api';

export const campaignStateTone: Record<CampaignSummary['state'], 'neutral' | 'accent' | 'warn' | 'ok'> = {
  draft: 'neutral',
  scheduled: 'accent',
  running: 'accent',
  paused: 'warn',
  completed: 'ok',
  cancelled: 'neutral',
};
