import path from 'node:path';
import type { CampaignSummary } from '../../../src-shared/api';
import type { Engine } from '../../engine';
import { campaignPolicyProblem } from '../../engine/send-policy-preflight';
import type { Campaign, Store } from '../../store';
import { readAppSettings } from '../app-settings';
import type { DomainHandlers } from '../handlers';
import type { DownloadRegistry } from '../files/download-registry';
import { ServiceError } from '../service-error';
import { EXPORT_MAX_AGE_MS, exportFileName, sweepOldExports, writeCampaignResults } from './campaign-export';

type CampaignMethod =
  | 'campaigns.list'
  | 'campaigns.get'
  | 'campaigns.preview'
  | 'campaigns.create'
  | 'campaigns.start'
  | 'campaigns.pause'
  | 'campaigns.resume'
  | 'campaigns.cancel'
  | 'campaigns.resendUnknown'
  | 'campaigns.messages'
  | 'campaigns.export'
  | 'campaigns.blocked';

/** Where exported results are written, and the registry that offers them to the window. */
export interface CampaignExportTarget {
  downloads: DownloadRegistry;
  exportsDir: string;
}


const isoOrNull = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());

export function createCampaignsHandlers(store: Store, engine: Engine, exportTarget: CampaignExportTarget): DomainHandlers<CampaignMethod> {
  const summarise = (campaign: Campaign): CampaignSummary => ({
    id: campaign.id,
    name: campaign.name,
    template: campaign.template,
    state: campaign.state,
    purpose: campaign.purpose,
    listIds: campaign.listIds,
    simIds: campaign.simIds,
    limits: campaign.limits ? { perMinute: campaign.limits.perMinute ?? null, perHour: campaign.limits.perHour ?? null, perDay: campaign.limits.perDay ?? null } : null,
    requestStatusReport: campaign.requestStatusReport,
    quietHours: campaign.quietHours ? { start: campaign.quietHours.start, end: campaign.quietHours.end } : null,
    startAt: isoOrNull(campaign.startAt),
    startedAt: isoOrNull(campaign.startedAt),
    finishedAt: isoOrNull(campaign.finishedAt),
    createdAt: new Date(campaign.createdAt).toISOString(),
    counts: store.queue.countByState(campaign.id),
  });
  const requireCampaign = (campaignId: number): Campaign => {
    const campaign = store.campaigns.get(campaignId);
    if (!campaign) throw new ServiceError('not-found', 'That campaign does not exist any more.');
    return campaign;
  };
  const requireLists = (listIds: readonly number[]) => {
    const missing = listIds.filter((id) => !store.lists.get(id));
    if (missing.length > 0) throw new ServiceError('not-found', 'One of the chosen contact lists does not exist any more. Choose the lists again.');
  };

  const requireSims = (simIds: readonly number[]) => {
    // A SIM the office once used stays known (unplugged or not); an id never seen is a stale window.
    if (simIds.some((id) => !store.sims.get(id))) {
      throw new ServiceError('not-found', 'One of the chosen modems is not known to Fanout any more. Choose the modems again.');
    }
  };

  const refusePolicyProblem = (draft: { purpose: Campaign['purpose']; template: string; listIds: readonly number[] }, optOutHints: readonly string[]) => {
    const problem = campaignPolicyProblem(store, draft, optOutHints);
    if (problem) throw new ServiceError('bad-request', problem);
  };

  return {
    'campaigns.blocked': ({ campaignId }) => {
      requireCampaign(campaignId);
      return { blocked: store.queue.blockedCounts(campaignId).map(({ state, reason, count }) => ({ state, reason, count })) };
    },
    'campaigns.list': () => ({ campaigns: store.campaigns.list().map(summarise) }),
    'campaigns.get': ({ campaignId }) => summarise(requireCampaign(campaignId)),
    'campaigns.preview': async ({ template, listIds, limit }) => {
      requireLists(listIds);
      const { samples, estimate } = await engine.previewCampaign({ template, listIds }, limit);
      return { samples: samples.map((sample) => ({ ...sample, missingFields: [...sample.missingFields] })), estimate };
    },
    'campaigns.create': async (draft) => {
      requireLists(draft.listIds);
      requireSims(draft.simIds);
      const settings = readAppSettings(store.settings);
      refusePolicyProblem(draft, settings.optOutHints);
      // Left out by the caller: the quiet hours Settings give this purpose.
      const quietHours = draft.purpose === 'marketing' ? settings.marketingQuietHours : settings.quietHours;
      const created = await engine.createCampaign({
        ...draft,
        startAt: draft.startAt === null ? null : Date.parse(draft.startAt),
        quietHours: draft.quietHours !== undefined ? draft.quietHours : quietHours.enabled ? { start: quietHours.start, end: quietHours.end } : null,
      });
      return { campaign: summarise(created.campaign), estimate: created.estimate, enqueued: created.enqueued };
    },
    'campaigns.start': ({ campaignId }) => {
      const campaign = requireCampaign(campaignId);
      // Again at start: contacts or their consent records may have changed since the draft was made.
      refusePolicyProblem(campaign, readAppSettings(store.settings).optOutHints);
      // "Start now" on a scheduled campaign: its time and its messages move to this moment.
      if (campaign.state === 'scheduled') {
        const now = Date.now();
        store.inTransaction(() => {
          if (store.campaigns.startScheduledNow(campaignId, now)) store.queue.bringForward(campaignId, now);
        });
        return { state: engine.startCampaign(campaignId) };
      }
      if (campaign.state !== 'draft') {
        throw new ServiceError('conflict', `This campaign is ${campaign.state} already; only a draft can be started.`);
      }
      return { state: engine.startCampaign(campaignId) };
    },
    'campaigns.pause': ({ campaignId }) => {
      requireCampaign(campaignId);
      return { paused: engine.pauseCampaign(campaignId) };
    },
    'campaigns.resume': ({ campaignId }) => {
      const campaign = requireCampaign(campaignId);
      const state = engine.resumeCampaign(campaignId);
      if (!state) throw new ServiceError('conflict', `This campaign is ${campaign.state}; only a paused campaign can be resumed.`);
      return { state };
    },
    'campaigns.cancel': ({ campaignId }) => {
      requireCampaign(campaignId);
      return { cancelled: engine.cancelCampaign(campaignId) };
    },
    'campaigns.resendUnknown': ({ campaignId }) => {
      requireCampaign(campaignId);
      return { requeued: engine.resendUnknown(campaignId) };
    },
    'campaigns.messages': ({ campaignId, states, search, offset, limit }) => {
      requireCampaign(campaignId);
      const page = store.queue.listMessages({ campaignId, states, search }, { offset, limit });
      return {
        total: page.total,
        messages: page.messages.map((message) => ({ ...message, sentAt: isoOrNull(message.sentAt), finishedAt: isoOrNull(message.finishedAt) })),
      };
    },
    'campaigns.export': async ({ campaignId, delimiter, language }) => {
      const campaign = requireCampaign(campaignId);
      const now = new Date();
      sweepOldExports(exportTarget.exportsDir, EXPORT_MAX_AGE_MS, now.getTime());
      const file = path.join(exportTarget.exportsDir, `campaign-${campaignId}-${now.getTime()}.csv`);
      const rows = await writeCampaignResults(store, campaignId, file, delimiter, language);
      const name = exportFileName(campaign.name, now, language);
      return { downloadId: exportTarget.downloads.register(file, name), name, rows };
    },
  };
}
