// The campaign engine: owns the dispatch loop over the attached SIMs, the campaign state
// machine (draft → scheduled → running ⇄ paused → completed | cancelled), inbound replies and
// delivery reports, and batched progress events. The service drives it through this API.
import type { CountryCode } from 'libphonenumber-js/min';
import type { Campaign, CampaignState, NewCampaign, Store } from '../store';
import { createCampaignFromLists, previewCampaign, type CreatedCampaign, type RecipientPreview, type CampaignEstimate } from './campaign-builder';
import { systemClock, type Clock } from './clock';
import type { EngineModem } from './engine-modem';
import { EngineEmitter, type EngineEvents, type MessageChange, type ProgressBatch, type SimStatus } from './events';
import { DeliveryReportMatcher, handleInboundMessage, type InboundHandlerContext } from './inbound-handler';
import { CampaignCounts } from './campaign-counts';
import { createLeaseKeeper, LEASE_RENEW_MS } from './engine-lease';
import { GroupCommit } from './group-commit';
import { ProgressBatcher } from './progress-batcher';
import { QuietHoursSweep } from './quiet-hours-sweep';
import { createSendPolicy, type SendPolicy, type SimLimits } from './send-policy';
import { SimWorker, type RetryPolicy, type WorkerHost } from './sim-worker';
import { createKeywordPolicy, type KeywordPolicy } from './keywords/keyword-policy';

export interface EngineOptions {
  readonly store: Store;
  readonly clock?: Clock;
  /** Zone for quiet hours when the number does not tell (countries with several zones). */
  readonly defaultTimeZone?: string;
  /** For numbers a modem reports without country code. Default DE. */
  readonly defaultCountry?: CountryCode;
  /** Opt-out words on top of the defaults (STOP, STOPP, ABMELDEN, UNSUBSCRIBE, 退订). */
  readonly extraStopWords?: readonly string[];
  /** STOP/START/HELP words and answers (replaces extraStopWords); default: the built-in words and answers. */
  readonly keywords?: KeywordPolicy;
  /** At most one progress event per interval. Default 250 ms. */
  readonly progressIntervalMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Replace the send-time policy (issue 8 wraps the default one). */
  readonly policy?: SendPolicy;
}

export interface AttachedSim {
  readonly simId: number;
  readonly label: string;
}

export type FinishedState = Extract<CampaignState, 'completed' | 'cancelled'>;

export interface Engine {
  /**
   * Marks messages a previous run left 'sending' as 'unknown' (returns how many), then starts
   * dispatching. Call once, before anything else sends from this database.
   */
  start(): { interruptedAsUnknown: number };
  /** Lets every modem finish the message in hand, then stops. Modems stay open (their owner closes them). */
  stop(): Promise<void>;
  attachModem(modem: EngineModem): AttachedSim;
  detachModem(simId: number): Promise<void>;
  sims(): SimStatus[];
  /** Re-reads SIM limits and the enabled switch after the user changed them. */
  refreshSimSettings(): void;

  previewCampaign(draft: Pick<NewCampaign, 'template' | 'listIds'>, limit?: number): Promise<{ samples: RecipientPreview[]; estimate: CampaignEstimate }>;
  /**
   * Renders and queues every recipient in batches (yielding in between, so sending and serial
   * reads go on); the campaign stays a draft until startCampaign.
   */
  createCampaign(draft: NewCampaign): Promise<CreatedCampaign>;
  /** Running now, or scheduled when its start time is in the future. */
  startCampaign(campaignId: number): CampaignState;
  /** No new message of this campaign is claimed; the ones in a modem's hands finish. */
  pauseCampaign(campaignId: number): boolean;
  resumeCampaign(campaignId: number): CampaignState | undefined;
  /** Queued messages become 'skipped' (reason "cancelled"); those in a modem's hands finish. */
  cancelCampaign(campaignId: number): boolean;
  /**
   * The user chose to send again the messages whose outcome is unknown (they may reach someone
   * twice). A completed campaign runs again for them. Returns how many were queued.
   */
  resendUnknown(campaignId: number): number;
  /** Resolves when the campaign is completed or cancelled. */
  whenFinished(campaignId: number): Promise<FinishedState>;
  /** Replaces the configured opt-out words (the defaults always apply); effective for the next reply. */
  setExtraStopWords(words: readonly string[]): void;
  /** Replaces the keyword words and answers (the user saved settings); effective for the next reply. */
  setKeywordPolicy(policy: KeywordPolicy): void;
  /** Look again now (after a change made outside the engine, or a test moving its clock). */
  wake(): void;

