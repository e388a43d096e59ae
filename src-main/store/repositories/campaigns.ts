import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FanoutDatabase } from '../open-database';
import { campaigns, type CampaignPurpose, type CampaignState, type QuietHours, type SendLimits } from '../schema';

export type Campaign = typeof campaigns.$inferSelect;

export interface NewCampaign {
  name: string;
  template: string;
  listIds: number[];
  simIds?: number[];
  purpose?: CampaignPurpose;
  startAt?: number | null;
  quietHours?: QuietHours | null;
  limits?: SendLimits | null;
  requestStatusReport?: boolean;
}

export type CampaignDraftPatch = Partial<NewCampaign>;

export interface CampaignsRepository {
  create(campaign: NewCampaign, now: number): Campaign;
  get(id: number): Campaign | undefined;
  list(filter?: { states?: readonly CampaignState[] }): Campaign[];
  /** Changes only a draft; false when the campaign is gone or no longer a draft. */
  updateDraft(id: number, patch: CampaignDraftPatch, now: number): boolean;
  /**
   * Compare-and-set: moves to `to` only from one of `from` (any state when omitted), so a pause
   * and a completion racing each other cannot both win. Stamps started_at/finished_at.
   */
  setState(id: number, to: CampaignState, options: { from?: readonly CampaignState[]; now: number }): boolean;
  /** A scheduled campaign's start time becomes `now` (the user chose "Start now"); false when it is not scheduled any more. */
  startScheduledNow(id: number, now: number): boolean;
  delete(id: number): boolean;
}

const FINAL_STATES: readonly CampaignState[] = ['completed', 'cancelled'];

export function createCampaignsRepository(db: FanoutDatabase): CampaignsRepository {
  const { orm } = db;
  return {
    create(campaign, now) {
      return orm
        .insert(campaigns)
        .values({
          name: campaign.name,
          template: campaign.template,
          listIds: campaign.listIds,
          simIds: campaign.simIds ?? [],
          purpose: campaign.purpose ?? 'service',
          startAt: campaign.startAt ?? null,
          quietHours: campaign.quietHours ?? null,
          limits: campaign.limits ?? null,
          requestStatusReport: campaign.requestStatusReport ?? false,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
    },
    get(id) {
      return orm.select().from(campaigns).where(eq(campaigns.id, id)).get();
    },
    list(filter) {
      const query = orm.select().from(campaigns);
      const states = filter?.states;
      return (states ? query.where(inArray(campaigns.state, [...states])) : query).orderBy(desc(campaigns.createdAt), desc(campaigns.id)).all();
    },
    updateDraft(id, patch, now) {
      const { name, template, listIds, simIds, purpose, startAt, quietHours, limits, requestStatusReport } = patch;
      return (
        orm
          .update(campaigns)
          .set({ name, template, listIds, simIds, purpose, startAt, quietHours, limits, requestStatusReport, updatedAt: now })
          .where(and(eq(campaigns.id, id), eq(campaigns.state, 'draft')))
          .run().changes > 0
      );
    },
    setState(id, to, { from, now }) {
      const stamps = {
        ...(to === 'running' ? { startedAt: sql`coalesce(${campaigns.startedAt}, ${now})` } : {}),
        ...(FINAL_STATES.includes(to) ? { finishedAt: now } : {}),
      };
      const condition = from ? and(eq(campaigns.id, id), inArray(campaigns.state, [...from])) : eq(campaigns.id, id);
      return orm.update(campaigns).set({ state: to, updatedAt: now, ...stamps }).where(condition).run().changes > 0;
    },
    startScheduledNow(id, now) {
      return orm.update(campaigns).set({ startAt: now, updatedAt: now }).where(and(eq(campaigns.id, id), eq(campaigns.state, 'scheduled'))).run().changes > 0;
    },
    delete(id) {
      return orm.delete(campaigns).where(eq(campaigns.id, id)).run().changes > 0;
    },
  };
}
