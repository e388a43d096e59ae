// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { ModemSummary } from '../../../src-shared/api';
import { fieldIssueText } from '../../app/field-issue-text';
import { campaignLimitsOf, limitsForEstimate, parseLimitText, sendingSims, simLimitPlaceholder, whyNotSending } from './campaign-sims';

function modem(simId: number, overrides: Partial<ModemSummary> = {}): ModemSummary {
  return {
    simId,
    label: `Modem ${simId}`,
    path: `/dev/ttyUSB${simId}`,
    state: 'ready',
    inService: true,
    problem: null,
    manufacturer: null,
    model: null,
    imei: null,
    operator: 'Telekom.de',
    signalBars: 4,
    partsSent: 0,
    demo: true,
    sentToday: 0,
    limits: { perMinute: 30, perHour: null, perDay: 1000 },
    pinRefused: null,
    balance: null,
    balanceCode: '*100#',
    ...overrides,
  };
}

describe('parseLimitText', () => {
  it('reads whole numbers the way people type them, and leaves the judging of numbers to the service', () => {
    expect(parseLimitText('')).toEqual({ kind: 'empty' });
    expect(parseLimitText('  ')).toEqual({ kind: 'empty' });
    expect(parseLimitText(' 20 ')).toEqual({ kind: 'number', value: 20 });
    expect(parseLimitText('1.000')).toEqual({ kind: 'number', value: 1000 });
    expect(parseLimitText('1,000')).toEqual({ kind: 'number', value: 1000 });
    expect(parseLimitText('1 000')).toEqual({ kind: 'number', value: 1000 });
    expect(parseLimitText('2,5')).toEqual({ kind: 'number', value: 2.5 });
    expect(parseLimitText('0')).toEqual({ kind: 'number', value: 0 });
    expect(parseLimitText('-3')).toEqual({ kind: 'number', value: -3 });
    expect(parseLimitText('zwanzig')).toEqual({ kind: 'unreadable' });
    expect(parseLimitText('20/min')).toEqual({ kind: 'unreadable' });
  });
});

describe('campaignLimitsOf', () => {
  it('is null when every field is empty (the SIMs\' own limits apply)', () => {
    expect(campaignLimitsOf({ perMinute: '', perHour: ' ', perDay: '' })).toEqual({ limits: null, unreadable: [] });
  });

  it('sends what was typed, and words text that is no number like the service would', () => {
    const { limits, unreadable } = campaignLimitsOf({ perMinute: '10', perHour: 'viele', perDay: '' });
    expect(limits).toEqual({ perMinute: 10, perHour: null, perDay: null });
    expect(unreadable.map((issue) => issue.path)).toEqual([['limits', 'perHour']]);
    expect(unreadable[0] && fieldIssueText(unreadable[0], 'de')).toBe('Eine ganze Zahl eingeben, z. B. 20.');
  });
});

describe('the SIM choice', () => {
  const modems = [modem(1), modem(2, { state: 'unplugged' }), modem(3, { limits: { perMinute: 10, perHour: 300, perDay: null } }), modem(4, { state: 'pin-required' })];

  it('sends through every ready modem, or through the chosen ones that are ready', () => {
    expect(sendingSims(modems, { mode: 'all', simIds: [] }).map((sim) => sim.simId)).toEqual([1, 3]);
    expect(sendingSims(modems, { mode: 'chosen', simIds: [2, 3] }).map((sim) => sim.simId)).toEqual([3]);
    expect(sendingSims(modems, { mode: 'chosen', simIds: [] })).toEqual([]);
  });

  it('explains a modem that cannot send', () => {
    expect(whyNotSending(modems[0] as ModemSummary)).toBeNull();
    expect(whyNotSending(modem(5, { state: 'unplugged' }))).toBe('campaignSims.why.unplugged');
    expect(whyNotSending(modem(5, { state: 'hung' }))).toBe('campaignSims.why.hung');
    expect(whyNotSending(modem(5, { state: 'pin-required' }))).toBe('campaignSims.why.pinRequired');
    expect(whyNotSending(modem(5, { inService: false }))).toBe('campaignSims.why.notInService');
  });

  it("shows the chosen SIMs' own limits as what an empty field means", () => {
    expect(simLimitPlaceholder(modems, { mode: 'chosen', simIds: [1] }, 'perMinute')).toEqual({ key: 'campaignLimits.simLimit', values: { limit: 30 } });
    expect(simLimitPlaceholder(modems, { mode: 'all', simIds: [] }, 'perMinute')).toEqual({ key: 'campaignLimits.simLimits', values: { low: 10, high: 30 } });
    // SIM 1 has no hourly limit of its own.
    expect(simLimitPlaceholder(modems, { mode: 'all', simIds: [] }, 'perHour')).toEqual({ key: 'campaignLimits.noSimLimit' });
    expect(simLimitPlaceholder(modems, { mode: 'chosen', simIds: [3] }, 'perHour')).toEqual({ key: 'campaignLimits.simLimit', values: { limit: 300 } });
  });

  it('estimates with the stricter limit per SIM, ignoring input the service would refuse', () => {
    const sims = sendingSims(modems, { mode: 'all', simIds: [] });
    expect(limitsForEstimate(sims, { perMinute: 20, perHour: 0, perDay: null })).toEqual([
      { perMinute: 20, perHour: null, perDay: 1000 },
      { perMinute: 10, perHour: 300, perDay: null },
    ]);
  });
});
