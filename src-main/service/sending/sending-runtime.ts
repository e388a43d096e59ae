import type { ModemSummary } from '../../../src-shared/api';
import { createEngine, type Engine, type SimStatus } from '../../engine';
import { Modem, ModemFleet, type ProbeResult } from '../../modem';
import { startInProcessSimulator, VirtualNetwork, type InProcessSimulator } from '../../simulator';
import type { Store } from '../../store';
import type { CountryCode } from 'libphonenumber-js';
import type { AppSettings } from '../../../src-shared/api/methods/settings';
import { readAppSettings } from '../app-settings';
import type { EventHub } from '../event-hub';

export interface SendingRuntimeOptions {
  store: Store;
  events: EventHub;
  /** Look at the computer's serial ports at start and keep watching (off in tests). */
  scanSerialPorts: boolean;
}

/**
 * Everything that sends: the campaign engine, the modems of this computer and the virtual modems
 * of demo mode. Modems found are handed to the engine; the engine's news becomes API events.
 */
export class SendingRuntime {
  readonly engine: Engine;
  private readonly fleet: ModemFleet;
  private readonly modems = new Map<number, { modem: Modem; demo: boolean }>();
  private readonly skipped = new Map<string, string>();
  private readonly publishedPartsSent = new Map<number, number>();
  private readonly unsubscribes: (() => void)[] = [];
  private readonly demoSimulators: InProcessSimulator[] = [];
  /** The pretend mobile network of demo mode: what its modems "sent" is recorded here. */
  readonly demoNetwork = new VirtualNetwork();
  private scanning: Promise<unknown> | null = null;

  constructor(private readonly options: SendingRuntimeOptions) {
    const settings = readAppSettings(options.store.settings);
    this.engine = createEngine({
      store: options.store,
      extraStopWords: settings.stopKeywords,
      // The settings contract only accepts countries libphonenumber knows.
      defaultCountry: settings.defaultCountry as CountryCode,
    });
    this.fleet = new ModemFleet();
    this.unsubscribes.push(
      this.fleet.on('added', (modem) => this.attach(modem, false)),
      this.fleet.on('skipped', (result) => this.noteSkipped(result)),
      this.engine.on('sim', (status) => this.publish(status.simId)),
      this.engine.on('progress', (batch) => {
        if (batch.changes.length > 0) {
          options.events.emit('message.status', {
            changes: batch.changes.map((change) => ({ ...change, reason: change.reason ?? null })),
          });
        }
        this.publishChangedCounts();
        if (batch.campaigns.length > 0) {
          options.events.emit('campaign.progress', {
            campaigns: batch.campaigns.map(({ campaignId, counts }) => ({ campaignId, counts: { ...counts } })),
          });
        }
      }),
      this.engine.on('campaign', ({ campaignId, state }) => options.events.emit('campaign.state', { campaignId, state })),
      this.engine.on('problem', (description) => console.error(`Fanout engine: ${description}`)),
    );
  }

  start(): void {
    const { interruptedAsUnknown } = this.engine.start();
    if (interruptedAsUnknown > 0) {
      console.log(`${interruptedAsUnknown} message(s) were in a modem's hands when Fanout last stopped; they are marked "unknown".`);
    }
    if (this.options.scanSerialPorts) void this.scan();
  }

  get isScanning(): boolean {
    return this.scanning !== null;
  }

  /** Probes every serial port now; the first call also starts watching for new ones. */
  async scan(): Promise<{ found: number; skipped: { path: string; reason: string }[] }> {
    const before = this.countReal();
    this.skipped.clear();
    this.scanning ??= this.fleet.start().finally(() => {
      this.scanning = null;
    });
    await this.scanning;
    return {
      found: this.countReal() - before,
      skipped: [...this.skipped].map(([path, reason]) => ({ path, reason })),
    };
  }

  /** Adds virtual modems (SIMCom, Huawei and Quectel personalities) that answer like real ones. */
  async startDemo(count: number): Promise<number> {
    const simulator = startInProcessSimulator({
      count,
      profile: ['sim800', 'huawei-e173', 'quectel-ec25'],
      pathPrefix: `demo:${this.demoSimulators.length}:modem`,
      network: this.demoNetwork,
      submitLatencyMs: 600,
      statusReportDelayMs: 2_000,
    });
    this.demoSimulators.push(simulator);
    const opened = await Promise.all(
      simulator.paths.map((path) => Modem.open({ path, binding: simulator.binding }).catch((error: unknown) => error)),
    );
    let added = 0;
    for (const modem of opened) {
      if (modem instanceof Modem) {
        this.attach(modem, true);
        added++;
      }
    }
    return added;
  }

  /** The user saved settings: what the engine can take while running, it takes now. */
  applySettings(settings: AppSettings): void {
    this.engine.setExtraStopWords(settings.stopKeywords);
  }

  list(): ModemSummary[] {
    return this.engine.sims().flatMap((status) => {
      const summary = this.summarise(status);
      return summary ? [summary] : [];
    });
  }

  trafficLog(simId: number): string | null {
    return this.modems.get(simId)?.modem.log.exportText() ?? null;
  }

  async close(): Promise<void> {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    await this.engine.stop();
    await this.fleet.stop();
    await Promise.all([...this.modems.values()].filter(({ demo }) => demo).map(({ modem }) => modem.close()));
    for (const simulator of this.demoSimulators) simulator.stop();
  }

  private attach(modem: Modem, demo: boolean): void {
    const { simId } = this.engine.attachModem(modem);
    this.modems.set(simId, { modem, demo });
    this.publish(simId);
  }

  private noteSkipped(result: ProbeResult): void {
    this.skipped.set(result.path, result.error?.userMessage ?? 'It answered, but not like a modem Fanout can use.');
  }

  private countReal(): number {
    return [...this.modems.values()].filter(({ demo }) => !demo).length;
  }

  private publish(simId: number): void {
    const status = this.engine.sims().find((sim) => sim.simId === simId);
    const summary = status ? this.summarise(status) : null;
    if (summary) {
      this.publishedPartsSent.set(simId, summary.partsSent);
      this.options.events.emit('modem.status', summary);
    }
  }

  /** The engine announces a SIM when its health changes; its count moves with every batch of progress. */
  private publishChangedCounts(): void {
    for (const status of this.engine.sims()) {
      if (this.publishedPartsSent.get(status.simId) !== status.partsSent) this.publish(status.simId);
    }
  }

  private summarise(status: SimStatus): ModemSummary | null {
    const attached = this.modems.get(status.simId);
    if (!attached) return null;
    const identity = attached.modem.identity;
    return {
      simId: status.simId,
      label: status.label,
      path: status.path,
      state: status.modemState,
      inService: status.inService,
      problem: status.problem,
      manufacturer: identity?.manufacturer ?? null,
      model: identity?.model ?? null,
      imei: identity?.imei ?? null,
      operator: status.operator,
      signalBars: status.signalBars,
      partsSent: status.partsSent,
      demo: attached.demo,
    };
  }
}
