// The new-campaign dialog's choice of SIMs and per-campaign limits, without React: which modems
// can send, why one cannot, what an empty limit field means, and what goes to campaigns.create.
import type { ApiFieldIssue, ModemSummary } from '../../../src-shared/api';
import type { MessageKey } from '../../i18n/en';
import { effectiveLimits, type WindowLimits } from './sending-time';

export type LimitWindow = keyof WindowLimits;
export const limitWindows: readonly LimitWindow[] = ['perMinute', 'perHour', 'perDay'];

/** "All healthy modems" (the engine uses whichever is ready, now and later) or a fixed choice. */
export interface SimChoice {
  mode: 'all' | 'chosen';
  simIds: readonly number[];
}

export type LimitTexts = Record<LimitWindow, string>;

/** Whether the engine hands this modem messages right now. */
export function canSendNow(modem: ModemSummary): boolean {
  return modem.state === 'ready' && modem.inService;
}

/** Why a modem does not send right now, in words for the checklist; null when it does. */
export function whyNotSending(modem: ModemSummary): MessageKey | null {
  switch (modem.state) {
    case 'ready':
      return modem.inService ? null : 'campaignSims.why.notInService';
    case 'starting':
      return 'campaignSims.why.starting';
    case 'pin-required':
      return 'campaignSims.why.pinRequired';
    case 'puk-required':
      return 'campaignSims.why.pukRequired';
    case 'no-sim':
      return 'campaignSims.why.noSim';
    case 'no-network':
      return 'campaignSims.why.noNetwork';
    case 'recovering':
    case 'hung':
      return 'campaignSims.why.hung';
    case 'unplugged':
    case 'closed':
      return 'campaignSims.why.unplugged';
  }
}

/** The modems the campaign would send through if it started now. */
export function sendingSims(modems: readonly ModemSummary[], choice: SimChoice): ModemSummary[] {
  const ready = modems.filter(canSendNow);
  return choice.mode === 'all' ? ready : ready.filter((modem) => choice.simIds.includes(modem.simId));
}

/** The modems whose own limits an empty field stands for. */
function consideredSims(modems: readonly ModemSummary[], choice: SimChoice): readonly ModemSummary[] {
  if (choice.mode === 'chosen') return modems.filter((modem) => choice.simIds.includes(modem.simId));
  const ready = modems.filter(canSendNow);
  return ready.length > 0 ? ready : modems;
}

/** What an empty limit field means, shown as its placeholder: "SIM limit: 30", "SIM limits: 10–30", "No SIM limit". */
export function simLimitPlaceholder(modems: readonly ModemSummary[], choice: SimChoice, window: LimitWindow): { key: MessageKey; values?: Record<string, number> } {
  const own = consideredSims(modems, choice).map((modem) => modem.limits[window]);
  const numbers = own.filter((limit): limit is number => limit !== null);
  // One SIM without a limit of its own: the field left empty does not limit that one.
  if (numbers.length === 0 || numbers.length < own.length) return { key: 'campaignLimits.noSimLimit' };
  const low = Math.min(...numbers);
  const high = Math.max(...numbers);
  return low === high ? { key: 'campaignLimits.simLimit', values: { limit: low } } : { key: 'campaignLimits.simLimits', values: { low, high } };
}

export type ParsedLimit = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'unreadable' };

/**
 * What was typed into a limit field. Any number goes to the service as it is (0, -3 and 2,5 are
 * refused there, with a field issue the dialog words); only text that is no number stops here.
 */
export function parseLimitText(text: string): ParsedLimit {
  // "1.000", "1,000", "1 000": a limit is a whole number, so a group of three digits is thousands.
  const trimmed = text.trim().replace(/(?<=\d)[\s.,\u00a0\u202f'](?=\d{3}(?:\D|$))/g, '');
  if (trimmed === '') return { kind: 'empty' };
  if (!/^[-+]?\d+(?:[.,]\d+)?$/.test(trimmed)) return { kind: 'unreadable' };
  return { kind: 'number', value: Number(trimmed.replace(',', '.')) };
}

/** The issue a field that holds no number gets, worded like the service's own (see fieldIssueText). */
export function unreadableLimitIssue(window: LimitWindow): ApiFieldIssue {
  return { path: ['limits', window], kind: 'invalid_type', expected: 'int', message: 'Enter a whole number.' };
}

/** The campaign's limits as campaigns.create takes them: null when every field is empty. */
export function campaignLimitsOf(texts: LimitTexts): { limits: WindowLimits | null; unreadable: ApiFieldIssue[] } {
  const unreadable: ApiFieldIssue[] = [];
  const values: Record<LimitWindow, number | null> = { perMinute: null, perHour: null, perDay: null };
  for (const window of limitWindows) {
    const parsed = parseLimitText(texts[window]);
    if (parsed.kind === 'unreadable') unreadable.push(unreadableLimitIssue(window));
    else if (parsed.kind === 'number') values[window] = parsed.value;
  }
  const empty = limitWindows.every((window) => values[window] === null);
  return { limits: empty ? null : values, unreadable };
}

/** The limits each sending SIM would work under, for the duration estimate (unusable input counts as empty). */
export function limitsForEstimate(sims: readonly ModemSummary[], campaign: WindowLimits | null): WindowLimits[] {
  const usable = (limit: number | null) => (limit !== null && Number.isInteger(limit) && limit >= 1 ? limit : null);
  const chosen = campaign ? { perMinute: usable(campaign.perMinute), perHour: usable(campaign.perHour), perDay: usable(campaign.perDay) } : null;
  return sims.map((sim) => effectiveLimits(sim.limits, chosen));
}