  on<E extends keyof EngineEvents>(event: E, listener: EngineEvents[E]): () => void;
}

const DEFAULT_RETRY: RetryPolicy = {
  maxTransientAttempts: 4,
  backoffMs: (retry) => Math.min(30_000 * 2 ** (retry - 1), 10 * 60_000),
  simCooldownMs: 5 * 60_000,
};
const TICK_MS = 250;

export function createEngine(options: EngineOptions): Engine {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const policy = options.policy ?? createSendPolicy({ queue: store.queue, suppressions: store.suppressions, consents: store.consents, contacts: store.contacts, defaultTimeZone: options.defaultTimeZone });
  let keywords = options.keywords ?? createKeywordPolicy({ settings: { extraWords: { stop: [...(options.extraStopWords ?? [])], start: [], help: [] } } });
  const events = new EngineEmitter<EngineEvents>();
  const workers = new Map<number, SimWorker>();
  const modemListeners = new Map<number, (() => void)[]>();
  const finishedWaiters = new Map<number, ((state: FinishedState) => void)[]>();
  let running = new Map<number, Campaign>();
  let started = false;
  let tickTimer: ReturnType<typeof setInterval> | null = null;

  const counts = new CampaignCounts(store.queue);
  const batcher = new ProgressBatcher(options.progressIntervalMs ?? 250, (changes) => {
    const campaignIds = [...new Set(changes.map((change) => change.campaignId))];
    let campaigns: ProgressBatch['campaigns'] = [];
    try {
      campaigns = campaignIds.map((campaignId) => ({ campaignId, counts: counts.of(campaignId) }));
    } catch (error) {
      // The changes still go out; only the totals are missing this time.
      events.emit('problem', `counting messages failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    events.emit('progress', { changes, campaigns });
    recountReusedLater();
  });
  // A fresh count for campaigns whose last event carried reused counts (CampaignCounts.takeReused).
  const recounts = new Map<number, ReturnType<typeof setTimeout>>();
  function recountReusedLater(): void {
    for (const { campaignId, inMs } of counts.takeReused()) {
      if (recounts.has(campaignId)) continue;
      const timer = setTimeout(() => {
        recounts.delete(campaignId);
        try {
          events.emit('progress', { changes: [], campaigns: [{ campaignId, counts: counts.of(campaignId, { fresh: true }) }] });
        } catch (error) {
          events.emit('problem', `counting messages failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }, inMs);
      recounts.set(campaignId, timer);
    }
  }

  function messageChanged(change: MessageChange): void {
    batcher.add(change);
  }

  const groupCommit = new GroupCommit((work) => store.inTransaction(work));
  const quietHoursSweep = new QuietHoursSweep({ store, clock, policy, commit: (work) => groupCommit.run(work), campaign: (id) => running.get(id), messageChanged });
  const lease = createLeaseKeeper(store, () => clock.now());
  let leaseTimer: ReturnType<typeof setInterval> | null = null;

  const host: WorkerHost = {
    store,
    commit: (work) => groupCommit.run(work),
    leaseOwner: lease.owner,
    clock,
    policy,
    retry,
    transientFailures: new Map(),
    campaignsFor: (simId) => [...running.values()].filter((campaign) => campaign.simIds.length === 0 || campaign.simIds.includes(simId)),
    campaign: (id) => running.get(id),
    messageChanged,
    simChanged: (status) => events.emit('sim', status),
    problem: (description) => events.emit('problem', description),
    quietHoursHeld: (campaignId) => {
      quietHoursSweep.requested(campaignId).catch((error: unknown) => {
        // Nothing is lost: the messages it did not reach are held one by one when claimed.
        events.emit('problem', `holding campaign ${campaignId} for quiet hours: ${error instanceof Error ? error.message : String(error)}`);
      });
    },
  };

  const inboundContext: InboundHandlerContext = {
    store,
    clock,
    keywords: { classify: (text) => keywords.classify(text), answerTo: (match) => keywords.answerTo(match) },
    defaultCountry: options.defaultCountry ?? 'DE',
    inbound: (notice) => events.emit('inbound', notice),
    // The match names the campaign, so a report that arrives after a restart still moves its progress.
    reportMatched: ({ messageId, campaignId, state }) => {
      batcher.add({ messageId, campaignId, state, reason: state === 'failed' ? 'status report: not delivered' : null });
    },
    problem: (description) => events.emit('problem', description),
  };

  const reports = new DeliveryReportMatcher(inboundContext);

  function campaignStateChanged(campaignId: number, state: CampaignState): void {
    events.emit('campaign', { campaignId, state });
    if (state === 'completed' || state === 'cancelled') {
      for (const resolve of finishedWaiters.get(campaignId) ?? []) resolve(state);
      finishedWaiters.delete(campaignId);
    }
  }

  function refreshRunning(): void {
    running = new Map(store.campaigns.list({ states: ['running'] }).map((campaign) => [campaign.id, campaign]));
  }

  /**
   * Free SIMs claim in the order they are woken, so waking them by turn makes a trickle of due
   * messages go round-robin, weighted by the SIMs' limits (see SimWorker.turn). Busy SIMs are
   * unaffected: each claims again the moment its modem is free.
   */
  function wakeWorkers(): void {
    for (const worker of [...workers.values()].sort((a, b) => a.turn() - b.turn())) worker.wake();
  }

  /** Scheduled campaigns whose time has come start; running ones with nothing left complete. */
  function tick(): void {
    const now = clock.now();
    reports.retry();
    for (const worker of workers.values()) worker.flushCounters().catch((error: unknown) => events.emit('problem', `counting sent parts failed: ${String(error)}`));
    for (const campaign of store.campaigns.list({ states: ['scheduled'] })) {
      if ((campaign.startAt ?? 0) <= now && store.campaigns.setState(campaign.id, 'running', { from: ['scheduled'], now })) campaignStateChanged(campaign.id, 'running');
    }
    refreshRunning();
    for (const campaign of running.values()) {
      // nextDueAt is one index lookup; the full count runs only once nothing is queued any more.
      if (store.queue.nextDueAt([campaign.id]) !== undefined) continue;
      const final = counts.of(campaign.id, { fresh: true });
      if (final.queued === 0 && final.sending === 0 && store.campaigns.setState(campaign.id, 'completed', { from: ['running'], now })) {
        batcher.flush();
        events.emit('progress', { changes: [], campaigns: [{ campaignId: campaign.id, counts: final }] });
        running.delete(campaign.id);
        campaignStateChanged(campaign.id, 'completed');
      }
    }
    if (running.size > 0) wakeWorkers();
  }

  function simLimitsOf(simId: number): { limits: SimLimits; enabled: boolean; label: string } {
    const sim = store.sims.get(simId);
    return {
      limits: { perMinute: sim?.limitPerMinute ?? null, perHour: sim?.limitPerHour ?? null, perDay: sim?.limitPerDay ?? null },
      enabled: sim?.enabled ?? true,
      label: sim?.label ?? `SIM ${simId}`,
    };
  }

  function requireCampaign(campaignId: number): Campaign {
    const campaign = store.campaigns.get(campaignId);
    if (!campaign) throw new RangeError(`There is no campaign ${campaignId}`);
    return campaign;
  }

  function setState(campaignId: number, to: CampaignState, from: readonly CampaignState[]): boolean {
    const changed = store.campaigns.setState(campaignId, to, { from, now: clock.now() });
    if (changed) {
      refreshRunning();
      campaignStateChanged(campaignId, to);
      wakeWorkers();
    }
    return changed;
  }

  const engine: Engine = {
    start() {
      if (started) return { interruptedAsUnknown: 0 };
      started = true;
      const interruptedAsUnknown = lease.acquire(Date.now());
      // Leases live in real time, whatever clock the campaigns run on (tests fake that one).
      leaseTimer = setInterval(() => {
        try {
          if (lease.renew(Date.now()) > 0) refreshRunning();
        } catch (error) {
          events.emit('problem', `engine lease: ${error instanceof Error ? error.message : String(error)}`);
        }
      }, LEASE_RENEW_MS);
      leaseTimer.unref?.();
      tick();
      tickTimer = setInterval(() => {
        try {
          tick();
        } catch (error) {
          events.emit('problem', `campaign scheduler: ${error instanceof Error ? error.message : String(error)}`);
        }
      }, TICK_MS);
      for (const worker of workers.values()) worker.start();
      return { interruptedAsUnknown };
    },

    async stop() {
      if (!started) return;
      started = false;
      if (tickTimer) clearInterval(tickTimer);
      tickTimer = null;
      if (leaseTimer) clearInterval(leaseTimer);
      leaseTimer = null;
      await Promise.all([...workers.values()].map((worker) => worker.stop()));
      await quietHoursSweep.stop();
      await Promise.all([...workers.values()].map((worker) => worker.flushCounters().catch((error: unknown) => events.emit('problem', `counting sent parts failed: ${String(error)}`))));
      batcher.flush();
      for (const timer of recounts.values()) clearTimeout(timer);
      recounts.clear();
      try {
        lease.release();
      } catch (error) {
        // Harmless: a lease left behind is found dead by the next engine.
        events.emit('problem', `engine lease: ${error instanceof Error ? error.message : String(error)}`);
      }
    },

    attachModem(modem) {
      const identity = modem.identity;
      // A SIM is known by its ICCID; a modem that would not tell is known by its IMEI or port.
      const iccid = identity?.iccid ?? (identity?.imei ? `imei:${identity.imei}` : `port:${modem.path}`);
      const sim = store.sims.recordSeen({ iccid, imsi: identity?.imsi ?? null, imei: identity?.imei ?? null }, clock.now());
      if (workers.has(sim.id)) throw new Error(`The SIM in ${modem.path} (${sim.label}) is already attached`);
      const settings = simLimitsOf(sim.id);
      const worker = new SimWorker(sim.id, settings.label, modem, host, settings.limits, settings.enabled);
      workers.set(sim.id, worker);
      modemListeners.set(sim.id, [
        modem.on('message', (message, ack) => handleInboundMessage(inboundContext, sim.id, message, ack)),
        modem.on('statusReport', (report, ack) => reports.add(sim.id, report, ack)),
      ]);
      if (started) worker.start();
      events.emit('sim', worker.status());
      return { simId: sim.id, label: settings.label };
    },

    async detachModem(simId) {
      const worker = workers.get(simId);
      if (!worker) return;
      workers.delete(simId);
      for (const off of modemListeners.get(simId) ?? []) off();
      modemListeners.delete(simId);
      await worker.stop();
      await worker.flushCounters();
      worker.dispose();
    },

    sims: () => [...workers.values()].map((worker) => worker.status()),

    refreshSimSettings() {
      for (const worker of workers.values()) {
        const settings = simLimitsOf(worker.simId);
        worker.updateSettings(settings.limits, settings.enabled);
        worker.wake();
      }
    },

    previewCampaign: (draft, limit) => previewCampaign(store, draft, limit),

    createCampaign: (draft) => createCampaignFromLists(store, draft, clock.now()),

    startCampaign(campaignId) {
      const campaign = requireCampaign(campaignId);
      const to: CampaignState = campaign.startAt !== null && campaign.startAt > clock.now() ? 'scheduled' : 'running';
      if (!setState(campaignId, to, ['draft', 'scheduled', 'paused'])) return requireCampaign(campaignId).state;
      if (to === 'running') tick();
      return to;
    },

    pauseCampaign: (campaignId) => setState(campaignId, 'paused', ['running', 'scheduled']),

    resumeCampaign(campaignId) {
      const campaign = store.campaigns.get(campaignId);
      if (!campaign || campaign.state !== 'paused') return campaign?.state;
      return engine.startCampaign(campaignId);
    },

    cancelCampaign(campaignId) {
      if (!setState(campaignId, 'cancelled', ['draft', 'scheduled', 'running', 'paused'])) return false;
      store.queue.skipQueued(campaignId, 'cancelled', clock.now());
      return true;
    },

    resendUnknown(campaignId) {
      requireCampaign(campaignId);
      const queued = store.queue.requeueUnknown(campaignId, clock.now());
      if (queued > 0) setState(campaignId, 'running', ['completed']);
      wakeWorkers();
      return queued;
    },

    whenFinished(campaignId) {
      const state = requireCampaign(campaignId).state;
      if (state === 'completed' || state === 'cancelled') return Promise.resolve(state);
      return new Promise((resolve) => {
        const waiters = finishedWaiters.get(campaignId) ?? [];
        waiters.push(resolve);
        finishedWaiters.set(campaignId, waiters);
      });
    },

    setExtraStopWords(words) {
      keywords = createKeywordPolicy({ settings: { extraWords: { stop: [...words], start: [], help: [] } } });
    },

    setKeywordPolicy(policy) {
      keywords = policy;
    },

    wake() {
      tick();
      wakeWorkers();
    },

    on: (event, listener) => events.on(event, listener),
  };
  return engine;
}
